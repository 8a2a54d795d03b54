package tui

import (
	"strings"

	"envei/intake"
)

// Lang is the console's language.
type Lang string

const (
	LangNB Lang = "nb" // Norwegian bokmål
	LangEN Lang = "en"
)

// LangFromEnv picks the language from LC_ALL, then LC_MESSAGES, then LANG:
// nb, nn and no (Norwegian in any form) give bokmål, anything else
// English. getenv is the caller's: the local command line passes its own
// environment, the server the client's (the console itself never reads
// the process environment).
func LangFromEnv(getenv func(string) string) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := strings.ToLower(getenv(name))
		if v == "" {
			continue
		}
		for _, p := range []string{"nb", "nn", "no"} {
			if strings.HasPrefix(v, p) {
				return LangNB
			}
		}
		return LangEN
	}
	return LangEN
}

// catalogFor returns the words of lang.
func catalogFor(lang Lang) *Catalog {
	if lang == LangNB {
		return norwegian()
	}
	return english()
}

// Catalog holds every word the console shows, one per language. It is a
// struct rather than a map so a missing key is a compile error; a test
// checks that no field and no enumeration entry is empty in either
// language.
type Catalog struct {
	// Keys (help text of key bindings).
	KeyHelp, KeyBack, KeyQuit, KeyNextScreen, KeyUp, KeyDown, KeyPageUp, KeyPageDown, KeyTop, KeyBottom string
	KeyOpen, KeyNew, KeyAssign, KeySchedule, KeyRoute, KeyWithdraw, KeySearch, KeyFilter, KeyMine       string
	KeyRefresh, KeyEndSearch, KeyCancelForm, KeyDiscard, KeyKeepEditing                                 string
	KeyAddClinician, KeyLeave, KeyAddService, KeyRetire                                                 string

	// Frame.
	TestData, TooSmall, ConfirmQuit, Loading, Saving, DiscardQuestion string
	IdleWarning                                                       string // an idle console ends in a minute (idle.go)
	KeyNoteHowToSave, NoteNotSavedServed                              string // w in a console served over SSH (note.go)

	// Worklist.
	WorklistTitle, WorklistEmpty, NoMoreRows, SearchPlaceholder, SearchHint, FilterLabel string
	AllOpen, Everyone, OnlyMine, DaysShort, SelfBooked, GPShort                          string
	ColRef, ColReceived, ColFrom, ColClinician, ColState, ColNext, ColDue                string

	// Referral view.
	ReferralTitle, SectionPatient, SectionReferral, SectionConversation, SectionOutcome, SectionTimeline string
	UrgentBadge, Nothing, FieldDeadline, FieldRegisteredBy, ViewChannel, ViewReason                      string

	// Register.
	RegisterTitle, FieldChannel, FieldAddressedTo, FieldName, FieldHasID, FieldNationalID, FieldBirthDate string
	FieldPhone, FieldMunicipality, FieldGP, FieldGPPractice, FieldReason, FieldUrgent, FieldUrgentHelp    string
	NoNorwegianID, Yes, No, Required, BadDate, Registered                                                 string
	IDHint, IDDigitsSoFar, IDNot11Digits, IDControl, IDBirthDate, IDSynthetic                             string
	DuplicateFound, DuplicateQuestion, DuplicateRefused, RegisterAnyway                                   string

	// Free text with control characters (intake/freetext.go), any form.
	BadControl, BadControlLines string
	// The GP office's HER-id on the register form (the e-message's address).
	FieldGPHerID, FieldGPHerIDHelp, BadHerID string
	// The referral's transfer e-messages and their receipts (messages.go).
	SectionMessages, MsgToGP, MsgSent, MsgAcknowledged, MsgRejected, MsgAckErrors, MsgRejectedBadge string
	// Writing the e-messages in one step from the referral view (messagesend.go).
	KeySendMessages, KeyWrite, MsgSendTitle, MsgSendQuestion, MsgSendTransfer, MsgSendGP, MsgSendNone string
	MsgSendWritten, MsgSendNotWritten, MsgSendAddress, MsgSendDone                                    string
	// Recording a rejected e-message as handled another way (rejection.go).
	KeyRejectionHandled, RejectionHandledTitle, FieldRejectionHandled, FieldRejectionHandledHelp string
	RejectionHandledDone                                                                         string

	// Assign.
	Drawn, OnlySupervisorsReassign, AssignFirst, ReassignTitle, FieldReassignReason, FieldReassignHelp string

	// Schedule and attendance.
	ScheduleTitle, FieldDay, FieldTime, BadTime, FieldMode, FieldModeHelp, Scheduled, CannotSchedule string
	AttendanceTitle, AttendanceQuestion, Attended, DidNotAttend, Rebook, RecordedAttended            string
	RecordedMissed, MissedTitle, MissedQuestion, CloseMissed, ClosedMissed                           string

	// Route and withdraw.
	RouteTitle, FieldServices, FieldServicesHelp, ChooseService, FieldJustification, Routed, GPToBeInformed string
	CannotRoute, ChargeLabel, ChargeSelfBooked, ChargeReferred                                              string
	WithdrawTitle, FieldWithdrawReason, Withdrawn                                                           string

	// Assessment.
	AssessTitle, ASPart1, ASPart2, ASPart3, ASReason, ASSituation, ASDuration, ASEarlier, ASSomatic, ASMedication string
	ASSubstance, ASDaily, ASNetwork, ASChildren, ASChildrenFollowUp, ASGoals, ASItems, ASBadItems, ASNotDone      string
	ASSuicide, ASItem9Warning, ASProtective, ASPlan, ASViolence, ASViolenceNote, ASRisk, ASRight, ASNotDecided    string
	ASLatestStart, ASPriority, ASOrdinary, ASUrgent, ASBenefit, ASCost, ASSeverity, ASDecidedAt, ASRights         string
	ASRecommendation, ASFinish, ASSaveDraft, ASComplete, ASLeaveUnchanged, ASAmend, ASAmendReason                 string
	ASDraftSaved, ASCompleted, ASVersionLabel, ASAutosave, ASNotAttended, ASNew, ASStatusDraft                    string
	ASStatusCompleted, ASVersionText, ASMarkedNotDone, ASScore, ASCase, ASItem9Flag, ASRightsOptional             string
	ASRightsRequired, ASDeadline, ASNotAssessed, KeyAssess, AssessFirst                                           string

	// Treatment in the reception.
	TRUsed, TRNear, TROver, TRMinutes, TRBadMinutes, TRSessionTitle, TROutcome, TRClosed, TRCloseTitle string
	SectionTreatment, KeySession, KeyCloseTreatment, TRClosedOn, StepTreatment                         string
	SessionModes                                                                                       map[intake.SessionMode]string
	EpisodeOutcomes                                                                                    map[intake.EpisodeOutcome]string

	// Consultations with the senior psychiatrist and the GP's office
	// (consult.go), and their counts on the statistics screen.
	KeyConsult, CNTitle, CNKind, CNSenior, CNGP, CNDate, CNTime, CNQuestion, CNQuestionHelp, CNAdvice string
	CNMedication, CNContact, CNContactHelp, CNOutcome, CNSavedSenior, CNSavedGP, CNBadText, CNFuture  string
	SectionConsultations, CNSeniorLine, CNGPLine, CNMedicationReviewed, CNHeld, CNRecordedBy          string
	StatsConsultHead, StatsSeniorPatients, StatsGPPatients, StatsConsultCount, StatsConsultNone       string

	// Notes.
	NoteTitle, GPLetterTitle, NoteSaved, KeySaveNote, KeyNote, KeyGPLetter string

	// Statistics.
	StatsTitle, KeyStatsView, KeyStatsPeriod, StatsNeedRole, StatsPeriodLabel, StatsEmpty string
	StatsGroupsHint, StatsFunnelHead                                                      string
	StatsPeriods                                                                          [periodCount]string
	StatsViews                                                                            [statsViews]string
	FunnelStages                                                                          map[string]string
	// The sections the statistics screen draws (stats_sections.go); the
	// tables' labels are the report's words (report.Lang.Text).
	KeyStatsMinCell, StatsShownAll, StatsHiding, StatsHiddenNote, StatsHiddenCount, StatsExposed    string
	StatsTooLarge                                                                                   string
	StatsRoutingNote, StatsWrongQueueNote, StatsOrgNote, StatsOrgSame, StatsOrgDiffer, StatsOrgTest string
	StatsOrgCareful, StatsOrgNoTest, StatsOrgLeftOut, StatsWaitsNote, StatsWaitsHidden              string
	StatsDeadlineNote, StatsFunnelStage, StatsFunnelPatients, StatsFunnelMedian, DecimalMark        string

	// Roster and services.
	RosterTitle, RosterReadOnly, ColUsername, FieldOrg, FieldRole, ColDrawn, OnLeave, OnLeaveNow, BackFromLeave  string
	AddClinicianTitle, UsernameHelp, BadUsername, ClinicianAdded                                                 string
	ServicesTitle, ColCode, ColLabel, ColCategory, Retired, AddServiceTitle, CodeHelp, BadCode, LabelNB, LabelEN string
	ServiceAdded, ServiceRetired, ServiceRestored                                                                string

	// Welcome.
	WelcomeTitle, WelcomeText, WelcomeNext, WelcomeAddClinicians, WelcomeLoadDemo, WelcomeStartEmpty, DemoLoaded string

	// Access on work need: the break-the-glass question.
	BreakGlassTitle, BreakGlassText, FieldBreakGlassReason, BreakGlassTooShort string
	ChangeOnReason                                                             string

	// Errors.
	ErrConflict, ErrForbidden, ErrNoEligible, ErrNotFound, ErrNeedReason string
	ErrStep, ErrOther, NoteExists                                        string
	// The database server's answers (store errors no one caused).
	ErrBusy, ErrInterrupted, ErrCommitUnknown string

	// Confirmations (confirm.go): KeyYes is the one key that gives the
	// answer that acts; ConfirmKeys shows it beside the safe answer.
	KeyYes, ConfirmKeys string

	// The timeline's event details (timeline.go).
	EvScheduled, EvRouted, EvDrew, EvReason, EvVersion, EvLate string
	ViewServices                                               string // the routing's label in the referral view

	// Help of the keys inside forms (huh's key map, formKeyMap).
	FKNext, FKBack, FKSubmit, FKSelect, FKConfirm, FKToggle, FKFilter, FKSetFilter, FKClearFilter string
	FKNewLine, FKEditor, FKLeft, FKRight, FKSelectAll, FKSelectNone, FKHalfPageUp, FKHalfPageDown string
	FKGoToStart, FKGoToEnd, FKComplete                                                            string

	// Enumerations.
	States          map[intake.State]string
	Steps           map[intake.NextStep]string
	Roles           map[intake.Role]string
	Orgs            map[intake.Org]string
	Channels        map[intake.Channel]string
	Addressees      map[intake.Addressee]string
	Short           map[intake.Addressee]string
	Modes           map[intake.Mode]string
	Categories      map[intake.Category]string
	Events          map[string]string
	Fields          map[string]string
	IDKinds         map[intake.IDKind]string
	InstrumentNames map[intake.Instrument]string
	Bands           map[string]string
	RiskLevels      map[intake.RiskLevel]string
	Synthetic       string

	// Issue 10 §3 and §6 (register helper): dates and times as typed and
	// shown (DateLayout is a Go time layout), the date received, the
	// duplicate check while typing, the GP letter's printing, instrument
	// items by label and what keeps an assessment from being completed.
	DateLayout, DatePlaceholder, TimePlaceholder, TwoDigitYear                       string
	FieldReceived, FieldReceivedHelp, ReceivedFuture, ReceivedOld                    string
	PriorOpen, PriorClosed, GPLetterPrinted                                          string
	ASItem, ASItemRange, ASItemDigits, ASTooManyItems, ASNextItem, ASOr, ASCannotYet string
	ASCheckField                                                                     string
	ItemLabels                                                                       map[intake.Instrument][]string
	MissingReasons                                                                   map[string]string
	// Finding a patient and correcting a mistake (issue 10, sections 4
	// and 5): the worklist's closed and all views, the search by national
	// id, a patient's history, a routing corrected, a registration voided
	// or merged.
	KeyClosed, ScopeClosedName, ScopeAllName, WorklistNoOpen, ClosedEmpty, SearchHintAll, SearchPlaceholderAll string
	KeyHistory, HistoryTitle, HistoryNoID                                                                      string
	KeyCorrectRoute, CorrectRouteTitle, FieldCorrectionReason, FieldCorrectionHelp, FieldNewJustification      string
	RoutingCorrected, CorrectionReasonShort, TransferSentSupervisor, NotRouter                                 string
	KeyVoid, VoidTitle, VoidText, Voided, KeyMerge, MergeTitle, MergeText, FieldMergeInto, Merged              string
	OnlySupervisorsVoid, ViewVoided, ViewMergedInto                                                            string

	// A service's receiving unit, the receiver of its e-messages: shown
	// and set (admins) in the services screen.
	KeyServiceUnit, ColHerID, UnitLine, UnitNotSet, ServiceUnitTitle, FieldUnitName, FieldUnitNameHelp string
	FieldHerID, FieldHerIDHelp, FieldOrgNumber, FieldOrgNumberHelp, BadOrgNumber, ServiceUnitSaved     string
}

func (t *Catalog) StateName(s intake.State) string         { return orKey(t.States, s) }
func (t *Catalog) StepName(s intake.NextStep) string       { return t.Steps[s] }
func (t *Catalog) RoleName(r intake.Role) string           { return orKey(t.Roles, r) }
func (t *Catalog) OrgName(o intake.Org) string             { return orKey(t.Orgs, o) }
func (t *Catalog) ChannelName(c intake.Channel) string     { return orKey(t.Channels, c) }
func (t *Catalog) AddresseeName(a intake.Addressee) string { return orKey(t.Addressees, a) }
func (t *Catalog) AddresseeShort(a intake.Addressee) string {
	return orKey(t.Short, a)
}
func (t *Catalog) ModeName(m intake.Mode) string         { return orKey(t.Modes, m) }
func (t *Catalog) CategoryName(c intake.Category) string { return orKey(t.Categories, c) }
func (t *Catalog) EventName(kind string) string          { return orKey(t.Events, kind) }

func (t *Catalog) InstrumentName(i intake.Instrument) string { return orKey(t.InstrumentNames, i) }
func (t *Catalog) BandName(b string) string                  { return orKey(t.Bands, b) }
func (t *Catalog) RiskName(r intake.RiskLevel) string        { return orKey(t.RiskLevels, r) }

func (t *Catalog) SessionModeName(m intake.SessionMode) string { return orKey(t.SessionModes, m) }
func (t *Catalog) EpisodeOutcomeName(o intake.EpisodeOutcome) string {
	return orKey(t.EpisodeOutcomes, o)
}

// ColumnName names a field or CSV column in the user's language.
func (t *Catalog) ColumnName(column string) string { return orKey(t.Fields, column) }

// IDKindName names the kind of a national id.
func (t *Catalog) IDKindName(k intake.IDKind, synthetic bool) string {
	name := t.IDKinds[k]
	if synthetic {
		name += " (" + t.Synthetic + ")"
	}
	return name
}

// YesNo is yes or no in the user's language.
func (t *Catalog) YesNo(b bool) string {
	if b {
		return t.Yes
	}
	return t.No
}

// orKey falls back to the key itself for a value the catalogue lacks (a
// service category or event kind added after this version).
func orKey[K ~string](m map[K]string, k K) string {
	if v, ok := m[k]; ok {
		return v
	}
	return string(k)
}
