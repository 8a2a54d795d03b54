package tui

import (
	"context"
	"testing"
	"time"

	"envei/intake"
)

// An open referral notices another clinician's change and shows it
// without a keypress: the console polls the version on the refresh tick
// and reads the record again only when it moved.
func TestReferralViewReloadsOnOthersChanges(t *testing.T) {
	s, opts := seedOne(t)
	ctx := context.Background()
	as, err := s.Assign(ctx, opts.User, "2026-00001", opts.Random)
	if err != nil {
		t.Fatal(err)
	}
	opts = testOptions(t, s, as.Draw.Drawn, LangEN) // the patient's own clinician
	opts.RefreshEvery = 100 * time.Millisecond
	c := startConsole(t, opts, 100, 30)
	c.waitFor("2026-00001", "book time")
	c.key("enter")
	c.waitFor("Referral 2026-00001", "assigned  →  book time")

	// Another console (root's, with a reason) books the first conversation.
	if _, err := s.Schedule(ctx, rootReading, "2026-00001", 0, testToday, "13:15", intake.ModeVideo); err != nil {
		t.Fatal(err)
	}
	c.waitFor("scheduled  →  record visit", "13:15")
	c.quit()
}
