package store

import (
	"context"
	"testing"

	"envei/intake"
)

// A served session's login and logout are rows of the access log (in its
// chain: newStore's cleanup verifies it) that name the person and the key,
// and are neither a patient's access (no referral, no scope: a patient's
// audit never lists them) nor for the break-the-glass review.
func TestLoginRowsInTheAccessLog(t *testing.T) {
	ctx := context.Background()
	s := newStore(t, true)
	kari := clinician("kari", intake.OrgDPS)
	mustAdd(t, s, kari)
	for _, ev := range []LoginEvent{LoginStart, LoginEnd, LoginRefused} {
		if err := s.LogLogin(ctx, kari, ev, "console key SHA256:abc from 127.0.0.1:5000"); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.LogLogin(ctx, kari, LoginEvent("referral"), ""); err == nil {
		t.Error("a made-up event was logged")
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM access_log WHERE actor = 'kari' AND what LIKE 'session:%'
		AND referral_id IS NULL AND reason LIKE '%SHA256:abc%'`).Scan(&n); err != nil || n != 3 {
		t.Fatalf("%d session rows (%v), want 3", n, err)
	}
	review, err := s.AccessReview(ctx, admin, intake.Date{}, intake.Date{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range review {
		if r.Actor == "kari" {
			t.Errorf("a login is in the review: %+v", r)
		}
	}
}
