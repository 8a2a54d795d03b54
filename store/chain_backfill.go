package store

import (
	"context"
	"fmt"
	"strings"
)

// backfillChunk is how many rows chainExistingRows reads at a time, so a
// database of millions of events is chained in bounded memory.
const backfillChunk = 10000

// chainExistingRows chains the rows a database held before schema version
// 5, in the order of their ids, inside the migration's transaction: the
// events, access-log rows and draws get their hashes, and every completed
// assessment version a seal. The chain vouches for those rows as they
// were found (nothing older can be proven); from here on every change
// shows.
func chainExistingRows(ctx context.Context, tx *Tx) error {
	for _, ch := range []*chainSpec{eventsChain, accessChain, drawsChain} {
		if err := backfillChain(ctx, tx, ch); err != nil {
			return err
		}
	}
	return backfillSeals(ctx, tx)
}

// backfillChain sets the hash of every row of ch's table in key order.
func backfillChain(ctx context.Context, tx *Tx, ch *chainSpec) error {
	update, err := tx.PrepareContext(ctx, fmt.Sprintf(`UPDATE %s SET hash = ? WHERE %s = ?`, ch.table, ch.key))
	if err != nil {
		return err
	}
	defer update.Close()
	query := fmt.Sprintf(`SELECT %s, %s FROM %s WHERE %s > ? ORDER BY %s LIMIT %d`,
		ch.key, strings.Join(ch.cols, ", "), ch.table, ch.key, ch.key, backfillChunk)
	prev, after := genesis(), int64(0)
	for {
		rows, err := readContent(ctx, tx, query, len(ch.cols), after)
		if err != nil {
			return err
		}
		for _, r := range rows {
			h := linkHash(ch.name, prev, r.key, r.values)
			if _, err := update.ExecContext(ctx, h, r.key); err != nil {
				return err
			}
			prev, after = h, r.key
		}
		if len(rows) < backfillChunk {
			return nil
		}
	}
}

// backfillSeals seals every completed assessment version in id order.
func backfillSeals(ctx context.Context, tx *Tx) error {
	insert, err := tx.PrepareContext(ctx, `INSERT INTO assessment_seals (seq, assessment_id, hash) VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	defer insert.Close()
	// The key read is the assessment's id, which is also the first
	// content column.
	query := fmt.Sprintf(`SELECT id, %s FROM assessments WHERE status = 'completed' AND id > ? ORDER BY id LIMIT %d`,
		strings.Join(assessmentContent, ", "), backfillChunk)
	prev, after, seq := genesis(), int64(0), int64(0)
	for {
		rows, err := readContent(ctx, tx, query, len(assessmentContent), after)
		if err != nil {
			return err
		}
		for _, r := range rows {
			seq++
			h := linkHash(sealsChain.name, prev, seq, r.values)
			if _, err := insert.ExecContext(ctx, seq, r.key, h); err != nil {
				return err
			}
			prev, after = h, r.key
		}
		if len(rows) < backfillChunk {
			return nil
		}
	}
}

// contentRow is a row's key and its content columns as the driver gives
// them.
type contentRow struct {
	key    int64
	values []any
}

// readContent runs a query selecting a key and n content columns and
// returns every row, read in full before the caller writes.
func readContent(ctx context.Context, q rowsQueryer, query string, n int, args ...any) ([]contentRow, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []contentRow
	for rows.Next() {
		r := contentRow{values: make([]any, n)}
		ptrs := make([]any, n+1)
		ptrs[0] = &r.key
		for i := range r.values {
			ptrs[i+1] = &r.values[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
