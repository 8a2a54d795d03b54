package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"envei/intake"
)

func referralCommand() command {
	return command{
		name:    "referral",
		args:    "history|void|merge|correct-route REF",
		summary: "a patient's history; correct a routing; void or merge a registration",
		long: `envei referral history REF [--reason "…"]
  Every referral of the same person (by national id), newest first, with its
  state. It opens REF's record: the patient's own clinician does so freely,
  anyone else with --reason (logged and reviewed); each other referral found
  is logged as a lookup.

envei referral correct-route REF --to CODES --reason "…" [--note "…"]
  Corrects where a routed patient went: CODES are service codes joined by +
  (as in the CSV format). The correction is a new routing version with its
  reason; the old one stays in the trail, and every report counts the latest.
  The day of the routing decision is kept. Before the transfer note with the
  routing is sent (printed), the clinician who routed corrects it; after, a
  supervisor. --note replaces the justification (kept when left out).

envei referral void REF --reason "…"
  Voids a registration that should never have been a referral of its own (a
  test entry, the wrong patient, a duplicate with nothing to merge).

envei referral merge DUP --into REF --reason "…"
  Merges the duplicate registration DUP into REF, which stays. Nothing moves:
  DUP is voided and points to REF; its events, draws and assessment stay in
  its own trail, and both trails record the merge. A duplicate whose national
  id differs from REF's is another person (or a typing error): void it.

Void and merge are a supervisor's, with a reason of at least 10 characters. A
voided or merged referral is not counted in any report (not even as
withdrawn): it never was a patient's referral of its own. It leaves the
worklist and can still be opened. For a correction, the reason also opens the
record when it is not yours (it goes to the access log and the review).`,
		setup: func(fs *pflag.FlagSet) runner {
			reason := fs.String("reason", "", "why (`TEXT`, at least 10 characters; kept in the trail)")
			into := fs.String("into", "", "merge: the referral `REF` that stays")
			to := fs.String("to", "", "correct-route: the services, `CODES` joined by +")
			note := fs.String("note", "", "correct-route: a new justification (`TEXT`)")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 2 {
					return usagef("needs an action (history, void, merge or correct-route) and a REF")
				}
				action, ref := args[0], args[1]
				switch action {
				case "history", "void", "merge", "correct-route":
				default:
					return usagef("unknown action %q: history, void, merge or correct-route", action)
				}
				switch {
				case action != "history" && strings.TrimSpace(*reason) == "":
					return usagef("%s needs --reason", action)
				case action == "merge" && *into == "":
					return usagef("merge needs --into REF, the referral that stays")
				case action != "merge" && *into != "":
					return usagef("--into belongs to merge")
				case action == "correct-route" && *to == "":
					return usagef("correct-route needs --to CODES")
				case action != "correct-route" && (*to != "" || *note != ""):
					return usagef("--to and --note belong to correct-route")
				}
				s, who, err := a.openAs(ctx, openOptions{})
				if err != nil {
					return err
				}
				defer s.Close()
				acc := intake.Access{Who: who, Reason: *reason}
				switch action {
				case "history":
					rows, err := s.PatientHistory(ctx, acc, ref)
					if errors.Is(err, intake.ErrNeedReason) {
						return fmt.Errorf("%w\n  if your work needs it: envei referral history %s --reason \"…\"", err, ref)
					}
					if err != nil {
						return err
					}
					return printReferralRows(a.stdout, rows)
				case "void":
					if err := require(who, intake.RoleSupervisor, "voiding a registration"); err != nil {
						return err
					}
					if err := s.VoidReferral(ctx, acc, ref, 0, *reason); err != nil {
						return err
					}
					fmt.Fprintf(a.stdout, "%s voided.\n", ref)
				case "merge":
					if err := require(who, intake.RoleSupervisor, "merging a duplicate"); err != nil {
						return err
					}
					if err := s.MergeReferral(ctx, acc, ref, *into, *reason); err != nil {
						return err
					}
					fmt.Fprintf(a.stdout, "%s merged into %s (voided; its trail stays with it).\n", ref, *into)
				case "correct-route":
					codes := strings.Split(*to, "+")
					row, err := s.CorrectRouting(ctx, acc, ref, 0, codes, *note, *reason)
					if err != nil {
						return err
					}
					fmt.Fprintf(a.stdout, "%s now routed to %s.\n", ref, strings.Join(row.Referral.Outcomes, "+"))
				}
				return nil
			}
		},
	}
}
