package tui

import "github.com/envei/envei/intake"

func norwegian() *Catalog {
	return &Catalog{
		KeyHelp: "hjelp", KeyBack: "tilbake", KeyQuit: "avslutt", KeyNextScreen: "neste skjerm",
		KeyUp: "opp", KeyDown: "ned", KeyPageUp: "side opp", KeyPageDown: "side ned", KeyTop: "første", KeyBottom: "siste",
		KeyOpen: "åpne", KeyNew: "ny", KeyAssign: "tildel", KeySchedule: "time/oppmøte", KeyRoute: "los videre",
		KeyWithdraw: "trekk tilbake", KeySearch: "søk", KeyFilter: "filtrer status", KeyMine: "mine/alle",
		KeyRefresh: "oppdater", KeyEndSearch: "ferdig", KeyCancelForm: "avbryt", KeyDiscard: "forkast", KeyKeepEditing: "fortsett",
		KeyAddClinician: "legg til person", KeyLeave: "permisjon/tilbake", KeyAddService: "legg til tilbud", KeyRetire: "avvikle/gjenopprett",

		TestData:        "TESTDATA",
		TooSmall:        "Konsollet trenger et terminalvindu på minst %d×%d (dette er %d×%d).",
		ConfirmQuit:     "Du har ulagrede opplysninger. Avslutte likevel? (j/n)",
		Loading:         "Henter …",
		Saving:          "Lagrer …",
		DiscardQuestion: "Forkaste det du har skrevet? (y = ja / n = nei)",

		WorklistTitle: "Arbeidsliste", WorklistEmpty: "Ingenting å gjøre her. Trykk n for å registrere en henvisning.",
		NoMoreRows: "Ingen flere rader.", SearchPlaceholder: "ref eller navn", SearchHint: "/ for å søke på ref eller navn",
		FilterLabel: "Viser", AllOpen: "alle åpne", Everyone: "alles", OnlyMine: "bare mine",
		DaysShort: "d", SelfBooked: "selv", GPShort: "Lege",
		ColRef: "Ref", ColReceived: "Mottatt", ColFrom: "Fra", ColClinician: "Behandler", ColState: "Status",
		ColNext: "Neste steg", ColDue: "Frist",

		ReferralTitle: "Henvisning %s", SectionPatient: "Pasient", SectionReferral: "Henvisning",
		SectionConversation: "Første samtale", SectionOutcome: "Utfall", SectionTimeline: "Tidslinje",
		UrgentBadge: "HASTER", Nothing: "ingenting", FieldDeadline: "Vurderingsfrist", FieldRegisteredBy: "Registrert av",
		ViewChannel: "Vei inn", ViewReason: "Kontaktårsak",

		RegisterTitle: "Registrer", FieldChannel: "Hvordan kom pasienten?", FieldAddressedTo: "Fastlegen henviste til",
		FieldName: "Navn", FieldHasID: "Har pasienten norsk fødselsnummer?", FieldNationalID: "Fødselsnummer",
		FieldBirthDate: "Fødselsdato", FieldPhone: "Telefon", FieldMunicipality: "Hjemkommune", FieldGP: "Fastlege",
		FieldGPPractice: "Legekontor", FieldReason: "Kontaktårsak, i én setning", FieldUrgent: "Haster det?",
		FieldUrgentHelp: "Mistanke om alvorlig sykdom", NoNorwegianID: "Uten norsk fødselsnummer", Yes: "Ja", No: "Nei",
		Required: "Må fylles ut.", BadDate: "Skriv datoen som ÅÅÅÅ-MM-DD.", Registered: "Registrerte %s.",
		IDHint: "11 siffer", IDDigitsSoFar: "%d av 11 siffer", IDNot11Digits: "Må være 11 siffer.",
		IDControl: "Kontrollsifrene stemmer ikke: sjekk nummeret.", IDBirthDate: "De seks første sifrene er ikke en gyldig fødselsdato.",
		IDSynthetic:       "Et syntetisk testnummer godtas bare i en testdatabase.",
		DuplicateFound:    "Pasienten har allerede åpne henvisninger: %s.",
		DuplicateQuestion: "Det finnes åpne henvisninger for dette fødselsnummeret (%s). Registrere en ny likevel?",
		DuplicateRefused:  "Ikke registrert: åpne den eksisterende henvisningen i stedet (esc).", RegisterAnyway: "Registrer likevel",

		Drawn: "%s → %s (trukket tilfeldig blant %d: %s)", OnlySupervisorsReassign: "Allerede tildelt. Bare en leder kan tildele på nytt.",
		AssignFirst: "Tildel en behandler først (a).", ReassignTitle: "Tildel %s på nytt",
		FieldReassignReason: "Hvorfor tildele på nytt?", FieldReassignHelp: "Lagres i trekningshistorikken. Nåværende behandler er ikke med i den nye trekningen.",

		ScheduleTitle: "Sett opp time %s", FieldDay: "Dato", FieldTime: "Klokkeslett", BadTime: "Skriv klokkeslettet som TT:MM.",
		FieldMode: "Form", FieldModeHelp: "Video der pasienten har lang reisevei", Scheduled: "%s: første samtale %s.",
		CannotSchedule:  "En henvisning med status %s kan ikke få time.",
		AttendanceTitle: "Oppmøte %s", AttendanceQuestion: "Møtte pasienten til første samtale?",
		Attended: "Møtte", DidNotAttend: "Ikke møtt", Rebook: "Sett opp ny time", RecordedAttended: "%s: møtte.",
		RecordedMissed: "%s: ikke møtt.", MissedTitle: "Ikke møtt %s", MissedQuestion: "Pasienten møtte ikke. Hva nå?",
		CloseMissed: "Avslutt henvisningen (ikke møtt)", ClosedMissed: "%s avsluttet: ikke møtt.",

		RouteTitle: "Los videre %s", FieldServices: "Hvor skal pasienten?", FieldServicesHelp: "Flere er tillatt (mellomrom eller x for å velge)",
		ChooseService: "Velg minst ett.", FieldJustification: "Begrunnelse", Routed: "%s loset videre til %s.",
		GPToBeInformed: "Fastlegen skal orienteres.", CannotRoute: "Kan ikke lose videre ennå: henvisningen har status %s.",
		ChargeLabel: "Egenandel:", ChargeSelfBooked: "ingen (selvbooket: DPS kan ikke ta egenandel uten henvisning; kommunen tar ingen)",
		ChargeReferred: "henvist av fastlege: vanlig egenandel hos DPS og avtalespesialist; ingen i kommunen",
		WithdrawTitle:  "Trekk tilbake %s", FieldWithdrawReason: "Hvorfor trekkes henvisningen tilbake?", Withdrawn: "%s trukket tilbake.",

		RosterTitle: "Behandlere", RosterReadOnly: "Bare administratorer endrer listen.", ColUsername: "Brukernavn", FieldOrg: "Organisasjon",
		FieldRole: "Rolle", ColDrawn: "Trekkes", OnLeave: "permisjon", OnLeaveNow: "%s har permisjon og trekkes ikke.",
		BackFromLeave: "%s er tilbake og trekkes igjen.", AddClinicianTitle: "Legg til på listen",
		UsernameHelp: "Brukernavnet de logger inn med", BadUsername: "Et brukernavn: små bokstaver, sifre, _ . -",
		ClinicianAdded: "La til %s.",
		ServicesTitle:  "Tilbud", ColCode: "Kode", ColLabel: "Navn", ColCategory: "Kategori", Retired: "avviklet",
		AddServiceTitle: "Legg til tilbud", CodeHelp: "små bokstaver, sifre og _", BadCode: "Små bokstaver, sifre og _, og en bokstav først.",
		LabelNB: "Navn (norsk)", LabelEN: "Navn (engelsk)", ServiceAdded: "La til %s.", ServiceRetired: "%s avviklet.", ServiceRestored: "%s gjenopprettet.",

		WelcomeTitle: "Velkommen til envei",
		WelcomeText:  "Denne databasen er ny, og du (%s) er administrator. Sjekk navn og organisasjon, og velg hvordan du vil begynne.",
		WelcomeNext:  "Begynn med", WelcomeAddClinicians: "å legge behandlerne inn på listen", WelcomeLoadDemo: "demodata (piloten, merket som testdata)",
		WelcomeStartEmpty: "en tom arbeidsliste", DemoLoaded: "Lastet %d demohenvisninger (testdata).",

		ErrConflict:   "Noen andre endret denne henvisningen i mellomtiden. Den er hentet på nytt: sjekk og prøv igjen.",
		ErrForbidden:  "Rollen din gir ikke tilgang til dette.",
		ErrNoEligible: "Ingen kan trekkes: ingen behandler på listen er tilgjengelig (legg til en, eller hent en tilbake fra permisjon).",
		ErrNotFound:   "Finnes ikke.",

		States: map[intake.State]string{
			intake.StateRegistered: "registrert", intake.StateAssigned: "tildelt", intake.StateScheduled: "time satt opp",
			intake.StateAttended: "møtt", intake.StateDidNotAttend: "ikke møtt", intake.StateAssessed: "vurdert",
			intake.StateRouted: "loset videre", intake.StateWithdrawn: "trukket tilbake",
		},
		Steps: map[intake.NextStep]string{
			intake.StepAssign: "tildel", intake.StepSchedule: "sett opp time", intake.StepRecordVisit: "reg. oppmøte",
			intake.StepAssess: "vurder, los", intake.StepRebookOrClose: "ny time/lukk", intake.StepRoute: "los videre",
		},
		Roles:      map[intake.Role]string{intake.RoleClinician: "behandler", intake.RoleSupervisor: "leder", intake.RoleAdmin: "administrator"},
		Orgs:       map[intake.Org]string{intake.OrgDPS: "DPS", intake.OrgMunicipal: "kommunen", intake.OrgNone: "ingen"},
		Channels:   map[intake.Channel]string{intake.ChannelGP: "Henvisning fra fastlege", intake.ChannelSelf: "Selvbooking"},
		Addressees: map[intake.Addressee]string{intake.AddressedDPS: "DPS", intake.AddressedMunicipal: "kommunen", intake.AddressedSpecialist: "avtalespesialist", intake.AddressedNone: "ingen"},
		Short:      map[intake.Addressee]string{intake.AddressedDPS: "DPS", intake.AddressedMunicipal: "komm.", intake.AddressedSpecialist: "spes.", intake.AddressedNone: "–"},
		Modes:      map[intake.Mode]string{intake.ModeInPerson: "oppmøte", intake.ModeVideo: "video", intake.ModePhone: "telefon"},
		Categories: map[intake.Category]string{intake.CategoryDPS: "DPS", intake.CategoryMunicipal: "kommunal", intake.CategorySpecialised: "spesialisert", intake.CategoryReception: "mottak", intake.CategoryClosed: "avsluttet"},
		Events: map[string]string{
			"registered": "registrert", "imported": "importert", "generated": "generert (demo)", "assigned": "tildelt",
			"reassigned": "tildelt på nytt", "scheduled": "time satt opp", "attended": "møtte", "did_not_attend": "ikke møtt",
			"routed": "loset videre", "withdrawn": "trukket tilbake",
		},
		Fields: map[string]string{
			"ref": "ref", "received": "mottatt", "channel": "kanal", "addressed_to": "henvist til", "national_id": "fødselsnummer",
			"name": "navn", "birth_date": "fødselsdato", "gp": "fastlege", "clinician": "behandler", "first_conversation": "første samtale",
			"attended": "møtt", "routed": "loset", "outcomes": "tilbud", "withdrawn": "trukket tilbake", "phone": "telefon",
			"municipality": "hjemkommune", "gp_practice": "legekontor", "reason": "kontaktårsak", "route_note": "begrunnelse",
			"conversation_time": "klokkeslett", "conversation_mode": "form", "code": "kode", "label": "navn", "category": "kategori",
		},
		IDKinds:   map[intake.IDKind]string{intake.IDBirthNumber: "fødselsnummer", intake.IDDNumber: "D-nummer", intake.IDHNumber: "H-nummer"},
		Synthetic: "syntetisk",
	}
}
