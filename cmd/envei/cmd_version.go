package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/pflag"

	"envei/store"
)

// version is set at release time with -ldflags "-X main.version=…"; a
// development build reports its VCS revision when Go recorded one.
var version = "0.1.0-dev"

func versionCommand() command {
	return command{
		name:    "version",
		summary: "print the version of envei and of its bundled SQLite",
		setup: func(fs *pflag.FlagSet) runner {
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) > 0 {
					return usagef("takes no arguments")
				}
				return printVersion(a)
			}
		},
	}
}

func printVersion(a *app) error {
	v := version
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += "+" + s.Value[:12]
			}
		}
	}
	sqliteVersion, err := store.SQLiteVersion()
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "envei %s (SQLite %s, schema %d, %s)\n", v, sqliteVersion, store.SchemaVersion(), runtime.Version())
	return nil
}
