package store

import (
	"context"
	"errors"
	"testing"

	"envei/intake"
)

// The review's sessions are counted per person from the session rows:
// logins, logouts and refusals, with the first and last login.
func TestSessionReviewCountsPerPerson(t *testing.T) {
	ctx := context.Background()
	s := newStore(t, true)
	kari, ola := clinician("kari", intake.OrgDPS), clinician("ola", intake.OrgMunicipal)
	mustAdd(t, s, kari)
	mustAdd(t, s, ola)
	for _, l := range []struct {
		who intake.Clinician
		ev  LoginEvent
	}{{kari, LoginStart}, {kari, LoginEnd}, {kari, LoginStart}, {ola, LoginStart}, {ola, LoginRefused}, {kari, LoginEnd}} {
		if err := s.LogLogin(ctx, l.who, l.ev, "console key SHA256:abc from 127.0.0.1:5000"); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.SessionReview(ctx, admin, intake.Date{}, intake.Date{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d people, want 2: %+v", len(got), got)
	}
	k, o := got[0], got[1]
	if k.Actor != "kari" || k.Logins != 2 || k.Logouts != 2 || k.Refused != 0 || k.FirstLogin == "" || k.LastLogin < k.FirstLogin {
		t.Errorf("kari: %+v", k)
	}
	if o.Actor != "ola" || o.Logins != 1 || o.Logouts != 0 || o.Refused != 1 {
		t.Errorf("ola: %+v", o)
	}
	today := s.today()
	if got, _ := s.SessionReview(ctx, admin, today.AddDays(1), intake.Date{}); len(got) != 0 {
		t.Errorf("sessions after today: %+v", got)
	}
	if _, err := s.SessionReview(ctx, kari, intake.Date{}, intake.Date{}); !errors.Is(err, ErrForbidden) {
		t.Errorf("a clinician read the session review: %v", err)
	}
}
