package intake

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// Access to a patient's identifiable data follows the work need (Normen):
// the clinician the patient is assigned to reads freely, and so does the
// one registering a referral until a clinician is drawn. Anyone else —
// another clinician, a supervisor, an admin — "breaks the glass": gives a
// reason, which is logged with the access and flagged for the monthly
// review. Every access is logged whatever its basis.

// Access is who reads a patient's data and, when the work need is not
// plain, why.
type Access struct {
	Who    Clinician
	Reason string // the break-the-glass reason; empty for a plain work need
}

// AccessBasis is why an access was allowed; it is stored with each row of
// the access log.
type AccessBasis string

const (
	BasisAssigned   AccessBasis = "assigned"    // the patient's own clinician
	BasisRegistrar  AccessBasis = "registrar"   // registering, or registered it and no one is drawn yet
	BasisBreakGlass AccessBasis = "break_glass" // anyone else, with a reason
	BasisBulk       AccessBasis = "bulk"        // an admin's identifiable export or import
	BasisAudit      AccessBasis = "audit"       // a supervisor reading who accessed a patient
)

// MinReasonLength keeps a break-the-glass reason from being a keystroke:
// the review has to be able to judge it.
const MinReasonLength = 10

var (
	// ErrNeedReason: the record is not the user's by work need; it opens
	// with a reason, which is logged and reviewed.
	ErrNeedReason = errors.New("this patient is not assigned to you: opening the record needs a reason, which is logged and reviewed")
	// ErrReasonTooShort: a reason was given but says too little.
	ErrReasonTooShort = errors.New("the reason is too short to be reviewed; say why you need the record")
)

// PatientContext is what the access rule needs to know of a referral: who
// it is assigned to and who registered it (usernames, empty when none).
type PatientContext struct {
	Clinician    string
	RegisteredBy string
}

// AccessBasisFor decides whether a may read the identifiable data of the
// patient p, and on what basis. Roles do not widen it: a supervisor or an
// admin needs a reason for a patient's details like anyone else.
func (a Access) AccessBasisFor(p PatientContext) (AccessBasis, error) {
	user := a.Who.Username
	switch {
	case user == "":
		return "", ErrForbidden
	case p.Clinician != "" && p.Clinician == user:
		return BasisAssigned, nil
	case p.Clinician == "" && p.RegisteredBy == user:
		return BasisRegistrar, nil
	}
	reason := strings.TrimSpace(a.Reason)
	switch {
	case reason == "":
		return "", ErrNeedReason
	case utf8.RuneCountInString(reason) < MinReasonLength:
		return "", ErrReasonTooShort
	}
	return BasisBreakGlass, nil
}

// Reviewed says whether accesses on this basis go to the monthly review:
// all but the assigned clinician's own.
func (b AccessBasis) Reviewed() bool { return b != BasisAssigned }

// AccessRecord is one line of a patient's access history or of the
// review: who touched which patient's data, when, how and why.
type AccessRecord struct {
	At     string // UTC timestamp with a Z
	Actor  string // username
	Role   Role   // empty for a change from the event trail
	Ref    string // the patient's referral; empty for a bulk access in the review
	What   string // referral, assessment, treatment, transfer, gp_letter, consultation, lookup, export, import, audit; or "changed: KIND" from the trail
	Basis  AccessBasis
	Reason string
}
