package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"envei/intake"
	"envei/store"
)

// noteAssessment is a template that completes for a GP referral to DPS
// received 2026-11-02 and seen 2026-11-05 (the rights assessment is
// required).
func noteAssessment() intake.Assessment {
	return intake.Assessment{
		ReasonOwnWords: "I cannot sleep.", CurrentSituation: "On sick leave.", Duration: "Four months.",
		EarlierHelp: "None.", SomaticHealth: "Healthy.", Medication: "None.", SubstanceUse: "Little.",
		DailyFunctioning: "Manages the home.", Network: "A sister.", MinorChildren: intake.No, Goals: "Work.",
		Instruments: map[intake.Instrument]intake.Answers{
			intake.InstrumentPHQ9:  {Items: []int{2, 2, 2, 1, 1, 1, 1, 1, 1}},
			intake.InstrumentGAD7:  {Items: []int{2, 2, 2, 2, 1, 1, 1}},
			intake.InstrumentAUDIT: {NotDone: true, NotDoneReason: "Time ran out."},
		},
		Risk: intake.Risk{Suicide: intake.RiskLow, ProtectiveFactors: "Her sister."},
		Rights: intake.RightsAssessment{
			Right: intake.Yes, LatestStart: intake.MustParseDate("2027-01-15"), Priority: intake.PriorityOrdinary,
			ExpectedBenefit: "Good.", CostEffectiveness: "Reasonable.", Severity: "Moderate.",
			DecidedBy: "kari", DecidedAt: intake.MustParseDate("2026-11-12"),
		},
		Recommendation: []string{"dps"},
	}
}

// noteHarness makes a test database through the command line (a clinician,
// two referrals both seen: R1 to be assessed and routed, R2 not assessed),
// then completes and routes R1 through the store API, as the console does.
// The patient is invented; 14838510036 is a synthetic Test-Norge number.
func noteHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t)
	h.ok("init", "--test")
	h.ok("clinician", "add", "kari", "--name", "Kari Behandler", "--org", "dps")
	h.stdin = "ref,received,channel,addressed_to,national_id,name,gp,clinician,first_conversation,attended\n" +
		"R1,2026-11-02,gp,dps,14838510036,Kari Testesen,Ola Testlege,kari,2026-11-05,yes\n" +
		"R2,2026-11-02,gp,municipal,,,Ola Testlege,kari,2026-11-05,yes\n"
	h.ok("import", "-")

	ctx := context.Background()
	s, err := store.Open(ctx, h.db, store.Options{Now: func() time.Time { return time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	kari, err := s.Actor(ctx, "kari")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveAssessment(ctx, intake.Access{Who: kari}, "R1", noteAssessment(), true, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Route(ctx, intake.Access{Who: kari}, "R1", 0, []string{"dps"}, "Needs treatment at DPS."); err != nil {
		t.Fatal(err)
	}
	h.user = "kari" // the patients' clinician prints their notes
	return h
}

func noteEvents(t *testing.T, h *harness, ref string) []store.Event {
	t.Helper()
	s, err := store.Open(context.Background(), h.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	events, err := s.Events(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	var out []store.Event
	for _, e := range events {
		if strings.HasSuffix(e.Kind, "_printed") {
			out = append(out, e)
		}
	}
	return out
}

func TestNoteCommand(t *testing.T) {
	h := noteHarness(t)

	note := h.ok("note", "R1")
	for _, want := range []string{
		"En vei inn – felles psykisk helsemottak", "First-conversation note", "Kari Testesen", "14838510036",
		"Ola Testlege", "GP referral addressed to DPS", "PHQ-9        12 / 27   moderate",
		"not done: Time ran out.", "! PHQ-9 item 9", "Suicide risk", "2027-01-15",
		"DPS (outpatient clinic)", "Needs treatment at DPS.", "Kari Behandler", "clinician from the DPS", "Printed 2026-11-22",
	} {
		if !strings.Contains(note, want) {
			t.Errorf("note lacks %q:\n%s", want, note)
		}
	}
	if nb := h.ok("note", "R1", "--lang", "nb"); !strings.Contains(nb, "Notat fra første samtale") || !strings.Contains(nb, "DPS (poliklinikk)") {
		t.Errorf("--lang nb:\n%s", nb)
	}
	h.env["LANG"] = "nb_NO.UTF-8"
	if nb := h.ok("note", "R1"); !strings.Contains(nb, "Notat fra første samtale") {
		t.Errorf("LANG=nb_NO:\n%s", nb)
	}
	delete(h.env, "LANG")

	md := h.ok("note", "R1", "--format", "md")
	if !strings.HasPrefix(md, "# En vei inn") || !strings.Contains(md, "| PHQ-9 | 12 / 27 | moderate |") {
		t.Errorf("--format md:\n%s", md)
	}

	letter := h.ok("note", "R1", "--gp-letter")
	for _, want := range []string{"To the GP", "Ola Testlege", "Kari Testesen, born 1985-03-14", "routed to: DPS (outpatient clinic)",
		"no later than 2027-01-15", "R1"} {
		if !strings.Contains(strings.Join(strings.Fields(letter), " "), want) {
			t.Errorf("letter lacks %q:\n%s", want, letter)
		}
	}
	if strings.Contains(letter, "14838510036") || strings.Contains(letter, "PHQ-9") {
		t.Errorf("the letter carries more than the GP needs:\n%s", letter)
	}

	events := noteEvents(t, h, "R1")
	var kinds []string
	for _, e := range events {
		kinds = append(kinds, e.Kind)
		if e.Actor != "kari" || e.Detail != "" || e.At != "2026-11-22T09:00:00Z" {
			t.Errorf("trail entry: %+v", e)
		}
	}
	if got := strings.Join(kinds, " "); got != "note_printed note_printed note_printed note_printed gp_letter_printed" {
		t.Errorf("printing trail: %s", got)
	}
}

func TestNoteToFile(t *testing.T) {
	h := noteHarness(t)
	out := filepath.Join(t.TempDir(), "R1.md")
	if stdout := h.ok("note", "R1", "--format", "md", "--out", out); stdout != "" {
		t.Errorf("--out also wrote to stdout: %q", stdout)
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("note file mode %o, want 600 (it holds patient data)", fi.Mode().Perm())
	}
	got, _ := os.ReadFile(out)
	if want := h.ok("note", "R1", "--format", "md"); string(got) != want {
		t.Errorf("the file differs from standard output")
	}
	before := len(noteEvents(t, h, "R1"))
	if r := h.run("note", "R1", "--out", out); r.code != exitFail || !strings.Contains(r.stderr, "exists") {
		t.Errorf("note over an existing file: %+v", r)
	}
	if after := len(noteEvents(t, h, "R1")); after != before {
		t.Errorf("a refused file was logged as printed (%d → %d entries)", before, after)
	}
}

func TestNoteRefusals(t *testing.T) {
	h := noteHarness(t)
	r := h.run("note", "R2")
	if r.code != exitFail || !strings.Contains(r.stderr, "complete the assessment first") || r.stdout != "" {
		t.Errorf("note without an assessment: %+v", r)
	}
	if r := h.run("note", "R2", "--gp-letter"); r.code != exitFail || !strings.Contains(r.stderr, "route referral R2 first") {
		t.Errorf("letter before routing: %+v", r)
	}
	if r := h.run("note", "R9"); r.code != exitFail || !strings.Contains(r.stderr, "not found") {
		t.Errorf("unknown ref: %+v", r)
	}
	if got := noteEvents(t, h, "R2"); len(got) != 0 {
		t.Errorf("refusals were logged as printed: %+v", got)
	}
	for _, args := range [][]string{{"note"}, {"note", "R1", "R2"}, {"note", "R1", "--format", "docx"}} {
		if r := h.run(args...); r.code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, r.code, exitUsage)
		}
	}
	h.user = "stranger"
	if r := h.run("note", "R1"); r.code != exitFail || !strings.Contains(r.stderr, "not on the roster") {
		t.Errorf("someone not on the roster: %+v", r)
	}
	// The admin is not the patient's clinician: the note needs a reason.
	h.user = "root"
	if r := h.run("note", "R1"); r.code != exitFail || !strings.Contains(r.stderr, "needs a reason") ||
		!strings.Contains(r.stderr, `envei note R1 --reason "…"`) || r.stdout != "" {
		t.Errorf("someone else's patient without a reason: %+v", r)
	}
	if r := h.run("note", "R1", "--reason", "short"); r.code != exitFail || !strings.Contains(r.stderr, "too short") {
		t.Errorf("a five-letter reason: %+v", r)
	}
	if note := h.ok("note", "R1", "--reason", "the GP asked for a copy today"); !strings.Contains(note, "Kari Testesen") {
		t.Errorf("note with a reason:\n%s", note)
	}
	if help := h.ok("note", "--help"); !strings.Contains(help, "--gp-letter") || !strings.Contains(help, "Usage: envei note REF") {
		t.Errorf("help:\n%s", help)
	}
}
