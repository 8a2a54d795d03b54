package intake

import (
	"errors"
	"strings"
)

// Errors a store reports and a console acts on. The store maps its driver
// errors to these at its edge; none of them carries patient data.
var (
	ErrNotFound  = errors.New("not found")
	ErrDuplicate = errors.New("already exists")
	ErrConflict  = errors.New("changed by someone else meanwhile; reload and try again")
	ErrForbidden = errors.New("not allowed for your role")
	// ErrStep means a step does not fit where the referral stands, for
	// example recording attendance before a conversation is booked.
	ErrStep = errors.New("not possible in this state")

	// The database's answers that are no one's mistake; the console says
	// them in the user's language.

	// ErrBusy means the database stayed busy (another write held it)
	// for longer than a writer waits.
	ErrBusy = errors.New("the database stayed busy; try again in a moment")
	// ErrInterrupted means the database server broke off a write that
	// cannot be run again by itself (an import reads its file once);
	// nothing of it was written.
	ErrInterrupted = errors.New("the database server broke off the write; nothing of it was written; run it again")
	// ErrCommitUnknown means the connection to the database server was
	// lost while committing: the write may or may not have been saved.
	ErrCommitUnknown = errors.New("the connection to the database server was lost while saving: the change may or may not have been saved; look whether it is there before making it again")
)

// FieldErrors are the problems found in a form's fields or a record; each
// names its field and never repeats its value.
type FieldErrors []FieldError

func (fe FieldErrors) Error() string {
	parts := make([]string, len(fe))
	for i, e := range fe {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// Event is one line of a referral's trail: who did what, when.
type Event struct {
	At     string // UTC timestamp, RFC 3339
	Actor  string // username
	Ref    string // "" for events about no referral
	Kind   string // registered, assigned, scheduled, attended, routed, …
	Detail string // never a name or a national id
}

// DrawRecord is one stored random draw.
type DrawRecord struct {
	Ref      string
	Eligible []string
	Drawn    string
	DrawnBy  string
	DrawnAt  string
	Reason   string // why, for a reassignment; "" for a first draw
}

// Assignment is the result of one draw for one referral.
type Assignment struct {
	Ref  string
	Draw Draw
}

// ReferralRecord is everything about one referral: the referral with its
// computed columns, the console's details, the version for optimistic
// locking, the event trail and the draws.
type ReferralRecord struct {
	Row     ExportRow
	Details Details
	Version int64
	Events  []Event
	Draws   []DrawRecord
	// Consultations with the senior psychiatrist and the GP's office,
	// oldest first.
	Consultations []Consultation
	// Messages are the transfer e-messages written, oldest first, with
	// their receipts.
	Messages []SentMessage
}

// WorklistQuery selects one page of the worklist: open referrals ordered by
// due date (most pressing first), then by id.
type WorklistQuery struct {
	State  State         // only this open state; "" for every open state
	Mine   string        // only referrals assigned to this username; "" for all
	Search string        // ref prefix or part of the patient's name; "" for all
	Scope  WorklistScope // open (the worklist proper), closed or all
	// Keyset paging: rows after After, or before Before, or the last page
	// when Last is set. All zero: the first page.
	After, Before WorklistKey
	Last          bool
	Limit         int
}

// WorklistKey is the position of a row in the worklist order.
type WorklistKey struct {
	Due string
	ID  int64
}

// IsZero reports whether k is no position.
func (k WorklistKey) IsZero() bool { return k.ID == 0 }

// WorklistRow is what the worklist shows of a referral: administrative
// columns only, no name or national id.
type WorklistRow struct {
	Key         WorklistKey
	Ref         string
	Version     int64
	Received    Date
	Channel     Channel
	AddressedTo Addressee
	Clinician   string
	State       State
	Deadline    Date // legal deadline, zero when none
	Due         Date
	Urgent      bool
	InTreatment bool // routed to treatment in the reception, not closed yet
	// MessageRejected: the latest transfer e-message to some receiver was
	// rejected by it (AppRec status 2); the transfer must be sent again.
	MessageRejected bool
}
