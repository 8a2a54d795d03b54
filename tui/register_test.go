package tui

import (
	"context"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"envei/intake"
)

// Registering a self-booking through the form's keys stores every field.
func TestRegisterFormStoresTheReferral(t *testing.T) {
	s := testStore(t, 0)
	c := startConsole(t, testOptions(t, s, "root", LangEN), 100, 30)
	c.waitFor("Welcome to envei")
	c.key("esc") // the welcome form is untouched: esc goes home
	c.waitFor("Nothing to do here")
	c.key("n")
	c.waitFor("How did the patient come?")
	c.key("down")
	c.key("enter") // self-booking
	c.waitFor("┃ Date received", "2026-11-22")
	c.key("enter") // received today
	c.waitFor("┃ Name")
	c.typeText("Kari Test")
	c.key("enter")
	c.key("enter") // has a Norwegian id
	c.waitFor("National id")
	c.typeText("14838510036")
	c.waitFor("national id number (synthetic)")
	c.key("enter")
	// huh moves between fields through a command, so each field is typed
	// only once it has the focus (┃ marks it), as a person would.
	fields := []struct{ title, value string }{
		{"Phone", "900 00 000"}, {"Home municipality", "Bergen"}, {"GP", "Dr. Lege"}, {"GP practice", "Sentrum legesenter"},
		{"GP office HER-id", "112233"},
	}
	for _, f := range fields {
		c.waitFor("┃ " + f.title)
		c.typeText(f.value)
		c.key("enter")
	}
	c.waitFor("┃ Reason for contact")
	c.typeText("Low mood for months")
	c.key("enter")
	c.key("enter") // not urgent
	c.waitFor("Registered 2026-00001")
	c.quit()

	rec, err := s.ReferralDetail(context.Background(), rootReading, "2026-00001")
	if err != nil {
		t.Fatal(err)
	}
	r, d := rec.Row.Referral, rec.Details
	if r.Name != "Kari Test" || r.NationalID != "14838510036" || d.Phone != "900 00 000" || d.Municipality != "Bergen" ||
		r.GP != "Dr. Lege" || d.GPPractice != "Sentrum legesenter" || r.GPHerID != "112233" || d.Reason != "Low mood for months" || d.Urgent {
		t.Errorf("stored %+v %+v", r, d)
	}
}

// A GP referral that came in on Friday and is registered later keeps
// Friday, and the deadline counts from it. A day more than a few working
// days back is warned about, a day in the future refused. The form had no
// date received before: every referral got the day it was typed in.
func TestRegisterTakesTheDateReceived(t *testing.T) {
	s := testStore(t, 0)
	opts := testOptions(t, s, "root", LangNB)
	c := startConsole(t, opts, 100, 30)
	c.waitFor("Velkommen")
	c.key("esc")
	c.waitFor("Ingenting å gjøre her")
	c.key("n")
	c.waitFor("┃ Hvordan kom pasienten?")
	c.key("enter") // GP referral
	c.waitFor("┃ Fastlegen henviste til")
	c.key("enter") // DPS
	c.waitFor("┃ Dato mottatt", "22.11.2026")
	clear := func() {
		for range "22.11.2026" {
			c.key("backspace")
		}
	}
	clear()
	c.typeText("23.11.2026")
	c.key("enter")
	c.waitFor("Mottaksdatoen kan ikke være fram i tid.")
	clear()
	c.typeText("16.11.2026")
	c.waitFor("Mottatt for 4 virkedager siden: sjekk datoen.")
	clear()
	c.typeText("20.11.2026")
	c.key("enter")
	c.waitFor("┃ Navn")
	c.typeText("Kari Test")
	c.key("enter")
	c.key("enter") // has a Norwegian id
	c.waitFor("┃ Fødselsnummer")
	c.typeText("14838510036")
	c.waitFor("14.03.1985") // the birth date it encodes, as dd.mm.yyyy
	c.key("enter")
	for _, title := range []string{"Telefon", "Hjemkommune", "Fastlege", "Legekontor", "Legekontorets HER-id"} {
		c.waitFor("┃ " + title)
		c.key("enter")
	}
	c.waitFor("┃ Kontaktårsak")
	c.typeText("Nedstemt")
	c.key("enter")
	c.key("enter") // not urgent
	c.waitFor("Registrerte 2026-00001")
	c.quit()

	rec, err := s.ReferralDetail(context.Background(), rootReading, "2026-00001")
	if err != nil {
		t.Fatal(err)
	}
	r := rec.Row.Referral
	if r.Received.String() != "2026-11-20" || rec.Row.Deadline.String() != "2026-12-04" {
		t.Errorf("received %v, deadline %v; want 2026-11-20 and 2026-12-04", r.Received, rec.Row.Deadline)
	}
}

// The duplicate check comes first: as soon as the national id typed is a
// valid one, the patient's open referral is shown, and a closed earlier one
// is mentioned by state and day; each lookup is logged. Before, nothing was
// said until the whole form was filled in, and closed referrals never.
func TestRegisterShowsOtherReferralsOnceTheIDIsTyped(t *testing.T) {
	s, opts := seedOne(t) // 2026-00001, open, for 14838510036
	ctx := context.Background()
	root, _ := s.Actor(ctx, "root")
	old, err := s.Register(ctx, root, intake.Referral{Channel: intake.ChannelSelf, Name: "Pat Test", NationalID: "14838510036",
		Received: intake.MustParseDate("2026-10-01")}, intake.Details{Reason: "earlier"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Withdraw(ctx, intake.Access{Who: root}, old.Referral.Ref, 0, "moved away"); err != nil {
		t.Fatal(err)
	}
	c := startConsole(t, opts, 100, 30)
	c.waitFor("2026-00001")
	c.key("n")
	c.waitFor("┃ How did the patient come?")
	c.key("down")
	c.key("enter")
	c.waitFor("┃ Date received")
	c.key("enter")
	c.waitFor("┃ Name")
	c.typeText("Pat Test")
	c.key("enter")
	c.key("enter")
	c.waitFor("┃ National id")
	c.typeText("1483851003")
	c.waitFor("10 of 11 digits")
	c.typeText("6")
	c.waitFor("This national id already has open referrals: 2026-00001 (registered, 2026-11-22).",
		"Earlier referrals, closed: 2026-00002 (withdrawn 2026-11-22).")
	c.quit()
	history, err := s.PatientAccess(ctx, root, "14838510036")
	if err != nil {
		t.Fatal(err)
	}
	lookups := 0
	for _, a := range history {
		if a.What == "lookup" {
			lookups++
		}
	}
	if lookups != 2 {
		t.Errorf("%d lookups logged, want 2 (one per referral found)", lookups)
	}
}

var _ = tea.Quit
var _ = teatest.WithDuration
var _ = time.Second
