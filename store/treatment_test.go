package store

import (
	"context"
	"errors"
	"testing"

	"envei/intake"
)

func TestTreatmentEpisode(t *testing.T) {
	s := newStore(t, false)
	ctx := context.Background()
	mustAdd(t, s, clinician("kari", intake.OrgDPS))
	importCSV(t, s, "ref,received,channel,clinician,first_conversation,attended,routed,outcomes\n"+
		"IN,2026-10-01,self,kari,2026-10-05,yes,2026-10-06,reception\n"+
		"OUT,2026-10-01,self,kari,2026-10-05,yes,2026-10-06,municipal\n")
	day := intake.MustParseDate("2026-11-20")
	if _, err := s.LogSession(ctx, acting(admin), "OUT", intake.Session{Date: day, Minutes: 60, Mode: intake.SessionVideo}); !errors.Is(err, ErrStep) {
		t.Errorf("session for a patient not in reception treatment: %v", err)
	}
	if _, err := s.LogSession(ctx, acting(admin), "IN", intake.Session{Date: day, Minutes: 0, Mode: intake.SessionVideo}); err == nil {
		t.Error("logged a session of 0 minutes")
	}
	var ep intake.TreatmentEpisode
	var err error
	for i := 0; i < 7; i++ {
		if ep, err = s.LogSession(ctx, acting(admin), "IN", intake.Session{Date: day, Minutes: 60, Mode: intake.SessionInPerson}); err != nil {
			t.Fatal(err)
		}
	}
	if intake.MinutesUsed(ep.Sessions) != 420 {
		t.Errorf("minutes used %d", intake.MinutesUsed(ep.Sessions))
	}
	events, _ := s.Events(ctx, "IN")
	if last := events[len(events)-1]; last.Detail != "60 min in_person; past the six hours" {
		t.Errorf("the session past six hours is not marked: %q", last.Detail)
	}
	if err := s.CloseTreatment(ctx, acting(admin), "IN", intake.EpisodeCompleted); err != nil {
		t.Fatal(err)
	}
	ep, _ = s.Treatment(ctx, reading(admin), "IN")
	if ep.Outcome != intake.EpisodeCompleted || ep.Closed.String() != "2026-11-22" {
		t.Errorf("closed episode %+v", ep)
	}
	if _, err := s.LogSession(ctx, acting(admin), "IN", intake.Session{Date: day, Minutes: 30, Mode: intake.SessionVideo}); !errors.Is(err, ErrStep) {
		t.Errorf("session after closing: %v", err)
	}
}
