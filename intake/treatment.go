package intake

import "strconv"

// SessionMode is how a treatment session in the reception was given.
type SessionMode string

const (
	SessionInPerson   SessionMode = "in_person"
	SessionVideo      SessionMode = "video"
	SessionETreatment SessionMode = "etreatment" // eBehandling: guided online treatment
)

// SessionModes lists the modes in display order.
var SessionModes = []SessionMode{SessionInPerson, SessionVideo, SessionETreatment}

// Valid reports whether m is a known session mode.
func (m SessionMode) Valid() bool {
	return m == SessionInPerson || m == SessionVideo || m == SessionETreatment
}

// Session is one logged treatment session of a patient routed to the
// reception itself.
type Session struct {
	Date    Date
	Minutes int
	Mode    SessionMode
}

// ReceptionTreatmentLimit is the treatment the reception offers a patient,
// in minutes: up to 6 hours (DOMAIN.md). Reaching it exactly is within the
// limit.
const ReceptionTreatmentLimit = 6 * 60

// TreatmentNearMinutes is where the console starts warning: with the last
// hour of the limit, so the clinician can plan the ending or a referral on
// before the hours run out.
const TreatmentNearMinutes = ReceptionTreatmentLimit - 60

// MaxSessionMinutes bounds one session. No session in the reception runs
// longer than four hours; a larger number is a typing error, such as an
// extra zero.
const MaxSessionMinutes = 240

// MinutesUsed returns the minutes of treatment given so far. Every mode
// counts, eTreatment too: it is clinician time spent on the patient's
// treatment in the reception.
func MinutesUsed(sessions []Session) int {
	total := 0
	for _, s := range sessions {
		total += s.Minutes
	}
	return total
}

// TreatmentLevel is how close an episode is to the reception's limit.
type TreatmentLevel string

const (
	TreatmentWithin TreatmentLevel = ""     // under TreatmentNearMinutes
	TreatmentNear   TreatmentLevel = "near" // at or above TreatmentNearMinutes, within the limit
	TreatmentOver   TreatmentLevel = "over" // past ReceptionTreatmentLimit
)

// TreatmentWarning returns the level the episode reaches once a session of
// next minutes is added to sessions (next = 0 for where it stands now), so
// the console can warn before the session that would pass the limit is
// logged. The limit is a warning, not a block: the clinician may have a
// reason to go on, and the log must stay true to what was given.
func TreatmentWarning(sessions []Session, next int) TreatmentLevel {
	used := MinutesUsed(sessions) + next
	switch {
	case used > ReceptionTreatmentLimit:
		return TreatmentOver
	case used >= TreatmentNearMinutes:
		return TreatmentNear
	}
	return TreatmentWithin
}

// Field codes of a session and of closing an episode.
const (
	FieldSessionDate    = "date"
	FieldSessionMinutes = "minutes"
	FieldSessionMode    = "mode"
	FieldEpisodeClosed  = "closed"
	FieldEpisodeOutcome = "outcome"
)

// ValidateSession checks a session before it is logged: a date not after
// today, 1 to MaxSessionMinutes minutes and a known mode.
func ValidateSession(s Session, today Date) []FieldError {
	var errs []FieldError
	switch {
	case s.Date.IsZero():
		errs = append(errs, FieldError{FieldSessionDate, reasonRequired})
	case s.Date.After(today):
		errs = append(errs, FieldError{FieldSessionDate, reasonFuture})
	}
	if s.Minutes < 1 || s.Minutes > MaxSessionMinutes {
		errs = append(errs, FieldError{FieldSessionMinutes, "must be 1 to " + strconv.Itoa(MaxSessionMinutes) + " minutes"})
	}
	if !s.Mode.Valid() {
		errs = append(errs, FieldError{FieldSessionMode, `must be "in_person", "video" or "etreatment"`})
	}
	return errs
}

// EpisodeOutcome is how a treatment episode in the reception ended.
type EpisodeOutcome string

const (
	// EpisodeCompleted: the treatment was finished in the reception and
	// the patient needs nothing more from it.
	EpisodeCompleted EpisodeOutcome = "completed"
	// EpisodeReferredOn: the patient needs more or other help than the
	// reception gives and was guided on to another service.
	EpisodeReferredOn EpisodeOutcome = "referred_on"
	// EpisodeDroppedOut: the patient stopped coming before the treatment
	// was finished.
	EpisodeDroppedOut EpisodeOutcome = "dropped_out"
)

// EpisodeOutcomes lists the outcomes in display order.
var EpisodeOutcomes = []EpisodeOutcome{EpisodeCompleted, EpisodeReferredOn, EpisodeDroppedOut}

// Valid reports whether o is a known outcome.
func (o EpisodeOutcome) Valid() bool {
	return o == EpisodeCompleted || o == EpisodeReferredOn || o == EpisodeDroppedOut
}

// ValidateEpisodeClose checks closing an episode on the given day with an
// outcome: the day is not after today nor before the last session, and a
// completed treatment has at least one session (the others may end before
// any session was given).
func ValidateEpisodeClose(sessions []Session, closed Date, outcome EpisodeOutcome, today Date) []FieldError {
	var errs []FieldError
	switch {
	case closed.IsZero():
		errs = append(errs, FieldError{FieldEpisodeClosed, reasonRequired})
	case closed.After(today):
		errs = append(errs, FieldError{FieldEpisodeClosed, reasonFuture})
	default:
		for _, s := range sessions {
			if s.Date.After(closed) {
				errs = append(errs, FieldError{FieldEpisodeClosed, "must not be before the last session"})
				break
			}
		}
	}
	switch {
	case outcome == "":
		errs = append(errs, FieldError{FieldEpisodeOutcome, reasonRequired})
	case !outcome.Valid():
		errs = append(errs, FieldError{FieldEpisodeOutcome, `must be "completed", "referred_on" or "dropped_out"`})
	case outcome == EpisodeCompleted && len(sessions) == 0:
		errs = append(errs, FieldError{FieldEpisodeOutcome, "completed needs at least one logged session"})
	}
	return errs
}

// TreatmentEpisode is a patient's treatment in the reception: the sessions
// so far and, once closed, the day and outcome.
type TreatmentEpisode struct {
	Sessions []Session
	Closed   Date
	Outcome  EpisodeOutcome
}

// OnWorklist reports whether a referral needs something done: it is open,
// or the patient was routed to treatment in the reception and that
// treatment is not closed yet.
func OnWorklist(r Referral, treatmentClosed bool) bool {
	return OnWorklistIn(r.State(), r.HasOutcome(ServiceReception), treatmentClosed)
}

// OnWorklistIn is OnWorklist from a referral's state and whether it was
// routed to the reception, for a store that decides it without reading
// the patient's record.
func OnWorklistIn(s State, toReception, treatmentClosed bool) bool {
	return s.Open() || (s == StateRouted && toReception && !treatmentClosed)
}
