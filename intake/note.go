package intake

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ReceptionName heads every note and letter the reception prints. It is a
// name, so it reads the same in both languages.
const ReceptionName = "En vei inn – felles psykisk helsemottak"

// Note formats.
const (
	NoteText     = "text"     // plain text, aligned and wrapped to NoteWidth columns
	NoteMarkdown = "md"       // Markdown (CommonMark with GFM tables)
	NoteWidth    = 80         // columns of the text format
	noteNone     = "–"        // an empty value, shown rather than left out
	noteGap      = "   "      // between table columns in the text format
	noteIndent   = "  "       // fields and tables in the text format
	noteBullet   = "- "       // a field in the Markdown format
	noteWarn     = "! "       // a flagged line in the text format
	noteTextRule = "="        // under the title in the text format
	noteSignRule = "-"        // above the signature in the text format
	noteMDRule   = "---"      // above the signature in Markdown
	noteMDWarn   = "> **!** " // a flagged line in Markdown
)

// Errors of the note renderers; they name the argument, never patient data.
var (
	ErrNoteFormat = errors.New(`note format must be "text" or "md"`)
	ErrNoteLang   = errors.New(`note language must be "nb" or "en"`)
)

// NoteInput is everything a printed note or letter says, read by the store
// in one transaction. It is deliberately less than the referral record: no
// event trail, no random draw, no one who registered or looked at it, since
// the receiving service and the GP need none of that (GDPR art. 9: keep
// what the work needs).
type NoteInput struct {
	Row     ExportRow
	Details Details
	// Assessment is the latest completed version, nil when there is none
	// (the patient did not attend). Drafts are never printed: they are not
	// part of the record.
	Assessment *AssessmentVersion
	Services   []Service // the catalogue, for the labels of the outcomes
	// Clinician signs: whoever completed the assessment printed (the
	// latest completed version), else the assigned clinician, else the
	// person printing.
	Clinician Clinician
	// Decider is who made the rights decision (RightsAssessment.DecidedBy),
	// from the roster, so the note names a person rather than a login.
	Decider Clinician
	// GPLetter is the latest printing of the GP letter, zero when it was
	// never printed: the note says the GP was told, and when.
	GPLetter Printing
	Printed  Date
	Lang     string // "nb" or "en"

	// Consultations with the senior psychiatrist and the GP's office,
	// oldest first (note_consult.go decides what the note shows).
	Consultations []Consultation
}

// Printing is one printing of a document: the day in Oslo, and who.
type Printing struct {
	Day Date
	By  Clinician
}

// noteLabels are the words of the notes in one language. A struct rather
// than a map, so that a missing word is a compile error or an empty field a
// test finds, never a lookup that silently prints nothing. Fields holding
// %s or %d are fmt formats; the test checks both languages use the same
// verbs in the same order.
type noteLabels struct {
	TransferTitle string
	LetterTitle   string

	Patient, Name, NationalID, BirthDate, Phone, Municipality, GP, GPPractice string

	Referral, Reference, Received, WayIn, Reason, Urgent, UrgentValue string
	ChannelSelf, ChannelGP, AddressedTo                               string
	AddrDPS, AddrMunicipal, AddrSpecialist                            string

	Conversation, Date, Mode, Attendance, Attended, DidNotAttend string
	ModeInPerson, ModeVideo, ModePhone                           string
	AssessmentRecord, Version, Amended                           string
	NoAssessment, NoAssessmentDNA                                string

	Findings                                                        string
	ReasonOwnWords, CurrentSituation, Duration, EarlierHelp         string
	SomaticHealth, Medication, SubstanceUse, DailyFunctioning       string
	Network, MinorChildren, ChildrenFollowUp, Goals                 string
	Instruments, Instrument, Total, Band                            string
	NotDone, NotRecorded, Invalid, ItemsAnswered, Item9Flag         string
	BandMinimal, BandMild, BandModerate, BandModeratelySevere       string
	BandSevere, BandZone1, BandZone2, BandZone3, BandZone4          string
	Risk, SuicideRisk, ProtectiveFactors, Plan, ViolenceRisk        string
	ViolenceNote, RiskNotAssessed, RiskNone, RiskLow, RiskModerate  string
	RiskHigh                                                        string
	Rights, Right, Yes, No, NotDecided, LatestStart, Priority       string
	PriorityOrdinary, PriorityUrgent, ExpectedBenefit               string
	CostEffectiveness, Severity, Decided, DecidedBy, Late, NoRights string

	Routing, Routed, RoutedTo, Justification, NotRouted, Recommended string
	GPInformed, GPLetterPrinted, GPNotYetInformed                    string

	Printed, ClinicianDPS, ClinicianMunicipal, ClinicianNoOrg string

	To, About, Born, LetterSeen, LetterDNA, LetterClosed, LetterRouted string
	LetterNoNeed, LetterNotRouted, LetterRightYes, LetterRightNo       string
	LetterInvite, LetterInviteDNA, LetterInviteNoNeed, TheReception    string
	Regards, Contact, And                                              string
}

var noteLabelsEN = noteLabels{
	TransferTitle: "First-conversation note – copy with the transfer",
	LetterTitle:   "To the GP: outcome of the first conversation",

	Patient: "Patient", Name: "Name", NationalID: "National id", BirthDate: "Birth date", Phone: "Phone",
	Municipality: "Home municipality", GP: "GP", GPPractice: "GP practice",

	Referral: "Referral", Reference: "Reference", Received: "Received", WayIn: "Way in",
	Reason: "Reason for contact", Urgent: "Urgent", UrgentValue: "yes – suspected serious illness",
	ChannelSelf: "self-booking", ChannelGP: "GP referral", AddressedTo: "addressed to",
	AddrDPS: "DPS", AddrMunicipal: "the municipality", AddrSpecialist: "a contracted specialist",

	Conversation: "First conversation", Date: "Date", Mode: "Held", Attendance: "Attendance",
	Attended: "attended", DidNotAttend: "did not attend",
	ModeInPerson: "in person", ModeVideo: "by video", ModePhone: "by phone",
	AssessmentRecord: "Assessment", Version: "version", Amended: "amended",
	NoAssessment:    "There is no completed first-conversation assessment.",
	NoAssessmentDNA: "The patient did not attend the first conversation, so there are no findings.",

	Findings:       "Findings",
	ReasonOwnWords: "Reason for contact, in the patient's own words", CurrentSituation: "Current situation",
	Duration: "How long it has lasted", EarlierHelp: "Earlier help and treatment", SomaticHealth: "Somatic health",
	Medication: "Medication", SubstanceUse: "Substance use", DailyFunctioning: "Daily functioning (work, school, home)",
	Network: "Network and resources", MinorChildren: "Minor children in the home",
	ChildrenFollowUp: "How the children's needs are followed up", Goals: "The patient's own goals and wishes",

	Instruments: "Screening instruments", Instrument: "Instrument", Total: "Total", Band: "Band",
	NotDone: "not done", NotRecorded: "not recorded", Invalid: "answers not valid",
	ItemsAnswered: "incomplete: %d of %d items answered",
	Item9Flag:     "PHQ-9 item 9 (thoughts of being better off dead or of self-harm) scored %d: see the suicide-risk assessment under Risk.",
	BandMinimal:   "minimal", BandMild: "mild", BandModerate: "moderate", BandModeratelySevere: "moderately severe",
	BandSevere: "severe", BandZone1: "zone I", BandZone2: "zone II", BandZone3: "zone III", BandZone4: "zone IV",

	Risk: "Risk", SuicideRisk: "Suicide risk", ProtectiveFactors: "Protective factors", Plan: "Plan",
	ViolenceRisk: "Violence risk", ViolenceNote: "About the violence risk", RiskNotAssessed: "not assessed",
	RiskNone: "none", RiskLow: "low", RiskModerate: "moderate", RiskHigh: "high",

	Rights: "Rights assessment", Right: "Right to necessary health care", Yes: "yes", No: "no",
	NotDecided: "not decided", LatestStart: "Latest start (legal deadline)", Priority: "Priority",
	PriorityOrdinary: "ordinary", PriorityUrgent: "urgent", ExpectedBenefit: "Expected benefit",
	CostEffectiveness: "Cost-effectiveness", Severity: "Severity", Decided: "Decided", DecidedBy: "by",
	Late:     "Decided after the 10-working-day assessment deadline of %s.",
	NoRights: "No rights assessment was made.",

	Routing: "Routing", Routed: "Routed", RoutedTo: "To", Justification: "Justification",
	NotRouted: "not routed yet", Recommended: "Recommended",
	GPInformed: "GP informed", GPLetterPrinted: "letter printed %s by %s", GPNotYetInformed: "not yet: a letter is to be sent",

	Printed: "Printed", ClinicianDPS: "clinician from the DPS", ClinicianMunicipal: "clinician from the municipality",
	ClinicianNoOrg: "clinician",

	To: "To", About: "About", Born: "born",
	LetterSeen:         "Your patient had a first conversation in the joint mental-health reception on %s.",
	LetterDNA:          "Your patient did not attend the first conversation booked for %s.",
	LetterClosed:       "The referral has been closed.",
	LetterRouted:       "After the conversation the patient has been routed to: %s.",
	LetterNoNeed:       "After the conversation we found no need for further help from the mental-health services at present.",
	LetterNotRouted:    "Where the patient goes next has not been decided yet.",
	LetterRightYes:     "The patient has a right to necessary health care in the specialist health service; care is to start no later than %s.",
	LetterRightNo:      "The patient has been assessed as not having a right to necessary health care in the specialist health service.",
	LetterInvite:       "Please send any information relevant to the patient's further care to %s, quoting our reference %s.",
	LetterInviteDNA:    "If you have information that should make us reconsider, or the patient wants a new time, please contact us quoting our reference %s.",
	LetterInviteNoNeed: "If the situation changes, you are welcome to contact us again, quoting our reference %s.",
	TheReception:       "the reception",
	Regards:            "Kind regards",
	Contact:            "Contact: %s, reference %s.",
	And:                "and",
}

var noteLabelsNB = noteLabels{
	TransferTitle: "Notat fra første samtale – kopi ved overføring",
	LetterTitle:   "Til fastlegen: utfall av første samtale",

	Patient: "Pasient", Name: "Navn", NationalID: "Fødselsnummer", BirthDate: "Fødselsdato", Phone: "Telefon",
	Municipality: "Hjemkommune", GP: "Fastlege", GPPractice: "Legekontor",

	Referral: "Henvisning", Reference: "Referanse", Received: "Mottatt", WayIn: "Vei inn",
	Reason: "Kontaktårsak", Urgent: "Haster", UrgentValue: "ja – mistanke om alvorlig sykdom",
	ChannelSelf: "selvbooking", ChannelGP: "henvisning fra fastlege", AddressedTo: "til",
	AddrDPS: "DPS", AddrMunicipal: "kommunen", AddrSpecialist: "avtalespesialist",

	Conversation: "Første samtale", Date: "Dato", Mode: "Form", Attendance: "Oppmøte",
	Attended: "møtte", DidNotAttend: "møtte ikke",
	ModeInPerson: "oppmøte", ModeVideo: "video", ModePhone: "telefon",
	AssessmentRecord: "Vurdering", Version: "versjon", Amended: "endret",
	NoAssessment:    "Det finnes ingen fullført vurdering fra første samtale.",
	NoAssessmentDNA: "Pasienten møtte ikke til første samtale, så det er ingen funn.",

	Findings:       "Funn",
	ReasonOwnWords: "Kontaktårsak, med pasientens egne ord", CurrentSituation: "Nåværende situasjon",
	Duration: "Hvor lenge det har vart", EarlierHelp: "Tidligere hjelp og behandling", SomaticHealth: "Somatisk helse",
	Medication: "Medisiner", SubstanceUse: "Rusbruk", DailyFunctioning: "Fungering i hverdagen (arbeid, skole, hjem)",
	Network: "Nettverk og ressurser", MinorChildren: "Mindreårige barn i hjemmet",
	ChildrenFollowUp: "Hvordan barnas behov ivaretas", Goals: "Pasientens egne mål og ønsker",

	Instruments: "Kartleggingsverktøy", Instrument: "Verktøy", Total: "Sum", Band: "Nivå",
	NotDone: "ikke gjennomført", NotRecorded: "ikke registrert", Invalid: "ugyldige svar",
	ItemsAnswered: "ufullstendig: %d av %d ledd besvart",
	Item9Flag:     "PHQ-9 ledd 9 (tanker om at det ville vært bedre å være død, eller om å skade seg selv) har skår %d: se vurderingen av selvmordsrisiko under Risiko.",
	BandMinimal:   "minimal", BandMild: "mild", BandModerate: "moderat", BandModeratelySevere: "moderat alvorlig",
	BandSevere: "alvorlig", BandZone1: "sone I", BandZone2: "sone II", BandZone3: "sone III", BandZone4: "sone IV",

	Risk: "Risiko", SuicideRisk: "Selvmordsrisiko", ProtectiveFactors: "Beskyttende faktorer", Plan: "Plan",
	ViolenceRisk: "Voldsrisiko", ViolenceNote: "Om voldsrisikoen", RiskNotAssessed: "ikke vurdert",
	RiskNone: "ingen", RiskLow: "lav", RiskModerate: "moderat", RiskHigh: "høy",

	Rights: "Rettighetsvurdering", Right: "Rett til nødvendig helsehjelp", Yes: "ja", No: "nei",
	NotDecided: "ikke avgjort", LatestStart: "Seneste oppstart (juridisk frist)", Priority: "Prioritet",
	PriorityOrdinary: "ordinær", PriorityUrgent: "haster", ExpectedBenefit: "Forventet nytte",
	CostEffectiveness: "Kostnadseffektivitet", Severity: "Alvorlighet", Decided: "Avgjort", DecidedBy: "av",
	Late:     "Avgjort etter vurderingsfristen på 10 virkedager, som var %s.",
	NoRights: "Det ble ikke gjort noen rettighetsvurdering.",

	Routing: "Videre tilbud", Routed: "Loset videre", RoutedTo: "Til", Justification: "Begrunnelse",
	NotRouted: "ikke loset videre ennå", Recommended: "Anbefalt",
	GPInformed: "Fastlegen orientert", GPLetterPrinted: "brev skrevet ut %s av %s", GPNotYetInformed: "ikke ennå: brev skal sendes",

	Printed: "Skrevet ut", ClinicianDPS: "behandler fra DPS", ClinicianMunicipal: "behandler fra kommunen",
	ClinicianNoOrg: "behandler",

	To: "Til", About: "Gjelder", Born: "født",
	LetterSeen:         "Pasienten din var til første samtale i det felles psykiske helsemottaket den %s.",
	LetterDNA:          "Pasienten din møtte ikke til første samtale, som var satt opp den %s.",
	LetterClosed:       "Henvisningen er avsluttet.",
	LetterRouted:       "Etter samtalen er pasienten loset videre til: %s.",
	LetterNoNeed:       "Etter samtalen vurderte vi at pasienten ikke har behov for videre hjelp fra psykisk helsetjeneste nå.",
	LetterNotRouted:    "Det er ennå ikke bestemt hvor pasienten skal videre.",
	LetterRightYes:     "Pasienten har rett til nødvendig helsehjelp i spesialisthelsetjenesten, med oppstart senest %s.",
	LetterRightNo:      "Pasienten er vurdert til ikke å ha rett til nødvendig helsehjelp i spesialisthelsetjenesten.",
	LetterInvite:       "Send gjerne opplysninger som er relevante for den videre oppfølgingen til %s, og oppgi referansen vår %s.",
	LetterInviteDNA:    "Har du opplysninger som bør få oss til å vurdere saken på nytt, eller ønsker pasienten ny time, ta kontakt og oppgi referansen vår %s.",
	LetterInviteNoNeed: "Endrer situasjonen seg, er du velkommen til å ta kontakt igjen og oppgi referansen vår %s.",
	TheReception:       "mottaket",
	Regards:            "Med vennlig hilsen",
	Contact:            "Kontakt: %s, referanse %s.",
	And:                "og",
}

func labelsFor(lang string) (*noteLabels, error) {
	switch lang {
	case "en":
		return &noteLabelsEN, nil
	case "nb":
		return &noteLabelsNB, nil
	}
	return nil, ErrNoteLang
}

// TransferNote renders the first-conversation note that goes with a
// transfer (the copy attached to the e-message): who the patient is and how
// to reach them and their GP, the referral, the findings, the instrument
// scores, the risk, the rights decision, the routing and the signature.
// The output depends on in alone, byte for byte.
func TransferNote(in NoteInput, format string) (string, error) {
	L, err := labelsFor(in.Lang)
	if err != nil {
		return "", err
	}
	if format != NoteText && format != NoteMarkdown {
		return "", ErrNoteFormat
	}
	return render(transferDoc(in, L), format), nil
}

// GPLetter renders the short letter that tells the GP the outcome of the
// first conversation and invites relevant information. It names the patient
// by name and birth date only: the GP has the national id, and a letter
// carries no more than it must.
func GPLetter(in NoteInput, format string) (string, error) {
	L, err := labelsFor(in.Lang)
	if err != nil {
		return "", err
	}
	if format != NoteText && format != NoteMarkdown {
		return "", ErrNoteFormat
	}
	return render(letterDoc(in, L), format), nil
}

// --- content -----------------------------------------------------------------

func transferDoc(in NoteInput, L *noteLabels) noteDoc {
	r, d := in.Row.Referral, in.Details
	var doc noteDoc
	doc.title(ReceptionName, L.TransferTitle)

	doc.heading(L.Patient)
	id := noteField{L.NationalID, r.NationalID}
	if r.NationalID == "" {
		id = noteField{L.BirthDate, r.BirthDate.String()}
	}
	doc.fields(
		noteField{L.Name, r.Name}, id, noteField{L.Phone, d.Phone},
		noteField{L.Municipality, d.Municipality}, noteField{L.GP, r.GP}, noteField{L.GPPractice, d.GPPractice},
	)

	doc.heading(L.Referral)
	ref := []noteField{
		{L.Reference, r.Ref}, {L.Received, r.Received.String()}, {L.WayIn, wayIn(r, L)}, {L.Reason, d.Reason},
	}
	if d.Urgent {
		ref = append(ref, noteField{L.Urgent, L.UrgentValue})
	}
	doc.fields(ref...)

	doc.heading(L.Conversation)
	conv := []noteField{{L.Date, r.FirstConversation.String()}}
	if d.ConversationMode != "" {
		conv = append(conv, noteField{L.Mode, modeLabel(d.ConversationMode, L)})
	}
	switch r.Attended {
	case AttendanceYes:
		conv = append(conv, noteField{L.Attendance, L.Attended})
	case AttendanceNo:
		conv = append(conv, noteField{L.Attendance, L.DidNotAttend})
	}
	if v := in.Assessment; v != nil {
		rec := L.Version + " " + strconv.Itoa(v.Version)
		if v.AmendmentReason != "" {
			rec += " (" + L.Amended + ")"
		}
		conv = append(conv, noteField{L.AssessmentRecord, rec + ", " + stampDate(v.SavedAt)})
	}
	doc.fields(conv...)

	if v := in.Assessment; v != nil {
		findings(&doc, v.Assessment, L)
		instruments(&doc, v.Assessment, L)
		risk(&doc, v.Risk, L)
		rights(&doc, v.Rights, in, L)
	} else {
		doc.heading(L.Findings)
		doc.para(noteIndent, L.NoAssessment)
		if r.Attended == AttendanceNo {
			doc.para(noteIndent, L.NoAssessmentDNA)
		}
	}
	consultationSection(&doc, in, L)

	doc.heading(L.Routing)
	if r.Routed.IsZero() {
		route := []noteField{{L.Routed, L.NotRouted}}
		if v := in.Assessment; v != nil && len(v.Recommendation) > 0 {
			route = append(route, noteField{L.Recommended, serviceList(v.Recommendation, in)})
		}
		doc.fields(route...)
	} else {
		route := []noteField{
			{L.Routed, r.Routed.String()},
			{L.RoutedTo, serviceList(r.Outcomes, in)},
			{L.Justification, d.RouteNote},
		}
		// The receiving service should know whether the GP has been
		// told, and since when.
		switch {
		case !in.GPLetter.Day.IsZero():
			route = append(route, noteField{L.GPInformed,
				fmt.Sprintf(L.GPLetterPrinted, in.GPLetter.Day.String(), clinicianName(in.GPLetter.By))})
		case d.GPToInform:
			route = append(route, noteField{L.GPInformed, L.GPNotYetInformed})
		}
		doc.fields(route...)
	}

	doc.signature(true, clinicianName(in.Clinician), clinicianRole(in.Clinician, L), ReceptionName,
		L.Printed+" "+in.Printed.String())
	return doc
}

func findings(doc *noteDoc, a Assessment, L *noteLabels) {
	doc.heading(L.Findings)
	for _, s := range []noteField{
		{L.ReasonOwnWords, a.ReasonOwnWords}, {L.CurrentSituation, a.CurrentSituation},
		{L.Duration, a.Duration}, {L.EarlierHelp, a.EarlierHelp}, {L.SomaticHealth, a.SomaticHealth},
		{L.Medication, a.Medication}, {L.SubstanceUse, a.SubstanceUse},
		{L.DailyFunctioning, a.DailyFunctioning}, {L.Network, a.Network},
	} {
		doc.section(s.label, s.value)
	}
	doc.section(L.MinorChildren, yesNo(a.MinorChildren, L))
	if a.MinorChildren == Yes {
		doc.section(L.ChildrenFollowUp, a.ChildrenFollowUp)
	}
	doc.section(L.Goals, a.Goals)
}

func instruments(doc *noteDoc, a Assessment, L *noteLabels) {
	doc.heading(L.Instruments)
	var rows [][]string
	item9 := -1
	for _, i := range Instruments {
		name := instrumentName(i)
		ans, ok := a.Instruments[i]
		s, err := ScoreAnswers(i, ans)
		switch {
		case !ok:
			rows = append(rows, []string{name, noteNone, L.NotRecorded})
		case err != nil:
			rows = append(rows, []string{name, noteNone, L.Invalid})
		case ans.NotDone:
			rows = append(rows, []string{name, noteNone, L.NotDone + ": " + oneLine(ans.NotDoneReason)})
		case s.Complete:
			rows = append(rows, []string{name, strconv.Itoa(s.Total) + " / " + strconv.Itoa(i.MaxTotal()), bandLabel(s.Band, L)})
		default:
			rows = append(rows, []string{name, noteNone, fmt.Sprintf(L.ItemsAnswered, s.Answered, i.ItemCount())})
		}
		// The flag stands even when the rest is not done: what the
		// patient answered to item 9 is what the receiving service must
		// not miss.
		if err == nil && s.Item9Flag {
			item9 = ans.Items[8]
		}
	}
	doc.table([]string{L.Instrument, L.Total, L.Band}, rows)
	if item9 > 0 {
		doc.warning(fmt.Sprintf(L.Item9Flag, item9))
	}
}

func risk(doc *noteDoc, r Risk, L *noteLabels) {
	doc.heading(L.Risk)
	doc.fields(
		noteField{L.SuicideRisk, riskLabel(r.Suicide, L)},
		noteField{L.ProtectiveFactors, r.ProtectiveFactors},
		noteField{L.Plan, r.Plan},
		noteField{L.ViolenceRisk, riskLabel(r.Violence, L)},
		noteField{L.ViolenceNote, r.ViolenceNote},
	)
}

func rights(doc *noteDoc, ra RightsAssessment, in NoteInput, L *noteLabels) {
	doc.heading(L.Rights)
	if ra.Right == NotAnswered {
		doc.para(noteIndent, L.NoRights)
		return
	}
	f := []noteField{{L.Right, yesNo(ra.Right, L)}}
	if ra.Right == Yes {
		prio := noteNone
		switch ra.Priority {
		case PriorityOrdinary:
			prio = L.PriorityOrdinary
		case PriorityUrgent:
			prio = L.PriorityUrgent
		}
		f = append(f, noteField{L.LatestStart, ra.LatestStart.String()}, noteField{L.Priority, prio})
	}
	decided := ra.DecidedAt.String()
	if ra.DecidedBy != "" {
		decided = strings.TrimSpace(decided + " " + L.DecidedBy + " " + decider(ra.DecidedBy, in))
	}
	f = append(f,
		noteField{L.ExpectedBenefit, ra.ExpectedBenefit},
		noteField{L.CostEffectiveness, ra.CostEffectiveness},
		noteField{L.Severity, ra.Severity},
		noteField{L.Decided, decided},
	)
	doc.fields(f...)
	if ra.Late {
		deadline := in.Row.Deadline.String()
		if deadline == "" {
			deadline = noteNone
		}
		doc.warning(fmt.Sprintf(L.Late, deadline))
	}
}

func letterDoc(in NoteInput, L *noteLabels) noteDoc {
	r, d := in.Row.Referral, in.Details
	var doc noteDoc
	doc.title(ReceptionName, L.LetterTitle)

	to := r.GP
	if d.GPPractice != "" {
		to = strings.TrimPrefix(to+", "+d.GPPractice, ", ")
	}
	about := r.Name
	if born := birthDate(r); !born.IsZero() {
		about = strings.TrimPrefix(about+", "+L.Born+" "+born.String(), ", ")
	}
	doc.fields(
		noteField{L.To, to}, noteField{L.About, about},
		noteField{L.Reference, r.Ref}, noteField{L.Date, in.Printed.String()},
	)

	var receivers []string
	reception, noNeed := false, false
	for _, code := range r.Outcomes {
		svc := service(code, in.Services)
		switch {
		case svc.Category == CategoryReception:
			reception = true
			receivers = append(receivers, svc.Label(in.Lang))
		case code == ServiceNoNeed:
			noNeed = true
		case svc.Category != CategoryClosed:
			receivers = append(receivers, svc.Label(in.Lang))
		}
	}
	dna := r.Attended == AttendanceNo || r.HasOutcome(ServiceDidNotAttend)

	var invite string
	switch {
	case dna:
		doc.letterPara(fmt.Sprintf(L.LetterDNA, dateOrNone(r.FirstConversation)))
		if !r.Routed.IsZero() {
			doc.letterPara(L.LetterClosed)
		}
		invite = fmt.Sprintf(L.LetterInviteDNA, r.Ref)
	default:
		doc.letterPara(fmt.Sprintf(L.LetterSeen, dateOrNone(r.FirstConversation)))
		switch {
		case len(receivers) > 0:
			doc.letterPara(fmt.Sprintf(L.LetterRouted, joinAnd(receivers, L.And)))
		case noNeed:
			doc.letterPara(L.LetterNoNeed)
		default:
			doc.letterPara(L.LetterNotRouted)
		}
		if v := in.Assessment; v != nil {
			switch v.Rights.Right {
			case Yes:
				doc.letterPara(fmt.Sprintf(L.LetterRightYes, dateOrNone(v.Rights.LatestStart)))
			case No:
				doc.letterPara(L.LetterRightNo)
			}
		}
		// Information goes to whoever takes the patient on; the
		// reception stands in for itself, and for a patient not routed
		// yet.
		var sendTo []string
		for _, code := range r.Outcomes {
			if svc := service(code, in.Services); svc.Category != CategoryClosed && svc.Category != CategoryReception {
				sendTo = append(sendTo, svc.Label(in.Lang))
			}
		}
		if reception || len(sendTo) == 0 {
			sendTo = append(sendTo, L.TheReception)
		}
		if noNeed && len(receivers) == 0 {
			invite = fmt.Sprintf(L.LetterInviteNoNeed, r.Ref)
		} else {
			invite = fmt.Sprintf(L.LetterInvite, joinAnd(sendTo, L.And), r.Ref)
		}
	}
	doc.letterPara(invite)
	doc.letterPara(L.Regards)
	doc.signature(false, clinicianName(in.Clinician), clinicianRole(in.Clinician, L))
	// The database holds no address or telephone number of the
	// reception, so the contact line is its name and the reference.
	doc.letterPara(fmt.Sprintf(L.Contact, ReceptionName, r.Ref))
	return doc
}

// --- words ---------------------------------------------------------------------

func wayIn(r Referral, L *noteLabels) string {
	if r.Channel != ChannelGP {
		return L.ChannelSelf
	}
	var to string
	switch r.AddressedTo {
	case AddressedDPS:
		to = L.AddrDPS
	case AddressedMunicipal:
		to = L.AddrMunicipal
	case AddressedSpecialist:
		to = L.AddrSpecialist
	default:
		return L.ChannelGP
	}
	return L.ChannelGP + " " + L.AddressedTo + " " + to
}

func modeLabel(m Mode, L *noteLabels) string {
	switch m {
	case ModeInPerson:
		return L.ModeInPerson
	case ModeVideo:
		return L.ModeVideo
	case ModePhone:
		return L.ModePhone
	}
	return string(m)
}

func yesNo(y YesNo, L *noteLabels) string {
	switch y {
	case Yes:
		return L.Yes
	case No:
		return L.No
	}
	return L.NotDecided
}

func riskLabel(r RiskLevel, L *noteLabels) string {
	switch r {
	case RiskNone:
		return L.RiskNone
	case RiskLow:
		return L.RiskLow
	case RiskModerate:
		return L.RiskModerate
	case RiskHigh:
		return L.RiskHigh
	}
	return L.RiskNotAssessed
}

func bandLabel(band string, L *noteLabels) string {
	switch band {
	case BandMinimal:
		return L.BandMinimal
	case BandMild:
		return L.BandMild
	case BandModerate:
		return L.BandModerate
	case BandModeratelySevere:
		return L.BandModeratelySevere
	case BandSevere:
		return L.BandSevere
	case BandZone1:
		return L.BandZone1
	case BandZone2:
		return L.BandZone2
	case BandZone3:
		return L.BandZone3
	case BandZone4:
		return L.BandZone4
	}
	return band
}

// instrumentName is the published name of an instrument, the same in both
// languages.
func instrumentName(i Instrument) string {
	switch i {
	case InstrumentPHQ9:
		return "PHQ-9"
	case InstrumentGAD7:
		return "GAD-7"
	case InstrumentAUDIT:
		return "AUDIT"
	}
	return string(i)
}

// service finds code in the catalogue. A code the catalogue lacks (it
// cannot, since services are retired rather than deleted) is shown as the
// code itself rather than dropped: a note must not lose a destination.
func service(code string, catalogue []Service) Service {
	for _, s := range catalogue {
		if s.Code == code {
			return s
		}
	}
	return Service{Code: code, LabelNB: code, LabelEN: code}
}

// serviceList puts one service a line: labels are long, and a transfer to
// two services must read as two.
func serviceList(codes []string, in NoteInput) string {
	labels := make([]string, len(codes))
	for k, c := range codes {
		labels[k] = service(c, in.Services).Label(in.Lang)
	}
	return strings.Join(labels, "\n")
}

// joinAnd lists items as a sentence does: "a", "a and b", "a, b and c".
// Service labels hold no commas in the default catalogue; a "; " would be
// safer for ones that do, but reads worse in the common case.
func joinAnd(items []string, and string) string {
	switch n := len(items); n {
	case 0:
		return ""
	case 1:
		return items[0]
	default:
		return strings.Join(items[:n-1], ", ") + " " + and + " " + items[n-1]
	}
}

func clinicianName(c Clinician) string {
	if c.Name != "" {
		return c.Name
	}
	return c.Username
}

func clinicianRole(c Clinician, L *noteLabels) string {
	switch c.Org {
	case OrgDPS:
		return L.ClinicianDPS
	case OrgMunicipal:
		return L.ClinicianMunicipal
	}
	return L.ClinicianNoOrg
}

// decider shows who made the rights decision by name, from the roster
// entry the store read (or the signer's, when it is the same person); a
// login the roster never held is shown as it is, rather than guessing a
// name.
func decider(username string, in NoteInput) string {
	for _, c := range []Clinician{in.Decider, in.Clinician} {
		if username == c.Username && c.Name != "" {
			return c.Name
		}
	}
	return username
}

// birthDate is the recorded birth date, else the one the national id
// encodes (a stored id has passed validation; synthetic ones only exist in
// a test database, so accepting them here admits nothing new).
func birthDate(r Referral) Date {
	if !r.BirthDate.IsZero() || r.NationalID == "" {
		return r.BirthDate
	}
	id, err := ParseNationalID(r.NationalID, true)
	if err != nil {
		return Date{}
	}
	return id.BirthDate
}

// stampDate turns a stored UTC timestamp into the day it was in Oslo.
func stampDate(stamp string) string {
	t, err := time.Parse(time.RFC3339, stamp)
	if err != nil {
		return stamp
	}
	return DateOf(t, Oslo).String()
}

func dateOrNone(d Date) string {
	if d.IsZero() {
		return noteNone
	}
	return d.String()
}

// --- layout ------------------------------------------------------------------

type blockKind int

const (
	blockTitle blockKind = iota
	blockHeading
	blockFields
	blockSection // a labelled free-text finding
	blockPara
	blockTable
	blockWarning
	blockSignature
)

type noteField struct{ label, value string }

// noteBlock is one part of a note; the content is built once and laid out
// by renderText or renderMarkdown, so the two formats cannot say different
// things.
type noteBlock struct {
	kind   blockKind
	text   string // title, heading, section label, paragraph, warning
	sub    string // title's second line; section's text
	indent string // paragraph indent in the text format
	gap    bool   // paragraph: a blank line before it in the text format
	rule   bool   // signature: a rule above it
	fields []noteField
	header []string
	rows   [][]string
	lines  []string
}

type noteDoc []noteBlock

func (d *noteDoc) add(b noteBlock) { *d = append(*d, b) }
func (d *noteDoc) title(name, sub string) {
	d.add(noteBlock{kind: blockTitle, text: name, sub: sub})
}
func (d *noteDoc) heading(s string) { d.add(noteBlock{kind: blockHeading, text: s}) }
func (d *noteDoc) fields(f ...noteField) {
	d.add(noteBlock{kind: blockFields, fields: f})
}
func (d *noteDoc) section(label, text string) {
	d.add(noteBlock{kind: blockSection, text: label, sub: text})
}
func (d *noteDoc) para(indent, s string) {
	d.add(noteBlock{kind: blockPara, text: s, indent: indent})
}
func (d *noteDoc) letterPara(s string) { d.add(noteBlock{kind: blockPara, text: s, gap: true}) }
func (d *noteDoc) table(header []string, rows [][]string) {
	d.add(noteBlock{kind: blockTable, header: header, rows: rows})
}
func (d *noteDoc) warning(s string) { d.add(noteBlock{kind: blockWarning, text: s}) }
func (d *noteDoc) signature(rule bool, lines ...string) {
	d.add(noteBlock{kind: blockSignature, rule: rule, lines: lines})
}

func render(d noteDoc, format string) string {
	if format == NoteMarkdown {
		return renderMarkdown(d)
	}
	return renderText(d)
}

// clean makes stored text safe to print: line ends become \n, tabs a space,
// and any other control or bidi-override character is dropped, so a note
// can neither move a terminal's cursor nor reorder what it shows. The
// store's validation already refuses them; this holds for any input.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t' || r == '\r':
			return ' '
		case isControl(r):
			return -1
		}
		return r
	}, s)
}

// oneLine is clean text on one line, for a table cell.
func oneLine(s string) string { return strings.Join(strings.Fields(clean(s)), " ") }

func width(s string) int { return utf8.RuneCountInString(s) }

// wrap breaks clean text into lines of at most w runes at spaces, keeping
// the line breaks the writer made and splitting a word longer than a line.
// Empty text is one empty line.
func wrap(s string, w int) []string {
	var out []string
	for _, para := range strings.Split(strings.TrimSpace(clean(s)), "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			out = append(out, "")
			continue
		}
		line := ""
		for _, word := range words {
			for width(word) > w {
				if line != "" {
					out, line = append(out, line), ""
				}
				r := []rune(word)
				out, word = append(out, string(r[:w])), string(r[w:])
			}
			switch {
			case line == "":
				line = word
			case width(line)+1+width(word) <= w:
				line += " " + word
			default:
				out, line = append(out, line), word
			}
		}
		out = append(out, line)
	}
	return out
}

func pad(s string, w int) string { return s + strings.Repeat(" ", max(0, w-width(s))) }

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return noteNone
	}
	return s
}

// renderText lays a note out for print: section headings in capitals,
// labels in an aligned column, every line at most NoteWidth columns.
func renderText(d noteDoc) string {
	var b strings.Builder
	line := func(s string) { b.WriteString(strings.TrimRight(s, " ") + "\n") }
	hanging := func(first, rest string, text string) {
		for k, l := range wrap(text, NoteWidth-width(first)) {
			if k == 0 {
				line(first + l)
			} else {
				line(rest + l)
			}
		}
	}
	for k, bl := range d {
		switch bl.kind {
		case blockTitle:
			line(bl.text)
			line(bl.sub)
			line(strings.Repeat(noteTextRule, NoteWidth))
		case blockHeading:
			line("")
			line(strings.ToUpper(bl.text))
		case blockFields:
			if k > 0 && d[k-1].kind == blockFields {
				line("") // two records under one heading (consultations)
			}
			lw := 0
			for _, f := range bl.fields {
				lw = max(lw, width(f.label))
			}
			for _, f := range bl.fields {
				hanging(noteIndent+pad(f.label, lw+2), strings.Repeat(" ", width(noteIndent)+lw+2), orNone(f.value))
			}
		case blockSection:
			hanging(noteIndent, noteIndent, bl.text)
			hanging(noteIndent+noteIndent, noteIndent+noteIndent, orNone(bl.sub))
		case blockPara:
			if bl.gap {
				line("")
			}
			hanging(bl.indent, bl.indent, bl.text)
		case blockTable:
			cols := len(bl.header)
			ws := make([]int, cols)
			for _, row := range append([][]string{bl.header}, bl.rows...) {
				for c := 0; c < cols-1; c++ {
					ws[c] = max(ws[c], width(row[c]))
				}
			}
			for _, row := range append([][]string{bl.header}, bl.rows...) {
				lead := noteIndent
				for c := 0; c < cols-1; c++ {
					lead += pad(row[c], ws[c]) + noteGap
				}
				hanging(lead, strings.Repeat(" ", width(lead)), row[cols-1])
			}
		case blockWarning:
			hanging(noteIndent+noteWarn, strings.Repeat(" ", width(noteIndent+noteWarn)), bl.text)
		case blockSignature:
			line("")
			if bl.rule {
				line(strings.Repeat(noteSignRule, NoteWidth))
			}
			for _, l := range bl.lines {
				hanging("", "", l)
			}
		}
	}
	return b.String()
}

// renderMarkdown lays a note out as Markdown: headings for sections,
// bullets for fields, a table for the instruments. Stored text is escaped,
// so a patient's words can never turn into a heading, a link or a table.
func renderMarkdown(d noteDoc) string {
	var parts []string
	for _, bl := range d {
		var b strings.Builder
		switch bl.kind {
		case blockTitle:
			b.WriteString("# " + mdValue(bl.text, "", true) + "\n\n**" + mdValue(bl.sub, "", true) + "**")
		case blockHeading:
			b.WriteString("## " + mdValue(bl.text, "", true))
		case blockFields:
			for k, f := range bl.fields {
				if k > 0 {
					b.WriteString("\n")
				}
				b.WriteString(noteBullet + "**" + mdValue(f.label, "", true) + ":** " + mdValue(orNone(f.value), "  ", true))
			}
		case blockSection:
			b.WriteString("### " + mdValue(bl.text, "", true) + "\n\n" + mdValue(orNone(bl.sub), "", false))
		case blockPara:
			b.WriteString(mdValue(bl.text, "", false))
		case blockTable:
			row := func(cells []string) {
				b.WriteString("|")
				for _, c := range cells {
					b.WriteString(" " + mdEscape(oneLine(c), false) + " |")
				}
			}
			row(bl.header)
			b.WriteString("\n|")
			for range bl.header {
				b.WriteString("---|")
			}
			for _, r := range bl.rows {
				b.WriteString("\n")
				row(r)
			}
		case blockWarning:
			b.WriteString(noteMDWarn + mdValue(bl.text, "> ", true))
		case blockSignature:
			if bl.rule {
				b.WriteString(noteMDRule + "\n\n")
			}
			for k, l := range bl.lines {
				if k > 0 {
					b.WriteString("\\\n")
				}
				b.WriteString(mdEscape(oneLine(l), true))
			}
		}
		parts = append(parts, b.String())
	}
	return strings.Join(parts, "\n\n") + "\n"
}

// mdValue escapes clean text for Markdown, keeping the writer's line
// breaks as hard breaks (a trailing backslash) and blank lines as new
// paragraphs; continuation lines get indent so they stay inside a bullet
// or a quote. midLine says the first line follows other text (a field's
// label), where it cannot start a block.
func mdValue(s, indent string, midLine bool) string {
	var b strings.Builder
	blank := false
	for _, l := range strings.Split(strings.TrimSpace(clean(s)), "\n") {
		l = strings.Join(strings.Fields(l), " ")
		switch {
		case l == "":
			blank = true
			continue
		case b.Len() == 0:
		case blank:
			b.WriteString("\n" + strings.TrimRight(indent, " ") + "\n" + indent)
		default:
			b.WriteString("\\\n" + indent)
		}
		b.WriteString(mdEscape(l, !(midLine && b.Len() == 0)))
		blank = false
	}
	return b.String()
}

// mdBlockStart matches a line Markdown would read as the start of a block:
// a heading, a list item, a setext underline or rule, a fence. Quotes,
// emphasis rules and code fences with backticks start with a character
// mdEscape always escapes.
var mdBlockStart = regexp.MustCompile(`^(#{1,6}(\s|$)|[-+](\s|$)|=+\s*$|-+\s*$|~~~|\d{1,9}[.)](\s|$))`)

// mdEscape backslash-escapes what Markdown would read as markup in one line
// of text: emphasis, code, links, HTML and table pipes anywhere, and, when
// the line starts a Markdown line (atStart), a block marker at its start.
// It escapes no more than that, so the source stays readable ("+47" is
// not a list).
func mdEscape(s string, atStart bool) string {
	marker := -1
	if atStart && mdBlockStart.MatchString(s) {
		marker = 0
		if s[0] >= '0' && s[0] <= '9' {
			// A backslash before a digit is literal; the list is
			// defused at its delimiter.
			marker = strings.IndexAny(s, ".)")
		}
	}
	var b strings.Builder
	for k, r := range s {
		switch {
		case k == marker:
			b.WriteByte('\\')
		case strings.ContainsRune("\\`*_[]<>|", r):
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
