package store

import (
	"context"
	"fmt"
	"strings"

	"envei/intake/report"
)

// tallyKeysExistingRows computes the tally keys of every referral already
// written (migration 0013), from the report rows as retally reads them, a
// chunk of ids at a time so that a million referrals never sit in memory
// at once. SQL could not give the keys: the deadline class and the day
// counts are TallyOf's, in Go, and the encoding is tally_key.go's. Each
// chunk is written by one UPDATE, not a statement per referral as retally
// writes a few (on PostgreSQL 100k referrals took 30 s that way).
func tallyKeysExistingRows(ctx context.Context, tx *Tx) error {
	var top int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM referrals`).Scan(&top); err != nil {
		return err
	}
	const chunk = 1000 // four parameters a referral: far below either engine's limit
	for lo := int64(0); lo < top; lo += chunk {
		if err := tallyKeysChunk(ctx, tx, lo, lo+chunk); err != nil {
			return fmt.Errorf("referrals %d to %d: %w", lo+1, lo+chunk, err)
		}
	}
	return nil
}

// tallyKeysChunk writes the keys of the referrals with ids in (lo, hi].
func tallyKeysChunk(ctx context.Context, tx *Tx, lo, hi int64) error {
	rows, err := tx.QueryContext(ctx, retallyQuery(`r.id > ? AND r.id <= ?`), lo, hi)
	if err != nil {
		return err
	}
	var args []any
	err = eachReportRow(rows, func(id int64, r report.Row) error {
		k := tallyKeysOf(r)
		args = append(args, id, k.stats, k.monthCounts, k.monthFirst)
		return nil
	})
	rows.Close()
	if err != nil || len(args) == 0 {
		return err
	}
	values := strings.TrimSuffix(strings.Repeat(`(CAST(? AS BIGINT), ?, ?, ?), `, len(args)/4), `, `)
	// A WITH names the values' columns in words both engines accept.
	_, err = tx.ExecContext(ctx, `WITH k (id, s, c, f) AS (VALUES `+values+`)
		UPDATE referrals SET tally_key = k.s, month_counts_key = k.c, month_first_key = k.f FROM k WHERE referrals.id = k.id`, args...)
	return err
}
