package store

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
	"time"

	"envei/intake"
	"envei/intake/message"
)

// EventMessageWritten is the trail entry of a transfer e-message written;
// its detail is the MsgId and the receiver (a service code or "gp"),
// neither of which is personal data.
const EventMessageWritten = intake.EventMessageWritten

// ToGP is the receiver of the message to the patient's GP.
const ToGP = "gp"

// writeGPHerID is the access log's name of recording the GP's HER-id.
const writeGPHerID = "write:gp_her_id"

// ErrAddress: a party of the message has no address yet. The message says
// which, and the command that fills it in.
var ErrAddress = intake.ErrMessageAddress

// Composer turns what a message says into its file: it renders the note
// (in the user's language, perhaps as a PDF too), builds the document and
// writes it. It runs inside the transaction that records the message, so
// a message the composer refuses or fails to write is never recorded.
type Composer func(note intake.NoteInput, env message.Input) error

// WriteMessage writes one transfer e-message for ref to receiver (a
// service the patient was routed to, or ToGP) and records it: the messages
// row, the trail entry and the access-log row, in one transaction with the
// read of the note (openPatient logs it under the work-need rule).
func (s *Store) WriteMessage(ctx context.Context, acc intake.Access, ref, receiver string, attach bool, compose Composer) (string, error) {
	kind := NoteTransfer
	if receiver == ToGP {
		kind = NoteGPLetter
	}
	msgID, err := newUUID()
	if err != nil {
		return "", err
	}
	detail := msgID + " to " + receiver
	err = s.InTx(ctx, func(tx *Tx) error {
		sender, err := receptionAddress(ctx, tx)
		if err != nil {
			return err
		}
		if sender.Name == "" || sender.HerID == "" || sender.OrgNumber == "" {
			return fmt.Errorf("%w: the reception's own name, HER-id and organisation number are not recorded\n  an admin fills them in: envei reception set --name … --her-id … --org-number …", ErrAddress)
		}
		note, referralID, err := s.noteInput(ctx, tx, acc, ref, kind, "message:"+kind, EventMessageWritten, detail)
		if err != nil {
			return err
		}
		r := note.Row.Referral
		var to intake.Address
		if receiver == ToGP {
			var her string
			if err := tx.QueryRowContext(ctx, `SELECT gp_her_id FROM referrals WHERE id = ?`, referralID).Scan(&her); err != nil {
				return err
			}
			if her == "" {
				return fmt.Errorf("%w: referral %s has no HER-id for the GP's office\n  fill it in: envei message %s --to gp --gp-her-id …", ErrAddress, r.Ref, r.Ref)
			}
			to = intake.Address{Name: strings.TrimSpace(note.Details.GPPractice), HerID: her}
			if to.Name == "" {
				to.Name = strings.TrimSpace(r.GP)
			}
		} else {
			if !r.HasOutcome(receiver) {
				return fmt.Errorf("%w: referral %s is not routed to that service; a message goes to a service of the routing (or --to gp)", ErrStep, r.Ref)
			}
			for _, svc := range note.Services {
				if svc.Code == receiver && (svc.Category == intake.CategoryReception || svc.Category == intake.CategoryClosed) {
					return fmt.Errorf("%w: service %s is not a transfer (the patient stays in the reception, or the referral is closed); there is no one to send it to", ErrStep, receiver)
				}
			}
			unit, err := serviceAddress(ctx, tx, receiver)
			if err != nil {
				return err
			}
			if unit.HerID == "" {
				return fmt.Errorf("%w: service %s has no HER-id for its receiving unit\n  an admin fills it in: envei service set %s --her-id … --org-number … --unit-name …", ErrAddress, receiver, receiver)
			}
			to = unit.Address
			if to.Name == "" {
				for _, svc := range note.Services {
					if svc.Code == receiver {
						to.Name = svc.LabelNB
					}
				}
			}
		}
		now := s.now()
		env := message.Input{
			MsgID: msgID, GenDate: now, Sender: sender, Receiver: to, ToGP: receiver == ToGP, GPName: strings.TrimSpace(r.GP),
			PatientName: r.Name, BirthDate: intake.PatientBirthDate(r), NationalID: r.NationalID,
			Clinician: note.Clinician, Day: note.Printed,
		}
		if err := compose(note, env); err != nil {
			return err
		}
		version := 0
		if note.Assessment != nil {
			version = note.Assessment.Version
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO messages
			(msg_id, referral_id, receiver, receiver_her, note_kind, note_version, attachment, written_by, written_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			msgID, referralID, receiver, to.HerID, kind, version, attach, acc.Who.Username, now.UTC().Format(time.RFC3339))
		return err
	})
	if err != nil {
		return "", err
	}
	return msgID, nil
}

// newUUID is a random (version 4) UUID, the MsgId a receipt names.
func newUUID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}

// SetGPHerID records the HER-id of the patient's GP's office on ref, the
// address of the message to the GP. It is a change to the patient's
// referral and goes through openPatient like any other.
func (s *Store) SetGPHerID(ctx context.Context, acc intake.Access, ref, her string) error {
	her, err := intake.NormaliseHerID(her)
	if err != nil {
		return FieldErrors{{Column: "gp-her-id", Reason: err.Error()}}
	}
	return s.InTx(ctx, func(tx *Tx) error {
		sr, err := s.openPatient(ctx, tx, acc, ref, writeGPHerID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE referrals SET gp_her_id = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			her, s.stamp(), sr.id); err != nil {
			return err
		}
		return appendEvent(ctx, tx, s.stamp(), acc.Who.Username, sr.id, "gp_her_id_set", "")
	})
}
