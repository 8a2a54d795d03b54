package intake

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// noteFixture is a complete, amended assessment of a GP referral to DPS,
// routed to two services: every part of the note has something to show.
// The patient is invented; 14838510036 is a synthetic Test-Norge number.
func noteFixture() NoteInput {
	r := Referral{
		Ref: "2026-00042", Received: MustParseDate("2026-11-02"), Channel: ChannelGP, AddressedTo: AddressedDPS,
		NationalID: "14838510036", Name: "Kari Testesen", GP: "Ola Testlege", Clinician: "kari.b",
		FirstConversation: MustParseDate("2026-11-05"), Attended: AttendanceYes,
		Assessed: MustParseDate("2026-11-20"), Routed: MustParseDate("2026-11-22"),
		Outcomes: []string{"dps", "municipal"},
	}
	a := Assessment{
		ReasonOwnWords: "I cannot sleep, and I worry about everything, all day and most of the night, since the autumn began.",
		CurrentSituation: "On sick leave from her job in a shop since September.\n" +
			"1. She lives alone.\n# Not a heading: her words *as written*.",
		Duration:         "Four months.",
		EarlierHelp:      "Six talks with a psychologist in 2019; it helped.",
		SomaticHealth:    "Healthy.",
		Medication:       "None.",
		SubstanceUse:     "A glass of wine at weekends.",
		DailyFunctioning: "Manages the home, but little else.",
		Network:          "A sister nearby, a few friends.",
		MinorChildren:    Yes,
		ChildrenFollowUp: "A daughter of 9 lives with her father every other week; he has been told.",
		Goals:            "To sleep, and to go back to work.",
		Instruments: map[Instrument]Answers{
			InstrumentPHQ9:  {Items: []int{2, 2, 3, 1, 1, 2, 1, 1, 1}},
			InstrumentGAD7:  {Items: []int{2, 2, 2, 2, 1, 1, 1}},
			InstrumentAUDIT: {NotDone: true, NotDoneReason: "Time ran out."},
		},
		Risk: Risk{
			Suicide: RiskModerate, ProtectiveFactors: "Her daughter.\nHer sister, who she talks to daily.",
			Plan:     "Safety plan made together; the sister knows it. New appointment within a week.",
			Violence: RiskNone,
		},
		Rights: RightsAssessment{
			Right: Yes, LatestStart: MustParseDate("2027-01-15"), Priority: PriorityOrdinary,
			ExpectedBenefit: "Good: she has been helped by talking therapy before.", CostEffectiveness: "Reasonable.",
			Severity: "Moderate depression with anxiety; sick leave.", DecidedBy: "kari.b",
			DecidedAt: MustParseDate("2026-11-20"), Late: true,
		},
		Recommendation: []string{"dps", "municipal"},
	}
	return NoteInput{
		Row: ExportRow{Referral: r, ClinicianOrg: OrgDPS, Deadline: r.AssessmentDeadline(Calendar{})},
		Details: Details{
			Phone: "+47 99 99 99 99", Municipality: "Lillestrøm", GPPractice: "Testbyen legesenter",
			Reason: "Sleeplessness and worry for months.", RegisteredBy: "reg.user",
			ConversationTime: "09:30", ConversationMode: ModeVideo,
			RouteNote: "DPS for treatment of the depression; the municipality for help back to work.",
		},
		Assessment: &AssessmentVersion{
			Version: 2, Status: AssessmentCompleted, Assessment: a, Author: "kari.b",
			SavedAt: "2026-11-21T23:30:00Z", AmendmentReason: "the patient called back",
		},
		Services:  DefaultCatalogue(),
		Clinician: Clinician{Username: "kari.b", Name: "Kari Behandler", Org: OrgDPS, Role: RoleClinician},
		Printed:   MustParseDate("2026-11-22"),
		Lang:      "en",
	}
}

var noteGoldenDir = filepath.Join("..", "testdata", "golden")

// checkGolden compares got with the golden file, or rewrites it with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(noteGoldenDir, name)
	if *update {
		if err := os.MkdirAll(noteGoldenDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./intake -run TestNoteGolden -update to write it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for k := 0; k < min(len(gl), len(wl)); k++ {
			if gl[k] != wl[k] {
				t.Fatalf("%s differs at line %d:\n got %q\nwant %q\n(run with -update if the change is intended)", name, k+1, gl[k], wl[k])
			}
		}
		t.Fatalf("%s has %d lines, the renderer writes %d (run with -update if the change is intended)", name, len(wl), len(gl))
	}
}

func TestNoteGolden(t *testing.T) {
	for _, c := range []struct {
		file, lang, format string
		render             func(NoteInput, string) (string, error)
	}{
		{"note_transfer.txt", "en", NoteText, TransferNote},
		{"note_transfer.md", "en", NoteMarkdown, TransferNote},
		{"note_transfer_nb.txt", "nb", NoteText, TransferNote},
		{"note_gpletter.txt", "en", NoteText, GPLetter},
		{"note_gpletter.md", "en", NoteMarkdown, GPLetter},
		{"note_gpletter_nb.txt", "nb", NoteText, GPLetter},
	} {
		t.Run(c.file, func(t *testing.T) {
			in := noteFixture()
			in.Lang = c.lang
			got, err := c.render(in, c.format)
			if err != nil {
				t.Fatal(err)
			}
			again, _ := c.render(noteFixture2(c.lang), c.format)
			if again != got {
				t.Error("the same input rendered differently")
			}
			checkGolden(t, c.file, got)
		})
	}
}

// noteFixture2 is noteFixture built afresh in a language, so the
// determinism check does not reuse any state of the first render.
func noteFixture2(lang string) NoteInput {
	in := noteFixture()
	in.Lang = lang
	return in
}

// Every word exists in both languages, and the fmt formats take the same
// verbs in the same order, so a translation cannot print %!s(MISSING).
func TestNoteLabelsComplete(t *testing.T) {
	verbs := regexp.MustCompile(`%[a-z]`)
	en, nb := reflect.ValueOf(noteLabelsEN), reflect.ValueOf(noteLabelsNB)
	for k := 0; k < en.NumField(); k++ {
		name := en.Type().Field(k).Name
		e, n := en.Field(k).String(), nb.Field(k).String()
		if strings.TrimSpace(e) == "" || strings.TrimSpace(n) == "" {
			t.Errorf("%s: en %q, nb %q: a word is missing", name, e, n)
		}
		if ve, vn := strings.Join(verbs.FindAllString(e, -1), ""), strings.Join(verbs.FindAllString(n, -1), ""); ve != vn {
			t.Errorf("%s: en takes %q, nb takes %q", name, ve, vn)
		}
	}
}

func TestNoteTextFitsEightyColumns(t *testing.T) {
	in := noteFixture()
	in.Assessment.Goals = strings.Repeat("x", 200) + " and a very long goal " + strings.Repeat("word ", 40)
	in.Details.RouteNote = strings.Repeat("long justification ", 20)
	note, _ := TransferNote(in, NoteText)
	if strings.Count(note, "x") < 200 {
		t.Error("a word longer than a line was cut short")
	}
	for _, lang := range []string{"en", "nb"} {
		in.Lang = lang
		for _, render := range []func(NoteInput, string) (string, error){TransferNote, GPLetter} {
			out, err := render(in, NoteText)
			if err != nil {
				t.Fatal(err)
			}
			for k, l := range strings.Split(out, "\n") {
				if utf8.RuneCountInString(l) > NoteWidth {
					t.Errorf("%s line %d is %d columns: %q", lang, k+1, utf8.RuneCountInString(l), l)
				}
			}
		}
	}
}

// The note carries what the receiving service needs and no more: not who
// registered the referral, not the draw, not the username that signs in.
// The GP letter names the patient by birth date, never the national id.
func TestNoteLeavesOutWhatIsNotNeeded(t *testing.T) {
	in := noteFixture()
	for _, format := range []string{NoteText, NoteMarkdown} {
		note, _ := TransferNote(in, format)
		if strings.Contains(note, "reg.user") {
			t.Errorf("%s transfer note names who registered the referral", format)
		}
		for _, want := range []string{"14838510036", "Kari Testesen", "+47 99 99 99 99", "Lillestrøm", "Ola Testlege", "Testbyen legesenter"} {
			if !strings.Contains(note, want) {
				t.Errorf("%s transfer note lacks %q, which the receiving service needs", format, want)
			}
		}
		letter, _ := GPLetter(in, format)
		if strings.Contains(letter, "14838510036") || strings.Contains(letter, "+47 99") || strings.Contains(letter, "reg.user") {
			t.Errorf("%s GP letter carries more than it needs:\n%s", format, letter)
		}
		if !strings.Contains(letter, "born 1985-03-14") || !strings.Contains(letter, "Kari Testesen") {
			t.Errorf("%s GP letter does not identify the patient by name and birth date:\n%s", format, letter)
		}
		// The clinical findings are for the receiving service, not the letter.
		if strings.Contains(letter, "PHQ-9") || strings.Contains(letter, "sister") {
			t.Errorf("%s GP letter repeats the findings", format)
		}
	}
}

func TestNoteItem9Flag(t *testing.T) {
	in := noteFixture()
	note, _ := TransferNote(in, NoteText)
	if !strings.Contains(note, "! PHQ-9 item 9") || !strings.Contains(note, "scored 1") {
		t.Errorf("item 9 above 0 is not flagged:\n%s", note)
	}
	in.Assessment.Instruments[InstrumentPHQ9] = Answers{Items: []int{2, 2, 3, 1, 1, 2, 1, 1, 0}}
	if note, _ := TransferNote(in, NoteText); strings.Contains(note, "item 9") {
		t.Error("item 9 at 0 is flagged")
	}
	// Not done, but item 9 answered above 0: the flag still stands.
	in.Assessment.Instruments[InstrumentPHQ9] = Answers{Items: []int{-1, -1, -1, -1, -1, -1, -1, -1, 2}, NotDone: true, NotDoneReason: "Stopped."}
	note, _ = TransferNote(in, NoteText)
	if !strings.Contains(note, "scored 2") || !strings.Contains(note, "not done: Stopped.") {
		t.Errorf("a not-done PHQ-9 with item 9 at 2:\n%s", note)
	}
}

func TestNoteScoresAndBands(t *testing.T) {
	in := noteFixture()
	in.Assessment.Instruments = map[Instrument]Answers{
		InstrumentPHQ9:  {Items: []int{3, 3, 3, 3, 3, 3, 3, 3, 0}},    // 24 severe
		InstrumentGAD7:  {Items: []int{1, 1, 1}},                      // incomplete
		InstrumentAUDIT: {Items: []int{4, 4, 4, 4, 4, 0, 0, 0, 2, 2}}, // 24 zone IV
	}
	note, _ := TransferNote(in, NoteText)
	for _, want := range []string{
		"PHQ-9        24 / 27   severe",
		"GAD-7        –         incomplete: 3 of 7 items answered",
		"AUDIT        24 / 40   zone IV",
	} {
		if !strings.Contains(note, want) {
			t.Errorf("note lacks %q:\n%s", want, note)
		}
	}
	delete(in.Assessment.Instruments, InstrumentGAD7)
	if note, _ := TransferNote(in, NoteText); !strings.Contains(note, "GAD-7        –         not recorded") {
		t.Errorf("a missing instrument is not said to be missing:\n%s", note)
	}
}

func TestNoteRightsDecision(t *testing.T) {
	in := noteFixture()
	note, _ := TransferNote(in, NoteText)
	for _, want := range []string{"Right to necessary health care  yes", "2027-01-15", "ordinary",
		"2026-11-20 by Kari Behandler", "deadline of 2026-11-16"} {
		if !strings.Contains(note, want) {
			t.Errorf("note lacks %q", want)
		}
	}
	in.Assessment.Rights.Late = false
	if note, _ := TransferNote(in, NoteText); strings.Contains(note, "deadline of") {
		t.Error("a decision in time is said to be late")
	}
	in.Assessment.Rights = RightsAssessment{Right: No, ExpectedBenefit: "Little.", CostEffectiveness: "Low.", Severity: "Mild.",
		DecidedBy: "other.user", DecidedAt: MustParseDate("2026-11-10")}
	note, _ = TransferNote(in, NoteText)
	if !strings.Contains(note, "Right to necessary health care  no") || strings.Contains(note, "Latest start") ||
		!strings.Contains(note, "2026-11-10 by other.user") {
		t.Errorf("a refusal:\n%s", note)
	}
	letter, _ := GPLetter(in, NoteText)
	if !strings.Contains(letter, "not having a right") {
		t.Errorf("letter on a refusal:\n%s", letter)
	}
	in.Assessment.Rights = RightsAssessment{}
	note, _ = TransferNote(in, NoteText)
	if !strings.Contains(note, "No rights assessment was made.") {
		t.Errorf("no decision:\n%s", note)
	}
	if letter, _ := GPLetter(in, NoteText); strings.Contains(letter, "right to necessary") {
		t.Errorf("letter mentions a decision that was not made:\n%s", letter)
	}
}

// Without a completed assessment the note says so and invents nothing.
func TestTransferNoteWithoutAssessment(t *testing.T) {
	in := noteFixture()
	in.Assessment = nil
	r := &in.Row.Referral
	r.Attended, r.Assessed, r.Outcomes = AttendanceNo, Date{}, []string{ServiceDidNotAttend}
	in.Details.RouteNote = "Did not come; no answer on the phone."
	for _, format := range []string{NoteText, NoteMarkdown} {
		note, err := TransferNote(in, format)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"There is no completed first-conversation assessment.", "did not attend", "Did not attend"} {
			if !strings.Contains(note, want) {
				t.Errorf("%s lacks %q:\n%s", format, want, note)
			}
		}
		for _, not := range []string{"PHQ-9", "Suicide risk", "Rights assessment", "version"} {
			if strings.Contains(note, not) {
				t.Errorf("%s invents %q:\n%s", format, not, note)
			}
		}
	}
	letter, _ := GPLetter(in, NoteText)
	for _, want := range []string{"did not attend the first conversation booked for 2026-11-05", "The referral has been closed.", "reconsider"} {
		if !strings.Contains(letter, want) {
			t.Errorf("letter lacks %q:\n%s", want, letter)
		}
	}
	if strings.Contains(letter, "routed to") {
		t.Errorf("letter on a patient who did not attend:\n%s", letter)
	}
}

func TestTransferNoteBeforeRouting(t *testing.T) {
	in := noteFixture()
	in.Row.Referral.Routed, in.Row.Referral.Outcomes, in.Details.RouteNote = Date{}, nil, ""
	note, _ := TransferNote(in, NoteText)
	if !strings.Contains(note, "not routed yet") || !strings.Contains(note, "Recommended") ||
		!strings.Contains(note, "DPS (outpatient clinic)") {
		t.Errorf("note before routing:\n%s", note)
	}
	letter, _ := GPLetter(in, NoteText)
	if flat := strings.Join(strings.Fields(letter), " "); !strings.Contains(flat, "has not been decided yet") || !strings.Contains(flat, "to the reception, quoting") {
		t.Errorf("letter before routing:\n%s", letter)
	}
}

func TestGPLetterOutcomes(t *testing.T) {
	for _, c := range []struct {
		outcomes []string
		want     []string
	}{
		{[]string{"reception"}, []string{"routed to: Treated / finished in reception.", "to the reception, quoting"}},
		{[]string{"dps", "reception"}, []string{"to DPS (outpatient clinic) and the reception, quoting"}},
		{[]string{"no_need"}, []string{"no need for further help", "If the situation changes"}},
		{[]string{"eating_disorder_clinic", "municipal"}, []string{"Eating-disorder clinic and Municipal mental-health service"}},
	} {
		in := noteFixture()
		in.Row.Referral.Outcomes = c.outcomes
		letter, _ := GPLetter(in, NoteText)
		flat := strings.Join(strings.Fields(letter), " ")
		for _, w := range c.want {
			if !strings.Contains(flat, w) {
				t.Errorf("%v: letter lacks %q:\n%s", c.outcomes, w, letter)
			}
		}
	}
	in := noteFixture()
	in.Lang = "nb"
	letter, _ := GPLetter(in, NoteText)
	if flat := strings.Join(strings.Fields(letter), " "); !strings.Contains(flat, "DPS (poliklinikk) og Kommunal psykisk helsetjeneste") {
		t.Errorf("nb letter does not use the Norwegian labels:\n%s", letter)
	}
}

// A patient's words cannot become Markdown structure.
func TestNoteMarkdownEscapes(t *testing.T) {
	note, _ := TransferNote(noteFixture(), NoteMarkdown)
	for _, want := range []string{`\# Not a heading: her words \*as written\*.`, `1\. She lives alone.`} {
		if !strings.Contains(note, want) {
			t.Errorf("md lacks %q", want)
		}
	}
	for _, l := range strings.Split(note, "\n") {
		if strings.HasPrefix(l, "# Not") || strings.HasPrefix(l, "1. She") {
			t.Errorf("patient text became markup: %q", l)
		}
	}
}

func TestNoteStripsControlCharacters(t *testing.T) {
	in := noteFixture()
	in.Row.Referral.Name = "Kari\x1b[2J Testesen\u202e"
	note, _ := TransferNote(in, NoteText)
	if strings.ContainsAny(note, "\x1b\u202e") {
		t.Error("a control character reached the note")
	}
}

func TestNoteRefusesUnknownFormatAndLanguage(t *testing.T) {
	in := noteFixture()
	if _, err := TransferNote(in, "docx"); err != ErrNoteFormat {
		t.Errorf("format docx: %v", err)
	}
	in.Lang = "nn"
	if _, err := GPLetter(in, NoteText); err != ErrNoteLang {
		t.Errorf("language nn: %v", err)
	}
}
