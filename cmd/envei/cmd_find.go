package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"envei/intake"
)

// findLimit bounds a search by name: a name search is for finding one
// person, not for listing the database.
const findLimit = 200

func patientFindCommand() command {
	return command{
		name:    "find",
		args:    "NATIONAL_ID | NAME",
		summary: "find a patient's referrals, open and closed, by national id or name",
		long: `Lists the referrals that match, open and closed, with their state: ref, the
day received, the way in, the clinician and the state. No name or national id
is printed.

Eleven digits (spaces allowed) search by national id: every referral of that
person, newest first. Each referral found is logged in the access log as a
lookup, as the duplicate check does while registering. Anything else searches
by part of the name (or the start of a ref), as the console's worklist search
does; that search is not logged (see SECURITY.md). Open a referral found with
the console, or print its history with 'envei referral history REF'.`,
		setup: func(fs *pflag.FlagSet) runner {
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) == 0 {
					return usagef("needs a NATIONAL_ID or a NAME")
				}
				text := strings.TrimSpace(strings.Join(args, " "))
				if text == "" {
					return usagef("needs a NATIONAL_ID or a NAME")
				}
				s, who, err := a.openAs(ctx, openOptions{})
				if err != nil {
					return err
				}
				defer s.Close()
				if err := require(who, intake.RoleClinician, "finding a patient"); err != nil {
					return err
				}
				var rows []intake.WorklistRow
				if id, ok := intake.NationalIDQuery(text); ok {
					rows, err = s.FindByNationalID(ctx, who, id)
				} else {
					rows, err = s.Worklist(ctx, intake.WorklistQuery{Scope: intake.ScopeAll, Search: text, Limit: findLimit})
				}
				if err != nil {
					return err
				}
				if len(rows) == 0 {
					fmt.Fprintln(a.stderr, "No referral found.")
					return nil
				}
				return printReferralRows(a.stdout, rows)
			}
		},
	}
}

// printReferralRows prints the administrative columns of referrals found.
func printReferralRows(w io.Writer, rows []intake.WorklistRow) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "REF\tRECEIVED\tFROM\tCLINICIAN\tSTATE")
	for _, r := range rows {
		from := string(r.Channel)
		if r.Channel == intake.ChannelGP {
			from += "→" + string(r.AddressedTo)
		}
		clinician := r.Clinician
		if clinician == "" {
			clinician = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Ref, r.Received, from, clinician, r.State)
	}
	return tw.Flush()
}
