package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"envei/intake"
	"envei/intake/message"
)

// EventReceiptRecorded is the trail entry of a receipt read back; its
// detail is the MsgId and the status (8258).
const EventReceiptRecorded = "receipt_recorded"

// RecordReceipt records a receiver's AppRec against the message it names.
// A receipt for a MsgId envei never wrote (ErrNotFound) or for a message
// that already has one (ErrDuplicate) changes nothing. Nothing of the
// patient is read, so there is no access-log row; the trail has the entry.
func (s *Store) RecordReceipt(ctx context.Context, who intake.Clinician, rc message.Receipt) error {
	if !who.Role.AtLeast(intake.RoleClinician) {
		return ErrForbidden
	}
	var lines []string
	for _, e := range rc.Errors {
		lines = append(lines, intake.SafeText(strings.TrimSpace(e.Code+": "+e.Text)))
	}
	return s.InTx(ctx, func(tx *Tx) error {
		var id, referralID int64
		var status sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT id, referral_id, receipt_status FROM messages WHERE msg_id = ?`, rc.OriginalMsgID).
			Scan(&id, &referralID, &status)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("%w: no message envei wrote has that MsgId; nothing recorded", ErrNotFound)
		case err != nil:
			return err
		case status.Valid:
			return fmt.Errorf("%w: that message already has its receipt; nothing recorded", ErrDuplicate)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE messages SET receipt_status = ?, receipt_errors = ?, receipt_at = ? WHERE id = ?`,
			rc.Status, strings.Join(lines, "\n"), s.now().UTC().Format(time.RFC3339), id); err != nil {
			return err
		}
		// A rejection puts the referral back on the worklist; an
		// acknowledgement of the message sent again takes it off.
		if err := refreshOnWorklist(ctx, tx, referralID); err != nil {
			return err
		}
		return appendEvent(ctx, tx, s.stamp(), who.Username, referralID, EventReceiptRecorded,
			rc.OriginalMsgID+" status "+rc.Status)
	})
}

// SentMessage is one message as the referral view shows it.
type SentMessage = intake.SentMessage

// Messages lists a referral's messages, oldest first. It reads no patient
// data (receivers, ids and statuses only).
func (s *Store) Messages(ctx context.Context, ref string) ([]SentMessage, error) {
	return sentMessages(ctx, s.db, `JOIN referrals r ON r.id = m.referral_id WHERE r.ref = ?`, ref)
}

// sentMessages reads messages selected by where (joined to m), oldest first.
func sentMessages(ctx context.Context, q rowsQueryer, where string, arg any) ([]SentMessage, error) {
	rows, err := q.QueryContext(ctx, `SELECT m.msg_id, m.receiver, m.note_kind, m.note_version, m.written_by, m.written_at,
		coalesce(m.receipt_status, ''), m.receipt_errors, coalesce(m.receipt_at, ''),
		coalesce(`+rejectedOutstandingSQL+`, false)
		FROM messages m `+where+` ORDER BY m.id`, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SentMessage
	for rows.Next() {
		var m SentMessage
		if err := rows.Scan(&m.MsgID, &m.Receiver, &m.NoteKind, &m.NoteVersion, &m.WrittenBy, &m.WrittenAt,
			&m.Status, &m.ReceiptError, &m.ReceiptAt, &m.Outstanding); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
