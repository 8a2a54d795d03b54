package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"envei/intake"
	"envei/store"
)

func checkCommand() command {
	return command{
		name:    "check",
		summary: "check the database: integrity, foreign keys, schema version, application id",
		long:    `Exits 0 when the database is sound and 1, naming what is wrong, when it is not.`,
		setup: func(fs *pflag.FlagSet) runner {
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) > 0 {
					return usagef("takes no arguments")
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
				fmt.Fprintf(a.stdout, "database        %s\nintegrity       %s\nforeign keys    %d problems\nschema version  %d (this envei: %d)\napplication id  %#x\n",
					s.Path(), rep.Integrity, rep.ForeignKeys, rep.SchemaVersion, store.SchemaVersion(), rep.ApplicationID)
				if len(rep.Problems) > 0 {
					for _, p := range rep.Problems {
						fmt.Fprintln(a.stderr, p)
					}
					return errors.New("the database has problems; restore a backup (envei restore) or ask for help")
				}
				fmt.Fprintln(a.stdout, "ok")
				return nil
			}
		},
	}
}

func backupCommand() command {
	return command{
		name:    "backup",
		args:    "DEST",
		summary: "write a consistent copy of the database to DEST while others keep working",
		long: `Takes a snapshot (VACUUM INTO a temporary file), checks it, syncs it to disk
and only then gives it the name DEST, so DEST is never a half-written copy.
It refuses to overwrite DEST. The copy holds patient data: it gets mode 0600.
Needs the role admin.`,
		setup: func(fs *pflag.FlagSet) runner {
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 1 {
					return usagef("needs one DEST")
				}
				s, err := a.open(ctx, openOptions{})
				if err != nil {
					return err
				}
				defer s.Close()
				who, err := a.actor(ctx, s)
				if err != nil {
					return err
				}
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
		long: `Checks SRC first (integrity, foreign keys, envei schema). Refuses while any
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
