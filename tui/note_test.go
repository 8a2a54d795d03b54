package tui

import (
	"context"
	"testing"

	"envei/intake"
)

// A routed referral, off the worklist, is reached by its whole ref; its
// transfer note and GP letter show in the console and each opening is
// logged in the trail.
func TestNotesInTheConsole(t *testing.T) {
	opts, detail, _ := attendedOne(t)
	ctx := context.Background()
	b, who := opts.Backend, opts.User
	if _, err := b.SaveAssessment(ctx, intake.Access{Who: who}, "2026-00001", demoReadyAssessment(), true, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Route(ctx, intake.Access{Who: who}, "2026-00001", 0, []string{"municipal"}, "mild depression"); err != nil {
		t.Fatal(err)
	}
	c := startConsole(t, opts, 100, 40)
	c.waitFor("No open referrals")
	c.key("/")
	c.typeText("2026-00001")
	c.waitFor("/ 2026-00001")
	c.key("enter") // a whole ref opens the referral, closed or not
	c.waitFor("Referral 2026-00001", "routed")
	c.key("p")
	c.waitFor("Transfer note 2026-00001", "First-conversation note", "Pat Test")
	c.key("esc")
	c.waitFor("Referral 2026-00001")
	c.quit()
	kinds := map[string]bool{}
	for _, e := range detail("2026-00001").Events {
		kinds[e.Kind] = true
	}
	if !kinds["note_printed"] {
		t.Error("showing the note was not logged")
	}
}
