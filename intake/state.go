package intake

// State is where a referral stands. The order of the constants is the order
// of the flow: registered → assigned → scheduled → attended or did not attend
// → assessed → routed; withdrawn ends it at any point.
type State string

const (
	StateRegistered   State = "registered"
	StateAssigned     State = "assigned"
	StateScheduled    State = "scheduled"
	StateAttended     State = "attended"
	StateDidNotAttend State = "did_not_attend"
	StateAssessed     State = "assessed"
	StateRouted       State = "routed"
	StateWithdrawn    State = "withdrawn"
	// StateVoided: a registration voided or merged as a duplicate; not a
	// referral of its own, left out of every report.
	StateVoided State = "voided"
)

// States lists every state in flow order.
var States = []State{
	StateRegistered, StateAssigned, StateScheduled, StateAttended,
	StateDidNotAttend, StateAssessed, StateRouted, StateWithdrawn, StateVoided,
}

// Valid reports whether s is a known state.
func (s State) Valid() bool {
	for _, k := range States {
		if s == k {
			return true
		}
	}
	return false
}

// Open reports whether the referral still needs something done.
func (s State) Open() bool { return s != StateRouted && s != StateWithdrawn && s != StateVoided }

// NextStep names what should happen next to a referral in state s.
type NextStep string

const (
	StepAssign        NextStep = "assign"
	StepSchedule      NextStep = "schedule"
	StepRecordVisit   NextStep = "record_attendance"
	StepAssess        NextStep = "assess"
	StepRebookOrClose NextStep = "rebook_or_close"
	StepRoute         NextStep = "route"
	StepNone          NextStep = ""
)

// Next returns the next step for a referral in state s.
func (s State) Next() NextStep {
	switch s {
	case StateRegistered:
		return StepAssign
	case StateAssigned:
		return StepSchedule
	case StateScheduled:
		return StepRecordVisit
	case StateAttended:
		return StepAssess
	case StateDidNotAttend:
		return StepRebookOrClose
	case StateAssessed:
		return StepRoute
	}
	return StepNone
}

// State derives where the referral stands from what has happened to it. An
// imported row lands in the state its columns imply. A patient who did not
// attend stays open (to be rebooked or closed) until an outcome is decided.
func (r Referral) State() State {
	switch {
	case !r.Voided.IsZero():
		return StateVoided
	case !r.Withdrawn.IsZero():
		return StateWithdrawn
	case !r.Routed.IsZero():
		return StateRouted
	case r.Attended == AttendanceYes && !r.Assessed.IsZero():
		return StateAssessed
	case r.Attended == AttendanceYes:
		return StateAttended
	case r.Attended == AttendanceNo:
		return StateDidNotAttend
	case !r.FirstConversation.IsZero():
		return StateScheduled
	case r.Clinician != "":
		return StateAssigned
	}
	return StateRegistered
}
