package intake

// SentMessage is one transfer e-message as the referral view shows it:
// who it went to, when and by whom, and the receiver's receipt. It holds
// no patient data (receivers, ids and statuses only).
type SentMessage struct {
	MsgID        string
	Receiver     string // a service code, or "gp"
	NoteKind     string // "transfer" or "gp_letter"
	NoteVersion  int    // the assessment version the note showed, 0 for none
	WrittenBy    string
	WrittenAt    string // UTC timestamp, RFC 3339
	Status       string // "" until the receipt comes; else 1, 2 or 3 (code system 8258)
	ReceiptError string // the receiver's errors, one "code: text" per line
	ReceiptAt    string
	// Outstanding: rejected, and still to be put right — no later message
	// to the receiver was acknowledged and nobody recorded the rejection
	// as handled. It keeps the referral on the worklist.
	Outstanding bool
}

// RejectionOutstanding reports whether any of ms is a rejection still to
// be put right (Outstanding).
func RejectionOutstanding(ms []SentMessage) bool {
	for _, m := range ms {
		if m.Outstanding {
			return true
		}
	}
	return false
}

// AppRec statuses (code system 8258).
const (
	ReceiptOK           = "1"
	ReceiptRejected     = "2"
	ReceiptOKWithErrors = "3"
)

// Rejected reports whether the receiver refused the message: the transfer
// did not arrive and must be sent again once the error is put right.
func (m SentMessage) Rejected() bool { return m.Status == ReceiptRejected }
