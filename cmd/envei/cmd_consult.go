package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"envei/intake"
)

func consultCommand() command {
	return command{
		name:    "consult",
		args:    "REF --senior | --gp",
		summary: "record a consultation with the senior psychiatrist or a phone call with the GP's office",
		long: `Records on a referral that the reception consulted the senior DPS psychiatrist
(--senior: the question, the advice, and --medication-reviewed when the
medication was reviewed), or phoned the patient's GP's office (--gp: who the
reception spoke to, and the outcome), and when (--date, default today, and
--time, the time of day in Norway). The text may hold line breaks; no other
control characters.

The consultation goes in the referral's timeline, in the transfer note (the
receiving service takes over the care, so it needs the advice and what was
agreed with the GP), and in the counts of envei stats.

Examples:
  envei consult 2026-00042 --senior --time 14:30 \
      --question "Start an SSRI?" --advice "Sertraline 50 mg; review in 4 weeks." --medication-reviewed
  envei consult 2026-00042 --gp --date 2026-11-20 --time 8:40 \
      --with "the office nurse" --outcome "The GP calls the patient today."

A consultation is written to the patient's record: the clinician the patient
is assigned to records it; anyone else gives --reason (at least 10
characters), which goes to the access log and the supervisors' monthly review.`,
		setup: func(fs *pflag.FlagSet) runner {
			senior := fs.Bool("senior", false, "a consultation with the senior DPS psychiatrist")
			gp := fs.Bool("gp", false, "a phone consultation with the GP's office")
			date := fs.String("date", "", "the day it was held, `YYYY-MM-DD` (default today)")
			clock := fs.String("time", "", "the time of day it was held, `HH:MM` (required)")
			question := fs.String("question", "", "--senior: the question put (`TEXT`)")
			advice := fs.String("advice", "", "--senior: the advice given (`TEXT`)")
			medication := fs.Bool("medication-reviewed", false, "--senior: the medication was reviewed")
			with := fs.String("with", "", `--gp: who the reception spoke to ("the GP", "the office nurse")`)
			outcome := fs.String("outcome", "", "--gp: what came of it (`TEXT`)")
			reason := fs.String("reason", "", "why you record on a patient not assigned to you (`TEXT`, logged and reviewed)")
			return func(ctx context.Context, a *app, args []string) error {
				set := func(name string) bool { return fs.Changed(name) }
				switch {
				case len(args) != 1:
					return usagef("needs one REF")
				case *senior == *gp:
					return usagef("give one of --senior or --gp")
				case *clock == "":
					return usagef("--time is required (HH:MM)")
				case *senior && (set("with") || set("outcome")):
					return usagef("--with and --outcome are for --gp")
				case *gp && (set("question") || set("advice") || set("medication-reviewed")):
					return usagef("--question, --advice and --medication-reviewed are for --senior")
				case *senior && (strings.TrimSpace(*question) == "" || strings.TrimSpace(*advice) == ""):
					return usagef("--senior needs --question and --advice")
				case *gp && (strings.TrimSpace(*with) == "" || strings.TrimSpace(*outcome) == ""):
					return usagef("--gp needs --with and --outcome")
				}
				day := intake.DateOf(a.now(), intake.Oslo)
				if *date != "" {
					var err error
					if day, err = intake.ParseDate(*date); err != nil {
						return usagef("--date must be YYYY-MM-DD")
					}
				}
				c := intake.Consultation{Kind: intake.ConsultSenior, Date: day, Clock: *clock,
					Question: *question, Advice: *advice, MedicationReviewed: *medication}
				if *gp {
					c = intake.Consultation{Kind: intake.ConsultGP, Date: day, Clock: *clock, Contact: *with, Outcome: *outcome}
				}
				s, who, err := a.openAs(ctx, openOptions{})
				if err != nil {
					return err
				}
				defer s.Close()
				saved, err := s.RecordConsultation(ctx, intake.Access{Who: who, Reason: *reason}, args[0], c)
				if errors.Is(err, intake.ErrNeedReason) {
					// The hint names no ref: what was typed stays out of messages.
					return fmt.Errorf("%w\n  if your work needs it: envei consult REF … --reason \"…\"", err)
				}
				if err != nil {
					return err
				}
				what := "consultation with the senior psychiatrist"
				if saved.Kind == intake.ConsultGP {
					what = "phone consultation with the GP's office"
				}
				fmt.Fprintf(a.stdout, "%s: %s on %s at %s recorded.\n", args[0], what, saved.Date, saved.Clock)
				return nil
			}
		},
	}
}
