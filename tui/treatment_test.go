package tui

import (
	"context"
	"testing"

	"envei/intake"
)

// A patient routed to treatment in the reception stays on the worklist;
// sessions are logged with the hours used of six and a warning before
// they are passed, and closing the episode takes the patient off.
func TestTreatmentInTheReception(t *testing.T) {
	opts, _, _ := attendedOne(t)
	ctx := context.Background()
	b, who := opts.Backend, opts.User
	a := intake.Assessment{
		ReasonOwnWords: "Worry.", CurrentSituation: "Working.", Duration: "Months.", EarlierHelp: "None.",
		SomaticHealth: "Healthy.", Medication: "None.", SubstanceUse: "None.", DailyFunctioning: "Good.",
		Network: "Family.", MinorChildren: intake.No, Goals: "Calm.",
		Instruments: map[intake.Instrument]intake.Answers{
			intake.InstrumentPHQ9:  {Items: []int{1, 1, 1, 1, 1, 0, 0, 0, 0}},
			intake.InstrumentGAD7:  {Items: []int{2, 2, 1, 1, 1, 1, 0}},
			intake.InstrumentAUDIT: {Items: []int{1, 1, 0, 0, 0, 0, 0, 0, 0, 0}},
		},
		Risk: intake.Risk{Suicide: intake.RiskNone}, Recommendation: []string{"reception"},
	}
	if _, err := b.SaveAssessment(ctx, intake.Access{Who: who}, "2026-00001", a, true, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Route(ctx, intake.Access{Who: who}, "2026-00001", 0, []string{"reception"}, "short treatment"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.LogSession(ctx, intake.Access{Who: who}, "2026-00001", intake.Session{Date: testToday, Minutes: 240, Mode: intake.SessionInPerson}); err != nil {
		t.Fatal(err)
	}
	c := startConsole(t, opts, 100, 40)
	c.waitFor("2026-00001", "routed", "treatment")
	c.key("enter")
	c.waitFor("Treatment in the reception", "used 4 h of 6 h")
	c.key("t")
	c.waitFor("┃ Date")
	c.key("enter")
	c.waitFor("┃ Minutes")
	c.key("backspace")
	c.key("backspace")
	c.typeText("130")
	c.waitFor("this passes the six hours")
	c.key("enter")
	c.waitFor("┃ Mode")
	c.key("enter")
	c.waitFor("used 6 h 10 min of 6 h")
	c.key("c")
	c.waitFor("How did the treatment end?")
	c.key("enter")
	c.waitFor("treatment closed (completed)")
	c.key("esc")
	c.waitFor("No open referrals")
	c.quit()
}

// demoReadyAssessment is a template that completes for a self-booking
// recommended to the municipality (no rights assessment needed).
func demoReadyAssessment() intake.Assessment {
	return intake.Assessment{
		ReasonOwnWords: "Worry.", CurrentSituation: "Working.", Duration: "Months.", EarlierHelp: "None.",
		SomaticHealth: "Healthy.", Medication: "None.", SubstanceUse: "None.", DailyFunctioning: "Good.",
		Network: "Family.", MinorChildren: intake.No, Goals: "Calm.",
		Instruments: map[intake.Instrument]intake.Answers{
			intake.InstrumentPHQ9:  {Items: []int{1, 1, 1, 1, 1, 0, 0, 0, 0}},
			intake.InstrumentGAD7:  {Items: []int{2, 2, 1, 1, 1, 1, 0}},
			intake.InstrumentAUDIT: {Items: []int{1, 1, 0, 0, 0, 0, 0, 0, 0, 0}},
		},
		Risk: intake.Risk{Suicide: intake.RiskNone}, Recommendation: []string{"municipal"},
	}
}
