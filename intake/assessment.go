package intake

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// YesNo is a yes/no question that may not have been answered yet. It is a
// value rather than a *bool so that an Assessment copied into a version
// shares nothing with the working copy (a pointer would let a later edit
// reach into a completed version), and so that it stores as plain text.
type YesNo string

const (
	NotAnswered YesNo = ""
	Yes         YesNo = "yes"
	No          YesNo = "no"
)

// Valid reports whether y is yes, no or not answered.
func (y YesNo) Valid() bool { return y == NotAnswered || y == Yes || y == No }

// RiskLevel grades a suicide or violence risk. The empty level means the
// risk has not been assessed, which is different from assessed as none.
type RiskLevel string

const (
	RiskNotAssessed RiskLevel = ""
	RiskNone        RiskLevel = "none"
	RiskLow         RiskLevel = "low"
	RiskModerate    RiskLevel = "moderate"
	RiskHigh        RiskLevel = "high"
)

// RiskLevels lists the assessed levels in rising order.
var RiskLevels = []RiskLevel{RiskNone, RiskLow, RiskModerate, RiskHigh}

// Valid reports whether r is an assessed level or not assessed.
func (r RiskLevel) Valid() bool {
	return r == RiskNotAssessed || slices.Contains(RiskLevels, r)
}

// Risk is the risk section of the template.
type Risk struct {
	Suicide           RiskLevel
	ProtectiveFactors string
	Plan              string // what is done about the suicide risk: safety plan, follow-up
	Violence          RiskLevel
	ViolenceNote      string
}

// Priority is how soon care should start when the patient has a right to
// necessary health care. DOMAIN.md asks only for "a priority" beside the
// legal deadline; the prioritisation guidance (prioriteringsveilederne)
// expresses urgency through that deadline, so two grades are kept: ordinary
// (start by the latest start date) and urgent (start as soon as possible,
// well before it). The precise date is always LatestStart.
type Priority string

const (
	PriorityOrdinary Priority = "ordinary"
	PriorityUrgent   Priority = "urgent"
)

// Priorities lists the priorities in display order.
var Priorities = []Priority{PriorityOrdinary, PriorityUrgent}

// Valid reports whether p is a known priority.
func (p Priority) Valid() bool { return p == PriorityOrdinary || p == PriorityUrgent }

// RightsAssessment is the rights assessment (rettighetsvurdering) made with
// the patient in the room: whether they have a right to necessary health care
// in the specialist health service and, if so, the latest date care starts
// (juridisk frist) and a priority, with the reasoning on the three criteria
// of the prioritisation regulation (expected benefit, cost-effectiveness,
// severity) and who decided when.
type RightsAssessment struct {
	Right             YesNo // not answered = not decided
	LatestStart       Date  // juridisk frist; only with a right
	Priority          Priority
	ExpectedBenefit   string
	CostEffectiveness string
	Severity          string
	DecidedBy         string // username
	DecidedAt         Date
	// Late records that the decision came after the 10-working-day
	// deadline. It is stored, not recomputed on reading, so that the record
	// says what was true when it was made even if the calendar setting
	// (Saturdays) changes later. DecideRights sets it.
	Late bool
}

// DecideRights returns ra with Late set when it was decided after the
// deadline (the last day allowed, so deciding on the day itself is in time).
// A zero deadline means there is none, and an undecided assessment is not
// late yet.
func DecideRights(ra RightsAssessment, deadline Date) RightsAssessment {
	ra.Late = !deadline.IsZero() && !ra.DecidedAt.IsZero() && ra.DecidedAt.After(deadline)
	return ra
}

// Assessment is the common first-conversation template
// (felles mal for vurdering i første samtale) that every clinician fills in,
// from the DPS or the municipality alike.
type Assessment struct {
	ReasonOwnWords   string // reason for contact in the patient's own words
	CurrentSituation string
	Duration         string // how long the current situation has lasted
	EarlierHelp      string // earlier help and treatment
	SomaticHealth    string
	Medication       string
	SubstanceUse     string
	DailyFunctioning string // work, school, home
	Network          string // network and resources
	// MinorChildren: are there children under 18 in the home. When yes,
	// ChildrenFollowUp says how their needs are followed up: health
	// personnel must see to that (helsepersonelloven § 10 a).
	MinorChildren    YesNo
	ChildrenFollowUp string
	Goals            string // the patient's own goals and wishes

	Instruments    map[Instrument]Answers
	Risk           Risk
	Rights         RightsAssessment
	Recommendation []string // proposed service codes; routing starts from them
}

// Field codes of the template, as used in FieldError.Column. The console
// translates the codes it knows. Instruments use their own code ("phq9"),
// ItemField and NotDoneReasonField.
const (
	FieldReasonOwnWords    = "reason_own_words"
	FieldCurrentSituation  = "current_situation"
	FieldDuration          = "duration"
	FieldEarlierHelp       = "earlier_help"
	FieldSomaticHealth     = "somatic_health"
	FieldMedication        = "medication"
	FieldSubstanceUse      = "substance_use"
	FieldDailyFunctioning  = "daily_functioning"
	FieldNetwork           = "network"
	FieldMinorChildren     = "minor_children"
	FieldChildrenFollowUp  = "children_follow_up"
	FieldGoals             = "goals"
	FieldSuicideRisk       = "suicide_risk"
	FieldProtectiveFactors = "protective_factors"
	FieldSuicidePlan       = "suicide_plan"
	FieldViolenceRisk      = "violence_risk"
	FieldViolenceNote      = "violence_note"

	FieldRightsRight             = "rights.right"
	FieldRightsLatestStart       = "rights.latest_start"
	FieldRightsPriority          = "rights.priority"
	FieldRightsExpectedBenefit   = "rights.expected_benefit"
	FieldRightsCostEffectiveness = "rights.cost_effectiveness"
	FieldRightsSeverity          = "rights.severity"
	FieldRightsDecidedBy         = "rights.decided_by"
	FieldRightsDecidedAt         = "rights.decided_at"

	FieldRecommendation = "recommendation"

	FieldAuthor          = "author"
	FieldSavedAt         = "saved_at"
	FieldAmendmentReason = "amendment_reason"
)

// MaxNoteLen bounds each free-text field of the template, in characters. It
// is generous for a clinical note and keeps a runaway paste out of the
// record and the transfer message.
const MaxNoteLen = 4000

// noteProblem checks a multi-line free-text field: line breaks and tabs are
// fine in a note, other control characters and bidi overrides (isControl)
// are not.
func noteProblem(s string) string {
	switch {
	case !utf8.ValidString(s):
		return "must be UTF-8 text"
	case utf8.RuneCountInString(s) > MaxNoteLen:
		return "must be at most " + strconv.Itoa(MaxNoteLen) + " characters"
	case HasControlInLines(s):
		return ReasonControlLines
	}
	return ""
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// sections returns the template's free-text sections with their codes, in
// the order of the form.
func (a Assessment) sections() []struct{ code, value string } {
	return []struct{ code, value string }{
		{FieldReasonOwnWords, a.ReasonOwnWords},
		{FieldCurrentSituation, a.CurrentSituation},
		{FieldDuration, a.Duration},
		{FieldEarlierHelp, a.EarlierHelp},
		{FieldSomaticHealth, a.SomaticHealth},
		{FieldMedication, a.Medication},
		{FieldSubstanceUse, a.SubstanceUse},
		{FieldDailyFunctioning, a.DailyFunctioning},
		{FieldNetwork, a.Network},
		{FieldChildrenFollowUp, a.ChildrenFollowUp},
		{FieldGoals, a.Goals},
	}
}

// Validate returns the values that cannot be stored even in a draft: an
// unknown code, an impossible item score, text that is not clean UTF-8 or
// too long. Drafts save as the clinician goes, so Validate does not ask for
// anything to be filled in; Missing does.
func (a Assessment) Validate() []FieldError {
	var errs []FieldError
	add := func(code, reason string) { errs = append(errs, FieldError{code, reason}) }
	note := func(code, value string) {
		if p := noteProblem(value); p != "" {
			add(code, p)
		}
	}
	for _, s := range a.sections() {
		note(s.code, s.value)
	}
	if !a.MinorChildren.Valid() {
		add(FieldMinorChildren, `must be "yes" or "no"`)
	}

	for i := range a.Instruments {
		if !i.Valid() {
			add(FieldInstrument, "must be phq9, gad7 or audit")
			break
		}
	}
	for _, i := range Instruments {
		ans, ok := a.Instruments[i]
		if !ok {
			continue
		}
		if _, err := ScoreAnswers(i, ans); err != nil {
			var fe FieldError
			if !errors.As(err, &fe) {
				fe = FieldError{string(i), err.Error()}
			}
			errs = append(errs, fe)
		}
		note(NotDoneReasonField(i), ans.NotDoneReason)
	}

	levels := `must be "none", "low", "moderate" or "high"`
	if !a.Risk.Suicide.Valid() {
		add(FieldSuicideRisk, levels)
	}
	note(FieldProtectiveFactors, a.Risk.ProtectiveFactors)
	note(FieldSuicidePlan, a.Risk.Plan)
	if !a.Risk.Violence.Valid() {
		add(FieldViolenceRisk, levels)
	}
	note(FieldViolenceNote, a.Risk.ViolenceNote)

	ra := a.Rights
	if !ra.Right.Valid() {
		add(FieldRightsRight, `must be "yes" or "no"`)
	}
	if ra.Priority != "" && !ra.Priority.Valid() {
		add(FieldRightsPriority, `must be "ordinary" or "urgent"`)
	}
	note(FieldRightsExpectedBenefit, ra.ExpectedBenefit)
	note(FieldRightsCostEffectiveness, ra.CostEffectiveness)
	note(FieldRightsSeverity, ra.Severity)
	if p := textProblem(ra.DecidedBy); p != "" {
		add(FieldRightsDecidedBy, p)
	}

	// One problem with the list is enough to point the clinician at it.
	for k, code := range a.Recommendation {
		if !ValidServiceCode(code) {
			add(FieldRecommendation, "must be service codes")
			break
		}
		if slices.Contains(a.Recommendation[:k], code) {
			add(FieldRecommendation, "must not name a service twice")
			break
		}
	}
	return errs
}

// RightsRequired reports whether the assessment must include a rights
// assessment: the GP referred the patient to specialist health care (the DPS
// or a contracted specialist), or the recommendation routes them to a
// service that is specialist health care. specialised answers that for a
// service code from the reception's catalogue (SpecialisedIn); nil means no
// recommended service counts.
func RightsRequired(r Referral, recommendation []string, specialised func(code string) bool) bool {
	if r.Channel == ChannelGP && r.AddressedTo.Specialist() {
		return true
	}
	if specialised == nil {
		return false
	}
	for _, code := range recommendation {
		if specialised(code) {
			return true
		}
	}
	return false
}

// SpecialisedIn returns the lookup RightsRequired needs for a catalogue:
// services of category dps or specialised are specialist health care.
// Retired services still count, so an old assessment reads the same.
func SpecialisedIn(catalogue []Service) func(code string) bool {
	set := make(map[string]bool)
	for _, s := range catalogue {
		if s.Category == CategoryDPS || s.Category == CategorySpecialised {
			set[s.Code] = true
		}
	}
	return func(code string) bool { return set[code] }
}

// Missing returns what keeps the assessment from being completed, each as a
// FieldError with the field's code and an English reason, in the order of
// the form; nil when it can be completed. It includes Validate's problems.
//
// Completing requires every section filled in (a section with nothing to
// report says so: "none" is an answer, an empty field is not); the minor
// children question answered, and when yes how they are followed up; each
// instrument complete or marked not done with a reason; a suicide-risk
// assessment when PHQ-9 item 9 is above 0, with a plan when the risk is
// moderate or high; the rights assessment when RightsRequired; and at least
// one recommended service.
func (a Assessment) Missing(r Referral, specialised func(code string) bool) []FieldError {
	errs := a.Validate()
	add := func(code, reason string) { errs = append(errs, FieldError{code, reason}) }
	need := func(code, value string) {
		if blank(value) {
			add(code, reasonRequired)
		}
	}

	for _, s := range a.sections() {
		switch s.code {
		case FieldChildrenFollowUp:
			switch a.MinorChildren {
			case NotAnswered:
				add(FieldMinorChildren, ReasonYesOrNo)
			case Yes:
				if blank(a.ChildrenFollowUp) {
					add(FieldChildrenFollowUp, ReasonChildrenFollowUp)
				}
			}
		default:
			need(s.code, s.value)
		}
	}

	item9 := false
	for _, i := range Instruments {
		ans := a.Instruments[i]
		s, err := ScoreAnswers(i, ans)
		if err != nil {
			continue // Validate has named the item
		}
		item9 = item9 || s.Item9Flag
		switch {
		case ans.NotDone && blank(ans.NotDoneReason):
			add(NotDoneReasonField(i), ReasonNotDoneWhy)
		case !ans.NotDone && !s.Complete:
			add(string(i), ReasonInstrumentPartial)
		}
	}

	if item9 && a.Risk.Suicide == RiskNotAssessed {
		add(FieldSuicideRisk, ReasonItem9Risk)
	}
	if (a.Risk.Suicide == RiskModerate || a.Risk.Suicide == RiskHigh) && blank(a.Risk.Plan) {
		add(FieldSuicidePlan, ReasonRiskPlan)
	}

	if RightsRequired(r, a.Recommendation, specialised) {
		errs = append(errs, a.Rights.missing()...)
	}

	if len(a.Recommendation) == 0 {
		add(FieldRecommendation, ReasonOneService)
	}
	return errs
}

// missing returns what a required rights assessment lacks. The reasoning is
// required whether or not a right is granted: a refusal must be explained
// too, since the patient can complain about it.
func (ra RightsAssessment) missing() []FieldError {
	var errs []FieldError
	add := func(code, reason string) { errs = append(errs, FieldError{code, reason}) }
	switch ra.Right {
	case NotAnswered:
		add(FieldRightsRight, ReasonYesOrNo)
	case Yes:
		switch {
		case ra.LatestStart.IsZero():
			add(FieldRightsLatestStart, ReasonRightGranted)
		case !ra.DecidedAt.IsZero() && ra.LatestStart.Before(ra.DecidedAt):
			add(FieldRightsLatestStart, ReasonStartBeforeDecide)
		}
		if ra.Priority == "" {
			add(FieldRightsPriority, ReasonRightGranted)
		}
	case No:
		// A latest start date or priority beside a "no" would make the
		// record contradict itself.
		if !ra.LatestStart.IsZero() {
			add(FieldRightsLatestStart, ReasonEmptyWithoutRight)
		}
		if ra.Priority != "" {
			add(FieldRightsPriority, ReasonEmptyWithoutRight)
		}
	}
	for _, f := range []struct{ code, value string }{
		{FieldRightsExpectedBenefit, ra.ExpectedBenefit},
		{FieldRightsCostEffectiveness, ra.CostEffectiveness},
		{FieldRightsSeverity, ra.Severity},
		{FieldRightsDecidedBy, ra.DecidedBy},
	} {
		if blank(f.value) {
			add(f.code, reasonRequired)
		}
	}
	if ra.DecidedAt.IsZero() {
		add(FieldRightsDecidedAt, reasonRequired)
	}
	return errs
}

// Clone returns a deep copy of a: a stored version must not share its
// answers or recommendation with the working copy the console goes on
// editing.
func (a Assessment) Clone() Assessment {
	if a.Instruments != nil {
		m := make(map[Instrument]Answers, len(a.Instruments))
		for i, ans := range a.Instruments {
			ans.Items = slices.Clone(ans.Items)
			m[i] = ans
		}
		a.Instruments = m
	}
	a.Recommendation = slices.Clone(a.Recommendation)
	return a
}

// AssessmentStatus is whether a version is a working draft or part of the
// record.
type AssessmentStatus string

const (
	AssessmentDraft     AssessmentStatus = "draft"
	AssessmentCompleted AssessmentStatus = "completed"
)

// AssessmentVersion is one version of a referral's assessment. Versions are
// numbered from 1. While the assessment is a draft there is one version, the
// working copy, saved over as the clinician goes. Completing turns it into
// completed version 1. After that the record only grows: each amendment is
// a new completed version with who, when and why, and earlier versions stay
// as they were, readable, as a clinical record must.
type AssessmentVersion struct {
	Version int
	Status  AssessmentStatus
	Assessment
	Author          string // username of who saved this version
	SavedAt         string // UTC timestamp, RFC 3339
	AmendmentReason string // why, for every completed version after the first
}

// Errors of the version rules.
var (
	// ErrAssessmentCompleted refuses a draft save once the assessment is
	// completed: a change to the record must be an amendment with a reason.
	ErrAssessmentCompleted = errors.New("the assessment is completed; a change must be an amendment with a reason")
	// ErrAssessmentHistory means the stored history breaks the version
	// rules (numbering, a draft after a completed version, an amendment
	// without a reason): a store bug, never a user error.
	ErrAssessmentHistory = errors.New("assessment history is inconsistent")
)

// checkHistory checks that history, oldest first, is one the rules can
// produce: versions 1, 2, 3…; a draft only as the sole version; a reason on
// every amendment and on nothing else.
func checkHistory(history []AssessmentVersion) error {
	for k, v := range history {
		ok := v.Version == k+1
		switch v.Status {
		case AssessmentDraft:
			ok = ok && len(history) == 1 && v.AmendmentReason == ""
		case AssessmentCompleted:
			ok = ok && (k == 0) == (v.AmendmentReason == "")
		default:
			ok = false
		}
		if !ok {
			return ErrAssessmentHistory
		}
	}
	return nil
}

// CanSaveDraft reports whether a draft may be saved on top of history
// (oldest first): yes while there is nothing or a draft, ErrAssessmentCompleted
// once the assessment is completed.
func CanSaveDraft(history []AssessmentVersion) error {
	if err := checkHistory(history); err != nil {
		return err
	}
	if len(history) > 0 && history[len(history)-1].Status == AssessmentCompleted {
		return ErrAssessmentCompleted
	}
	return nil
}

// SaveRequest is one save of the template.
type SaveRequest struct {
	Assessment Assessment
	Author     string // username
	At         string // UTC timestamp, RFC 3339, ending in Z
	// Complete completes the draft or, once completed, amends the record.
	// False saves a draft.
	Complete bool
	Reason   string // why, for an amendment; must be empty otherwise

	// What completing is checked against: the referral (whether a rights
	// assessment is required and its legal deadline), the catalogue lookup
	// for RightsRequired, and the calendar for the deadline.
	Referral    Referral
	Specialised func(code string) bool
	Calendar    Calendar
}

// NextVersion returns the version a save makes on top of history (oldest
// first), or why it cannot be made. It changes nothing in history; the
// returned version holds its own copy of the assessment.
//
//   - No history: version 1, a draft or (when completing at once) completed.
//   - Latest is a draft: the same version number (the store saves over the
//     draft, a working copy), still a draft or now completed.
//   - Latest is completed: a draft is refused (ErrAssessmentCompleted); an
//     amendment needs a reason and becomes version N+1, completed.
//
// Completing, or amending, requires Missing to be empty; a draft requires
// only Validate. The rights assessment's Late flag is set from the
// referral's legal deadline (DecideRights). Field problems come back as
// FieldErrors.
func NextVersion(history []AssessmentVersion, req SaveRequest) (AssessmentVersion, error) {
	if err := checkHistory(history); err != nil {
		return AssessmentVersion{}, err
	}
	if req.Referral.State() == StateVoided {
		return AssessmentVersion{}, fmt.Errorf("%w: referral %s is voided; assess the referral that stays", ErrStep, req.Referral.Ref)
	}
	var latest *AssessmentVersion
	if len(history) > 0 {
		latest = &history[len(history)-1]
	}
	completed := latest != nil && latest.Status == AssessmentCompleted
	if completed && !req.Complete {
		return AssessmentVersion{}, ErrAssessmentCompleted
	}

	var errs FieldErrors
	add := func(code, reason string) { errs = append(errs, FieldError{code, reason}) }
	if p := textProblem(req.Author); blank(req.Author) || p != "" {
		add(FieldAuthor, cmp.Or(p, reasonRequired))
	}
	if !validUTCStamp(req.At) {
		add(FieldSavedAt, "must be a UTC time in RFC 3339 form ending in Z")
	}
	switch {
	case completed && blank(req.Reason):
		add(FieldAmendmentReason, ReasonAmendWhy)
	case !completed && req.Reason != "":
		add(FieldAmendmentReason, "must be empty: only a completed assessment is amended")
	default:
		if p := noteProblem(req.Reason); p != "" {
			add(FieldAmendmentReason, p)
		}
	}

	a := req.Assessment.Clone()
	a.Rights = DecideRights(a.Rights, req.Referral.AssessmentDeadline(req.Calendar))
	if req.Complete {
		errs = append(errs, a.Missing(req.Referral, req.Specialised)...)
	} else {
		errs = append(errs, a.Validate()...)
	}
	if len(errs) > 0 {
		return AssessmentVersion{}, errs
	}

	v := AssessmentVersion{Version: 1, Status: AssessmentDraft, Assessment: a, Author: req.Author, SavedAt: req.At}
	switch {
	case completed:
		v.Version = latest.Version + 1
		v.AmendmentReason = req.Reason
	case latest != nil:
		v.Version = latest.Version
	}
	if req.Complete {
		v.Status = AssessmentCompleted
	}
	return v, nil
}

// validUTCStamp reports whether s is an RFC 3339 time in UTC written with Z,
// the one form timestamps are stored in (DESIGN.md).
func validUTCStamp(s string) bool {
	if !strings.HasSuffix(s, "Z") {
		return false
	}
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}
