package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/pflag"

	"envei/intake"
	"envei/store"
)

func demoCommand() command {
	return command{
		name:    "demo",
		summary: "fill a new or empty database with demo data (marked as test data)",
		long: `Without --patients, loads the reconstruction of the pilot (112 GP referrals
whose outcomes give the pilot table; testdata/pilot.csv holds the same rows).
With --patients N, generates N synthetic referrals over recent years,
deterministic for a given --seed.

The database is marked as a test database and gets a fictional roster.
Demo data never goes into a database that holds referrals: use a new --db.`,
		setup: func(fs *pflag.FlagSet) runner {
			patients := fs.Int("patients", 0, "generate `N` synthetic referrals instead of the pilot")
			seed := fs.Uint64("seed", 1, "seed for --patients; the same seed gives the same data")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) > 0 {
					return usagef("takes no arguments")
				}
				if fs.Changed("patients") && *patients < 1 {
					return usagef("--patients must be at least 1")
				}
				s, who, err := a.openAs(ctx, openOptions{create: true, test: true})
				if err != nil {
					return err
				}
				defer s.Close()
				if err := require(who, intake.RoleAdmin, "loading demo data"); err != nil {
					return err
				}
				if err := prepareDemo(ctx, s, who); err != nil {
					return err
				}
				gen, total := pilotGenerator(), 112
				if *patients > 0 {
					roster, err := s.Roster(ctx)
					if err != nil {
						return err
					}
					gen, total = demoGenerator(intake.DemoOptions{
						Patients:   *patients,
						Seed:       *seed,
						Today:      intake.DateOf(a.now(), intake.Oslo),
						Clinicians: roster,
					}), *patients
				}
				bar := a.progressBar("generating", total)
				n, err := s.LoadGenerated(ctx, who, gen, bar.update)
				bar.done()
				if err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "Loaded %d demo referrals into test database %s.\n", n, s.Path())
				return nil
			}
		},
	}
}

// prepareDemo readies a database for demo data: it must hold no referrals;
// it becomes a test database (synthetic ids) and gets the fictional roster.
func prepareDemo(ctx context.Context, s *store.Store, who intake.Clinician) error {
	if !s.IsTest() {
		if err := s.MarkTestData(ctx, who); errors.Is(err, store.ErrNotEmpty) {
			return fmt.Errorf("%w\n  demo data goes only into a new or empty database: pass --db with a new path", err)
		} else if err != nil {
			return err
		}
	} else if n, err := s.CountReferrals(ctx); err != nil {
		return err
	} else if n > 0 {
		return fmt.Errorf("%s already holds %d referrals\n  demo data goes only into a new or empty database: pass --db with a new path", s.Path(), n)
	}
	return addDemoRoster(ctx, s, who)
}

// addDemoRoster puts the fictional demo clinicians on the roster, leaving
// anyone already there as they are.
func addDemoRoster(ctx context.Context, s *store.Store, who intake.Clinician) error {
	for _, c := range intake.DemoRoster() {
		if err := s.AddClinician(ctx, who, c); err != nil && !errors.Is(err, store.ErrDuplicate) {
			return err
		}
	}
	return nil
}

func pilotGenerator() store.Generator {
	return func(emit func(intake.Referral) error) error {
		for _, r := range intake.PilotReferrals() {
			if err := emit(r); err != nil {
				return err
			}
		}
		return nil
	}
}

func demoGenerator(opts intake.DemoOptions) store.Generator {
	return func(emit func(intake.Referral) error) error {
		return intake.GenerateDemo(opts, emit)
	}
}
