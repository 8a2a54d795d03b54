package tui

import (
	"context"
	"os"
	"testing"
	"time"

	"envei/intake"
)

// In a console served over SSH (NoFileSave), w writes nothing on the
// server's disk and is not offered; locally it saves the note.
func TestSaveNoteOnlyWhenFilesAreAllowed(t *testing.T) {
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
		c := startConsole(t, opts, 100, 40)
		c.waitFor("No open referrals")
		c.key("/")
		c.typeText("2026-00001")
		c.waitFor("/ 2026-00001")
		c.key("enter")
		c.waitFor("Referral 2026-00001")
		c.key("p")
		c.waitFor("Transfer note 2026-00001", "Pat Test")
		c.key("w")
		if !served {
			c.waitFor("2026-00001-transfer.txt")
		} else {
			time.Sleep(300 * time.Millisecond)
		}
		c.quit()
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if served && len(entries) != 0 {
			t.Errorf("a served console wrote %d files on the server", len(entries))
		}
		if !served && len(entries) != 1 {
			t.Errorf("a local console saved %d files, want 1", len(entries))
		}
	}
}
