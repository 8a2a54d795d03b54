package tui

import (
	"context"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"envei/intake"
)

// From the referral view, o records a consultation with the senior
// psychiatrist and then a phone consultation with the GP's office; both
// are stored word for word (a line break kept), and the view lists them
// and shows them in the timeline. The store's clock is 10:00 in Oslo.
func TestConsultationsInTheConsole(t *testing.T) {
	opts, detail, _ := attendedOne(t)
	c := startConsole(t, opts, 100, 60) // room for the whole timeline
	c.waitFor("2026-00001")
	c.key("enter")
	c.waitFor("Timeline")
	c.key("o")
	c.waitFor("Who did you consult?", "The senior psychiatrist (DPS)", "The GP's office, by phone")
	c.key("enter") // the senior psychiatrist
	c.waitFor("┃ Date")
	c.key("enter") // today
	c.waitFor("┃ Time")
	c.typeText("9:15")
	c.key("enter")
	c.waitFor("┃ Question")
	c.typeText("Start an SSRI?")
	c.tm.Send(tea.KeyMsg{Type: tea.KeyCtrlJ}) // a new line
	c.typeText("She sleeps badly.")
	c.key("enter")
	c.waitFor("┃ Advice")
	c.typeText("Sertraline 50 mg; review in four weeks.")
	c.key("enter")
	c.waitFor("Was the medication reviewed?")
	c.tm.Send(tea.KeyMsg{Type: tea.KeyRight}) // yes
	c.key("enter")
	c.waitFor("2026-00001: consultation with the senior psychiatrist recorded.",
		"Senior psychiatrist and GP", "medication reviewed", "Sertraline 50 mg; review in four weeks.",
		"senior psychiatrist consulted", "held "+testToday.String()+" at 09:15, medication")

	c.key("o")
	c.waitFor("Who did you consult?")
	c.key("down")
	c.key("enter") // the GP's office
	c.waitFor("┃ Date")
	c.key("enter")
	c.waitFor("┃ Time")
	c.typeText("08:40")
	c.key("enter")
	c.waitFor("┃ Spoke with")
	c.typeText("the office nurse")
	c.key("enter")
	c.waitFor("┃ Outcome")
	c.typeText("The GP calls the patient today.")
	c.key("enter")
	c.waitFor("phone consultation with the GP's office recorded.", "GP's office (phone)", "the office nurse",
		"GP's office phoned", "held "+testToday.String()+" at 08:40")
	c.quit()

	got := detail("2026-00001").Consultations
	if len(got) != 2 {
		t.Fatalf("stored %+v", got)
	}
	gp, senior := got[0], got[1]
	if senior.Kind != intake.ConsultSenior || senior.Clock != "09:15" || senior.Question != "Start an SSRI?\nShe sleeps badly." ||
		senior.Advice != "Sertraline 50 mg; review in four weeks." || !senior.MedicationReviewed || senior.RecordedBy != opts.User.Username {
		t.Errorf("senior psychiatrist: %+v", senior)
	}
	if gp.Kind != intake.ConsultGP || gp.Contact != "the office nurse" || gp.Outcome != "The GP calls the patient today." || gp.Question != "" {
		t.Errorf("GP's office: %+v", gp)
	}
}

// The form refuses a time later than now before anything is written, and
// keeps what was typed; the Norwegian console words the section and the
// timeline in bokmål.
func TestConsultationFormAndNorwegianView(t *testing.T) {
	opts, detail, _ := attendedOne(t)
	ctx := context.Background()
	c := startConsole(t, opts, 100, 40)
	c.waitFor("2026-00001")
	c.key("enter")
	c.waitFor("Timeline")
	c.key("o")
	c.waitFor("Who did you consult?")
	c.key("enter")
	c.key("enter")
	c.waitFor("┃ Time")
	c.typeText("25:00")
	c.key("enter")
	c.waitFor("Write the time as 8.30") // the time is refused in the form
	c.quit()
	if n := len(detail("2026-00001").Consultations); n != 0 {
		t.Fatalf("%d consultations stored from a refused form", n)
	}

	if _, err := opts.Backend.RecordConsultation(ctx, intake.Access{Who: opts.User}, "2026-00001", intake.Consultation{
		Kind: intake.ConsultSenior, Date: testToday, Clock: "09:30", Question: "Dose?", Advice: "Halve it.", MedicationReviewed: true,
	}); err != nil {
		t.Fatal(err)
	}
	nb := opts
	nb.Lang = LangNB
	c = startConsole(t, nb, 100, 40)
	c.waitFor("2026-00001")
	c.key("enter")
	c.waitFor("Overlege og fastlege", "overlege · medisiner gjennomgått", "Spørsmål", "Halve it.",
		"drøftet med overlege", "holdt "+norwegian().Date(testToday)+" kl. 09:30,")
	c.quit()
}

// The statistics screen counts the consultations under the routing bars,
// in the user's language: the same numbers as envei stats.
func TestStatisticsScreenCountsConsultations(t *testing.T) {
	opts := pilotStore(t)
	ctx := context.Background()
	ref := intake.PilotReferrals()[0].Ref
	for _, c := range []intake.Consultation{
		{Kind: intake.ConsultSenior, Date: testToday, Clock: "08:00", Question: "Dose?", Advice: "Keep it."},
		{Kind: intake.ConsultSenior, Date: testToday, Clock: "08:30", Question: "And now?", Advice: "Lower it."},
		{Kind: intake.ConsultGP, Date: testToday, Clock: "09:00", Contact: "GP", Outcome: "Agreed."},
	} {
		if _, err := opts.Backend.RecordConsultation(ctx, rootReading, ref, c); err != nil {
			t.Fatal(err)
		}
	}
	for _, lang := range []Lang{LangEN, LangNB} {
		o := opts
		o.Lang = lang
		c := startConsole(t, o, 100, 30)
		c.waitFor("root (admin")
		for i := 0; i < 3; i++ {
			c.key("tab")
		}
		if lang == LangEN {
			c.waitFor("The senior psychiatrist and the GP", "Discussed with the senior psychiatrist  1 (1 %) · consultations: 2",
				"GP's office phoned                      1 (1 %) · consultations: 1")
		} else {
			c.waitFor("Overlege og fastlege", "Drøftet med overlege    1 (1 %) · konsultasjoner: 2",
				"Ringt fastlegekontoret  1 (1 %) · konsultasjoner: 1")
		}
		c.quit()
	}
}
