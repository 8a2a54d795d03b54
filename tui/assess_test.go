package tui

import (
	"context"
	"strings"
	"testing"

	"envei/intake"
)

// fillAssessment types a whole first-conversation template into the open
// assessment form, field by field as each gets the focus, and completes it
// with a recommendation of DPS. The caller has waited for the first field.
func fillAssessment(c *console) {
	c.t.Helper()
	first := true
	fill := func(title, text string) {
		if !first {
			c.waitFor("┃ " + title)
		}
		first = false
		if text != "" {
			c.typeText(text)
		}
		c.key("enter")
	}
	fill("Reason for contact, in the patient's own words", "I cannot sleep")
	fill("Current situation", "On sick leave")
	fill("How long has it lasted?", "Four months")
	fill("Earlier help and treatment", "None")
	fill("Somatic health", "Healthy")
	fill("Medication", "None")
	fill("Substance use", "Little")
	fill("Daily functioning", "Manages the home")
	fill("Network and resources", "A sister")
	c.waitFor("┃ Minor children in the home?")
	c.key("right")
	c.key("right") // No
	c.key("enter")
	fill("If so: how are the children", "")
	fill("The patient's own goals", "Back to work")
	c.waitFor("┃ PHQ-9: item scores")
	c.typeText("222111110")
	c.waitFor("total 11 (9 of 9 items) · moderate · case")
	c.key("enter")
	fill("Not done? Say why", "")
	fill("GAD-7: item scores", "2222111")
	fill("Not done? Say why", "")
	fill("AUDIT: item scores", "")
	fill("Not done? Say why", "Time ran out")
	c.waitFor("┃ Suicide risk")
	c.key("down")
	c.key("down") // low
	c.key("enter")
	fill("Protective factors", "Sister")
	fill("Plan (required", "")
	fill("Violence risk", "")
	fill("Violence: note", "")
	c.waitFor("┃ Right to necessary health care?")
	c.key("right") // yes
	c.key("enter")
	fill("Latest start of care", "2027-01-15")
	c.waitFor("┃ Priority")
	c.key("right") // ordinary
	c.key("enter")
	fill("Reasoning: expected benefit", "Good effect expected")
	fill("Reasoning: cost-effectiveness", "Reasonable")
	fill("Reasoning: severity", "Moderate depression")
	fill("Decided on", "")
	c.waitFor("┃ Recommendation")
	c.key("x") // DPS
	c.key("enter")
	c.waitFor("┃ Then")
	c.key("down") // complete
	c.key("enter")
}

// attendedOne is seedOne with the patient assigned, booked and seen; the
// console runs as the clinician drawn, whose patient it is.
func attendedOne(t *testing.T) (Options, func(ref string) intake.ReferralRecord, func(ref string) []intake.AssessmentVersion) {
	t.Helper()
	s, opts := seedOne(t)
	st := opts.Backend
	ctx := context.Background()
	as, err := st.Assign(ctx, opts.User, "2026-00001", opts.Random)
	if err != nil {
		t.Fatal(err)
	}
	opts = testOptions(t, s, as.Draw.Drawn, LangEN)
	who := opts.User
	if _, err := st.Schedule(ctx, intake.Access{Who: who}, "2026-00001", 0, testToday, "09:00", intake.ModeInPerson); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RecordAttendance(ctx, intake.Access{Who: who}, "2026-00001", 0, true); err != nil {
		t.Fatal(err)
	}
	detail := func(ref string) intake.ReferralRecord {
		rec, err := s.ReferralDetail(ctx, rootReading, ref)
		if err != nil {
			t.Fatal(err)
		}
		return rec
	}
	history := func(ref string) []intake.AssessmentVersion {
		h, err := st.Assessments(ctx, rootReading, ref)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	return opts, detail, history
}

// The template driven with keys: scores live, drafts save while typing,
// completing stores version 1 and the referral is assessed; routing starts
// from the recommendation.
func TestAssessmentFormCompletes(t *testing.T) {
	opts, detail, history := attendedOne(t)
	c := startConsole(t, opts, 100, 40)
	c.waitFor("2026-00001", "assess, route")
	c.key("r")
	c.waitFor("Complete the first-conversation assessment first")
	c.key("e")
	c.waitFor("Assessment 2026-00001", "Record: new", "┃ Reason for contact")
	fillAssessment(c)
	c.waitFor("assessment completed (version 1)")
	c.key("r")
	c.waitFor("┃ Where does the patient go?", "[•] DPS")
	c.quit()

	h := history("2026-00001")
	if len(h) != 1 || h[0].Status != intake.AssessmentCompleted {
		t.Fatalf("history: %+v", h)
	}
	a := h[0].Assessment
	if a.ReasonOwnWords != "I cannot sleep" || a.MinorChildren != intake.No || a.Risk.Suicide != intake.RiskLow ||
		a.Rights.Right != intake.Yes || a.Rights.DecidedBy != opts.User.Username || strings.Join(a.Recommendation, "+") != "dps" {
		t.Errorf("stored assessment: %+v", a)
	}
	if items := a.Instruments[intake.InstrumentPHQ9].Items; len(items) != 9 || items[0] != 2 {
		t.Errorf("PHQ-9 items %v", items)
	}
	if detail("2026-00001").Row.Referral.State() != intake.StateAssessed {
		t.Error("the referral is not assessed")
	}
}

// Leaving the form half-way keeps a draft; opening it again resumes it.
func TestAssessmentDraftResumes(t *testing.T) {
	opts, _, history := attendedOne(t)
	c := startConsole(t, opts, 100, 40)
	c.waitFor("2026-00001")
	c.key("e")
	c.waitFor("┃ Reason for contact")
	c.typeText("Half a story")
	c.key("enter")
	c.waitFor("┃ Current situation") // moving on saved the draft
	c.quit()
	h := history("2026-00001")
	if len(h) != 1 || h[0].Status != intake.AssessmentDraft || h[0].ReasonOwnWords != "Half a story" {
		t.Fatalf("draft: %+v", h)
	}
	c = startConsole(t, opts, 100, 40)
	c.waitFor("2026-00001")
	c.key("e")
	c.waitFor("Record: version 1, draft", "Half a story")
	c.quit()
}
