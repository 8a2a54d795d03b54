package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"envei/intake"
	"envei/store"
)

func checkCommand() command {
	return command{
		name:    "check",
		summary: "check the database: integrity, foreign keys, schema, the hash chains of the trail and the access log",
		long: `Exits 0 when the database is sound and 1, naming what is wrong, when it is not.

Besides SQLite's own checks it compares every table, index and trigger with
what the migrations made, and verifies the hash chains of the event trail,
the access log, the random draws and the completed assessments: a row
changed, deleted or put in between is named by table and row id. The
roster must also agree with the trail of roster changes.

--anchor prints one line that stands for the chains as they are now. Write
it down, or store it away from the database: a later check --since LINE
proves that nothing up to it changed, which also catches the last rows
deleted, or the chains written again from some row on, that the chains
alone cannot show. It then says what came after.`,
		setup: func(fs *pflag.FlagSet) runner {
			printAnchor := fs.Bool("anchor", false, "print only the anchor line (after every check has passed)")
			since := fs.String("since", "", "prove that nothing up to this anchor changed, and say what came after it")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) > 0 {
					return usagef("takes no arguments")
				}
				if *since != "" {
					if err := store.ValidateAnchor(*since); err != nil {
						return usagef("--since: %v", err)
					}
				}
				s, err := a.open(ctx, openOptions{})
				if err != nil {
					return err
				}
				defer s.Close()
				rep, err := s.Check(ctx)
				if err != nil {
					return err
				}
				schema, err := s.VerifySchema(ctx)
				if err != nil {
					return err
				}
				chains, err := s.VerifyChains(ctx, *since)
				if err != nil {
					return err
				}
				problems := append(append(rep.Problems, schema...), chains.Problems...)
				out := a.stdout
				if *printAnchor {
					out = io.Discard
				}
				fmt.Fprintf(out, "database        %s\nintegrity       %s\nforeign keys    %d problems\nschema version  %d (this envei: %d)\napplication id  %#x\n",
					s.Path(), rep.Integrity, rep.ForeignKeys, rep.SchemaVersion, store.SchemaVersion(), rep.ApplicationID)
				fmt.Fprintf(out, "schema objects  %s\n", countText(len(schema), "as the migrations made them"))
				fmt.Fprintf(out, "chains          %s\n", chainCounts(chains.Chains))
				if *since != "" {
					fmt.Fprintf(out, "since anchor    %s\n", sinceText(chains.Since))
				}
				if len(problems) > 0 {
					for _, p := range problems {
						fmt.Fprintln(a.stderr, p)
					}
					return errors.New("the database has problems; restore a backup (envei restore) or ask for help")
				}
				if *printAnchor {
					fmt.Fprintln(a.stdout, chains.Anchor)
					return nil
				}
				fmt.Fprintf(out, "anchor          %s\n", chains.Anchor)
				fmt.Fprintln(out, "ok")
				return nil
			}
		},
	}
}

// countText is "ok, what" or "N problems".
func countText(problems int, what string) string {
	if problems == 0 {
		return "ok, " + what
	}
	return fmt.Sprintf("%d problems", problems)
}

// chainCounts lists every chain's links: "events 12, access_log 3, …".
func chainCounts(chains []store.ChainStatus) string {
	parts := make([]string, len(chains))
	for i, c := range chains {
		parts[i] = fmt.Sprintf("%s %d", c.Name, c.Count)
	}
	return strings.Join(parts, ", ")
}

// sinceText says what the chains gained after an anchor.
func sinceText(added []store.SinceCount) string {
	if len(added) == 0 {
		return "nothing added"
	}
	parts := make([]string, len(added))
	for i, c := range added {
		parts[i] = fmt.Sprintf("%s +%d", c.Name, c.Added)
	}
	return strings.Join(parts, ", ") + " added"
}

func backupCommand() command {
	return command{
		name:    "backup",
		args:    "DEST",
		summary: "write a consistent copy of the database to DEST while others keep working",
		long: `Takes a snapshot (VACUUM INTO a temporary file), checks it (integrity,
foreign keys, and the hash chains: a database whose trail or access log
was changed outside envei is not backed up as sound), syncs it to disk
and only then gives it the name DEST, so DEST is never a half-written copy.
It refuses to overwrite DEST. The copy holds patient data: it gets mode 0600.
Needs the role admin.`,
		setup: func(fs *pflag.FlagSet) runner {
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 1 {
					return usagef("needs one DEST")
				}
				if loc, err := a.dbPath(); err == nil && store.IsServer(loc.path) {
					return store.ErrServerBackup
				}
				s, who, err := a.openAs(ctx, openOptions{})
				if err != nil {
					return err
				}
				defer s.Close()
				if err := require(who, intake.RoleAdmin, "taking a backup"); err != nil {
					return err
				}
				if err := s.Backup(ctx, who, args[0]); err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "Wrote a checked backup of %s to %s.\n", s.Path(), args[0])
				return nil
			}
		},
	}
}

func restoreCommand() command {
	return command{
		name:    "restore",
		args:    "SRC",
		summary: "replace the database with the backup SRC (when nobody has it open)",
		long: `Checks SRC first (integrity, foreign keys, envei schema, and for a backup
of this version the hash chains: a backup changed outside envei is not put
back). Refuses while any
other envei has the database open. The replaced database is kept beside it
as DB.replaced-TIMESTAMP, never deleted. Needs the role admin in the
database being replaced.`,
		setup: func(fs *pflag.FlagSet) runner {
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 1 {
					return usagef("needs one SRC")
				}
				loc, err := a.dbPath()
				if err != nil {
					return err
				}
				path := loc.path
				if store.IsServer(path) {
					return store.ErrServerBackup
				}
				if _, err := os.Stat(path); err == nil {
					s, err := a.open(ctx, openOptions{})
					if err != nil {
						return err
					}
					who, err := a.actor(ctx, s)
					if err == nil {
						err = require(who, intake.RoleAdmin, "restoring")
					}
					s.Close()
					if err != nil {
						return err
					}
				}
				aside, err := store.Restore(ctx, args[0], path, a.now())
				if err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "Restored %s from %s.\n", path, args[0])
				if aside != "" {
					fmt.Fprintf(a.stdout, "The replaced database is kept as %s.\n", aside)
				}
				return nil
			}
		},
	}
}
