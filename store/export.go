package store

import (
	"context"

	"envei/intake"
)

// Export calls fn with every referral sorted by ref, streaming, so a
// million rows never sit in memory at once. Admins only: the rows are
// identifiable.
func (s *Store) Export(ctx context.Context, who intake.Clinician, fn func(intake.ExportRow) error) error {
	if !who.Role.AtLeast(intake.RoleAdmin) {
		return ErrForbidden
	}
	// One read transaction gives a consistent snapshot while others write.
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return mapErr(err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT `+referralColumns+referralFrom+`ORDER BY r.ref`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		sr, err := scanReferral(rows)
		if err != nil {
			return err
		}
		if err := fn(sr.row); err != nil {
			return err
		}
	}
	return rows.Err()
}
