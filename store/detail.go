package store

import (
	"context"

	"envei/intake"
)

// Detail is everything about one referral.
type Detail = intake.ReferralRecord

// ReferralDetail reads one referral in full for acc, in one transaction
// with the access-log row that records the read (see openPatient), so the
// parts agree with each other and the log with what was shown.
func (s *Store) ReferralDetail(ctx context.Context, acc intake.Access, ref string) (Detail, error) {
	var d Detail
	err := s.InTx(ctx, func(tx *Tx) error {
		sr, err := s.openPatient(ctx, tx, acc, ref, readReferral)
		if err != nil {
			return err
		}
		d.Row, d.Version = sr.row, sr.version
		if d.Details, err = loadDetails(ctx, tx, sr.id); err != nil {
			return err
		}
		if d.Events, err = events(ctx, tx, ref); err != nil {
			return err
		}
		if d.Consultations, err = consultations(ctx, tx, sr.id); err != nil {
			return err
		}
		if d.Messages, err = sentMessages(ctx, tx, `WHERE m.referral_id = ?`, sr.id); err != nil {
			return err
		}
		d.Draws, err = draws(ctx, tx, ref)
		return err
	})
	if err != nil {
		return Detail{}, err
	}
	return d, nil
}
