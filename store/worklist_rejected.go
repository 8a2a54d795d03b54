package store

import (
	"context"
	"fmt"
	"strings"

	"envei/intake"
)

// A rejected transfer puts the referral back on the worklist. A patient
// whose transfer e-message was rejected is not transferred, so the
// referral needs work until a message sent again to that receiver is
// acknowledged or someone records the rejection as handled. The rule
// lives in the on_worklist column rather than in the worklist's WHERE, so
// the open view stays a range scan of its partial index: every write that
// sets on_worklist keeps it raised while a rejection is outstanding.

// rejectedOutstandingSQL is an SQL condition on a message aliased m: its
// receiver rejected it, no later message to that receiver was acknowledged
// (one sent again and waiting for its receipt does not end it), and nobody
// recorded the rejection as handled.
const rejectedOutstandingSQL = `m.receipt_status = '2'
		AND NOT EXISTS (SELECT 1 FROM messages n WHERE n.referral_id = m.referral_id AND n.receiver = m.receiver
		                AND n.id > m.id AND n.receipt_status IN ('1', '3'))
		AND NOT EXISTS (SELECT 1 FROM message_rejections_handled h WHERE h.message_id = m.id)`

// rejectionOutstandingSQL is an SQL condition on the referral aliased r
// (UPDATE referrals AS r, as SELECT … FROM referrals r): one of its
// messages is rejected and outstanding.
const rejectionOutstandingSQL = `EXISTS (SELECT 1 FROM messages m WHERE m.referral_id = r.id AND ` + rejectedOutstandingSQL + `)`

// onWorklistSQL is the value written into on_worklist: raised while a
// rejection is outstanding, else what intake.OnWorklist says of the
// referral itself, bound as its one parameter (a bool: 1 or 0 on both
// engines, so it is compared with 1 rather than taken as a condition).
const onWorklistSQL = `CASE WHEN ` + rejectionOutstandingSQL + ` THEN 1 WHEN ? = 1 THEN 1 ELSE 0 END`

// refreshOnWorklist sets on_worklist of referral id after its messages
// changed (a receipt, a rejection handled). It reads administrative
// columns only (state, routing, treatment), never the patient's record.
func refreshOnWorklist(ctx context.Context, tx *Tx, id int64) error {
	var state, closed string
	var toReception bool
	if err := tx.QueryRowContext(ctx, `SELECT r.state, coalesce(r.treatment_closed, ''),
			EXISTS (SELECT 1 FROM referral_outcomes o WHERE o.referral_id = r.id AND o.service_code = ?)
		FROM referrals r WHERE r.id = ?`, intake.ServiceReception, id).Scan(&state, &closed, &toReception); err != nil {
		return err
	}
	base := intake.OnWorklistIn(intake.State(state), toReception, closed != "")
	_, err := tx.ExecContext(ctx, `UPDATE referrals AS r SET on_worklist = `+onWorklistSQL+` WHERE r.id = ?`, base, id)
	return err
}

// writeRejectionHandled is the access log's name of recording a rejected
// transfer as handled.
const writeRejectionHandled = "write:rejection_handled"

// EventRejectionHandled is the trail entry of a rejection handled; its
// detail is the MsgIds, never the note (free text the trail need not
// repeat).
const EventRejectionHandled = "rejection_handled"

// RecordRejectionHandled records that every rejection outstanding on ref
// was dealt with outside envei (note says how: the unit phoned, the note
// sent by post), which takes the referral off the worklist unless
// something else keeps it there. With no rejection outstanding it is a
// step out of order and changes nothing.
func (s *Store) RecordRejectionHandled(ctx context.Context, acc intake.Access, ref, note string) error {
	note = strings.TrimSpace(intake.NormaliseLines(note))
	if err := intake.CheckLines("note", note); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Tx) error {
		sr, err := s.openPatient(ctx, tx, acc, ref, writeRejectionHandled)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT m.id, m.msg_id FROM messages m WHERE m.referral_id = ? AND `+rejectedOutstandingSQL+`
			ORDER BY m.id`, sr.id)
		if err != nil {
			return err
		}
		var ids []int64
		var msgIDs []string
		for rows.Next() {
			var id int64
			var msgID string
			if err := rows.Scan(&id, &msgID); err != nil {
				rows.Close()
				return err
			}
			ids, msgIDs = append(ids, id), append(msgIDs, msgID)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(ids) == 0 {
			return fmt.Errorf("%w: no rejected e-message is waiting to be handled", ErrStep)
		}
		at := s.stamp()
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `INSERT INTO message_rejections_handled (message_id, handled_by, handled_at, note)
				VALUES (?, ?, ?, ?)`, id, acc.Who.Username, at, note); err != nil {
				return err
			}
		}
		if err := refreshOnWorklist(ctx, tx, sr.id); err != nil {
			return err
		}
		return appendEvent(ctx, tx, at, acc.Who.Username, sr.id, EventRejectionHandled, strings.Join(msgIDs, " "))
	})
}
