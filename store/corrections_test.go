package store

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"envei/intake"
	"envei/intake/report"
)

var supervisor = intake.Clinician{Username: "sol", Name: "Sol Supervisor", Role: intake.RoleSupervisor}

// routedByKari is R1, a GP referral to DPS that kari saw, assessed and
// routed to DPS.
func routedByKari(t *testing.T, s *Store) intake.Clinician {
	t.Helper()
	ctx := context.Background()
	attendedReferral(t, s)
	kari := clinician("kari", intake.OrgDPS)
	if _, err := s.SaveAssessment(ctx, acting(kari), "R1", filled(), true, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Route(ctx, acting(kari), "R1", 0, []string{"dps"}, "needs the DPS"); err != nil {
		t.Fatal(err)
	}
	return kari
}

// statsOf builds envei stats from the store's tallies, as the command does.
func statsOf(t *testing.T, s *Store) (report.Stats, string) {
	t.Helper()
	ctx := context.Background()
	catalogue, err := s.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := report.NewStats(report.StatsOptions{Today: intake.MustParseDate("2026-11-22"), Catalogue: catalogue})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ReportTallies(ctx, admin, intake.Date{}, intake.Date{}, false, b.Span, b.AddTally); err != nil {
		t.Fatal(err)
	}
	st := b.Result()
	var csv bytes.Buffer
	if err := report.WriteStatsCSV(&csv, st); err != nil {
		t.Fatal(err)
	}
	return st, csv.String()
}

// funnelReceived is the funnel's received count over all referrals.
func funnelReceived(t *testing.T, s *Store) int {
	t.Helper()
	ctx := context.Background()
	catalogue, _ := s.Services(ctx)
	b, err := report.NewFunnel(report.FunnelOptions{By: report.ByAll, Catalogue: catalogue})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ReportTallies(ctx, admin, intake.Date{}, intake.Date{}, false, b.Span, b.AddTally); err != nil {
		t.Fatal(err)
	}
	f := b.Result()
	n := 0
	for _, p := range f.Periods {
		for i, st := range report.Stages {
			if st == report.StageReceived {
				n += p.Stages[i].Count.N
			}
		}
	}
	return n
}

// A routing corrected by the clinician who routed is a new version with
// its reason; the first stays; the reports count the latest.
func TestCorrectRoutingKeepsTheOldVersionAndReportsCountTheLatest(t *testing.T) {
	s := newStore(t, false)
	ctx := context.Background()
	kari := routedByKari(t, s)
	own := intake.Access{Who: kari}

	if _, err := s.CorrectRouting(ctx, own, "R1", 0, []string{"municipal"}, "", "short"); !errors.Is(err, intake.ErrCorrectionReason) {
		t.Errorf("a reason of five letters: %v", err)
	}
	row, err := s.CorrectRouting(ctx, own, "R1", 0, []string{"municipal"}, "", "chose the wrong service in the list")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(row.Referral.Outcomes, []string{"municipal"}) || row.Referral.Routed.String() != "2026-11-22" {
		t.Errorf("after the correction: %+v", row.Referral)
	}
	versions, err := s.Routings(ctx, own, "R1")
	if err != nil {
		t.Fatal(err)
	}
	if len(versions) != 2 || !slices.Equal(versions[0].Outcomes, []string{"dps"}) || versions[0].Author != "kari" ||
		versions[0].Note != "needs the DPS" || versions[1].Reason != "chose the wrong service in the list" || versions[1].Version != 2 {
		t.Errorf("versions %+v", versions)
	}
	if _, err := s.db.Exec(`UPDATE routings SET outcomes = 'x'`); err == nil {
		t.Error("a routing version was changed")
	}
	if kinds := eventKinds(t, s, "R1"); kinds[len(kinds)-1] != intake.EventRoutingCorrected {
		t.Errorf("trail %v", kinds)
	}
	rows := reportRows(t, s, intake.Date{}, intake.Date{})
	if len(rows) != 1 || !slices.Equal(rows[0].Outcomes, []string{"municipal"}) {
		t.Errorf("report rows %+v", rows)
	}
	_, csv := statsOf(t, s)
	if !strings.Contains(csv, ",municipal,1,") || strings.Contains(csv, ",dps,1,") {
		t.Errorf("stats count the first routing:\n%s", csv)
	}

	// Another clinician may not, even with a reason to open the record.
	ola := clinician("ola", intake.OrgMunicipal)
	mustAdd(t, s, ola)
	if _, err := s.CorrectRouting(ctx, intake.Access{Who: ola, Reason: "covering for kari today"}, "R1", 0, []string{"dps"}, "", "it was DPS after all"); !errors.Is(err, intake.ErrNotRouter) {
		t.Errorf("another clinician corrected: %v", err)
	}
	// Once the note with the routing is printed, only a supervisor may.
	if _, err := s.NoteInput(ctx, own, "R1", NoteTransfer); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CorrectRouting(ctx, own, "R1", 0, []string{"dps"}, "", "it was DPS after all"); !errors.Is(err, intake.ErrTransferSent) {
		t.Errorf("corrected after the note was sent: %v", err)
	}
	mustAdd(t, s, supervisor)
	if _, err := s.CorrectRouting(ctx, intake.Access{Who: supervisor}, "R1", 0, []string{"dps"}, "", "it was DPS after all"); !errors.Is(err, intake.ErrNeedReason) {
		t.Errorf("a supervisor wrote without opening the record on a reason: %v", err)
	}
	sup := intake.Access{Who: supervisor, Reason: "it was DPS after all"}
	if _, err := s.CorrectRouting(ctx, sup, "R1", 0, []string{"dps"}, "", "it was DPS after all"); err != nil {
		t.Fatal(err)
	}
	if versions, _ := s.Routings(ctx, sup, "R1"); len(versions) != 3 || versions[2].Author != "sol" {
		t.Errorf("versions %+v", versions)
	}
}

// A duplicate merged into the original and a registration voided leave
// the reports altogether (not as withdrawn), keep their trail, and leave
// the worklist; the original survives with its own data.
func TestVoidAndMergeLeaveTheReportsNotTheTrail(t *testing.T) {
	s := newStore(t, true)
	ctx := context.Background()
	mustAdd(t, s, supervisor)
	importCSV(t, s, "ref,received,channel,addressed_to,national_id,withdrawn\n"+
		"R1,2026-11-02,gp,dps,14838510036,\n"+
		"R2,2026-11-03,gp,dps,14838510036,\n"+
		"R3,2026-11-04,self,,,\n"+
		"R4,2026-11-04,self,,,2026-11-05\n")
	st, _ := statsOf(t, s)
	if st.Referrals != 4 || funnelReceived(t, s) != 4 {
		t.Fatalf("before: %d referrals, funnel %d", st.Referrals, funnelReceived(t, s))
	}
	reason := "registered twice by the reception"
	if err := s.MergeReferral(ctx, intake.Access{Who: clinician("kari", intake.OrgDPS), Reason: reason}, "R2", "R1", reason); !errors.Is(err, ErrForbidden) {
		t.Errorf("a clinician merged: %v", err)
	}
	sup := intake.Access{Who: supervisor, Reason: reason}
	if err := s.MergeReferral(ctx, sup, "R1", "R1", reason); !errors.Is(err, ErrStep) {
		t.Errorf("merged into itself: %v", err)
	}
	if err := s.MergeReferral(ctx, sup, "R2", "R1", reason); err != nil {
		t.Fatal(err)
	}
	if err := s.VoidReferral(ctx, sup, "R3", 0, "a test entry, not a patient"); err != nil {
		t.Fatal(err)
	}
	if err := s.VoidReferral(ctx, sup, "R3", 0, "a test entry, not a patient"); !errors.Is(err, ErrStep) {
		t.Errorf("voided twice: %v", err)
	}
	st, csv := statsOf(t, s)
	if st.Referrals != 2 || funnelReceived(t, s) != 2 || len(reportRows(t, s, intake.Date{}, intake.Date{})) != 2 {
		t.Errorf("after: %d referrals, funnel %d", st.Referrals, funnelReceived(t, s))
	}
	if !strings.Contains(csv, "withdrawn,1,") {
		t.Errorf("the voided counted as withdrawn:\n%s", csv)
	}
	dup, _ := s.referral(ctx, "R2")
	if dup.Referral.State() != intake.StateVoided || dup.Referral.MergedInto != "R1" {
		t.Errorf("the duplicate: %+v", dup.Referral)
	}
	if k := eventKinds(t, s, "R2"); k[0] != "imported" || k[len(k)-1] != intake.EventMergedInto {
		t.Errorf("duplicate's trail %v", k)
	}
	if k := eventKinds(t, s, "R1"); k[len(k)-1] != intake.EventMergedFrom {
		t.Errorf("original's trail %v", k)
	}
	if open, _ := s.OpenReferralsFor(ctx, admin, "14838510036"); !slices.Equal(open, []string{"R1"}) {
		t.Errorf("open for the id: %v", open)
	}
	wl, _ := s.Worklist(ctx, WorklistQuery{})
	for _, w := range wl {
		if w.Ref == "R2" || w.Ref == "R3" {
			t.Errorf("voided %s on the worklist", w.Ref)
		}
	}
	if _, err := s.Assign(ctx, admin, "R2", newSeeded(1)); err == nil {
		t.Error("a voided referral was assigned")
	}
}

// A voided referral is not exported (the CSV format cannot say it was
// voided: imported again it would be a live referral) and takes no new
// assessment.
func TestVoidedIsNotExportedNorAssessed(t *testing.T) {
	s := newStore(t, false)
	ctx := context.Background()
	attendedReferral(t, s)
	importCSV(t, s, "ref,received,channel\nR2,2026-11-03,self\n")
	mustAdd(t, s, supervisor)
	sup := intake.Access{Who: supervisor, Reason: "a test entry, not a patient"}
	for _, ref := range []string{"R1", "R2"} {
		if err := s.VoidReferral(ctx, sup, ref, 0, "a test entry, not a patient"); err != nil {
			t.Fatal(err)
		}
	}
	var exported []string
	if err := s.Export(ctx, admin, func(r intake.ExportRow) error {
		exported = append(exported, r.Referral.Ref)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(exported) != 0 {
		t.Errorf("exported voided referrals: %v", exported)
	}
	if _, err := s.SaveAssessment(ctx, acting(clinician("kari", intake.OrgDPS)), "R1", filled(), true, ""); !errors.Is(err, ErrStep) {
		t.Errorf("a voided referral was assessed: %v", err)
	}
}
