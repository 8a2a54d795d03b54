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
// counts are TallyOf's, in Go, and the encoding is tally_key.go's.
func tallyKeysExistingRows(ctx context.Context, tx *Tx) error {
	var top int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM referrals`).Scan(&top); err != nil {
		return err
	}
	write, done, err := tallyKeysWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer done()
	const chunk = 1000 // four parameters a referral: far below either engine's limit
	for lo := int64(0); lo < top; lo += chunk {
		if err := tallyKeysChunk(ctx, tx, lo, lo+chunk, write); err != nil {
			return fmt.Errorf("referrals %d to %d: %w", lo+1, lo+chunk, err)
		}
	}
	return nil
}

// tallyKeysWriter returns how a chunk's keys (id, stats, month counts,
// month first, for each referral) are written on the engine of tx. On
// PostgreSQL one UPDATE a chunk: a statement per referral took 30 s for
// 100k, a round trip each. On SQLite a statement per referral: in the same
// process it costs no round trip, and SQLite plans an UPDATE … FROM a
// thousand VALUES as a walk over every referral for each chunk (12 s of a
// 300k migration).
func tallyKeysWriter(ctx context.Context, tx *Tx) (write func(args []any) error, done func(), err error) {
	if _, pg := tx.eng.(*postgresEngine); pg {
		return func(args []any) error {
			values := strings.TrimSuffix(strings.Repeat(`(CAST(? AS BIGINT), ?, ?, ?), `, len(args)/4), `, `)
			_, err := tx.ExecContext(ctx, `WITH k (id, s, c, f) AS (VALUES `+values+`)
				UPDATE referrals SET tally_key = k.s, month_counts_key = k.c, month_first_key = k.f FROM k WHERE referrals.id = k.id`, args...)
			return err
		}, func() {}, nil
	}
	update, err := tx.PrepareContext(ctx, `UPDATE referrals SET tally_key = ?, month_counts_key = ?, month_first_key = ? WHERE id = ?`)
	if err != nil {
		return nil, nil, err
	}
	return func(args []any) error {
		for i := 0; i < len(args); i += 4 {
			if _, err := update.ExecContext(ctx, args[i+1], args[i+2], args[i+3], args[i]); err != nil {
				return err
			}
		}
		return nil
	}, func() { update.Close() }, nil
}

// tallyKeysChunk writes the keys of the referrals with ids in (lo, hi].
func tallyKeysChunk(ctx context.Context, tx *Tx, lo, hi int64, write func(args []any) error) error {
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
	return write(args)
}
