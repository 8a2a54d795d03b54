package store

import (
	"context"
	"database/sql"
	"time"
)

// maxBusyRetries bounds how often BEGIN is retried when SQLite still reports
// the database busy after waiting busy_timeout.
const maxBusyRetries = 3

// InTx runs fn in one BEGIN IMMEDIATE transaction (the DSN sets _txlock) and
// commits it, or rolls it back when fn fails. The write lock is taken up
// front, so a read-then-write inside fn never fails with
// SQLITE_BUSY_SNAPSHOT, and once BEGIN has succeeded no other connection can
// make the transaction busy: only BEGIN is retried, so fn runs at most once
// and may consume a stream.
func (s *Store) InTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return mapErr(err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return mapErr(err)
	}
	return mapErr(tx.Commit())
}

func (s *Store) begin(ctx context.Context) (*sql.Tx, error) {
	var err error
	for attempt := 0; attempt <= maxBusyRetries; attempt++ {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-time.After(time.Duration(attempt*50) * time.Millisecond):
			}
		}
		var tx *sql.Tx
		tx, err = s.db.BeginTx(ctx, nil)
		if err == nil {
			return tx, nil
		}
		if !isBusy(err) {
			return nil, err
		}
	}
	return nil, err
}

// readOnly begins a deferred read transaction: _txlock=immediate applies to
// writes only, so readers take a snapshot and never block writers.
var readOnly = &sql.TxOptions{ReadOnly: true}
