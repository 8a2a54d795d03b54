package intake

import (
	"strings"
	"testing"
)

// The rights decision names the person who made it, from the roster, even
// when someone else signs; it showed the login ("by root") before.
func TestNoteNamesTheDecider(t *testing.T) {
	in := noteFixture()
	in.Assessment.Rights.DecidedBy = "root"
	in.Decider = Clinician{Username: "root", Name: "Rut Rot", Role: RoleAdmin}
	note, _ := TransferNote(in, NoteText)
	if !strings.Contains(note, "2026-11-20 by Rut Rot") || strings.Contains(note, "by root") {
		t.Errorf("the decider is not named:\n%s", note)
	}
}

// The transfer note says whether the GP has been told: when the letter was
// printed and by whom, or that a letter is still to be sent.
func TestTransferNoteSaysWhetherTheGPWasInformed(t *testing.T) {
	in := noteFixture()
	in.Details.GPToInform = true
	for lang, want := range map[string]string{"en": "not yet: a letter is to be sent", "nb": "ikke ennå: brev skal sendes"} {
		in.Lang = lang
		if note, _ := TransferNote(in, NoteText); !strings.Contains(note, want) {
			t.Errorf("%s: the note does not say the GP is still to be told:\n%s", lang, note)
		}
	}
	in.GPLetter = Printing{Day: MustParseDate("2026-11-22"), By: Clinician{Username: "ola", Name: "Ola Resepsjon"}}
	for lang, want := range map[string]string{"en": "letter printed 2026-11-22 by Ola Resepsjon", "nb": "brev skrevet ut 2026-11-22 av Ola Resepsjon"} {
		in.Lang = lang
		note, _ := TransferNote(in, NoteText)
		if !strings.Contains(note, want) || strings.Contains(note, "not yet") || strings.Contains(note, "ikke ennå") {
			t.Errorf("%s: the note does not say when the GP letter was printed:\n%s", lang, note)
		}
	}
}
