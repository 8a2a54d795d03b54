package store

import (
	"context"
	"strings"
)

// rowBatch gathers rows for one table and writes many with each INSERT.
// In modernc's SQLite a statement costs several microseconds before its
// first row (database/sql, binding, opening cursors, seeking to the end);
// a million referrals bring a million referral rows and two million event
// and outcome rows, so the bulk writer hands them over a hundred at a time
// instead.
//
// Rows are written when a statement's worth has gathered and by flush: a
// writer must flush before its transaction commits.
//
// The INSERT is OR FAIL: a constraint that fails leaves the statement's
// earlier rows in place instead of undoing the statement, so SQLite keeps
// no statement journal of the pages each INSERT touches (at a million rows
// that journal spilled to a temporary file and took a sixth of an
// import). Every caller rolls its whole transaction back on an error; the
// bulk transaction also defers the foreign keys to the commit (inBulkTx),
// which an immediate foreign key in a multi-row INSERT would journal for.
type rowBatch struct {
	tx   *Tx
	into string // "table (col, col, …)"
	cols int
	per  int   // rows in a full statement
	full *Stmt // prepared for per rows when first needed
	args []any
	// before, when set, runs before every write of this batch: a batch of
	// rows that refer to another table's rows flushes that table first,
	// since foreign keys are checked as each statement runs.
	before func(ctx context.Context) error
}

// newRowBatch prepares nothing yet: a writer that writes one referral (a
// registration) never fills a statement, and preparing one of a hundred
// rows costs more than the row.
//
// In a bulk transaction on PostgreSQL (tx.copy set) the rows go in by
// COPY instead, copyBatch rows at a time.
func newRowBatch(tx *Tx, into string, cols, per int) *rowBatch {
	if tx.copy != nil {
		per = max(per, copyBatch)
	}
	return &rowBatch{tx: tx, into: into, cols: cols, per: per, args: make([]any, 0, cols*per)}
}

// copyBatch is how many rows one COPY of a rowBatch carries.
const copyBatch = 5000

// sql is the INSERT of rows rows.
func (b *rowBatch) sql(rows int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", b.cols), ", ") + ")"
	return b.tx.eng.insertOrFail() + " " + b.into + " VALUES " + strings.TrimSuffix(strings.Repeat(one+", ", rows), ", ")
}

// add queues one row of b.cols values.
func (b *rowBatch) add(ctx context.Context, values ...any) error {
	b.args = append(b.args, values...)
	if len(b.args) < b.cols*b.per {
		return nil
	}
	if b.before != nil {
		if err := b.before(ctx); err != nil {
			return err
		}
	}
	if b.tx.copy != nil {
		return b.copyRows(ctx)
	}
	if b.full == nil {
		st, err := b.tx.PrepareContext(ctx, b.sql(b.per))
		if err != nil {
			return err
		}
		b.full = st
	}
	_, err := b.full.ExecContext(ctx, b.args...)
	clear(b.args) // let the values go
	b.args = b.args[:0]
	return mapErr(err)
}

// flush writes the rows still queued.
func (b *rowBatch) flush(ctx context.Context) error {
	if len(b.args) == 0 {
		return nil
	}
	if b.before != nil {
		if err := b.before(ctx); err != nil {
			return err
		}
	}
	if b.tx.copy != nil {
		return b.copyRows(ctx)
	}
	_, err := b.tx.ExecContext(ctx, b.sql(len(b.args)/b.cols), b.args...)
	clear(b.args)
	b.args = b.args[:0]
	return mapErr(err)
}

func (b *rowBatch) close() {
	if b != nil && b.full != nil {
		b.full.Close()
	}
}

// copyRows hands the queued rows to the transaction's COPY.
func (b *rowBatch) copyRows(ctx context.Context) error {
	table, list, _ := strings.Cut(b.into, "(")
	var cols []string
	for _, c := range strings.Split(strings.TrimSuffix(strings.TrimSpace(list), ")"), ",") {
		cols = append(cols, strings.TrimSpace(c))
	}
	rows := make([][]any, 0, len(b.args)/b.cols)
	args := b.tx.eng.args(b.args)
	for i := 0; i < len(args); i += b.cols {
		rows = append(rows, args[i:i+b.cols])
	}
	err := b.tx.copy(ctx, strings.TrimSpace(table), cols, rows)
	b.args = make([]any, 0, b.cols*b.per) // the old one may still be referred to by rows
	return mapErr(err)
}
