package tui

import "testing"

// Enter pressed twice on a patient not one's own (or a slow store) sends
// two answers to "does this need a reason?": the console must show one
// question, not stack a second one that reappears when the first is done
// (the stress consoles' stuck break-the-glass form). The same for a record
// opened twice on a plain work need.
func TestADoublePressOpensOneScreen(t *testing.T) {
	s := correctionStore(t) // R1 is kari's, R2 unassigned
	m, _ := syncConsole(t, quickOptions(t, s, "root", LangEN))
	base := len(m.stack)
	for range 2 {
		_, cmd := m.Update(gateMsg{ref: "R1", need: true, open: func() screen { return newReferralView(m.c, "R1") }})
		drive(t, m, cmd)
	}
	if got := len(m.stack) - base; got != 1 {
		t.Fatalf("two answers for R1 stacked %d screens, want 1", got)
	}
	m.c.reasons["R2"] = "checking the record in a test"
	for range 2 {
		_, cmd := m.Update(gateMsg{ref: "R2", open: func() screen { return newReferralView(m.c, "R2") }})
		drive(t, m, cmd)
	}
	if got := len(m.stack) - base; got != 2 {
		t.Fatalf("two answers for R2 stacked %d screens in all, want 2", got)
	}
}
