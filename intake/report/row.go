package report

import (
	"fmt"

	"envei/intake"
)

// Row is one referral as the reports see it: when it came in, where it was
// addressed, how far it got and where it went. It carries no name,
// national id or ref, so nothing a report prints can point to a person
// except through a small count (see suppress.go).
type Row struct {
	Received          intake.Date
	Channel           intake.Channel
	AddressedTo       intake.Addressee
	Assigned          bool       // a clinician is recorded
	ClinicianOrg      intake.Org // that clinician's home organisation; "" when none is recorded
	FirstConversation intake.Date
	Attended          intake.Attendance
	Routed            intake.Date
	Withdrawn         intake.Date
	Deadline          intake.Date  // the assessment deadline; zero when there is none
	RightsDecided     intake.Date  // the day of the recorded rights decision; zero when none is recorded
	State             intake.State // as the store derived it
	// Outcomes are service codes. A builder reads them during Add only, so
	// a caller may reuse the slice for the next row.
	Outcomes []string
	// Consultations counts the referral's consultations with the senior
	// psychiatrist and the GP's office.
	Consultations intake.ConsultationCounts
}

// RowOf returns the report row of a referral, given the home organisation
// of its clinician and its assessment deadline (what the store adds). The
// rights decision lives in the assessment; set RightsDecided from it when
// there is one.
func RowOf(r intake.Referral, org intake.Org, deadline intake.Date) Row {
	return Row{
		Received:          r.Received,
		Channel:           r.Channel,
		AddressedTo:       r.AddressedTo,
		Assigned:          r.Clinician != "",
		ClinicianOrg:      org,
		FirstConversation: r.FirstConversation,
		Attended:          r.Attended,
		Routed:            r.Routed,
		Withdrawn:         r.Withdrawn,
		Deadline:          deadline,
		State:             r.State(),
		Outcomes:          r.Outcomes,
	}
}

// AssessmentDate is the day the rights assessment of a referral counts as
// made, or zero: the recorded rights decision (the first-conversation
// assessment records it); for a referral without one — imported, or from
// before the assessment template — the day of a first conversation the
// patient attended, since that is where the assessment is made
// (DOMAIN.md). Every report takes the date from here.
func AssessmentDate(r Row) intake.Date {
	if !r.RightsDecided.IsZero() {
		return r.RightsDecided
	}
	if r.Attended == intake.AttendanceYes {
		return r.FirstConversation
	}
	return intake.Date{}
}

// Group is who a column of the routing table is about: where the GP
// addressed the referral, or self-bookings.
type Group string

const (
	GroupDPS        Group = "dps"
	GroupMunicipal  Group = "municipal"
	GroupSpecialist Group = "specialist"
	GroupSelf       Group = "self"
	GroupTotal      Group = "total"
)

// Groups lists the groups in report order, without the total.
var Groups = []Group{GroupDPS, GroupMunicipal, GroupSpecialist, GroupSelf}

const nGroups = 4

// Label is how the reports name the group.
func (g Group) Label() string {
	switch g {
	case GroupDPS:
		return "addressed to DPS"
	case GroupMunicipal:
		return "addressed to municipality"
	case GroupSpecialist:
		return "addressed to specialist"
	case GroupSelf:
		return "self-booked"
	}
	return "total"
}

// groupOf returns the index in Groups of the row's group.
func groupOf(channel intake.Channel, addressed intake.Addressee) (int, error) {
	if channel == intake.ChannelSelf {
		return 3, nil
	}
	switch addressed {
	case intake.AddressedDPS:
		return 0, nil
	case intake.AddressedMunicipal:
		return 1, nil
	case intake.AddressedSpecialist:
		return 2, nil
	}
	return 0, fmt.Errorf("report: a GP referral addressed to %q", addressed)
}

// open reports whether the referral is neither routed nor withdrawn.
func (r Row) open() bool { return r.State != intake.StateRouted && r.State != intake.StateWithdrawn }

// catalogue maps service codes to their place in the report order.
type catalogue struct {
	services []intake.Service
	index    map[string]int
}

func newCatalogue(services []intake.Service) (catalogue, error) {
	if len(services) == 0 {
		return catalogue{}, fmt.Errorf("report: no service catalogue")
	}
	c := catalogue{services: services, index: make(map[string]int, len(services))}
	for i, s := range services {
		c.index[s.Code] = i
	}
	return c, nil
}

// lookup returns the catalogue index of code. The store reads the
// catalogue and the referrals separately; a service added in between
// is an error to retry, not a row to guess.
func (c catalogue) lookup(code string) (int, error) {
	i, ok := c.index[code]
	if !ok {
		return 0, fmt.Errorf("report: outcome %q is not in the service catalogue (was it just added? run the report again)", code)
	}
	return i, nil
}

// categoryIndex returns the index of a service category in
// intake.Categories.
func categoryIndex(c intake.Category) int {
	for i, k := range intake.Categories {
		if k == c {
			return i
		}
	}
	return len(intake.Categories) - 1 // unknown categories count as closed
}
