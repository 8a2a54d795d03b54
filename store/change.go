package store

import (
	"context"
	"fmt"

	"envei/intake"
)

// detailColumns are the console's columns beyond the interchange format,
// in the order scanDetails reads them.
const detailColumns = `phone, municipality, gp_practice, reason, urgent, registered_by,
	conversation_time, conversation_mode, route_note, gp_to_inform`

func scanDetails(sc scanner) (intake.Details, error) {
	var d intake.Details
	var mode string
	err := sc.Scan(&d.Phone, &d.Municipality, &d.GPPractice, &d.Reason, &d.Urgent, &d.RegisteredBy,
		&d.ConversationTime, &mode, &d.RouteNote, &d.GPToInform)
	d.ConversationMode = intake.Mode(mode)
	return d, err
}

func loadDetails(ctx context.Context, q queryer, id int64) (intake.Details, error) {
	return scanDetails(q.QueryRowContext(ctx, `SELECT `+detailColumns+` FROM referrals WHERE id = ?`, id))
}

// A Change alters a referral as one step of the flow. It gets the referral as
// stored and changes it in place; returning an error refuses the step.
type Change func(r *intake.Referral, d *intake.Details) error

// change applies one step of the flow to a referral in one transaction:
// open it for acc through the work-need door (logged as what), check the
// version the user saw (0 skips the check), apply, validate with the same
// rules as an import, write every mutable column, bump the version, and
// append the event.
func (s *Store) change(ctx context.Context, acc intake.Access, ref string, seen int64, what, kind string, detail func(r intake.Referral) string, apply Change) (intake.ExportRow, error) {
	var out intake.ExportRow
	err := s.InTx(ctx, func(tx *Tx) error {
		sr, err := s.openPatient(ctx, tx, acc, ref, what)
		if err != nil {
			return err
		}
		if seen != 0 && sr.version != seen {
			return ErrConflict
		}
		d, err := loadDetails(ctx, tx, sr.id)
		if err != nil {
			return err
		}
		r := sr.row.Referral
		if err := apply(&r, &d); err != nil {
			return err
		}
		if err := s.validateReferral(ctx, tx, r, d); err != nil {
			return err
		}
		at := s.stamp()
		if err := s.writeReferral(ctx, tx, sr.id, r, d, at); err != nil {
			return err
		}
		text := ""
		if detail != nil {
			text = detail(r)
		}
		if err := appendEvent(ctx, tx, at, acc.Who.Username, sr.id, kind, text); err != nil {
			return err
		}
		sr, err = loadReferral(ctx, tx, ref)
		out = sr.row
		return err
	})
	return out, err
}

// writeReferral writes every mutable column of a referral and its outcomes,
// and the report tally derived from them.
func (s *Store) writeReferral(ctx context.Context, tx *Tx, id int64, r intake.Referral, d intake.Details, at string) error {
	var clinician any
	if r.Clinician != "" {
		var cid int64
		if err := tx.QueryRowContext(ctx, `SELECT id FROM clinicians WHERE username = ?`, r.Clinician).Scan(&cid); err != nil {
			return fmt.Errorf("clinician: %w", ErrNotFound)
		}
		clinician = cid
	}
	_, err := tx.ExecContext(ctx, `
		UPDATE referrals AS r SET received = ?, channel = ?, addressed_to = ?, national_id = ?, name = ?, birth_date = ?, gp = ?,
			clinician_id = ?, first_conversation = ?, attended = ?, assessed = ?, routed = ?, withdrawn = ?,
			phone = ?, municipality = ?, gp_practice = ?, reason = ?, urgent = ?,
			conversation_time = ?, conversation_mode = ?, route_note = ?, gp_to_inform = ?, gp_her_id = ?,
			state = ?, deadline = ?, due = ?, on_worklist = `+onWorklistSQL+`, version = version + 1, updated_at = ?
		WHERE id = ?`,
		r.Received.String(), string(r.Channel), string(r.AddressedTo), nullString(r.NationalID), r.Name, nullDate(r.BirthDate), r.GP,
		clinician, nullDate(r.FirstConversation), nullString(string(r.Attended)), nullDate(r.Assessed), nullDate(r.Routed), nullDate(r.Withdrawn),
		d.Phone, d.Municipality, d.GPPractice, d.Reason, d.Urgent,
		d.ConversationTime, string(d.ConversationMode), d.RouteNote, d.GPToInform, r.GPHerID,
		string(r.State()), nullDate(r.AssessmentDeadline(s.cal)), r.Due(s.cal).String(),
		intake.OnWorklist(r, false), at, id)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM referral_outcomes WHERE referral_id = ?`, id); err != nil {
		return err
	}
	for _, code := range r.Outcomes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO referral_outcomes (referral_id, service_code) VALUES (?, ?)`, id, code); err != nil {
			return err
		}
	}
	return retally(ctx, tx, id)
}

// FieldErrors are the problems found in a form's fields.
type FieldErrors = intake.FieldErrors

// validateReferral checks a referral and its details against the rules of
// this database (today, synthetic ids only in a test database, the known
// service codes) before they are written.
func (s *Store) validateReferral(ctx context.Context, tx *Tx, r intake.Referral, d intake.Details) error {
	rules, err := s.importRules(ctx, tx)
	if err != nil {
		return err
	}
	if problems := append(intake.ValidateReferral(r, rules), intake.ValidateDetails(d)...); len(problems) > 0 {
		return FieldErrors(problems)
	}
	return nil
}
