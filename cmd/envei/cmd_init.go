package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/pflag"
)

func initCommand() command {
	return command{
		name:    "init",
		summary: "create a new database (init, demo and import create one; other commands refuse a missing one)",
		long: `Creates the database with the default service catalogue and puts you, the
OS user running envei, on the roster as admin. The folder is created with
mode 0700 and the file with mode 0600.

A test database (--test) accepts synthetic national ids (Test-Norge, month
+ 80) and the console marks it as test data; a normal one refuses them.`,
		setup: func(fs *pflag.FlagSet) runner {
			test := fs.Bool("test", false, "create a test database that accepts synthetic national ids")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) > 0 {
					return usagef("takes no arguments")
				}
				loc, err := a.dbPath()
				if err != nil {
					return err
				}
				path := loc.path
				if _, err := os.Stat(path); err == nil {
					return fmt.Errorf("%s already exists; envei leaves it as it is", path)
				} else if !errors.Is(err, os.ErrNotExist) {
					return err
				}
				s, who, err := a.openAs(ctx, openOptions{create: true, test: *test})
				if err != nil {
					return err
				}
				defer s.Close()
				kind := "database"
				if s.IsTest() {
					kind = "test database"
				}
				fmt.Fprintf(a.stdout, "Created %s %s\nYou (%s) are on the roster as admin.\n", kind, s.Path(), who.Username)
				fmt.Fprintf(a.stdout, "Next: add clinicians with 'envei clinician add', or explore with 'envei demo' on a new --db.\n")
				return nil
			}
		},
	}
}
