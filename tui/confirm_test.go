package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"envei/intake"
)

// registerTwice opens the register form for the national id seedOne's
// patient has (with two open referrals) at 80×24, walks it to the
// duplicate question and returns the console, the store's count and the
// screen showing the question.
func registerTwice(t *testing.T, lang Lang) (*headless, func() int, string) {
	s, opts := seedOne(t)
	ctx := context.Background()
	if _, err := s.Register(ctx, opts.User, intake.Referral{Channel: intake.ChannelSelf, Name: "Pat Test", NationalID: "14838510036"},
		intake.Details{Reason: "again"}); err != nil {
		t.Fatal(err)
	}
	opts.Lang = lang
	h := startHeadless(t, opts, 80, 24)
	t.Cleanup(h.quit)
	f := filler{h, false}
	f.wait("the worklist", "2026-00002")
	f.open(newRegister(h.m.c))
	c := h.m.c.text
	f.key(c.FieldChannel, "enter")
	f.key(c.FieldAddressedTo, "enter")
	f.key(c.FieldReceived, "enter")
	f.field(c.FieldName, "Pat Test")
	f.key(c.FieldHasID, "enter")
	f.field(c.FieldNationalID, "14838510036")
	for _, title := range []string{c.FieldPhone, c.FieldMunicipality, c.FieldGP, c.FieldGPPractice, c.FieldGPHerID} {
		f.key(title, "enter")
	}
	f.field(c.FieldReason, "worse")
	f.key(c.FieldUrgent, "enter")
	// The form comes back with the question; its answers are kept, so
	// enter walks to it.
	f.wait("the duplicate found", "2026-00001, 2026-00002")
	for _, title := range []string{c.FieldChannel, c.FieldAddressedTo, c.FieldReceived, c.FieldName, c.FieldHasID, c.FieldNationalID,
		c.FieldPhone, c.FieldMunicipality, c.FieldGP, c.FieldGPPractice, c.FieldGPHerID, c.FieldReason, c.FieldUrgent} {
		f.key(title, "enter")
	}
	screen := f.wait("the duplicate question", c.RegisterAnyway)
	count := func() int {
		n, err := s.CountReferrals(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	return h, count, screen
}

// The duplicate question at 80×24: both answers are drawn, no is the
// default, arrows, toggles and enter never register a duplicate, and the
// key shown for registering anyway is the key that does it.
func TestDuplicateQuestionIsUnambiguous(t *testing.T) {
	for _, lang := range []Lang{LangEN, LangNB} {
		t.Run(string(lang), func(t *testing.T) {
			h, count, screen := registerTwice(t, lang)
			c := h.m.c.text
			if !strings.Contains(screen, c.RegisterAnyway) || !strings.Contains(screen, c.No) {
				t.Fatalf("the question lacks a button:\n%s", screen)
			}
			shown := sprintf(c.ConfirmKeys, c.KeyYes, c.RegisterAnyway, c.No)
			if !strings.Contains(strings.Join(strings.Fields(screen), " "), shown) {
				t.Errorf("the question does not say %q:\n%s", shown, screen)
			}
			for _, keys := range [][]string{{"enter"}, {"right", "enter"}, {"left", "enter"}, {"l", "enter"}, {"h", "enter"}, {"right", "tab"}} {
				h.keys(keys...)
			}
			// Everything sent is handled in order; the write, had one been
			// asked for, runs in a command: give it time to land.
			time.Sleep(300 * time.Millisecond)
			screen = h.waitAfter(h.mark()-1, "the question still", has(c.RegisterAnyway, c.DuplicateRefused))
			if n := count(); n != 2 {
				t.Fatalf("arrows and enter registered a duplicate (%d referrals)", n)
			}
			h.keys(c.KeyYes)
			h.waitAfter(h.mark()-1, "the duplicate registered", has("2026-00003"))
			if n := count(); n != 3 {
				t.Errorf("%d referrals after %s", n, c.KeyYes)
			}
		})
	}
}

// The console's own questions (quit with unsaved input, discard a form)
// and the register form's yes/no fields at 80×24: the question and both
// answers with their keys are drawn, enter keeps what was typed, and only
// the yes key shown acts.
func TestConfirmationsAt80x24(t *testing.T) {
	for _, lang := range []Lang{LangEN, LangNB} {
		t.Run(string(lang), func(t *testing.T) {
			_, opts := seedOne(t)
			opts.Lang = lang
			h := startHeadless(t, opts, 80, 24)
			c := h.m.c.text
			f := filler{h, false}
			f.wait("the worklist", "2026-00001")
			f.open(newRegister(h.m.c))
			f.key(c.FieldChannel, "enter")
			f.key(c.FieldAddressedTo, "enter")
			f.key(c.FieldReceived, "enter")
			f.field(c.FieldName, "Half Typed")
			f.wait("the national id question", "┃ "+c.FieldHasID, c.Yes, c.NoNorwegianID)

			h.keys("ctrl+c")
			f.wait("the quit question", c.ConfirmQuit, c.KeyYes+" "+c.KeyQuit+" · n/enter "+c.KeyKeepEditing)
			h.keys("enter")
			h.waitAfter(h.mark()-1, "the form again", without(c.ConfirmQuit, "┃ "+c.FieldHasID))
			discard := sprintf(c.ConfirmKeys, c.KeyYes, c.KeyDiscard, c.KeyKeepEditing)
			h.keys("esc")
			f.wait("the discard question", c.DiscardQuestion, discard)
			h.keys("enter")
			h.waitAfter(h.mark()-1, "the form again", without(c.DiscardQuestion, "┃ "+c.FieldHasID))
			h.keys("esc")
			f.wait("the discard question", c.DiscardQuestion)
			h.keys(c.KeyYes)
			f.wait("the worklist again", "· "+c.WorklistTitle)
			h.quit()
			if h.m.quitting || len(h.m.stack) != 1 {
				t.Errorf("quitting %v, %d screens: enter quit or the form stayed", h.m.quitting, len(h.m.stack))
			}
		})
	}
}

// without matches a screen that shows want and not gone.
func without(gone, want string) func(string) bool {
	return func(s string) bool { return strings.Contains(s, want) && !strings.Contains(s, gone) }
}
