package tui

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"envei/intake"
)

// Issue 11 §2 in the console: text a person types follows the store's rule
// in the form itself, so the error shows where the text is and nothing
// typed is lost; and no stored string reaches the terminal with its
// control characters.

func TestFreeTextValidators(t *testing.T) {
	for lang, cat := range map[Lang]*Catalog{LangEN: english(), LangNB: norwegian()} {
		line, optional, notes := textValidator(cat, true), textValidator(cat, false), notesValidator(cat)
		for _, s := range []string{"Kari\u202eNordmann", "a\x1b[2Kb", "one\ntwo", "a\u0085b"} {
			if err := line(s); err == nil || err.Error() != cat.BadControl || strings.Contains(err.Error(), s) {
				t.Errorf("%s: required line %q: %v", lang, s, err)
			}
			if err := optional(s); err == nil {
				t.Errorf("%s: optional line %q accepted", lang, s)
			}
		}
		if err := line("  "); err == nil || err.Error() != cat.Required {
			t.Errorf("%s: an empty required line: %v", lang, err)
		}
		for _, s := range []string{"", "Ærlig – «sitat»"} {
			if err := optional(s); err != nil {
				t.Errorf("%s: optional %q: %v", lang, s, err)
			}
		}
		for _, s := range []string{"one\ntwo\tthree", "one\r\ntwo", ""} {
			if err := notes(s); err != nil {
				t.Errorf("%s: notes %q: %v", lang, s, err)
			}
		}
		for _, s := range []string{"a\x1b[2Kb", "lone\rreturn", "a\u202eb"} {
			if err := notes(s); err == nil || err.Error() != cat.BadControlLines {
				t.Errorf("%s: notes %q: %v", lang, s, err)
			}
		}
		for _, s := range []string{"xxxxxxxxxx\u202eevil", "xxxxxxxxxx\x1b[2K"} {
			if err := reasonValidator(cat)(s); err == nil || err.Error() != cat.BadControl {
				t.Errorf("%s: break-the-glass reason %q: %v", lang, s, err)
			}
		}
	}
}

// The break-the-glass reason with a bidi override (which a paste brings in;
// the input drops C0 and C1 itself) is refused in the form, and the record
// does not open.
func TestBreakGlassReasonWithControlsIsRefusedInTheForm(t *testing.T) {
	s, opts := seedOne(t)
	c := startConsole(t, opts, 100, 30)
	c.waitFor("2026-00001", "assign")
	c.key("a")
	c.waitFor("book time")
	c.key("enter")
	c.waitFor("Reason to open 2026-00001", "Why do you need this record?")
	// One message with every rune, as a paste arrives (teatest's Type
	// sends bytes, which would split the override).
	c.tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("checking the record\u202e in a test"), Paste: true})
	c.key("enter")
	c.waitFor(english().BadControl[:40]) // the rest wraps
	c.quit()
	review, err := s.AccessReview(context.Background(), intake.Clinician{Username: "root", Role: intake.RoleAdmin}, intake.Date{}, intake.Date{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range review {
		if r.Basis == intake.BasisBreakGlass {
			t.Errorf("the record opened with a refused reason: %+v", r)
		}
	}
}

// plantControls writes control characters into stored rows with raw SQL,
// as an old database or another program might have them.
func plantControls(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		"UPDATE clinicians SET name = 'Kari\x1b]0;pwned\aK' WHERE username = 'kari'",
		"UPDATE referrals SET name = 'Pat\x1b[2KTest', reason = 'sleep\x1b[1Aless'",
		"UPDATE services SET label_en = 'DPS\x1b[31m (outpatient)' WHERE code = 'dps'",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

func TestStoredControlsAreNeutralisedInTheConsole(t *testing.T) {
	views := map[string]func(c *console){
		"roster": func(c *console) {
			c.key("tab")
			c.waitFor(`Kari\x1b]0;pwned\x07K`)
		},
		"services": func(c *console) {
			c.key("tab")
			c.waitFor("kari")
			c.key("tab")
			c.waitFor(`DPS\x1b[31m (outpatient)`)
		},
		"referral": func(c *console) {
			c.key("a")
			c.waitFor("book time")
			c.key("enter")
			c.breakGlass("2026-00001")
			c.waitFor("Referral 2026-00001", `Pat\x1b[2KTest`, `sleep\x1b[1Aless`)
		},
	}
	for name, drive := range views {
		t.Run(name, func(t *testing.T) {
			s, opts := seedOne(t)
			plantControls(t, s.Path())
			c := startConsole(t, opts, 100, 30)
			c.waitFor("2026-00001")
			drive(c)
			if view := c.quit().View(); strings.ContainsAny(view, "\x1b\a") {
				t.Errorf("the %s screen writes stored control characters to the terminal:\n%q", name, view)
			}
		})
	}
}
