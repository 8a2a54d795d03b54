package tui

import (
	"context"
	"os"
	"testing"
	"time"

	"envei/intake"
)

// In a console served over SSH (Options.NoFileSave), w writes nothing on
// the server's disk: it says how to get the note on one's own machine.
// Locally w saves the note as today.
func TestServedConsoleSavesNoNoteFile(t *testing.T) {
	for _, served := range []bool{false, true} {
		opts, _, _ := attendedOne(t)
		ctx := context.Background()
		b, who := opts.Backend, opts.User
		if _, err := b.SaveAssessment(ctx, intake.Access{Who: who}, "2026-00001", demoReadyAssessment(), true, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := b.Route(ctx, intake.Access{Who: who}, "2026-00001", 0, []string{"municipal"}, "mild depression"); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		t.Chdir(dir)
		opts.NoFileSave = served
		c := startConsole(t, opts, 120, 40)
		c.waitFor("No open referrals")
		c.key("/")
		c.typeText("2026-00001")
		c.waitFor("/ 2026-00001")
		c.key("enter")
		c.waitFor("Referral 2026-00001", "Routed to") // loaded: p works once the record is there
		c.key("p")
		help := map[bool]string{false: "w save as file", true: "w how to save"}[served]
		c.waitFor("Transfer note 2026-00001", "Pat Test", help)
		c.key("w")
		if served {
			c.waitFor("Nothing is saved on the server", "ssh <server> note 2026-00001 > 2026-00001-") // the line wraps
			time.Sleep(200 * time.Millisecond)                                                        // a write, were there one, would have landed
		} else {
			c.waitFor("Saved 2026-00001-transfer.txt")
		}
		c.quit()
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{false: 1, true: 0}[served]; len(entries) != want {
			t.Errorf("served %v: %d files in the working folder, want %d", served, len(entries), want)
		}
	}
}
