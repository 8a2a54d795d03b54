package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"envei/intake"
)

// filled is a template that can be completed for a GP referral to DPS
// received 2026-11-02 and seen 2026-11-05.
func filled() intake.Assessment {
	return intake.Assessment{
		ReasonOwnWords: "I cannot sleep.", CurrentSituation: "On sick leave.", Duration: "Four months.",
		EarlierHelp: "None.", SomaticHealth: "Healthy.", Medication: "None.", SubstanceUse: "Little.",
		DailyFunctioning: "Manages the home.", Network: "A sister.", MinorChildren: intake.No, Goals: "Work.",
		Instruments: map[intake.Instrument]intake.Answers{
			intake.InstrumentPHQ9:  {Items: []int{2, 2, 2, 1, 1, 1, 1, 1, 0}},
			intake.InstrumentGAD7:  {Items: []int{2, 2, 2, 2, 1, 1, 1}},
			intake.InstrumentAUDIT: {NotDone: true, NotDoneReason: "Time ran out."},
		},
		Risk: intake.Risk{Suicide: intake.RiskLow, ProtectiveFactors: "Sister."},
		Rights: intake.RightsAssessment{
			Right: intake.Yes, LatestStart: intake.MustParseDate("2027-01-15"), Priority: intake.PriorityOrdinary,
			ExpectedBenefit: "Good.", CostEffectiveness: "Reasonable.", Severity: "Moderate.",
			DecidedBy: "root", DecidedAt: intake.MustParseDate("2026-11-20"),
		},
		Recommendation: []string{"dps"},
	}
}

func attendedReferral(t *testing.T, s *Store) {
	t.Helper()
	mustAdd(t, s, clinician("kari", intake.OrgDPS))
	importCSV(t, s, "ref,received,channel,addressed_to,clinician,first_conversation,attended\n"+
		"R1,2026-11-02,gp,dps,kari,2026-11-05,yes\n")
}

// Draft, draft, complete, amend: the history keeps every completed
// version, the referral becomes assessed, and the rights decision (made
// after the 10-working-day deadline of 2026-11-16) is recorded as late.
func TestAssessmentVersions(t *testing.T) {
	s := newStore(t, false)
	ctx := context.Background()
	attendedReferral(t, s)
	a := filled()
	draft := a
	draft.Goals = ""
	if _, err := s.SaveAssessment(ctx, acting(admin), "R1", draft, false, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveAssessment(ctx, acting(admin), "R1", draft, true, ""); err == nil {
		t.Fatal("completed with a section missing")
	} else {
		var fe intake.FieldErrors
		if !errors.As(err, &fe) || !strings.Contains(fe.Error(), "goals") {
			t.Errorf("missing goals not named: %v", err)
		}
	}
	v, err := s.SaveAssessment(ctx, acting(admin), "R1", a, true, "")
	if err != nil {
		t.Fatal(err)
	}
	if v.Version != 1 || v.Status != intake.AssessmentCompleted || !v.Rights.Late {
		t.Errorf("completed version: %d %s late=%v", v.Version, v.Status, v.Rights.Late)
	}
	row, _ := s.referral(ctx, "R1")
	if row.Referral.State() != intake.StateAssessed || row.Referral.Assessed.String() != "2026-11-22" {
		t.Errorf("referral after completion: %s %s", row.Referral.State(), row.Referral.Assessed)
	}
	if _, err := s.SaveAssessment(ctx, acting(admin), "R1", a, false, ""); !errors.Is(err, intake.ErrAssessmentCompleted) {
		t.Errorf("draft over a completed assessment: %v", err)
	}
	amended := a
	amended.Goals = "Work, and to sleep."
	if _, err := s.SaveAssessment(ctx, acting(admin), "R1", amended, true, ""); err == nil {
		t.Error("amended without a reason")
	}
	if _, err := s.SaveAssessment(ctx, acting(admin), "R1", amended, true, "the patient called back"); err != nil {
		t.Fatal(err)
	}
	history, err := s.Assessments(ctx, reading(admin), "R1")
	if err != nil || len(history) != 2 {
		t.Fatalf("history: %d versions, %v", len(history), err)
	}
	if history[0].Goals != "Work." || history[1].Goals != "Work, and to sleep." || history[1].AmendmentReason != "the patient called back" {
		t.Errorf("history: %+v", history)
	}
	if history[0].Instruments[intake.InstrumentPHQ9].Items[0] != 2 || history[0].Rights.LatestStart.String() != "2027-01-15" {
		t.Errorf("the stored body lost data: %+v", history[0])
	}
	// The database itself refuses to change a completed version.
	if _, err := s.db.Exec(`UPDATE assessments SET body = '{}' WHERE version = 1`); err == nil {
		t.Error("a completed version was changed in place")
	}
	if _, err := s.db.Exec(`DELETE FROM assessments`); err == nil {
		t.Error("completed versions were deleted")
	}
	events, _ := s.Events(ctx, "R1")
	var kinds []string
	for _, e := range events {
		kinds = append(kinds, e.Kind)
	}
	if got := strings.Join(kinds, " "); got != "imported assessment_started assessment_completed assessment_amended" {
		t.Errorf("events: %s", got)
	}
}

func TestAssessmentNeedsAttendance(t *testing.T) {
	s := newStore(t, false)
	importCSV(t, s, "ref,received,channel\nR1,2026-11-02,self\n")
	if _, err := s.SaveAssessment(context.Background(), acting(admin), "R1", filled(), false, ""); !errors.Is(err, ErrStep) {
		t.Errorf("assessment before the conversation: %v", err)
	}
}
