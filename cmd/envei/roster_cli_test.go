package main

import (
	"strings"
	"testing"
)

func TestClinicianCommands(t *testing.T) {
	h := newHarness(t)
	h.ok("init")
	h.ok("clinician", "add", "kari", "--name", "Kari Nordmann", "--org", "dps")
	h.ok("clinician", "add", "ola", "--name", "Ola Nordmann", "--org", "municipal")
	h.ok("clinician", "add", "siv", "--name", "Siv Sjef", "--org", "dps", "--role", "supervisor")
	if r := h.run("clinician", "add", "per", "--name", "Per"); r.code != exitFail || !strings.Contains(r.stderr, "--org") {
		t.Errorf("clinician without org: %+v", r)
	}
	h.ok("clinician", "leave", "ola")
	list := h.ok("clinician", "list")
	for _, want := range []string{"kari", "Kari Nordmann", "no (on leave)", "no (supervisor)", "no (admin)"} {
		if !strings.Contains(list, want) {
			t.Errorf("list lacks %q:\n%s", want, list)
		}
	}
	h.ok("clinician", "return", "ola")
	h.ok("clinician", "set", "ola", "--org", "dps")
	list = h.ok("clinician", "list")
	if strings.Contains(list, "on leave") || !hasRow(list, "ola", "Ola", "Nordmann", "dps", "clinician", "yes") {
		t.Errorf("after return and set:\n%s", list)
	}
	h.user = "kari"
	if r := h.run("clinician", "add", "x", "--name", "X", "--org", "dps"); r.code != exitFail || !strings.Contains(r.stderr, "needs the role admin") {
		t.Errorf("clinician changing roster: %+v", r)
	}
	h.user = "root"
	h.ok("clinician", "remove", "kari")
	if list := h.ok("clinician", "list"); strings.Contains(list, "kari") {
		t.Errorf("kari still listed:\n%s", list)
	}
}

func TestAssignCommands(t *testing.T) {
	h := newHarness(t)
	h.ok("init")
	h.stdin = "ref,received,channel,addressed_to\nR1,2026-11-02,gp,dps\nR2,2026-11-03,self,\nR3,2026-11-04,gp,municipal\n"
	h.ok("import", "-")
	if r := h.run("assign", "R1"); r.code != exitFail || !strings.Contains(r.stderr, "envei clinician add") {
		t.Errorf("assign with nobody drawable: %+v", r)
	}
	h.ok("clinician", "add", "kari", "--name", "Kari", "--org", "dps")
	h.ok("clinician", "add", "ola", "--name", "Ola", "--org", "municipal")
	if out := h.ok("assign", "R1"); !strings.Contains(out, "R1 → ") {
		t.Errorf("assign R1: %s", out)
	}
	if out := h.ok("assign", "--unassigned"); !strings.Contains(out, "2 referrals assigned") {
		t.Errorf("assign --unassigned: %s", out)
	}
	if r := h.run("assign", "R1"); r.code != exitFail || !strings.Contains(r.stderr, "--reason") {
		t.Errorf("assigning twice: %+v", r)
	}
	h.ok("assign", "R1", "--reason", "conflict of interest")
	hist := h.ok("assign", "R1", "--history")
	if strings.Count(hist, "root drew") != 2 || !strings.Contains(hist, "conflict of interest") {
		t.Errorf("history:\n%s", hist)
	}
	if r := h.run("assign", "NOPE"); r.code != exitFail || !strings.Contains(r.stderr, "not found") {
		t.Errorf("unknown ref: %+v", r)
	}
}

// hasRow reports whether a table printed by tabwriter has a line with
// exactly these whitespace-separated fields.
func hasRow(table string, fields ...string) bool {
	for _, line := range strings.Split(table, "\n") {
		if strings.Join(strings.Fields(line), " ") == strings.Join(fields, " ") {
			return true
		}
	}
	return false
}
