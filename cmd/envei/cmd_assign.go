package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/pflag"

	"envei/intake"
	"envei/store"
)

func assignCommand() command {
	return command{
		name:    "assign",
		args:    "REF | --unassigned",
		summary: "draw a clinician at random for a referral",
		long: `Each referral gets a clinician drawn uniformly at random from those on the
roster with the role clinician and not on leave, whichever organisation they
come from. Every draw is recorded: who was eligible, who was drawn, by whom
and when ('envei assign REF --history' shows it).

A referral that has a clinician is reassigned only by a supervisor, with
--reason; the new draw leaves the current clinician out and the old draw
stays in the history.`,
		setup: func(fs *pflag.FlagSet) runner {
			unassigned := fs.Bool("unassigned", false, "draw for every referral that has no clinician yet")
			reason := fs.String("reason", "", "reassign an assigned referral, saying why (supervisors)")
			history := fs.Bool("history", false, "show the draws recorded for REF instead of drawing")
			return func(ctx context.Context, a *app, args []string) error {
				switch {
				case *unassigned && len(args) > 0:
					return usagef("give either REF or --unassigned, not both")
				case !*unassigned && len(args) != 1:
					return usagef("needs one REF, or --unassigned")
				case *unassigned && (*reason != "" || *history):
					return usagef("--unassigned draws only for unassigned referrals; --reason and --history need one REF")
				}
				s, who, err := a.openAs(ctx, openOptions{})
				if err != nil {
					return err
				}
				defer s.Close()
				if *history {
					return printDraws(ctx, a, s, args[0])
				}
				if *unassigned {
					done, err := s.AssignUnassigned(ctx, who, a.random)
					if err != nil {
						return assignError(err)
					}
					for _, as := range done {
						printAssignment(a, as)
					}
					fmt.Fprintf(a.stdout, "%d referrals assigned.\n", len(done))
					return nil
				}
				var as store.Assignment
				if *reason != "" {
					as, err = s.Reassign(ctx, who, args[0], *reason, a.random)
					if errors.Is(err, store.ErrForbidden) {
						return require(who, intake.RoleSupervisor, "reassigning")
					}
				} else {
					as, err = s.Assign(ctx, who, args[0], a.random)
				}
				if err != nil {
					return assignError(err)
				}
				printAssignment(a, as)
				return nil
			}
		},
	}
}

func assignError(err error) error {
	switch {
	case errors.Is(err, store.ErrAlreadyAssigned):
		return fmt.Errorf("%w\n  a supervisor can reassign with: envei assign REF --reason \"…\"", err)
	case errors.Is(err, intake.ErrNoEligible):
		return fmt.Errorf("%w\n  add one with: envei clinician add USERNAME --name \"…\" --org dps|municipal, or bring one back from leave", err)
	}
	return err
}

func printAssignment(a *app, as store.Assignment) {
	fmt.Fprintf(a.stdout, "%s → %s (drawn from %d: %s)\n", intake.SafeText(as.Ref), intake.SafeText(as.Draw.Drawn),
		len(as.Draw.Eligible), intake.SafeText(fmt.Sprint(as.Draw.Eligible)))
}

func printDraws(ctx context.Context, a *app, s *store.Store, ref string) error {
	if _, err := s.ReferralVersion(ctx, ref); err != nil {
		return err
	}
	draws, err := s.Draws(ctx, ref)
	if err != nil {
		return err
	}
	if len(draws) == 0 {
		fmt.Fprintf(a.stdout, "%s has no recorded draws.\n", ref)
	}
	for _, d := range draws {
		// Stored strings are neutralised: a reason stored before control
		// characters were refused must not forge a line of the history.
		fmt.Fprintf(a.stdout, "%s  %s drew %s from %s", intake.SafeText(d.DrawnAt), intake.SafeText(d.DrawnBy),
			intake.SafeText(d.Drawn), intake.SafeText(fmt.Sprint(d.Eligible)))
		if d.Reason != "" {
			fmt.Fprintf(a.stdout, "  reason: %s", intake.SafeText(d.Reason))
		}
		fmt.Fprintln(a.stdout)
	}
	return nil
}
