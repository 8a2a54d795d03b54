package intake

import (
	"envei/intake/doc"
	"reflect"
	"strings"
	"testing"
)

// consultFixture is noteFixture with one consultation of each kind, the
// GP's first: the note lists them in the order held.
func consultFixture(lang string) NoteInput {
	in := noteFixture()
	in.Lang = lang
	in.Consultations = []Consultation{
		{Kind: ConsultGP, Date: MustParseDate("2026-11-06"), Clock: "08:40", Contact: "the office nurse",
			Outcome:    "The GP renews the sick note and calls the patient on Monday.",
			RecordedBy: "kari.b", RecordedAt: "2026-11-06T08:55:00Z"},
		{Kind: ConsultSenior, Date: MustParseDate("2026-11-12"), Clock: "14:30",
			Question:           "Start an SSRI, given the sleep problems?\n# her GP asked too",
			Advice:             "Sertraline 50 mg at night; review in four weeks. *No* benzodiazepines.",
			MedicationReviewed: true, RecordedBy: "kari.b", RecordedAt: "2026-11-12T15:00:00Z"},
	}
	return in
}

func TestNoteConsultationsGolden(t *testing.T) {
	for _, c := range []struct{ file, lang, format string }{
		{"note_transfer_consult.txt", "en", NoteText},
		{"note_transfer_consult.md", "en", NoteMarkdown},
		{"note_transfer_consult_nb.txt", "nb", NoteText},
	} {
		t.Run(c.file, func(t *testing.T) {
			got, err := TransferNote(consultFixture(c.lang), c.format)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, c.file, got)
		})
	}
}

// The receiving service reads the senior psychiatrist's question, advice
// and medication review and the outcome of the GP phone call, in every
// medium and language, before the routing; not who typed them in.
func TestTransferNoteCarriesConsultations(t *testing.T) {
	for _, lang := range []string{"en", "nb"} {
		for _, format := range []string{NoteText, NoteMarkdown} {
			got, err := TransferNote(consultFixture(lang), format)
			if err != nil {
				t.Fatal(err)
			}
			C := consultLabelsEN
			if lang == "nb" {
				C = consultLabelsNB
			}
			flat := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(got, "\\", "")), " "))
			for _, want := range []string{C.Heading, C.Senior, C.GP, "2026-11-12 " + C.At + " 14:30",
				"Start an SSRI, given the sleep problems?", "Sertraline 50 mg at night; review in four weeks.",
				"the office nurse", "The GP renews the sick note and calls the patient on Monday."} {
				if !strings.Contains(flat, strings.ToLower(want)) {
					t.Errorf("%s %s: the note lacks %q", lang, format, want)
				}
			}
			routing := noteLabelsEN.Routing
			if lang == "nb" {
				routing = noteLabelsNB.Routing
			}
			if h, r := strings.Index(strings.ToUpper(got), strings.ToUpper(C.Heading)), strings.Index(strings.ToUpper(got), strings.ToUpper(routing)); h < 0 || h > r {
				t.Errorf("%s %s: the consultations do not come before the routing", lang, format)
			}
			if strings.Contains(got, "2026-11-12T15:00") || strings.Contains(got, "08:55") {
				t.Errorf("%s %s: the note says when the consultation was typed in", lang, format)
			}
		}
	}
	md, _ := TransferNote(consultFixture("en"), NoteMarkdown)
	if strings.Contains(md, "\n# her GP") || strings.Contains(md, " *No*") {
		t.Error("Markdown: the consultation's text was read as markup")
	}
	for _, line := range strings.Split(must(TransferNote(consultFixture("nb"), NoteText)), "\n") {
		if w := doc.Width(line); w > NoteWidth {
			t.Errorf("a line of %d columns: %q", w, line)
		}
	}
	// Without consultations the section is left out.
	plain, _ := TransferNote(noteFixture(), NoteText)
	if strings.Contains(plain, strings.ToUpper(consultLabelsEN.Heading)) {
		t.Error("a note without consultations has the section")
	}
}

func TestConsultLabelsComplete(t *testing.T) {
	en, nb := reflect.ValueOf(consultLabelsEN), reflect.ValueOf(consultLabelsNB)
	for k := 0; k < en.NumField(); k++ {
		if en.Field(k).String() == "" || nb.Field(k).String() == "" {
			t.Errorf("%s is missing a word", en.Type().Field(k).Name)
		}
	}
}

func must(s string, err error) string {
	if err != nil {
		panic(err)
	}
	return s
}
