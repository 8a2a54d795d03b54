package intake

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

	Page string // the PDF's footer: the page and the number of pages
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
	Page:               "page %d of %s",
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
	Page:               "side %d av %s",
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
