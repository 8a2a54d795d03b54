package intake

import "envei/intake/doc"

// What the transfer note says of the consultations. The receiving service
// takes over the patient's care, so it gets what it would otherwise have to
// find out again or might miss:
//
//   - the senior psychiatrist's consultation in full — when, the question,
//     the advice, and whether the medication was reviewed — since the
//     advice (a medication change above all) is part of the care it takes
//     over, and a review already made need not be repeated;
//   - the phone consultation with the GP's office — when, with whom, and
//     the outcome — since what was agreed with the GP (who prescribes, who
//     writes the sick note, who calls the patient) binds the next service
//     too.
//
// Left out, as for the rest of the note: who recorded each consultation and
// when it was typed in (the event trail's business, not the receiver's).
// The section is left out when there is nothing to tell, so a note without
// consultations reads as before. The GP letter does not repeat them: the
// GP took part in the phone consultation, and the letter tells the outcome
// of the first conversation only.

// consultLabels are the words of the section in one language (a struct, as
// noteLabels, so a missing word is found by a test).
type consultLabels struct {
	Heading, Senior, Question, Advice, Medication, GP, Contact, Outcome, At string
}

var consultLabelsEN = consultLabels{
	Heading: "Consultations", Senior: "Senior psychiatrist (DPS)", Question: "Question", Advice: "Advice",
	Medication: "Medication reviewed", GP: "GP's office, by phone", Contact: "Spoke with", Outcome: "Outcome",
	At: "at",
}

var consultLabelsNB = consultLabels{
	Heading: "Drøftinger og kontakt med fastlegen", Senior: "Drøftet med overlege (DPS)", Question: "Spørsmål",
	Advice: "Råd", Medication: "Medisiner gjennomgått", GP: "Telefon med fastlegekontoret", Contact: "Snakket med",
	Outcome: "Utfall", At: "kl.",
}

// consultationSection adds the consultations to a transfer note, oldest
// first, one block of fields each; nothing when there are none.
func consultationSection(note *doc.Document, in NoteInput, L *noteLabels) {
	if len(in.Consultations) == 0 {
		return
	}
	C := &consultLabelsEN
	if in.Lang == "nb" {
		C = &consultLabelsNB
	}
	note.Heading(C.Heading)
	for _, c := range in.Consultations {
		when := c.Date.String() + " " + C.At + " " + c.Clock
		switch c.Kind {
		case ConsultSenior:
			note.Fields(
				field(C.Senior, when),
				field(C.Question, c.Question),
				field(C.Advice, c.Advice),
				field(C.Medication, yesNo(yesNoOf(c.MedicationReviewed), L)),
			)
		case ConsultGP:
			note.Fields(
				field(C.GP, when),
				field(C.Contact, c.Contact),
				field(C.Outcome, c.Outcome),
			)
		}
	}
}

func yesNoOf(b bool) YesNo {
	if b {
		return Yes
	}
	return No
}
