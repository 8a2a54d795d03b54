package store

import (
	"context"
	"time"
)

// inReadTx runs fn in one read-only transaction (a snapshot that never
// blocks a writer) and ends it. A read the server breaks off part-way (a
// serialization failure, a lost connection: a failover, a restart, the
// backend ended) is run again whole, in a new transaction, as InTx runs a
// write again, for up to busyPatience; after that the caller hears
// ErrBusy, never the driver's error. So fn may run more than once: it
// must gather what it reads afresh on each run (reset what it fills at
// its start) and hand nothing on to a caller before inReadTx returns. A
// read that hands rows on as it goes uses inStreamReadTx.
//
// SQLite's reads are never broken off (engine.retryable is false), so fn
// runs once there.
func (s *Store) inReadTx(ctx context.Context, fn func(tx *Tx) error) error {
	return s.readTx(ctx, func(tx *Tx, _ *bool) error { return fn(tx) })
}

// inStreamReadTx is inReadTx for a read that hands its rows on as it reads
// them (an export, the report rows: a million of them never sit in
// memory). fn sets *handed once it has handed the first one on. Until
// then a read broken off is run again whole, as inReadTx does; after,
// running it again would hand rows on twice (counted twice, written
// twice), so the caller hears ErrReadInterrupted instead.
func (s *Store) inStreamReadTx(ctx context.Context, fn func(tx *Tx, handed *bool) error) error {
	return s.readTx(ctx, fn)
}

func (s *Store) readTx(ctx context.Context, fn func(tx *Tx, handed *bool) error) error {
	giveUp := time.Now().Add(busyPatience)
	handed := false
	for attempt := 1; ; attempt++ {
		err := s.readOnce(ctx, fn, &handed)
		switch {
		case err == nil || !s.eng.retryable(err):
			return mapErr(err)
		case handed:
			return ErrReadInterrupted
		case time.Now().After(giveUp):
			return ErrBusy
		}
		if err := pause(ctx, attempt); err != nil {
			return err
		}
	}
}

// readOnce runs fn in one read-only transaction and commits it. Its
// errors are the driver's (unmapped), so readTx can tell which are
// retryable.
func (s *Store) readOnce(ctx context.Context, fn func(tx *Tx, handed *bool) error, handed *bool) error {
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return err
	}
	if err := fn(tx, handed); err != nil {
		_ = tx.Rollback()
		return err
	}
	if s.breakRead != nil {
		if err := s.breakRead(tx); err != nil {
			_ = tx.Rollback()
			return err
		}
	}
	// A read-only transaction's commit writes nothing; one that fails is
	// taken as the read's failure (run again, or interrupted once rows
	// were handed on) rather than weighed: it costs a rare second read.
	return tx.Commit()
}
