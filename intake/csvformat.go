package intake

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The CSV interchange format is a public interface: the same columns are
// written by the export and read by the import, so a pilot's spreadsheet log
// can be loaded and a reception's data moved to another database.

// Column names of the interchange format.
const (
	ColRef               = "ref"
	ColReceived          = "received"
	ColChannel           = "channel"
	ColAddressedTo       = "addressed_to"
	ColNationalID        = "national_id"
	ColName              = "name"
	ColBirthDate         = "birth_date"
	ColGP                = "gp"
	ColClinician         = "clinician"
	ColFirstConversation = "first_conversation"
	ColAttended          = "attended"
	ColAssessed          = "assessed"
	ColRouted            = "routed"
	ColOutcomes          = "outcomes"
	ColWithdrawn         = "withdrawn"
	ColGPHerID           = "gp_her_id"

	ColState              = "state"
	ColClinicianOrg       = "clinician_org"
	ColAssessmentDeadline = "assessment_deadline"
)

// ImportColumns are the columns the import reads, in the order the export
// writes them. They are the fields of Referral.
var ImportColumns = []string{
	ColRef, ColReceived, ColChannel, ColAddressedTo, ColNationalID, ColName,
	ColBirthDate, ColGP, ColClinician, ColFirstConversation, ColAttended,
	ColAssessed, ColRouted, ColOutcomes, ColWithdrawn, ColGPHerID,
}

// ComputedColumns are written by the export after ImportColumns. The import
// accepts and ignores them, so that an export can be loaded unchanged; they
// are derived from the other columns and the database, never trusted.
var ComputedColumns = []string{ColState, ColClinicianOrg, ColAssessmentDeadline}

// RequiredColumns must be present in an imported file's header. The other
// import columns may be left out, for example by a pilot log that never
// recorded national ids.
var RequiredColumns = []string{ColRef, ColReceived, ColChannel}

// OutcomeSeparator joins the service codes of a referral routed to more than
// one service. Service codes never contain it (ValidServiceCode).
const OutcomeSeparator = "+"

// Limits of the free-text fields and of the reference.
const (
	MaxTextLen = 200 // characters (not bytes) in name and gp
	MaxRefLen  = 32
)

// FieldError is one problem with one field. Reason says what was expected
// and never quotes the value: a name or a national id can end up in any
// column when a spreadsheet's columns shift, and error texts end up in logs
// and on screens.
type FieldError struct {
	Column string // a column name from ImportColumns
	Reason string
}

// Error returns "column X: reason".
func (e FieldError) Error() string { return "column " + e.Column + ": " + e.Reason }

// RowError is one problem in an imported file, at the line where the record
// starts. Column is "" when the problem is with the record as a whole (bad
// quoting, wrong number of fields). Like FieldError it never quotes a value.
type RowError struct {
	Line   int
	Column string
	Reason string
}

// Error returns "line 14, column national_id: must be 11 digits", or
// "line 14: reason" when no column is named.
func (e RowError) Error() string {
	s := "line " + strconv.Itoa(e.Line)
	if e.Column != "" {
		s += ", column " + e.Column
	}
	return s + ": " + e.Reason
}

// RowErrors are all the problems found in one record (or in the header).
type RowErrors []RowError

// Error returns the errors one per line.
func (es RowErrors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// ImportRules are what a referral is checked against beyond its own fields.
type ImportRules struct {
	// Today is the reception's current date: nothing that has happened can
	// be dated after it.
	Today Date
	// AllowSynthetic accepts Test-Norge synthetic national ids; set only for
	// a test database.
	AllowSynthetic bool
	// Services are the known service codes, retired ones included, because
	// an old referral may have been routed to a service that is now retired.
	Services map[string]bool
	// Clinicians are the known roster usernames.
	Clinicians map[string]bool
}

// ValidRef reports whether s is a well-formed reference: 1 to 32 of
// A–Z, a–z, 0–9, "-", "_" and "/".
func ValidRef(s string) bool {
	if len(s) == 0 || len(s) > MaxRefLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9',
			c == '-', c == '_', c == '/':
		default:
			return false
		}
	}
	return true
}

// Reasons shared by the decoder and ValidateReferral. They describe what is
// expected, never what was found.
const (
	reasonRequired   = "required"
	reasonDate       = "must be a date in the form YYYY-MM-DD"
	reasonFuture     = "must not be after today"
	reasonRef        = "must be 1 to 32 characters of A-Z, a-z, 0-9, \"-\", \"_\" and \"/\""
	reasonChannel    = `must be "self" or "gp"`
	reasonAddressee  = `must be "dps", "municipal" or "specialist" (empty or "none" for channel self)`
	reasonAttended   = `must be "yes", "no" or empty`
	reasonOutcomeSep = `must be service codes joined by "+"`
)

// nationalIDErrors are the sentinel errors of ParseNationalID whose texts are
// safe to show: they are fixed and never quote the input.
var nationalIDErrors = []error{ErrIDLength, ErrIDNotDigits, ErrIDControl, ErrIDBirthDate, ErrIDSynthetic}

// nationalIDReason turns an error from ParseNationalID into a reason. An
// error that is not one of the known sentinels gets a generic text, so a
// future error that quotes its input cannot leak through here.
func nationalIDReason(err error) string {
	for _, s := range nationalIDErrors {
		if errors.Is(err, s) {
			return s.Error()
		}
	}
	return "is not a valid national identity number"
}

// ValidateReferral checks a referral's fields and the rules between them,
// and returns every problem found (nil when there is none). It does not
// depend on CSV, so the console uses it for its forms; the decoder first
// parses each column and then calls it. Uniqueness of Ref is not checked:
// that needs the other referrals.
//
// Dates that have not happened are zero. A self-booking must have
// AddressedTo set to AddressedNone (the decoder maps an empty column to it).
func ValidateReferral(r Referral, rules ImportRules) []FieldError {
	var errs []FieldError
	add := func(col, reason string) { errs = append(errs, FieldError{col, reason}) }
	today := rules.Today
	future := func(d Date) bool { return !d.IsZero() && d.After(today) }

	if !ValidRef(r.Ref) {
		if r.Ref == "" {
			add(ColRef, reasonRequired)
		} else {
			add(ColRef, reasonRef)
		}
	}

	switch {
	case r.Received.IsZero():
		add(ColReceived, reasonRequired)
	case future(r.Received):
		add(ColReceived, reasonFuture)
	}

	switch r.Channel {
	case ChannelGP:
		switch r.AddressedTo {
		case AddressedDPS, AddressedMunicipal, AddressedSpecialist:
		default:
			add(ColAddressedTo, `required for channel gp: must be "dps", "municipal" or "specialist"`)
		}
	case ChannelSelf:
		if r.AddressedTo != AddressedNone {
			add(ColAddressedTo, `must be empty or "none" for channel self`)
		}
	case "":
		add(ColChannel, reasonRequired)
	default:
		add(ColChannel, reasonChannel)
	}

	var nid NationalID
	if r.NationalID != "" {
		var err error
		nid, err = ParseNationalID(r.NationalID, rules.AllowSynthetic)
		switch {
		case err != nil:
			add(ColNationalID, nationalIDReason(err))
		case nid.Digits != r.NationalID:
			// ParseNationalID tolerates spaces; the stored form must not
			// have them, or the same person would have two spellings.
			add(ColNationalID, "must be 11 digits without spaces")
		}
	}

	if reason := textProblem(r.Name); reason != "" {
		add(ColName, reason)
	}
	if reason := textProblem(r.GP); reason != "" {
		add(ColGP, reason)
	}
	if r.GPHerID != "" {
		if her, err := NormaliseHerID(r.GPHerID); err != nil || her != r.GPHerID {
			add(ColGPHerID, "must be a positive whole number (digits only, no leading zeros, at most 9)")
		}
	}

	switch {
	case future(r.BirthDate):
		add(ColBirthDate, reasonFuture)
	case !r.BirthDate.IsZero() && !nid.BirthDate.IsZero() && !r.BirthDate.Equal(nid.BirthDate):
		add(ColBirthDate, "does not match the birth date in national_id")
	}

	if r.Clinician != "" && !rules.Clinicians[r.Clinician] {
		add(ColClinician, "must be the username of someone on the roster")
	}

	if !r.FirstConversation.IsZero() && !r.Received.IsZero() && r.FirstConversation.Before(r.Received) {
		add(ColFirstConversation, "must not be before received")
	}

	switch r.Attended {
	case AttendanceUnknown:
	case AttendanceYes, AttendanceNo:
		switch {
		case r.FirstConversation.IsZero():
			add(ColAttended, "needs first_conversation")
		case future(r.FirstConversation):
			add(ColAttended, "must be empty while first_conversation is after today")
		}
	default:
		add(ColAttended, reasonAttended)
	}

	if !r.Assessed.IsZero() {
		switch {
		case r.Attended != AttendanceYes:
			add(ColAssessed, "needs attended yes: only a patient who came is assessed")
		case future(r.Assessed):
			add(ColAssessed, reasonFuture)
		case r.Assessed.Before(r.FirstConversation):
			add(ColAssessed, "must not be before first_conversation")
		}
	}

	if !r.Routed.IsZero() {
		switch {
		case !r.Assessed.IsZero() && r.Routed.Before(r.Assessed):
			add(ColRouted, "must not be before assessed")
		case future(r.Routed):
			add(ColRouted, reasonFuture)
		case !r.FirstConversation.IsZero() && r.Routed.Before(r.FirstConversation):
			add(ColRouted, "must not be before first_conversation")
		}
		if len(r.Outcomes) == 0 {
			add(ColRouted, "needs outcomes")
		}
	}
	if len(r.Outcomes) > 0 {
		if reason := outcomesProblem(r, rules); reason != "" {
			add(ColOutcomes, reason)
		}
	}

	if !r.Withdrawn.IsZero() {
		switch {
		case future(r.Withdrawn):
			add(ColWithdrawn, reasonFuture)
		case !r.Received.IsZero() && r.Withdrawn.Before(r.Received):
			add(ColWithdrawn, "must not be before received")
		case !r.Routed.IsZero():
			add(ColWithdrawn, "must be empty when routed is given")
		}
	}
	return errs
}

// outcomesProblem checks a non-empty outcome list and returns the first
// problem, or "". One reason per column keeps the report short; the next
// problem shows once the first is fixed.
func outcomesProblem(r Referral, rules ImportRules) string {
	if r.Routed.IsZero() {
		return "needs routed"
	}
	for i, code := range r.Outcomes {
		// Membership alone suffices: the catalogue only holds well-formed
		// codes (ValidServiceCode), so a code with "+" in it is never found.
		if !rules.Services[code] {
			return "must be codes from the service catalogue joined by \"+\""
		}
		for _, prev := range r.Outcomes[:i] {
			if prev == code {
				return "must not name a service twice"
			}
		}
	}
	dna := r.HasOutcome(ServiceDidNotAttend)
	switch {
	case r.Attended != AttendanceUnknown && r.Attended != AttendanceYes && r.Attended != AttendanceNo:
		// Reported under attended; the outcomes cannot be judged against it.
		return ""
	case dna && len(r.Outcomes) > 1:
		return `"did_not_attend" must be alone`
	case dna && r.Attended != AttendanceNo:
		return `"did_not_attend" needs attended "no"`
	case dna:
		return ""
	case r.Attended == AttendanceNo:
		return `must be "did_not_attend" when attended is "no"`
	case r.Attended != AttendanceYes:
		return `needs attended "yes"`
	case r.HasOutcome(ServiceNoNeed) && len(r.Outcomes) > 1:
		return `"no_need" must be alone`
	}
	return ""
}

// textProblem checks a free-text field (name, gp) and returns the problem,
// or "".
func textProblem(s string) string {
	switch {
	case s == "":
		return ""
	case !utf8.ValidString(s):
		return "must be UTF-8 text"
	case utf8.RuneCountInString(s) > MaxTextLen:
		return "must be at most " + strconv.Itoa(MaxTextLen) + " characters"
	case strings.TrimSpace(s) != s:
		// The decoder trims fields, so surrounding spaces would not survive
		// an export and import.
		return "must not start or end with spaces"
	case HasControl(s):
		return ReasonControl
	case strings.ContainsAny(s[:1], "=+-@"):
		// A spreadsheet opening the export would run such a cell as a
		// formula (CSV injection); no name or GP starts like that.
		return `must not start with "=", "+", "-" or "@"`
	}
	return ""
}
