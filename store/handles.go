package store

import (
	"context"
	"database/sql"
	"time"
)

// DB, Tx, Conn and Stmt wrap database/sql's handles so that the store's
// SQL, written once with SQLite's ? and ?N placeholders, reaches each
// engine in the form it takes (engine.rebind) with arguments it accepts
// (engine.args). The store's code uses these and never a bare *sql.Tx:
// the compiler then finds every query.
type DB struct {
	pool *sql.DB
	eng  engine
}

// Tx is one transaction of the store.
type Tx struct {
	tx  *sql.Tx
	eng engine
	// copy, when set, writes rows by the engine's bulk path (COPY on
	// PostgreSQL, in its bulk transaction); rowBatch uses it.
	copy copyFunc
	// pipe, when set, is where copy queues its rows (copy_pipe.go): every
	// other statement waits for it first.
	pipe *copyPipe
}

// settle waits until the rows queued for COPY are written, so that the
// statement about to run comes after them, and returns the error of a COPY
// that failed.
func (t *Tx) settle() error {
	if t.pipe == nil {
		return nil
	}
	return t.pipe.wait()
}

// copyFunc writes rows (values in the order of cols) into table.
type copyFunc func(ctx context.Context, table string, cols []string, rows [][]any) error

// Conn is one connection taken from the pool.
type Conn struct {
	conn *sql.Conn
	eng  engine
}

// Stmt is a statement prepared in a transaction.
type Stmt struct {
	st  *sql.Stmt
	eng engine
	tx  *Tx // the transaction it was prepared in, if any
}

func (d *DB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return d.pool.ExecContext(ctx, d.eng.rebind(query), d.eng.args(args)...)
}

// QueryContext and QueryRowContext, reads outside a transaction, are
// sent again when the engine broke them off before they answered (a
// server restarting): a read may be repeated. They give up as InTx does.
func (d *DB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	query, args = d.eng.rebind(query), d.eng.args(args)
	giveUp := time.Now().Add(busyPatience)
	for attempt := 1; ; attempt++ {
		rows, err := d.pool.QueryContext(ctx, query, args...)
		if err == nil || !d.eng.retryable(err) || time.Now().After(giveUp) || pause(ctx, attempt) != nil {
			return rows, err
		}
	}
}

func (d *DB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	query, args = d.eng.rebind(query), d.eng.args(args)
	giveUp := time.Now().Add(busyPatience)
	for attempt := 1; ; attempt++ {
		row := d.pool.QueryRowContext(ctx, query, args...)
		err := row.Err()
		if err == nil || !d.eng.retryable(err) || time.Now().After(giveUp) || pause(ctx, attempt) != nil {
			return row
		}
	}
}

// Exec, Query and QueryRow are the context-free forms tests use.
func (d *DB) Exec(query string, args ...any) (sql.Result, error) {
	return d.ExecContext(context.Background(), query, args...)
}

func (d *DB) Query(query string, args ...any) (*sql.Rows, error) {
	return d.QueryContext(context.Background(), query, args...)
}

func (d *DB) QueryRow(query string, args ...any) *sql.Row {
	return d.QueryRowContext(context.Background(), query, args...)
}

// BeginTx begins a read transaction (opts.ReadOnly: a snapshot that
// never blocks a writer) or a write transaction (the engine's write lock
// taken first), once, without waiting for a busy database: InTx waits.
//
// A read transaction that the engine cannot begin for a retryable reason
// (a server restarting) is begun again, as QueryContext is sent again.
func (d *DB) BeginTx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) {
	var tx *sql.Tx
	var err error
	if opts != nil && opts.ReadOnly {
		giveUp := time.Now().Add(busyPatience)
		for attempt := 1; ; attempt++ {
			tx, err = d.eng.beginRead(ctx, d.pool.BeginTx)
			if err == nil || !d.eng.retryable(err) || time.Now().After(giveUp) || pause(ctx, attempt) != nil {
				break
			}
		}
	} else {
		tx, err = d.eng.beginWrite(ctx, d.pool.BeginTx)
	}
	if err != nil {
		return nil, err
	}
	return &Tx{tx: tx, eng: d.eng}, nil
}

// Conn takes one connection of the pool; Close gives it back.
func (d *DB) Conn(ctx context.Context) (*Conn, error) {
	c, err := d.pool.Conn(ctx)
	if err != nil {
		return nil, err
	}
	return &Conn{conn: c, eng: d.eng}, nil
}

// Close closes the pool.
func (d *DB) Close() error { return d.pool.Close() }

func (t *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := t.settle(); err != nil {
		return nil, err
	}
	return t.tx.ExecContext(ctx, t.eng.rebind(query), t.eng.args(args)...)
}

func (t *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if err := t.settle(); err != nil {
		return nil, err
	}
	return t.tx.QueryContext(ctx, t.eng.rebind(query), t.eng.args(args)...)
}

// QueryRowContext cannot return a failed COPY's error; the transaction
// is then aborted, so the query fails too, and the bulk load reports the
// COPY's error (bulkTx).
func (t *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	_ = t.settle()
	return t.tx.QueryRowContext(ctx, t.eng.rebind(query), t.eng.args(args)...)
}

func (t *Tx) PrepareContext(ctx context.Context, query string) (*Stmt, error) {
	if err := t.settle(); err != nil {
		return nil, err
	}
	st, err := t.tx.PrepareContext(ctx, t.eng.rebind(query))
	if err != nil {
		return nil, err
	}
	return &Stmt{st: st, eng: t.eng, tx: t}, nil
}

func (t *Tx) Commit() error {
	if err := t.settle(); err != nil {
		_ = t.tx.Rollback()
		return err
	}
	return t.tx.Commit()
}

func (t *Tx) Rollback() error {
	_ = t.settle() // the connection must be free; the load reports the error
	return t.tx.Rollback()
}

func (c *Conn) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return c.conn.ExecContext(ctx, c.eng.rebind(query), c.eng.args(args)...)
}

func (c *Conn) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return c.conn.QueryContext(ctx, c.eng.rebind(query), c.eng.args(args)...)
}

func (c *Conn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return c.conn.QueryRowContext(ctx, c.eng.rebind(query), c.eng.args(args)...)
}

// BeginTx on a connection is as DB.BeginTx.
func (c *Conn) BeginTx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) {
	var tx *sql.Tx
	var err error
	if opts != nil && opts.ReadOnly {
		tx, err = c.eng.beginRead(ctx, c.conn.BeginTx)
	} else {
		tx, err = c.eng.beginWrite(ctx, c.conn.BeginTx)
	}
	if err != nil {
		return nil, err
	}
	return &Tx{tx: tx, eng: c.eng}, nil
}

// Raw runs f on the driver's connection (tests).
func (c *Conn) Raw(f func(driverConn any) error) error { return c.conn.Raw(f) }

func (c *Conn) Close() error { return c.conn.Close() }

func (s *Stmt) ExecContext(ctx context.Context, args ...any) (sql.Result, error) {
	if err := s.settle(); err != nil {
		return nil, err
	}
	return s.st.ExecContext(ctx, s.eng.args(args)...)
}

func (s *Stmt) QueryContext(ctx context.Context, args ...any) (*sql.Rows, error) {
	if err := s.settle(); err != nil {
		return nil, err
	}
	return s.st.QueryContext(ctx, s.eng.args(args)...)
}

func (s *Stmt) Close() error { return s.st.Close() }

func (s *Stmt) settle() error {
	if s.tx == nil {
		return nil
	}
	return s.tx.settle()
}
