package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"envei/intake"
)

func importCSV(t *testing.T, s *Store, csv string) {
	t.Helper()
	if _, err := s.Import(context.Background(), admin, strings.NewReader(csv), nil); err != nil {
		t.Fatal(err)
	}
}

func TestAssignRecordsTheDraw(t *testing.T) {
	s := newStore(t, false)
	ctx := context.Background()
	mustAdd(t, s, clinician("kari", intake.OrgDPS), clinician("ola", intake.OrgMunicipal), clinician("siv", intake.OrgDPS))
	if err := s.SetLeave(ctx, admin, "siv", true); err != nil {
		t.Fatal(err)
	}
	importCSV(t, s, "ref,received,channel,addressed_to\nR1,2026-11-02,gp,dps\n")

	a, err := s.Assign(ctx, admin, "R1", newSeeded(3))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(a.Draw.Eligible, " "); got != "kari ola" {
		t.Errorf("eligible %q, want kari ola (siv on leave, root admin)", got)
	}
	row, _ := s.referral(ctx, "R1")
	if row.Referral.Clinician != a.Draw.Drawn || row.Referral.State() != intake.StateAssigned {
		t.Errorf("referral after draw: %+v", row.Referral)
	}
	draws, _ := s.Draws(ctx, "R1")
	if len(draws) != 1 || draws[0].Drawn != a.Draw.Drawn || draws[0].DrawnBy != "root" || draws[0].DrawnAt == "" {
		t.Errorf("draw record: %+v", draws)
	}
	if _, err := s.Assign(ctx, admin, "R1", newSeeded(3)); !errors.Is(err, ErrAlreadyAssigned) {
		t.Errorf("second assign: %v", err)
	}
	events, _ := s.Events(ctx, "R1")
	if len(events) != 2 || events[0].Kind != "imported" || events[1].Kind != "assigned" {
		t.Errorf("events: %+v", events)
	}
}

func TestReassignNeedsSupervisorAndReason(t *testing.T) {
	s := newStore(t, false)
	ctx := context.Background()
	mustAdd(t, s, clinician("kari", intake.OrgDPS), clinician("ola", intake.OrgMunicipal))
	importCSV(t, s, "ref,received,channel\nR1,2026-11-02,self\n")
	first, err := s.Assign(ctx, admin, "R1", newSeeded(1))
	if err != nil {
		t.Fatal(err)
	}
	kari, _ := s.Actor(ctx, "kari")
	if _, err := s.Reassign(ctx, kari, "R1", "sick", newSeeded(1)); !errors.Is(err, ErrForbidden) {
		t.Errorf("clinician reassigning: %v", err)
	}
	if _, err := s.Reassign(ctx, admin, "R1", "  ", newSeeded(1)); err == nil {
		t.Error("reassigned without a reason")
	}
	second, err := s.Reassign(ctx, admin, "R1", "long-term sick leave", newSeeded(1))
	if err != nil {
		t.Fatal(err)
	}
	if second.Draw.Drawn == first.Draw.Drawn || len(second.Draw.Eligible) != 1 {
		t.Errorf("reassignment drew %v from %v after %s", second.Draw.Drawn, second.Draw.Eligible, first.Draw.Drawn)
	}
	draws, _ := s.Draws(ctx, "R1")
	if len(draws) != 2 || draws[1].Reason != "long-term sick leave" || draws[0].Drawn != first.Draw.Drawn {
		t.Errorf("history: %+v", draws)
	}
}

// TestStoredDrawsAreUniform assigns many referrals through the store with a
// seeded source and applies the chi-square test to the recorded draws: the
// whole path from roster query to stored row must keep the draw fair.
func TestStoredDrawsAreUniform(t *testing.T) {
	s := newStore(t, false)
	ctx := context.Background()
	users := []string{"a1", "b2", "c3", "d4", "e5", "f6"}
	for i, u := range users {
		org := intake.OrgDPS
		if i%2 == 1 {
			org = intake.OrgMunicipal
		}
		mustAdd(t, s, clinician(u, org))
	}
	var csv strings.Builder
	csv.WriteString("ref,received,channel\n")
	const n = 6000
	for i := 0; i < n; i++ {
		fmt.Fprintf(&csv, "R%05d,2026-01-05,self\n", i)
	}
	importCSV(t, s, csv.String())
	done, err := s.AssignUnassigned(ctx, admin, newSeeded(99))
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != n {
		t.Fatalf("assigned %d of %d", len(done), n)
	}
	draws, err := s.Draws(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, d := range draws {
		counts[d.Drawn]++
	}
	observed := make([]int, len(users))
	for i, u := range users {
		observed[i] = counts[u]
	}
	stat, df := intake.ChiSquareUniform(observed)
	if p := intake.ChiSquarePValue(stat, df); p < 0.001 {
		t.Errorf("stored draws %v: χ²=%.2f df=%d p=%.3g: not uniform", observed, stat, df, p)
	}
}
