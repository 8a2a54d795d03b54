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

// InTx runs fn in one write transaction and commits it, or rolls it back
// when fn fails. The engine's write lock is taken up front (SQLite: BEGIN
// IMMEDIATE, the DSN sets _txlock; PostgreSQL: a transaction-scoped
// advisory lock), so a read-then-write inside fn sees the latest commit
// and no other writer runs beside it.
//
// On SQLite only BEGIN is retried, so fn runs once. On PostgreSQL a
// transaction the server breaks off with a serialization failure, a
// deadlock or a lost connection before the commit is run again from the
// start, so fn may run more than once: it must do nothing outside tx that
// a second run would double (set its results afresh, consume no stream).
// A writer that cannot run twice uses inTxOnce.
//
// Retries go on for busyPatience, so a server restarting (a failover, a
// restart for an upgrade) is waited out as a busy database is; after
// that the caller hears ErrBusy, never the driver's error.
func (s *Store) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	giveUp := time.Now().Add(busyPatience)
	for attempt := 1; ; attempt++ {
		err := s.txOnce(ctx, s.db.pool.BeginTx, fn)
		if err == nil || !s.eng.retryable(err) {
			return mapErr(err)
		}
		if time.Now().After(giveUp) {
			return ErrBusy
		}
		if err := pause(ctx, attempt); err != nil {
			return err
		}
	}
}

// inTxOnce is InTx for an fn that must not run twice (it consumes a
// stream): a retryable failure is reported as ErrInterrupted — nothing was
// written and the caller may start again.
func (s *Store) inTxOnce(ctx context.Context, begin beginFunc, fn func(tx *Tx) error) error {
	err := s.txOnce(ctx, begin, fn)
	if err != nil && s.eng.retryable(err) {
		return ErrInterrupted
	}
	return mapErr(err)
}

// txOnce runs fn in one transaction begun by begin, waiting patiently for
// the write lock. Its errors are the driver's (unmapped), so the caller
// can tell which are retryable.
func (s *Store) txOnce(ctx context.Context, begin beginFunc, fn func(tx *Tx) error) error {
	raw, err := beginPatiently(ctx, func(ctx context.Context) (*sql.Tx, error) {
		return s.eng.beginWrite(ctx, begin)
	})
	if err != nil {
		return err
	}
	tx := &Tx{tx: raw, eng: s.eng}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if s.breakTx != nil {
		if err := s.breakTx(); err != nil {
			_ = tx.Rollback()
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		if isConnectionLost(err) {
			// The commit may or may not have reached the server: running
			// fn again could write twice.
			return ErrCommitUnknown
		}
		return err
	}
	return nil
}

// beginPatiently calls begin until it gets the write lock, for up to
// busyPatience.
func beginPatiently(ctx context.Context, begin func(context.Context) (*sql.Tx, error)) (*sql.Tx, error) {
	giveUp := time.Now().Add(busyPatience)
	for attempt := 1; ; attempt++ {
		tx, err := begin(ctx)
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
		if err := pause(ctx, attempt); err != nil {
			return nil, err
		}
	}
}

// pause waits a little longer after each attempt, or until ctx ends.
func pause(ctx context.Context, attempt int) error {
	select {
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return ErrBusy
		}
		return ctx.Err()
	case <-time.After(time.Duration(min(attempt, 10)*20) * time.Millisecond):
		return nil
	}
}

// readOnly begins a read transaction.
var readOnly = &sql.TxOptions{ReadOnly: true}
