package tui

import (
	"context"
	"strings"
	"testing"
)

// The nb console shows dates as dd.mm.yyyy and takes dates and times as
// Norwegians type them (24.11.2026, 8.30); the store keeps ISO. Both were
// refused before ("Skriv datoen som ÅÅÅÅ-MM-DD"), and every date showed ISO.
func TestNorwegianDatesTypedAndShown(t *testing.T) {
	s, opts := seedOne(t)
	opts.Lang = LangNB
	c := startConsole(t, opts, 100, 30)
	c.waitFor("2026-00001", "22.11.2026") // received, in the worklist
	c.key("a")
	c.waitFor("sett opp time")
	c.key("s")
	c.waitFor("Hvorfor trenger du denne journalen?") // the drawn clinician's patient
	c.typeText("checking the record in a test")
	c.key("enter")
	c.waitFor("┃ Dato", "22.11.2026") // the form's default
	for range "22.11.2026" {
		c.key("backspace")
	}
	c.typeText("24.11.2026")
	c.key("enter")
	c.waitFor("┃ Klokkeslett")
	for range "09:00" {
		c.key("backspace")
	}
	c.typeText("8.30")
	c.key("enter")
	c.waitFor("┃ Form")
	c.key("enter")
	c.waitFor("første samtale 24.11.2026")
	c.quit()

	rec, err := s.ReferralDetail(context.Background(), rootReading, "2026-00001")
	if err != nil {
		t.Fatal(err)
	}
	if got := rec.Row.Referral.FirstConversation.String() + " " + rec.Details.ConversationTime; got != "2026-11-24 08:30" {
		t.Errorf("stored %q, want 2026-11-24 08:30", got)
	}
}

// A two-digit year is refused with the reason, in both languages.
func TestTwoDigitYearRefusedWithReason(t *testing.T) {
	for _, cat := range []*Catalog{english(), norwegian()} {
		err := dateValidator(cat, true)("14.05.90")
		if err == nil || !strings.Contains(err.Error(), "1990") || !strings.Contains(err.Error(), "2090") {
			t.Errorf("14.05.90: %v", err)
		}
		for _, ok := range []string{"14.05.1990", "14.5.1990", "1990-05-14"} {
			if err := dateValidator(cat, true)(ok); err != nil {
				t.Errorf("%s refused: %v", ok, err)
			}
		}
	}
	if got := norwegian().Date(typedDate("4.5.1990")); got != "04.05.1990" {
		t.Errorf("nb shows %q", got)
	}
	if got := english().Date(typedDate("4.5.1990")); got != "1990-05-04" {
		t.Errorf("en shows %q", got)
	}
}
