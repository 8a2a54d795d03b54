package store

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"envei/intake"
)

// fixedNow is the clock of every store test: 2026-11-22 10:00 in Oslo.
func fixedNow() time.Time { return time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC) }

var admin = intake.Clinician{Username: "root", Name: "Ada Admin", Role: intake.RoleAdmin}

// newStore creates a fresh database in a temp dir, test data allowed when test.
func newStore(t *testing.T, test bool) *Store {
	t.Helper()
	s, err := Open(context.Background(), testDatabase(t), Options{Create: true, Test: test, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	// Whatever a test wrote, every chain still verifies (chain.go): a
	// write path that hashed something other than what it stored fails
	// here.
	t.Cleanup(func() { requireChainsSound(t, s) })
	return s
}

// seeded is a repeatable random source for draws.
type seeded struct{ r *rand.Rand }

func (s seeded) IntN(n int) int { return s.r.IntN(n) }

func newSeeded(seed uint64) seeded { return seeded{rand.New(rand.NewPCG(seed, 1))} }

func mustAdd(t *testing.T, s *Store, cs ...intake.Clinician) {
	t.Helper()
	for _, c := range cs {
		if err := s.AddClinician(context.Background(), admin, c); err != nil {
			t.Fatal(err)
		}
	}
}

func clinician(user string, org intake.Org) intake.Clinician {
	return intake.Clinician{Username: user, Name: "Name of " + user, Org: org, Role: intake.RoleClinician}
}

// reading is who.access with a break-the-glass reason, so a test that is
// about something else can read any record (and leaves log rows, which
// access_test.go checks for on their own).
func reading(who intake.Clinician) intake.Access {
	return intake.Access{Who: who, Reason: "store test reads the record"}
}

// acting is who with a break-the-glass reason, so a test that is about
// something else can change any referral (each change leaves its log
// row; write_access_test.go checks those on their own).
func acting(who intake.Clinician) intake.Access {
	return intake.Access{Who: who, Reason: "store test changes the referral"}
}

// referral returns one stored referral as a test wants to check it,
// without the access rule (tests only).
func (s *Store) referral(ctx context.Context, ref string) (intake.ExportRow, error) {
	sr, err := loadReferral(ctx, s.db, ref)
	return sr.row, err
}
