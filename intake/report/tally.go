package report

import (
	"math"

	"envei/intake"
)

// Tally is what the reports count of a referral: the few facts every
// builder reads, with the dates reduced to calendar days from received.
// Referrals with equal tallies count alike, so a store can group a million
// referrals into a few thousand tallies in SQL and hand those over with
// their number (N) instead of the rows. Add turns a row into a tally, so
// both ways share one definition of every count.
type Tally struct {
	N            int         // referrals in the group
	Period       intake.Date // a day of the funnel period they were received in; zero when the group spans periods
	Channel      intake.Channel
	AddressedTo  intake.Addressee
	Assigned     bool
	ClinicianOrg intake.Org
	Attended     intake.Attendance
	State        intake.State
	Outcomes     []string // service codes; a builder reads them during AddTally only
	// Days from received to the first conversation, the routing decision
	// and the withdrawal; NoDays when that date is not recorded.
	DaysToFirst, DaysToRouted, DaysToWithdrawn int
	// Deadline sorts the assessment deadline as deadlineStatus does, but
	// without the day of the report: DeadlineNone, or a deadline* status
	// where deadlineAhead means "open and not yet assessed", which is
	// ahead or not held depending on OpenDeadline and the report's day.
	Deadline     int
	OpenDeadline intake.Date
	// Consultations are the consultations of each referral of the tally
	// with the senior psychiatrist and the GP's office.
	Consultations intake.ConsultationCounts
	// Part says what of a referral a funnel tally carries: all of it, or
	// one of two halves a store may group separately to keep the groups
	// few (grouping the days to the first conversation together with the
	// days to the decision makes almost a group per referral).
	Part TallyPart
}

// TallyPart is what a tally carries.
type TallyPart int

const (
	// TallyWhole carries everything.
	TallyWhole TallyPart = iota
	// TallyCounts counts the referrals received, attended and at each
	// closing stage, with the days to routing and withdrawal; the
	// assigned and scheduled stages and the days to the first
	// conversation are left to a TallyFirst.
	TallyCounts
	// TallyFirst counts the referrals assigned (Assigned, or a first
	// conversation booked) and scheduled (DaysToFirst set), and adds the
	// days to the first conversation to the scheduled and attended
	// stages' medians (Attended); it counts no referral received.
	TallyFirst
	// TallyConsultations carries the channel, where the referral was
	// addressed and the consultations only: a store counts those apart
	// from the grouping of the rest (few referrals have any). It counts
	// no referral; the funnel ignores it.
	TallyConsultations
)

// NoDays marks a date that is not recorded. A histogram takes it as 0, as
// it takes any negative count of days.
const NoDays = math.MinInt32

// DeadlineNone marks a tally without an assessment deadline.
const DeadlineNone = -1

// TallyOf returns the tally of one row (N = 1).
func TallyOf(r Row) Tally {
	days := func(d intake.Date) int {
		if d.IsZero() {
			return NoDays
		}
		return r.Received.DaysUntil(d)
	}
	t := Tally{
		N: 1, Period: r.Received, Channel: r.Channel, AddressedTo: r.AddressedTo, Assigned: r.Assigned,
		ClinicianOrg: r.ClinicianOrg, Attended: r.Attended, State: r.State, Outcomes: r.Outcomes,
		DaysToFirst: days(r.FirstConversation), DaysToRouted: days(r.Routed), DaysToWithdrawn: days(r.Withdrawn),
		Deadline: DeadlineNone, Consultations: r.Consultations,
	}
	if !r.Deadline.IsZero() {
		t.Deadline = deadlineClass(r)
		if t.Deadline == deadlineAhead {
			t.OpenDeadline = r.Deadline
		}
	}
	return t
}

// span widens [first, last] to take in [f, l].
func span(first, last *intake.Date, f, l intake.Date) {
	if f.IsZero() {
		return
	}
	if first.IsZero() || f.Before(*first) {
		*first = f
	}
	if last.IsZero() || l.After(*last) {
		*last = l
	}
}

// deadlineStatus resolves the class with the report's day.
func (t Tally) deadlineStatus(today intake.Date) int {
	if t.Deadline == deadlineAhead && today.After(t.OpenDeadline) {
		return deadlineNotHeld
	}
	return t.Deadline
}

func (t Tally) decided() bool { return t.State == intake.StateRouted }

func (t Tally) didNotAttend() bool {
	return t.decided() && len(t.Outcomes) == 1 && t.Outcomes[0] == intake.ServiceDidNotAttend
}
