package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"envei/intake"
	"envei/store"
)

func statusCommand() command {
	return command{
		name:    "status",
		summary: "show the database, who you are and how many referrals are in each state",
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
				return printStatus(ctx, a, s)
			}
		},
	}
}

func printStatus(ctx context.Context, a *app, s *store.Store) error {
	who, err := a.actor(ctx, s)
	if err != nil {
		return err
	}
	counts, err := s.CountByState(ctx)
	if err != nil {
		return err
	}
	kind := "database"
	if s.IsTest() {
		kind = "TEST database (synthetic data)"
	}
	fmt.Fprintf(a.stdout, "%s %s\nYou are %s (%s, %s).\n\n", kind, intake.SafeText(s.Path()), intake.SafeText(who.Username),
		who.Role, intake.SafeText(orgText(who.Org)))
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	total := 0
	for _, st := range intake.States {
		fmt.Fprintf(tw, "%s\t%d\t\n", st, counts[st])
		total += counts[st]
	}
	fmt.Fprintf(tw, "total\t%d\t\n", total)
	return tw.Flush()
}
