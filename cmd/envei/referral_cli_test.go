package main

import (
	"strings"
	"testing"
)

// Finding a patient and correcting mistakes from the command line: find by
// national id and by name, the history, a routing corrected by the
// clinician who routed until the note is sent, then only by a supervisor,
// and a duplicate merged by a supervisor.
func TestFindAndCorrectCommands(t *testing.T) {
	h := noteHarness(t) // R1 routed to DPS by kari; R2 seen, not assessed
	if out := h.ok("find", "148385 10036"); !strings.Contains(out, "R1") || !strings.Contains(out, "routed") || strings.Contains(out, "Testesen") {
		t.Errorf("find by national id:\n%s", out)
	}
	if out := h.ok("find", "Testesen"); !strings.Contains(out, "R1") || !strings.Contains(out, "routed") {
		t.Errorf("find by name:\n%s", out)
	}
	if out := h.ok("referral", "history", "R1"); !strings.HasPrefix(out, "REF") || !strings.Contains(out, "R1") {
		t.Errorf("history:\n%s", out)
	}
	if r := h.run("referral", "correct-route", "R1", "--to", "municipal"); r.code != exitUsage {
		t.Errorf("a correction without a reason: exit %d", r.code)
	}
	if out := h.ok("referral", "correct-route", "R1", "--to", "municipal", "--reason", "picked the wrong service"); !strings.Contains(out, "municipal") {
		t.Errorf("correct-route: %s", out)
	}
	h.ok("note", "R1")
	r := h.run("referral", "correct-route", "R1", "--to", "dps", "--reason", "it was DPS after all")
	if r.code != exitFail || !strings.Contains(r.stderr, "supervisor") {
		t.Errorf("corrected by the clinician after the note was sent: exit %d %s", r.code, r.stderr)
	}
	if r := h.run("referral", "merge", "R2", "--into", "R1", "--reason", "registered twice"); r.code != exitFail || !strings.Contains(r.stderr, "supervisor") {
		t.Errorf("a clinician merged: exit %d %s", r.code, r.stderr)
	}
	h.user = "root"
	h.ok("clinician", "add", "sol", "--name", "Sol Supervisor", "--role", "supervisor")
	h.user = "sol"
	h.ok("referral", "correct-route", "R1", "--to", "dps", "--reason", "it was DPS after all")
	if out := h.ok("referral", "merge", "R2", "--into", "R1", "--reason", "registered twice"); !strings.Contains(out, "R2 merged into R1") {
		t.Errorf("merge: %s", out)
	}
	if out := h.ok("find", "R2"); !strings.Contains(out, "voided") {
		t.Errorf("the merged duplicate:\n%s", out)
	}
	if out := h.ok("stats", "--format", "csv"); !strings.Contains(out, "total,1,dps,1,") {
		t.Errorf("stats after the corrections:\n%s", out)
	}
	if out := h.ok("referral", "--help"); !strings.Contains(out, "correct-route") || !strings.Contains(out, "--into") {
		t.Errorf("help:\n%s", out)
	}
}
