package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// busyPatience is how long a write waits for the write lock before its
// caller hears that the database is busy. SQLite waits busy_timeout (5 s)
// inside each BEGIN; BEGIN is tried again until this much time has passed,
// so a write queued behind a large import or several others still lands.
// The console's own call timeout (30 s) comes first there.
const busyPatience = 2 * time.Minute

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
	return beginPatiently(ctx, s.db.BeginTx)
}

// beginPatiently calls begin (a pool's or one connection's BeginTx) until
// it gets the write lock, for up to busyPatience.
func beginPatiently(ctx context.Context, begin func(context.Context, *sql.TxOptions) (*sql.Tx, error)) (*sql.Tx, error) {
	giveUp := time.Now().Add(busyPatience)
	for attempt := 1; ; attempt++ {
		tx, err := begin(ctx, nil)
		switch {
		case err == nil:
			return tx, nil
		case errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil:
			// The caller's deadline ran out while waiting for the lock.
			return nil, ErrBusy
		case !isBusy(err):
			return nil, err
		case time.Now().After(giveUp):
			return nil, ErrBusy
		}
		select {
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return nil, ErrBusy
			}
			return nil, ctx.Err()
		case <-time.After(time.Duration(min(attempt, 10)*20) * time.Millisecond):
		}
	}
}

// readOnly begins a deferred read transaction: _txlock=immediate applies to
// writes only, so readers take a snapshot and never block writers.
var readOnly = &sql.TxOptions{ReadOnly: true}
