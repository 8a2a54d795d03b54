package intake

// Channel is how a patient came to the reception.
type Channel string

const (
	// ChannelSelf is a self-booking: the patient booked a time without a referral.
	ChannelSelf Channel = "self"
	// ChannelGP is a referral from the patient's GP (fastlege).
	ChannelGP Channel = "gp"
)

// Channels lists every channel in display order.
var Channels = []Channel{ChannelSelf, ChannelGP}

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool { return c == ChannelSelf || c == ChannelGP }

// Addressee is the service a GP addressed the referral to. The common intake
// takes them all; where it was addressed is what the "wrong queue" statistics
// compare the outcome with.
type Addressee string

const (
	// AddressedNone is used for self-bookings, which are addressed to no one.
	AddressedNone       Addressee = "none"
	AddressedDPS        Addressee = "dps"
	AddressedMunicipal  Addressee = "municipal"
	AddressedSpecialist Addressee = "specialist"
)

// Addressees lists the addressees a GP referral can have, in display order.
var Addressees = []Addressee{AddressedDPS, AddressedMunicipal, AddressedSpecialist}

// Valid reports whether a is a known addressee (including none).
func (a Addressee) Valid() bool {
	switch a {
	case AddressedNone, AddressedDPS, AddressedMunicipal, AddressedSpecialist:
		return true
	}
	return false
}

// Specialist reports whether a referral so addressed is a referral to
// specialist health care, which must be assessed within 10 working days
// (pasient- og brukerrettighetsloven § 2-2).
func (a Addressee) Specialist() bool {
	return a == AddressedDPS || a == AddressedSpecialist
}

// Attendance records whether the patient came to the first conversation.
type Attendance string

const (
	AttendanceUnknown Attendance = ""
	AttendanceYes     Attendance = "yes"
	AttendanceNo      Attendance = "no"
)

// Referral is one way in: a GP referral or a self-booking, with what has
// happened to it so far. Dates that have not happened are zero.
type Referral struct {
	Ref               string     // the reception's own reference, unique
	Received          Date       // day the referral or booking came in
	Channel           Channel    // self or gp
	AddressedTo       Addressee  // none for self-bookings
	NationalID        string     // 11 digits, or "" when unknown
	Name              string     // patient's name, may be ""
	BirthDate         Date       // needed when there is no Norwegian id
	GP                string     // the patient's GP, free text
	Clinician         string     // roster username of the assigned clinician, or ""
	FirstConversation Date       // day of the first conversation, scheduled or held
	Attended          Attendance // whether the patient came
	Assessed          Date       // day the first-conversation assessment was completed
	Routed            Date       // day the outcome was decided
	Outcomes          []string   // service codes the patient was routed to
	Withdrawn         Date       // day the referral was withdrawn
	// Voided is the day a supervisor voided the registration (a duplicate
	// or a mistake): it was never a patient referral of its own, and the
	// reports leave it out. MergedInto is the ref of the referral it was a
	// duplicate of, when it was merged rather than voided alone.
	Voided     Date
	MergedInto string
	// GPHerID is the HER-id of the GP's office, the address of the
	// transfer e-message to the GP; "" when not known.
	GPHerID string
}

// HasOutcome reports whether the referral was routed to the given service code.
func (r Referral) HasOutcome(code string) bool {
	for _, o := range r.Outcomes {
		if o == code {
			return true
		}
	}
	return false
}

// AssessmentDeadline is the last day by which a referral to specialist health
// care must be assessed: the 10th working day after receipt. Referrals to the
// municipality and self-bookings have none (the zero Date).
func (r Referral) AssessmentDeadline(cal Calendar) Date {
	if r.Channel != ChannelGP || !r.AddressedTo.Specialist() || r.Received.IsZero() {
		return Date{}
	}
	return cal.AddWorkingDays(r.Received, AssessmentWorkingDays)
}

// AssessmentWorkingDays is the legal time limit for assessing a referral to
// specialist health care.
const AssessmentWorkingDays = 10
