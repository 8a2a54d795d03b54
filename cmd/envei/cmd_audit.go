package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/pflag"

	"envei/intake"
	"envei/store"
)

func auditCommand() command {
	return command{
		name:    "audit",
		args:    "--patient REF|NATIONAL_ID | --review [--from DATE] [--to DATE]",
		summary: "who accessed a patient's data, or the accesses for the monthly review",
		long: `Every read of a patient's identifiable data is in the access log: the
referral view, the assessment, the treatment, a printed note or GP letter, a
lookup by national id while registering, an identifiable export or import.
So is every change to one patient's referral, as write:KIND (write:schedule,
write:attendance, write:route, write:withdraw, write:assessment,
write:treatment_session, write:treatment_close); anyone but the patient's
own clinician (or the registrar before the draw) makes it only with a
reason. Each row says who, in which role, when, what, and on what basis: the
patient's own clinician ("assigned"), the one registering before a clinician
is drawn ("registrar"), anyone else with a reason ("break_glass"), an admin's
bulk export or import ("bulk"), or a supervisor reading this audit ("audit").

--patient lists everything that touched one patient — reads and changes — as
the patient is entitled to see it; give the ref, or the national id for all
of the person's referrals. The lookup is itself logged.

--review lists the accesses the monthly review looks at: every one not made
by the patient's own clinician, break-the-glass with its reason first in
importance, for the days --from to --to (Norwegian dates; open ends allowed).
When envei serve served anyone in the period, it then lists the sessions per
person: how many began and ended, how many were refused (too many open), and
the first and last login. Each login's key and address are in the access
log's rows.

Supervisors and admins only. Times are Norwegian local time.`,
		setup: func(fs *pflag.FlagSet) runner {
			patient := fs.String("patient", "", "the patient's `REF` or national id")
			review := fs.Bool("review", false, "list the accesses for the monthly review")
			var period reportFlags
			fs.StringVar(&period.from, "from", "", "review accesses on or after `DATE` (YYYY-MM-DD)")
			fs.StringVar(&period.to, "to", "", "review accesses on or before `DATE` (YYYY-MM-DD)")
			return func(ctx context.Context, a *app, args []string) error {
				switch {
				case len(args) > 0:
					return usagef("takes no arguments; the patient goes in --patient")
				case (*patient == "") == !*review:
					return usagef("give either --patient REF|NATIONAL_ID or --review")
				case *patient != "" && (period.from != "" || period.to != ""):
					return usagef("--from and --to go with --review")
				}
				from, to, err := period.parse()
				if err != nil {
					return err
				}
				s, who, err := a.openAs(ctx, openOptions{})
				if err != nil {
					return err
				}
				defer s.Close()
				if err := require(who, intake.RoleSupervisor, "the access log"); err != nil {
					return err
				}
				if *review {
					records, err := s.AccessReview(ctx, who, from, to)
					if err != nil {
						return err
					}
					sessions, err := s.SessionReview(ctx, who, from, to)
					if err != nil {
						return err
					}
					if len(records) == 0 {
						fmt.Fprintf(a.stdout, "No accesses to review %s.\n", periodText(from, to))
					} else if err := printAccess(a, records); err != nil {
						return err
					}
					return printSessions(a, sessions, from, to)
				}
				records, err := s.PatientAccess(ctx, who, *patient)
				if err != nil {
					return err
				}
				return printAccess(a, records)
			}
		},
	}
}

// printAccess prints access records as a table. Each row names its ref:
// the review spans patients, and a person may have had several referrals.
// Every stored string is neutralised (intake.SafeText): a reason stored
// before control characters were refused must not erase or forge a row on
// the reviewer's terminal.
func printAccess(a *app, records []intake.AccessRecord) error {
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "WHEN\tREF\tWHO\tROLE\tWHAT\tBASIS\tREASON")
	for _, r := range records {
		ref := r.Ref
		if ref == "" {
			ref = "(bulk)"
		}
		cells := []string{localStamp(r.At), ref, r.Actor, dashIfEmpty(string(r.Role)),
			r.What, dashIfEmpty(string(r.Basis)), r.Reason}
		for i, c := range cells {
			cells[i] = intake.SafeText(c)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}

// printSessions prints the served sessions per person, after the
// accesses; nothing when nobody logged in over SSH in the period (a
// reception that uses envei only locally has no sessions to review).
func printSessions(a *app, sessions []store.SessionSummary, from, to intake.Date) error {
	if len(sessions) == 0 {
		return nil
	}
	fmt.Fprintf(a.stdout, "\nSessions over SSH (envei serve) %s:\n", periodText(from, to))
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "WHO\tSESSIONS\tENDED\tREFUSED\tFIRST LOGIN\tLAST LOGIN")
	for _, s := range sessions {
		first, last := "–", "–"
		if s.FirstLogin != "" {
			first, last = localStamp(s.FirstLogin), localStamp(s.LastLogin)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%s\n", intake.SafeText(s.Actor), s.Logins, s.Logouts, s.Refused, first, last)
	}
	return tw.Flush()
}

// localStamp shows a stored UTC timestamp in Norwegian time.
func localStamp(at string) string {
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return at
	}
	return t.In(intake.Oslo).Format("2006-01-02 15:04:05")
}

func dashIfEmpty(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
