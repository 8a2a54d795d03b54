package store

import (
	"context"
	"errors"
	"slices"
	"testing"

	"envei/intake"
)

// A bulk load that writes a ref twice fails whole with ErrDuplicate, on
// either engine, into an empty database (where PostgreSQL's load drops the
// UNIQUE ref and adds it back at the end) and into one that already holds
// referrals (where the key stays and the COPY itself is refused, on the
// pipe's goroutine, and that refusal must be what the load reports).
func TestBulkLoadRefusesARefWrittenTwice(t *testing.T) {
	for _, name := range []string{"empty", "not empty"} {
		t.Run(name, func(t *testing.T) {
			s := newStore(t, true)
			ctx := context.Background()
			for _, c := range intake.DemoRoster() {
				mustAdd(t, s, c)
			}
			roster, _ := s.Roster(ctx)
			demo := intake.DemoOptions{Patients: 300, Seed: 5, Today: intake.MustParseDate("2026-11-22"), Clinicians: roster}
			if name == "not empty" {
				first := demo
				first.Patients, first.Seed = 10, 6
				if _, err := s.LoadGenerated(ctx, admin, func(emit func(intake.Referral) error) error {
					return intake.GenerateDemo(first, func(r intake.Referral) error {
						r.Ref = "X" + r.Ref
						return emit(r)
					})
				}, nil); err != nil {
					t.Fatal(err)
				}
			}
			var before int
			s.db.QueryRow(`SELECT count(*) FROM referrals`).Scan(&before)
			schema := schemaOf(t, s)
			_, err := s.LoadGenerated(ctx, admin, func(emit func(intake.Referral) error) error {
				var again intake.Referral
				n := 0
				return intake.GenerateDemo(demo, func(r intake.Referral) error {
					if n++; n == 40 {
						again = r
					}
					if n == 250 {
						r.Ref = again.Ref
					}
					return emit(r)
				})
			}, nil)
			if !errors.Is(err, ErrDuplicate) {
				t.Fatalf("load with a ref written twice: %v, want ErrDuplicate", err)
			}
			var after int
			s.db.QueryRow(`SELECT count(*) FROM referrals`).Scan(&after)
			if after != before {
				t.Errorf("%d referrals after the refused load, want %d", after, before)
			}
			if got := schemaOf(t, s); !slices.Equal(schema, got) {
				t.Errorf("schema changed by the refused load:\nbefore %q\nafter  %q", schema, got)
			}
		})
	}
}
