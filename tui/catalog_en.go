package tui

import "github.com/envei/envei/intake"

func english() *Catalog {
	return &Catalog{
		KeyHelp: "help", KeyBack: "back", KeyQuit: "quit", KeyNextScreen: "next screen",
		KeyUp: "up", KeyDown: "down", KeyPageUp: "page up", KeyPageDown: "page down", KeyTop: "first", KeyBottom: "last",
		KeyOpen: "open", KeyNew: "new", KeyAssign: "assign", KeySchedule: "schedule/attendance", KeyRoute: "route",
		KeyWithdraw: "withdraw", KeySearch: "search", KeyFilter: "filter state", KeyMine: "mine/all",
		KeyRefresh: "refresh", KeyEndSearch: "done", KeyCancelForm: "cancel", KeyDiscard: "discard", KeyKeepEditing: "keep editing",
		KeyAddClinician: "add person", KeyLeave: "leave/return", KeyAddService: "add service", KeyRetire: "retire/restore",

		TestData:        "TEST DATA",
		TooSmall:        "The console needs a terminal of at least %d×%d (this one is %d×%d).",
		ConfirmQuit:     "You have unsaved input. Quit anyway? (y/n)",
		Loading:         "Loading…",
		Saving:          "Saving…",
		DiscardQuestion: "Discard what you typed? (y/n)",

		WorklistTitle: "Worklist", WorklistEmpty: "Nothing to do here. Press n to register a referral.",
		NoMoreRows: "No more rows.", SearchPlaceholder: "ref or name", SearchHint: "/ to search by ref or name",
		FilterLabel: "Showing", AllOpen: "all open", Everyone: "everyone's", OnlyMine: "only mine",
		DaysShort: "d", SelfBooked: "self", GPShort: "GP",
		ColRef: "Ref", ColReceived: "Received", ColFrom: "From", ColClinician: "Clinician", ColState: "State",
		ColNext: "Next step", ColDue: "Due",

		ReferralTitle: "Referral %s", SectionPatient: "Patient", SectionReferral: "Referral",
		SectionConversation: "First conversation", SectionOutcome: "Outcome", SectionTimeline: "Timeline",
		UrgentBadge: "URGENT", Nothing: "nothing", FieldDeadline: "Assessment deadline", FieldRegisteredBy: "Registered by",
		ViewChannel: "Way in", ViewReason: "Reason",

		RegisterTitle: "Register", FieldChannel: "How did the patient come?", FieldAddressedTo: "The GP addressed the referral to",
		FieldName: "Name", FieldHasID: "Does the patient have a Norwegian national id?", FieldNationalID: "National id",
		FieldBirthDate: "Birth date", FieldPhone: "Phone", FieldMunicipality: "Home municipality", FieldGP: "GP",
		FieldGPPractice: "GP practice", FieldReason: "Reason for contact, in a sentence", FieldUrgent: "Urgent?",
		FieldUrgentHelp: "Suspected serious illness", NoNorwegianID: "No Norwegian id", Yes: "Yes", No: "No",
		Required: "Required.", BadDate: "Write the date as YYYY-MM-DD.", Registered: "Registered %s.",
		IDHint: "11 digits", IDDigitsSoFar: "%d of 11 digits", IDNot11Digits: "Must be 11 digits.",
		IDControl: "The control digits do not match: check the number.", IDBirthDate: "The first six digits are not a valid birth date.",
		IDSynthetic:       "A synthetic test number is only accepted in a test database.",
		DuplicateFound:    "This patient already has open referrals: %s.",
		DuplicateQuestion: "Open referrals exist for this national id (%s). Register a new one anyway?",
		DuplicateRefused:  "Not registered: open the existing referral instead (esc).", RegisterAnyway: "Register anyway",

		Drawn: "%s → %s (drawn at random from %d: %s)", OnlySupervisorsReassign: "Already assigned. Only a supervisor can reassign.",
		AssignFirst: "Assign a clinician first (a).", ReassignTitle: "Reassign %s",
		FieldReassignReason: "Why reassign?", FieldReassignHelp: "Kept with the draw's history. The current clinician is left out of the new draw.",

		ScheduleTitle: "Schedule %s", FieldDay: "Date", FieldTime: "Time", BadTime: "Write the time as HH:MM.",
		FieldMode: "Mode", FieldModeHelp: "Video where the patient would travel far", Scheduled: "%s: first conversation %s.",
		CannotSchedule:  "A referral that is %s cannot be scheduled.",
		AttendanceTitle: "Attendance %s", AttendanceQuestion: "Did the patient come to the first conversation?",
		Attended: "Attended", DidNotAttend: "Did not attend", Rebook: "Book a new time", RecordedAttended: "%s: attended.",
		RecordedMissed: "%s: did not attend.", MissedTitle: "Missed %s", MissedQuestion: "The patient did not come. What now?",
		CloseMissed: "Close the referral (did not attend)", ClosedMissed: "%s closed: did not attend.",

		RouteTitle: "Route %s", FieldServices: "Where does the patient go?", FieldServicesHelp: "More than one is allowed (space or x to choose)",
		ChooseService: "Choose at least one.", FieldJustification: "Justification", Routed: "%s routed to %s.",
		GPToBeInformed: "The GP is to be informed.", CannotRoute: "Cannot route yet: the referral is %s.",
		ChargeLabel: "Patient charge:", ChargeSelfBooked: "none (self-booked: no charge without a referral at the DPS; none in the municipality)",
		ChargeReferred: "GP referral: the ordinary charge applies at the DPS and contracted specialists; none in the municipality",
		WithdrawTitle:  "Withdraw %s", FieldWithdrawReason: "Why is the referral withdrawn?", Withdrawn: "%s withdrawn.",

		RosterTitle: "Roster", RosterReadOnly: "Only admins change the roster.", ColUsername: "Username", FieldOrg: "Organisation",
		FieldRole: "Role", ColDrawn: "Drawn", OnLeave: "on leave", OnLeaveNow: "%s is on leave and will not be drawn.",
		BackFromLeave: "%s is back and will be drawn.", AddClinicianTitle: "Add to roster",
		UsernameHelp: "The login name they run envei under", BadUsername: "A login name: lower-case letters, digits, _ . -",
		ClinicianAdded: "Added %s.",
		ServicesTitle:  "Services", ColCode: "Code", ColLabel: "Label", ColCategory: "Category", Retired: "retired",
		AddServiceTitle: "Add service", CodeHelp: "lower-case letters, digits and _", BadCode: "Lower-case letters, digits and _, starting with a letter.",
		LabelNB: "Label (Norwegian)", LabelEN: "Label (English)", ServiceAdded: "Added %s.", ServiceRetired: "%s retired.", ServiceRestored: "%s restored.",

		WelcomeTitle: "Welcome to envei",
		WelcomeText:  "This database is new, and you (%s) are its admin. Check your name and organisation, then choose how to begin.",
		WelcomeNext:  "Begin with", WelcomeAddClinicians: "adding the clinicians to the roster", WelcomeLoadDemo: "demo data (the pilot, marked as test data)",
		WelcomeStartEmpty: "an empty worklist", DemoLoaded: "Loaded %d demo referrals (test data).",

		ErrConflict:   "Someone else changed this referral meanwhile. It has been reloaded: check it and try again.",
		ErrForbidden:  "Your role does not allow this.",
		ErrNoEligible: "Nobody can be drawn: no clinician on the roster is available (add one, or bring one back from leave).",
		ErrNotFound:   "Not found.",

		States: map[intake.State]string{
			intake.StateRegistered: "registered", intake.StateAssigned: "assigned", intake.StateScheduled: "scheduled",
			intake.StateAttended: "attended", intake.StateDidNotAttend: "did not attend", intake.StateAssessed: "assessed",
			intake.StateRouted: "routed", intake.StateWithdrawn: "withdrawn",
		},
		Steps: map[intake.NextStep]string{
			intake.StepAssign: "assign", intake.StepSchedule: "book time", intake.StepRecordVisit: "record visit",
			intake.StepAssess: "assess, route", intake.StepRebookOrClose: "rebook/close", intake.StepRoute: "route",
		},
		Roles:      map[intake.Role]string{intake.RoleClinician: "clinician", intake.RoleSupervisor: "supervisor", intake.RoleAdmin: "admin"},
		Orgs:       map[intake.Org]string{intake.OrgDPS: "DPS", intake.OrgMunicipal: "municipality", intake.OrgNone: "none"},
		Channels:   map[intake.Channel]string{intake.ChannelGP: "GP referral", intake.ChannelSelf: "Self-booking"},
		Addressees: map[intake.Addressee]string{intake.AddressedDPS: "DPS", intake.AddressedMunicipal: "the municipality", intake.AddressedSpecialist: "a contracted specialist", intake.AddressedNone: "no one"},
		Short:      map[intake.Addressee]string{intake.AddressedDPS: "DPS", intake.AddressedMunicipal: "mun.", intake.AddressedSpecialist: "spec.", intake.AddressedNone: "–"},
		Modes:      map[intake.Mode]string{intake.ModeInPerson: "in person", intake.ModeVideo: "video", intake.ModePhone: "phone"},
		Categories: map[intake.Category]string{intake.CategoryDPS: "DPS", intake.CategoryMunicipal: "municipal", intake.CategorySpecialised: "specialised", intake.CategoryReception: "reception", intake.CategoryClosed: "closed"},
		Events: map[string]string{
			"registered": "registered", "imported": "imported", "generated": "generated (demo)", "assigned": "assigned",
			"reassigned": "reassigned", "scheduled": "scheduled", "attended": "attended", "did_not_attend": "did not attend",
			"routed": "routed", "withdrawn": "withdrawn",
		},
		Fields: map[string]string{
			"ref": "ref", "received": "received", "channel": "channel", "addressed_to": "addressed to", "national_id": "national id",
			"name": "name", "birth_date": "birth date", "gp": "GP", "clinician": "clinician", "first_conversation": "first conversation",
			"attended": "attended", "routed": "routed", "outcomes": "services", "withdrawn": "withdrawn", "phone": "phone",
			"municipality": "home municipality", "gp_practice": "GP practice", "reason": "reason", "route_note": "justification",
			"conversation_time": "time", "conversation_mode": "mode", "code": "code", "label": "label", "category": "category",
		},
		IDKinds:   map[intake.IDKind]string{intake.IDBirthNumber: "national id number", intake.IDDNumber: "D-number", intake.IDHNumber: "H-number"},
		Synthetic: "synthetic",
	}
}
