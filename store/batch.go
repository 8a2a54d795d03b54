package store

import (
	"context"
	"database/sql"
	"strings"
)

// rowBatch gathers rows for one table and writes many with each INSERT.
// In modernc's SQLite a statement costs several microseconds before its
// first row (database/sql, binding, opening cursors, seeking to the end);
// a million referrals bring two million event and outcome rows, so the
// bulk writer hands them over a hundred at a time instead.
//
// Rows are written when a statement's worth has gathered and by flush: a
// writer must flush before its transaction commits.
type rowBatch struct {
	into string // "table (col, col, …)"
	cols int
	per  int       // rows in a full statement
	full *sql.Stmt // prepared once for per rows
	args []any
}

func newRowBatch(ctx context.Context, tx *sql.Tx, into string, cols, per int) (*rowBatch, error) {
	b := &rowBatch{into: into, cols: cols, per: per, args: make([]any, 0, cols*per)}
	var err error
	b.full, err = tx.PrepareContext(ctx, b.sql(per))
	if err != nil {
		return nil, err
	}
	return b, nil
}

// sql is the INSERT of rows rows.
func (b *rowBatch) sql(rows int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", b.cols), ", ") + ")"
	return "INSERT INTO " + b.into + " VALUES " + strings.TrimSuffix(strings.Repeat(one+", ", rows), ", ")
}

// add queues one row of b.cols values.
func (b *rowBatch) add(ctx context.Context, values ...any) error {
	b.args = append(b.args, values...)
	if len(b.args) < b.cols*b.per {
		return nil
	}
	_, err := b.full.ExecContext(ctx, b.args...)
	b.args = b.args[:0]
	return mapErr(err)
}

// flush writes the rows still queued.
func (b *rowBatch) flush(ctx context.Context, tx *sql.Tx) error {
	if len(b.args) == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, b.sql(len(b.args)/b.cols), b.args...)
	b.args = b.args[:0]
	return mapErr(err)
}

func (b *rowBatch) close() {
	if b != nil && b.full != nil {
		b.full.Close()
	}
}
