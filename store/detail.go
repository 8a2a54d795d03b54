package store

import (
	"context"

	"envei/intake"
)

// Detail is everything about one referral.
type Detail = intake.ReferralRecord

// ReferralDetail reads one referral in full, in one read transaction so the
// parts agree with each other.
func (s *Store) ReferralDetail(ctx context.Context, ref string) (Detail, error) {
	var d Detail
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return d, mapErr(err)
	}
	defer tx.Rollback()
	sr, err := loadReferral(ctx, tx, ref)
	if err != nil {
		return d, err
	}
	d.Row, d.Version = sr.row, sr.version
	if d.Details, err = loadDetails(ctx, tx, sr.id); err != nil {
		return d, err
	}
	if d.Events, err = events(ctx, tx, ref); err != nil {
		return d, err
	}
	d.Draws, err = draws(ctx, tx, ref)
	return d, err
}
