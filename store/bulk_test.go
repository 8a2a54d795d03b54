package store

import (
	"context"
	"testing"

	"envei/intake"
)

// Demo data carries a completed assessment for every assessed referral,
// and the reports' rights columns are filled from it.
func TestGeneratedReferralsCarryAssessments(t *testing.T) {
	s := newStore(t, true)
	ctx := context.Background()
	for _, c := range intake.DemoRoster() {
		mustAdd(t, s, c)
	}
	roster, _ := s.Roster(ctx)
	n, err := s.LoadGenerated(ctx, admin, func(emit func(intake.Referral) error) error {
		return intake.GenerateDemo(intake.DemoOptions{Patients: 500, Seed: 3, Today: intake.MustParseDate("2026-11-22"), Clinicians: roster}, emit)
	}, nil)
	if err != nil || n != 500 {
		t.Fatalf("loaded %d: %v", n, err)
	}
	var assessed, bodies, rights int
	s.db.QueryRow(`SELECT count(*) FROM referrals WHERE assessed IS NOT NULL`).Scan(&assessed)
	s.db.QueryRow(`SELECT count(*) FROM assessments WHERE status = 'completed' AND version = 1`).Scan(&bodies)
	s.db.QueryRow(`SELECT count(*) FROM referrals WHERE rights_right IS NOT NULL`).Scan(&rights)
	if assessed < 100 || bodies != assessed || rights == 0 {
		t.Errorf("assessed %d, assessment records %d, rights decisions %d", assessed, bodies, rights)
	}
	var ref string
	s.db.QueryRow(`SELECT ref FROM referrals WHERE assessed IS NOT NULL ORDER BY ref LIMIT 1`).Scan(&ref)
	h, err := s.Assessments(ctx, reading(admin), ref)
	if err != nil || len(h) != 1 || h[0].Status != intake.AssessmentCompleted || h[0].Instruments[intake.InstrumentPHQ9].Items == nil {
		t.Errorf("%s: %+v %v", ref, h, err)
	}
}

// Demo data over several years keeps the assessment bodies of the last
// year only, as a database whose older years were imported would; the
// older assessed referrals still carry their rights decision.
func TestGeneratedBodiesOfTheLastYear(t *testing.T) {
	s := newStore(t, true)
	ctx := context.Background()
	for _, c := range intake.DemoRoster() {
		mustAdd(t, s, c)
	}
	roster, _ := s.Roster(ctx)
	today := intake.MustParseDate("2026-11-22") // fixedNow
	if _, err := s.LoadGenerated(ctx, admin, func(emit func(intake.Referral) error) error {
		return intake.GenerateDemo(intake.DemoOptions{Patients: 4000, Seed: 3, Today: today, Clinicians: roster}, emit)
	}, nil); err != nil {
		t.Fatal(err)
	}
	cut := today.AddDays(-intake.DemoBodyDays).String()
	var recent, recentBodies, old, oldBodies, oldRights int
	s.db.QueryRow(`SELECT count(*) FROM referrals WHERE assessed >= ?`, cut).Scan(&recent)
	s.db.QueryRow(`SELECT count(*) FROM assessments a JOIN referrals r ON r.id = a.referral_id WHERE r.assessed >= ?`, cut).Scan(&recentBodies)
	s.db.QueryRow(`SELECT count(*) FROM referrals WHERE assessed < ?`, cut).Scan(&old)
	s.db.QueryRow(`SELECT count(*) FROM assessments a JOIN referrals r ON r.id = a.referral_id WHERE r.assessed < ?`, cut).Scan(&oldBodies)
	s.db.QueryRow(`SELECT count(*) FROM referrals WHERE assessed < ? AND rights_right IS NOT NULL`, cut).Scan(&oldRights)
	if recent == 0 || recentBodies != recent || old == 0 || oldBodies != 0 || oldRights == 0 {
		t.Errorf("last year: %d assessed, %d bodies; before: %d assessed, %d bodies, %d rights decisions",
			recent, recentBodies, old, oldBodies, oldRights)
	}
}
