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

func importCommand() command {
	return command{
		name:    "import",
		args:    "FILE.csv | -",
		summary: "load referrals from a CSV file (all rows or none)",
		long: `Reads the CSV interchange format described in README.md (the same format
'envei export' writes): UTF-8 with or without BOM, comma or semicolon. The
import is one transaction: every row lands or none does. Bad rows are listed
(up to 50) as "line N, column C: reason" and nothing is written; the
messages never repeat a value from the file. Needs the role admin.`,
		setup: func(fs *pflag.FlagSet) runner {
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 1 {
					return usagef("needs one FILE, or - for standard input")
				}
				var in io.Reader = a.stdin
				if args[0] != "-" {
					if a.remote {
						return errRemoteFile
					}
					f, err := os.Open(args[0])
					if err != nil {
						return err
					}
					defer f.Close()
					in = f
				}
				s, who, err := a.openAs(ctx, openOptions{create: true})
				if err != nil {
					return err
				}
				defer s.Close()
				if err := require(who, intake.RoleAdmin, "importing"); err != nil {
					return err
				}
				bar := a.progressBar("importing", 0)
				res, err := s.Import(ctx, who, in, bar.update)
				bar.done()
				var bad intake.RowErrors
				if errors.As(err, &bad) {
					for _, e := range bad {
						fmt.Fprintln(a.stderr, e.Error())
					}
					more := ""
					if len(bad) >= store.MaxListedErrors {
						more = " (listing stops at " + fmt.Sprint(store.MaxListedErrors) + ")"
					}
					return fmt.Errorf("%d problems%s; nothing was imported", len(bad), more)
				}
				if err != nil {
					return importError(err)
				}
				fmt.Fprintf(a.stdout, "Imported %d referrals into %s.\n", res.Rows, s.Path())
				return nil
			}
		},
	}
}

// importError adds the fix to errors whose cause a user can act on.
func importError(err error) error {
	if strings.Contains(err.Error(), "synthetic") {
		return fmt.Errorf("%w\n  synthetic ids belong in a test database: envei init --test --db PATH", err)
	}
	return err
}
