package intake

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// Mode is how the first conversation is held. Video is offered where the
// patient would travel far.
type Mode string

const (
	ModeInPerson Mode = "in_person"
	ModeVideo    Mode = "video"
	ModePhone    Mode = "phone"
)

// Modes lists the modes in display order.
var Modes = []Mode{ModeInPerson, ModeVideo, ModePhone}

// Valid reports whether m is a known mode.
func (m Mode) Valid() bool { return m == ModeInPerson || m == ModeVideo || m == ModePhone }

// Details are what the console records about a referral beyond the CSV
// interchange format: contact and registration details, the booked time of
// the first conversation, and the routing justification.
type Details struct {
	Phone            string
	Municipality     string // the patient's home municipality
	GPPractice       string
	Reason           string // the reason for contact, in a sentence
	Urgent           bool   // suspected serious illness
	RegisteredBy     string // username
	ConversationTime string // HH:MM in Oslo time, "" when not booked
	ConversationMode Mode   // "" when not booked
	RouteNote        string // why the patient was routed where they were
	GPToInform       bool   // the GP is still to be told the outcome
}

// Due is when a referral should have been assessed: the 10th working day
// after receipt. For referrals to specialist health care it is the legal
// deadline (AssessmentDeadline); for the others the reception holds itself
// to the same target, and the worklist orders everything by it.
func (r Referral) Due(cal Calendar) Date {
	if r.Received.IsZero() {
		return Date{}
	}
	return cal.AddWorkingDays(r.Received, AssessmentWorkingDays)
}

// ErrBadClock is returned by ParseClock for anything but a time HH:MM.
var ErrBadClock = errors.New("not a time of day in the form HH:MM")

// ParseClock checks a time of day written HH:MM (24-hour) and returns it
// in that form; "9:05" becomes "09:05".
func ParseClock(s string) (string, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 {
		return "", ErrBadClock
	}
	hh, mm := atoi2(h), atoi2(m)
	if hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return "", ErrBadClock
	}
	return string([]byte{byte('0' + hh/10), byte('0' + hh%10), ':', byte('0' + mm/10), byte('0' + mm%10)}), nil
}

// atoi2 parses one or two ASCII digits, or returns -1.
func atoi2(s string) int {
	n := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// MaxPhoneLen bounds a phone number with its country code and spaces.
const MaxPhoneLen = 20

// ValidateDetails checks the console's free-text and contact fields. The
// columns named are the form's fields.
func ValidateDetails(d Details) []FieldError {
	var out []FieldError
	if d.Phone != "" && !validPhone(d.Phone) {
		out = append(out, FieldError{"phone", "must be digits, spaces and an optional leading +, at most 20 characters"})
	}
	for _, f := range []struct{ column, value string }{
		{"municipality", d.Municipality}, {"gp_practice", d.GPPractice}, {"reason", d.Reason}, {"route_note", d.RouteNote},
	} {
		if p := textProblem(f.value); p != "" {
			out = append(out, FieldError{f.column, p})
		}
	}
	if d.ConversationMode != "" && !d.ConversationMode.Valid() {
		out = append(out, FieldError{"conversation_mode", "must be in_person, video or phone"})
	}
	if d.ConversationTime != "" {
		if _, err := ParseClock(d.ConversationTime); err != nil {
			out = append(out, FieldError{"conversation_time", err.Error()})
		}
	}
	return out
}

func validPhone(s string) bool {
	if utf8.RuneCountInString(s) > MaxPhoneLen {
		return false
	}
	digits := 0
	for i, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == ' ':
		case c == '+' && i == 0:
		default:
			return false
		}
	}
	return digits >= 3
}
