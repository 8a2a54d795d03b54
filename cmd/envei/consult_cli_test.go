package main

import (
	"strings"
	"testing"
)

// envei consult records both kinds; the note and envei stats show them;
// wrong flags are usage errors; someone not assigned needs --reason.
func TestConsultCommand(t *testing.T) {
	h := noteHarness(t) // as kari, R1's clinician; the clock is 10:00 in Oslo

	if out := h.ok("consult", "R1", "--senior", "--time", "8:15", "--question", "Start an SSRI?\nShe sleeps badly.",
		"--advice", "Sertraline 50 mg; review in four weeks.", "--medication-reviewed"); out != "R1: consultation with the senior psychiatrist on 2026-11-22 at 08:15 recorded.\n" {
		t.Errorf("stdout %q", out)
	}
	if out := h.ok("consult", "R1", "--gp", "--date", "2026-11-20", "--time", "13:05", "--with", "the office nurse",
		"--outcome", "The GP renews the sick note."); !strings.Contains(out, "phone consultation with the GP's office on 2026-11-20 at 13:05") {
		t.Errorf("stdout %q", out)
	}

	note := strings.Join(strings.Fields(h.ok("note", "R1")), " ")
	for _, want := range []string{"CONSULTATIONS", "GP's office, by phone 2026-11-20 at 13:05", "Spoke with the office nurse",
		"Senior psychiatrist (DPS) 2026-11-22 at 08:15", "Start an SSRI? She sleeps badly.", "Medication reviewed yes"} {
		if !strings.Contains(note, want) {
			t.Errorf("the note lacks %q:\n%s", want, note)
		}
	}

	for _, bad := range [][]string{
		{"consult", "R1", "--time", "08:00"},
		{"consult", "R1", "--senior", "--gp", "--time", "08:00"},
		{"consult", "R1", "--gp", "--time", "08:00", "--with", "GP", "--outcome", "ok", "--question", "q"},
		{"consult", "R1", "--senior", "--question", "q", "--advice", "a"},
		{"consult", "R1", "--senior", "--time", "08:00", "--question", "q"},
		{"consult", "R1", "--gp", "--time", "08:00", "--with", "GP", "--outcome", "ok", "--date", "20.11.2026"},
	} {
		if r := h.run(bad...); r.code != exitUsage {
			t.Errorf("envei %s: exit %d, want %d (%s)", strings.Join(bad, " "), r.code, exitUsage, r.stderr)
		}
	}
	if r := h.run("consult", "R1", "--gp", "--time", "10:30", "--with", "GP", "--outcome", "ok"); r.code != exitFail || !strings.Contains(r.stderr, "time") {
		t.Errorf("a time later than now: exit %d, %s", r.code, r.stderr)
	}
	if r := h.run("consult", "--help"); r.code != exitOK || !strings.Contains(r.stdout, "--medication-reviewed") {
		t.Errorf("--help: exit %d\n%s", r.code, r.stdout)
	}

	h.user = "root" // an admin, not R1's clinician
	r := h.run("consult", "R1", "--gp", "--time", "09:00", "--with", "GP", "--outcome", "Agreed.")
	if r.code != exitFail || !strings.Contains(r.stderr, "--reason") {
		t.Errorf("without a reason: exit %d, %s", r.code, r.stderr)
	}
	h.ok("consult", "R1", "--gp", "--time", "09:00", "--with", "GP", "--outcome", "Agreed.", "--reason", "the GP called back for kari")

	stats := h.ok("stats", "--format", "md") // the text breaks long labels to fit 80 columns
	for _, want := range []string{"5. The senior psychiatrist and the GP", "patients discussed with the senior psychiatrist",
		"consultations with the senior psychiatrist", "phone consultations with the GP's office"} {
		if !strings.Contains(stats, want) {
			t.Errorf("envei stats lacks %q:\n%s", want, stats)
		}
	}
	if js := h.ok("stats", "--format", "json"); !strings.Contains(js, `"code": "gp_consultations"`) {
		t.Errorf("json:\n%s", js)
	}
	if md := h.ok("stats", "--format", "md"); !strings.Contains(md, "5. The senior psychiatrist and the GP") {
		t.Errorf("md:\n%s", md)
	}
	if csv := h.ok("stats", "--format", "csv"); strings.Contains(csv, "senior") {
		t.Errorf("the CSV is the routing table alone:\n%s", csv)
	}
	protected := h.ok("stats", "--min-cell", "3")
	if !strings.Contains(protected, "patients discussed with the senior psychiatrist") || !strings.Contains(protected, "<3") {
		t.Errorf("--min-cell 3:\n%s", protected)
	}
	for _, line := range strings.Split(protected, "\n") {
		if strings.HasPrefix(line, "patients discussed") && strings.Contains(line, " 1 ") {
			t.Errorf("a count of 1 shown with --min-cell 3: %s", line)
		}
	}
}
