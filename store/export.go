package store

import (
	"context"

	"envei/intake"
)

// Export calls fn with every referral sorted by ref, streaming, so a
// million rows never sit in memory at once. Admins only: the rows are
// identifiable.
//
// The access is logged before the rows are read, in its own committed
// transaction, naming exactly what the export covers (every referral up to
// the newest id at that moment); the read then takes those rows from one
// consistent snapshot. Logging in the read's own transaction would hold
// the write lock for the whole export and make every clinician wait on
// it; logging first keeps the guarantee that matters, no export without
// its log row (a failed export leaves a row that over-claims, never one
// missing).
func (s *Store) Export(ctx context.Context, who intake.Clinician, fn func(intake.ExportRow) error) error {
	if !who.Role.AtLeast(intake.RoleAdmin) {
		return ErrForbidden
	}
	var maxID int64
	err := s.InTx(ctx, func(tx *Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM referrals`).Scan(&maxID); err != nil {
			return err
		}
		if maxID == 0 {
			return nil
		}
		return logAccess(ctx, tx, s.stamp(), accessEntry{
			actor: who, what: readExport, basis: intake.BasisBulk, maxID: maxID,
		})
	})
	if err != nil || maxID == 0 {
		return err
	}
	// The rows are handed on as read: a read broken off before the first
	// is run again, one broken off after is ErrReadInterrupted (fn has
	// written part of the export).
	return s.inStreamReadTx(ctx, func(tx *Tx, handed *bool) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+referralColumns+referralFrom+`WHERE r.id <= ? AND r.voided IS NULL ORDER BY r.ref`, maxID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			sr, err := scanReferral(rows)
			if err != nil {
				return err
			}
			*handed = true
			if err := fn(sr.row); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}
