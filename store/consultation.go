package store

import (
	"context"
	"fmt"

	"envei/intake"
)

// accessConsultation names a consultation's write in the access log: the
// write reads the patient's referral, so it opens it like any read.
const accessConsultation = "write:consultation"

// RecordConsultation records a consultation with the senior psychiatrist or
// the GP's office on ref's referral, for acc: the work-need rule applies as
// to a read (openPatient, at the start of the transaction), so someone who
// is not the patient's own clinician gives a reason, which is logged. The
// consultation, the access row, the event and the referral's new version
// (other consoles reload) commit together. It returns what was stored.
func (s *Store) RecordConsultation(ctx context.Context, acc intake.Access, ref string, c intake.Consultation) (intake.Consultation, error) {
	c = c.Normalized()
	err := s.InTx(ctx, func(tx *Tx) error {
		sr, err := s.openPatient(ctx, tx, acc, ref, accessConsultation)
		if err != nil {
			return err
		}
		now := s.now().In(intake.Oslo).Format("15:04")
		if problems := intake.ValidateConsultation(c, sr.row.Referral.Received, s.today(), now); len(problems) > 0 {
			return FieldErrors(problems)
		}
		at := s.stamp()
		c.RecordedBy, c.RecordedAt = acc.Who.Username, at
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO consultations (referral_id, kind, day, clock, question, advice, medication_reviewed,
			                           contact, outcome, recorded_by, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			sr.id, string(c.Kind), c.Date.String(), c.Clock, c.Question, c.Advice, c.MedicationReviewed,
			c.Contact, c.Outcome, c.RecordedBy, c.RecordedAt); err != nil {
			return err
		}
		// The detail is when it was held, and whether the medication was
		// reviewed: never the text, which is the patient's.
		if err := appendEvent(ctx, tx, at, acc.Who.Username, sr.id, c.Kind.EventKind(), c.EventDetail()); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE referrals SET version = version + 1, updated_at = ? WHERE id = ?`, at, sr.id)
		return err
	})
	if err != nil {
		return intake.Consultation{}, err
	}
	return c, nil
}

// consultations returns a referral's consultations in the order they were
// held. The caller has opened the patient (openPatient).
func consultations(ctx context.Context, q rowsQueryer, referralID int64) ([]intake.Consultation, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT kind, day, clock, question, advice, medication_reviewed, contact, outcome, recorded_by, recorded_at
		FROM consultations WHERE referral_id = ? ORDER BY day, clock, id`, referralID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []intake.Consultation
	for rows.Next() {
		var c intake.Consultation
		var kind, day string
		if err := rows.Scan(&kind, &day, &c.Clock, &c.Question, &c.Advice, &c.MedicationReviewed,
			&c.Contact, &c.Outcome, &c.RecordedBy, &c.RecordedAt); err != nil {
			return nil, err
		}
		c.Kind = intake.ConsultationKind(kind)
		if c.Date, err = intake.ParseDate(day); err != nil {
			return nil, fmt.Errorf("consultation of referral row %d: damaged date", referralID)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
