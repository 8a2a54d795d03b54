package tui

import (
	"context"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
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
	c.waitFor("Name")
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
		r.GP != "Dr. Lege" || d.GPPractice != "Sentrum legesenter" || d.Reason != "Low mood for months" || d.Urgent {
		t.Errorf("stored %+v %+v", r, d)
	}
}

var _ = tea.Quit
var _ = teatest.WithDuration
var _ = time.Second
