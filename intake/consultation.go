package intake

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// The model has a senior DPS psychiatrist (overlege) "on top", available to
// the reception's clinicians for discussion and medication reviews, and the
// reception phones the GP's office when the GP must be involved quickly
// (DOMAIN.md; seeds/003). A Consultation records either on a referral.

// ConsultationKind is who the reception consulted.
type ConsultationKind string

const (
	// ConsultSenior: a discussion with the senior DPS psychiatrist.
	ConsultSenior ConsultationKind = "senior"
	// ConsultGP: a phone consultation with the patient's GP's office.
	ConsultGP ConsultationKind = "gp"
)

// ConsultationKinds lists the kinds in display order.
var ConsultationKinds = []ConsultationKind{ConsultSenior, ConsultGP}

// Valid reports whether k is a known kind.
func (k ConsultationKind) Valid() bool { return k == ConsultSenior || k == ConsultGP }

// Consultation is one consultation recorded on a referral: when it was held
// (the day and time in Norway), and for the senior psychiatrist the
// question, the advice and whether the medication was reviewed; for the
// GP's office who the reception spoke to and what came of it. RecordedBy
// and RecordedAt are set by the store.
type Consultation struct {
	Kind  ConsultationKind
	Date  Date
	Clock string // HH:MM, Oslo time

	// The senior psychiatrist.
	Question           string
	Advice             string
	MedicationReviewed bool

	// The GP's office.
	Contact string // who at the office: "the GP", "the office nurse"
	Outcome string

	RecordedBy string // username
	RecordedAt string // UTC timestamp, RFC 3339
}

// Limits of a consultation's text. The question, the advice and the outcome
// are short clinical notes; the contact is a few words.
const (
	MaxConsultTextLen    = MaxNoteLen
	MaxConsultContactLen = 100
)

// Field codes of a consultation, as the console and the command line name
// them in errors.
const (
	FieldConsultKind       = "kind"
	FieldConsultDate       = "date"
	FieldConsultClock      = "time"
	FieldConsultQuestion   = "question"
	FieldConsultAdvice     = "advice"
	FieldConsultContact    = "contact"
	FieldConsultOutcome    = "outcome"
	FieldConsultMedication = "medication_reviewed"
)

// Normalized returns c with its text tidied as it is stored: surrounding
// spaces trimmed, Windows line ends made \n, and the clock in HH:MM when it
// parses. Fields of the other kind are emptied, so a record never carries
// text its kind does not show.
func (c Consultation) Normalized() Consultation {
	tidy := func(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }
	c.Clock = strings.TrimSpace(c.Clock)
	if clock, err := ParseClock(c.Clock); err == nil {
		c.Clock = clock
	}
	c.Question, c.Advice = tidy(c.Question), tidy(c.Advice)
	c.Contact, c.Outcome = strings.TrimSpace(c.Contact), tidy(c.Outcome)
	switch c.Kind {
	case ConsultSenior:
		c.Contact, c.Outcome = "", ""
	case ConsultGP:
		c.Question, c.Advice, c.MedicationReviewed = "", "", false
	}
	return c
}

// ValidateConsultation checks a normalized consultation before it is
// stored: a known kind; a day not before the referral was received and
// not in the future (on today, a time not after now, given as HH:MM); and
// the text of its kind, required and clean.
func ValidateConsultation(c Consultation, received, today Date, now string) []FieldError {
	var errs []FieldError
	if !c.Kind.Valid() {
		errs = append(errs, FieldError{FieldConsultKind, `must be "senior" or "gp"`})
	}
	switch {
	case c.Date.IsZero():
		errs = append(errs, FieldError{FieldConsultDate, reasonRequired})
	case c.Date.After(today):
		errs = append(errs, FieldError{FieldConsultDate, reasonFuture})
	case !received.IsZero() && c.Date.Before(received):
		errs = append(errs, FieldError{FieldConsultDate, "must not be before the referral was received"})
	}
	switch clock, err := ParseClock(c.Clock); {
	case c.Clock == "":
		errs = append(errs, FieldError{FieldConsultClock, reasonRequired})
	case err != nil:
		errs = append(errs, FieldError{FieldConsultClock, "must be a time of day HH:MM"})
	case c.Date.Equal(today) && now != "" && clock > now:
		// HH:MM strings compare as times of day.
		errs = append(errs, FieldError{FieldConsultClock, "must not be later than now"})
	}
	need := func(code, value string, multiLine bool, limit int) {
		switch p := ConsultTextProblem(value, multiLine, limit); {
		case strings.TrimSpace(value) == "":
			errs = append(errs, FieldError{code, reasonRequired})
		case p != "":
			errs = append(errs, FieldError{code, p})
		}
	}
	switch c.Kind {
	case ConsultSenior:
		need(FieldConsultQuestion, c.Question, true, MaxConsultTextLen)
		need(FieldConsultAdvice, c.Advice, true, MaxConsultTextLen)
	case ConsultGP:
		need(FieldConsultContact, c.Contact, false, MaxConsultContactLen)
		need(FieldConsultOutcome, c.Outcome, true, MaxConsultTextLen)
	}
	return errs
}

// ConsultTextProblem checks free text: valid UTF-8, within limit
// characters, and no control character (isControl: also the bidi
// overrides) but the line break in multi-line text. Tabs are refused too:
// the notes lay text out in columns, and a tab would break them. The
// console checks each field with it as it is typed.
func ConsultTextProblem(s string, multiLine bool, limit int) string {
	switch {
	case !utf8.ValidString(s):
		return "must be UTF-8 text"
	case utf8.RuneCountInString(s) > limit:
		return "must be at most " + strconv.Itoa(limit) + " characters"
	case multiLine && strings.ContainsFunc(s, func(r rune) bool { return r != '\n' && isControl(r) }):
		return "must not contain control characters other than line breaks"
	case !multiLine && strings.ContainsFunc(s, isControl):
		return "must not contain control characters or line breaks"
	}
	return ""
}

// ConsultationCounts are how many consultations of each kind a referral
// has, as the reports count them.
type ConsultationCounts struct {
	Senior, GP int
}

// EventKind is the trail's name for recording a consultation of kind k.
func (k ConsultationKind) EventKind() string { return "consultation_" + string(k) }

// consultEventMedication marks the event of a consultation in which the
// medication was reviewed.
const consultEventMedication = "; medication reviewed"

// EventDetail is the trail's detail of a recorded consultation: when it
// was held ("YYYY-MM-DD HH:MM"), and whether the medication was reviewed.
// Never the text, which is the patient's.
func (c Consultation) EventDetail() string {
	d := c.Date.String() + " " + c.Clock
	if c.MedicationReviewed {
		d += consultEventMedication
	}
	return d
}

// ParseConsultationEvent reads an event's detail back (EventDetail), for a
// screen to word it in its language; ok is false for any other event.
func ParseConsultationEvent(e Event) (day, clock string, medication, ok bool) {
	if e.Kind != ConsultSenior.EventKind() && e.Kind != ConsultGP.EventKind() {
		return "", "", false, false
	}
	when, medication := strings.CutSuffix(e.Detail, consultEventMedication)
	day, clock, ok = strings.Cut(when, " ")
	return day, clock, medication, ok
}
