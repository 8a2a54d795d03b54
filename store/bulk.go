package store

import (
	"context"
	"errors"
	"fmt"

	"envei/intake"
)

// Generator produces referrals by calling emit once for each.
//
// LoadGenerated runs it in a goroutine of its own.
type Generator func(emit func(intake.Referral) error) error

// errWriterStopped tells a generator that the writer failed; the writer's
// error is the one returned.
var errWriterStopped = errors.New("store: the writer stopped")

// LoadGenerated writes the referrals a generator produces (demo data) in one
// transaction, each checked by the same rules as an import. Admins only,
// and only into a test database: generated data carries synthetic ids.
func (s *Store) LoadGenerated(ctx context.Context, who intake.Clinician, gen Generator, progress Progress) (int, error) {
	if !who.Role.AtLeast(intake.RoleAdmin) {
		return 0, ErrForbidden
	}
	if !s.test {
		return 0, fmt.Errorf("generated data goes only into a test database")
	}
	n := 0
	err := s.inBulkTx(ctx, func(tx *Tx) error {
		rules, err := s.importRules(ctx, tx)
		if err != nil {
			return err
		}
		w, err := s.newReferralWriter(ctx, tx, who.Username, "generated")
		if err != nil {
			return err
		}
		defer w.close()
		catalogue, err := services(ctx, tx)
		if err != nil {
			return err
		}
		specialised := intake.SpecialisedIn(catalogue)
		// Generated referrals that are assessed carry a completed demo
		// assessment, so notes and reports show real content: its rights
		// decision always, its body when assessed in the last year. The
		// seed is fixed: the referrals already differ by the demo's seed.
		w.assess = func(r intake.Referral) intake.Assessment {
			return intake.DemoAssessment(r, 1, r.Clinician, specialised)
		}
		today := s.today()
		w.keepBody = func(r intake.Referral) bool { return intake.DemoKeepsBody(r, today) }
		// The generator, the checks and the assessments run on one core,
		// the writer on the other (a million referrals: 10-15 % of the
		// work moves off the writer's path).
		items := make(chan prepared, 1024)
		stop := make(chan struct{})
		genErr := make(chan error, 1)
		go func() {
			defer close(items)
			genErr <- gen(func(r intake.Referral) error {
				if problems := intake.ValidateReferral(r, rules); len(problems) > 0 {
					return fmt.Errorf("generated referral %s: %v", r.Ref, problems[0])
				}
				p, err := w.prepare(r)
				if err != nil {
					return err
				}
				select {
				case items <- p:
					return nil
				case <-stop:
					return errWriterStopped
				}
			})
		}()
		var werr error
		for p := range items {
			if _, werr = w.writePrepared(ctx, p); werr != nil {
				close(stop)
				for range items { // let the generator see stop and end
				}
				break
			}
			n++
			if progress != nil && n%10000 == 0 {
				progress(n)
			}
		}
		if err := <-genErr; werr == nil && err != nil {
			return err
		}
		if werr != nil {
			return werr
		}
		return w.finish(ctx)
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}
