package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"envei/intake"
	"envei/store"
)

func copyCommand() command {
	return command{
		name:    "copy",
		summary: "copy the whole database to a PostgreSQL server or a new file (moving a reception)",
		long: `Copies every table of the database (--db) to --to: a postgres:// DSN naming an
empty database, or the path of a new SQLite file. Rows keep their ids, refs
and hashes, so the hash chains verify on the copy with the same anchor.
Everything goes in one transaction: a copy broken off leaves nothing there.
Before that transaction commits, the copy is read back and each table's row
count and digest and the chains' anchor must equal the source's; they are
printed. The source takes no writes while it is copied.

The copy discloses every patient: it is recorded in the source's access log
(and, being copied with it, in the copy's). Needs the role admin.
A destination that holds anything is refused and left as it was.`,
		setup: func(fs *pflag.FlagSet) runner {
			to := fs.String("to", "", "destination: a `postgres://` DSN or a new file's path")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) > 0 {
					return usagef("takes no arguments; the destination is --to")
				}
				if *to == "" {
					return usagef("needs --to DEST (a postgres:// DSN or a new file's path)")
				}
				// Any other URL taken for a file name would be a folder
				// named after its scheme; only the scheme is repeated, the
				// rest may hold a password.
				if m := urlScheme.FindStringSubmatch(*to); m != nil && !store.IsServer(*to) {
					return usagef("--to %s://… is a URL, not a file; pass a postgres:// address or a new file's path", strings.ToLower(m[1]))
				}
				s, who, err := a.openAs(ctx, openOptions{})
				if err != nil {
					return err
				}
				defer s.Close()
				if err := require(who, intake.RoleAdmin, "copying the database"); err != nil {
					return err
				}
				bar := a.rateProgress("copying")
				rep, err := s.CopyTo(ctx, who, *to, bar.update)
				bar.done()
				if err != nil {
					return err
				}
				// The names in one column, however long the longest.
				width := 0
				for _, t := range rep.Tables {
					width = max(width, len(t.Table))
				}
				for _, t := range rep.Tables {
					fmt.Fprintf(a.stdout, "%-*s %10d rows  sha256 %s\n", width, t.Table, t.Rows, t.Digest)
				}
				fmt.Fprintf(a.stdout, "anchor %s\n", rep.Anchor)
				fmt.Fprintf(a.stdout, "Copied %d rows from %s to %s; both hold the same.\n",
					rep.Rows(), s.Path(), store.DisplayName(*to))
				return nil
			}
		},
	}
}

// rateBar shows a running count of rows and their rate on standard error
// when it is a terminal, as the import's progress does.
type rateBar struct {
	a     *app
	label string
	start time.Time
	shown bool
}

func (a *app) rateProgress(label string) *rateBar {
	return &rateBar{a: a, label: label, start: time.Now()}
}

func (b *rateBar) update(done int) {
	if !b.a.isTerminal(b.a.stderr) {
		return
	}
	b.shown = true
	rate := 0
	if secs := time.Since(b.start).Seconds(); secs > 0 {
		rate = int(float64(done) / secs)
	}
	fmt.Fprintf(b.a.stderr, "\r%s: %d rows (%d rows/s)  ", b.label, done, rate)
}

func (b *rateBar) done() {
	if b.shown {
		fmt.Fprintln(b.a.stderr)
	}
}
