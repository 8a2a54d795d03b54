package main

import (
	"strings"
	"testing"
)

// envei audit: a patient's access history and the monthly review, from
// reads made through the command line (the console's reads go through the
// same store methods; store/access_test.go covers each of them).
func TestAuditCommand(t *testing.T) {
	h := noteHarness(t) // R1 assessed and routed, R2 seen; both kari's
	h.ok("note", "R1")  // kari, the patient's clinician: logged, not for review
	h.user = "root"
	h.ok("note", "R1", "--reason", "the GP asked for a copy today")

	history := h.ok("audit", "--patient", "R1")
	for _, want := range []string{"WHEN", "kari", "clinician", "transfer", "assigned",
		"root", "admin", "break_glass", "the GP asked for a copy today", "import", "bulk", "changed: routed"} {
		if !strings.Contains(history, want) {
			t.Errorf("R1's history lacks %q:\n%s", want, history)
		}
	}
	if byID := h.ok("audit", "--patient", "14838510036"); !strings.Contains(byID, "R1") || strings.Contains(byID, "R2 ") {
		t.Errorf("history by national id:\n%s", byID)
	}

	review := h.ok("audit", "--review", "--from", "2026-11-01")
	if strings.Contains(review, "Sessions over SSH") {
		t.Errorf("a review with nobody served lists sessions:\n%s", review)
	}
	if !strings.Contains(review, "break_glass") || !strings.Contains(review, "the GP asked for a copy today") {
		t.Errorf("the review lacks the break-the-glass access:\n%s", review)
	}
	for _, line := range strings.Split(review, "\n") {
		if strings.Contains(line, " assigned ") {
			t.Errorf("the review lists the patient's own clinician: %s", line)
		}
	}
	if empty := h.ok("audit", "--review", "--to", "2026-10-01"); !strings.Contains(empty, "No accesses to review") {
		t.Errorf("review before anything happened:\n%s", empty)
	}

	if r := h.run("audit", "--patient", "14838510044"); r.code != exitFail || strings.Contains(r.stderr, "14838510044") {
		t.Errorf("unknown patient: %+v", r)
	}
	for _, args := range [][]string{{"audit"}, {"audit", "--patient", "R1", "--review"}, {"audit", "R1"},
		{"audit", "--patient", "R1", "--from", "2026-11-01"}, {"audit", "--review", "--from", "1.11.2026"}} {
		if r := h.run(args...); r.code != exitUsage {
			t.Errorf("%v: exit %d, want %d (%s)", args, r.code, exitUsage, r.stderr)
		}
	}
	h.user = "kari"
	if r := h.run("audit", "--review"); r.code != exitFail || !strings.Contains(r.stderr, "needs the role supervisor") {
		t.Errorf("a clinician read the review: %+v", r)
	}
	if help := h.ok("audit", "--help"); !strings.Contains(help, "break_glass") || !strings.Contains(help, "--review") {
		t.Errorf("help:\n%s", help)
	}
}
