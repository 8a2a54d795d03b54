package store

import (
	"context"
	"fmt"
)

// tallyKeysExistingRows computes the tally keys of every referral already
// written (migration 0013), through retally as any write does, a chunk of
// ids at a time so that a million referrals never sit in memory at once.
// SQL could not give the keys: the deadline class and the day counts are
// TallyOf's, in Go, and the encoding is tally_key.go's.
func tallyKeysExistingRows(ctx context.Context, tx *Tx) error {
	var top int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM referrals`).Scan(&top); err != nil {
		return err
	}
	for lo := int64(0); lo < top; lo += backfillChunk {
		if err := retallyWhere(ctx, tx, `r.id > ? AND r.id <= ?`, lo, lo+backfillChunk); err != nil {
			return fmt.Errorf("referrals %d to %d: %w", lo+1, lo+backfillChunk, err)
		}
	}
	return nil
}
