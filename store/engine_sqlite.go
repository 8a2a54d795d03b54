package store

import (
	"context"
	"database/sql"
)

// sqliteEngine is the file engine: one writer at a time by BEGIN
// IMMEDIATE (the DSN's _txlock), readers on WAL snapshots.
type sqliteEngine struct{}

func (sqliteEngine) name() string             { return "SQLite" }
func (sqliteEngine) rebind(q string) string   { return q }
func (sqliteEngine) args(args []any) []any    { return args }
func (sqliteEngine) retryable(err error) bool { return false }

func (sqliteEngine) beginWrite(ctx context.Context, begin beginFunc) (*sql.Tx, error) {
	return begin(ctx, nil)
}

// beginRead begins a deferred read transaction: _txlock=immediate applies
// to writes only, so readers take a snapshot and never block writers.
func (sqliteEngine) beginRead(ctx context.Context, begin beginFunc) (*sql.Tx, error) {
	return begin(ctx, readOnly)
}

func (sqliteEngine) schemaVersion(ctx context.Context, q queryer) (int, error) {
	var v int
	err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

func (sqliteEngine) migrate(ctx context.Context, s *Store) error { return s.migrateSQLite(ctx) }

func (sqliteEngine) insertOrFail() string          { return "INSERT OR FAIL INTO" }
func (sqliteEngine) insertSelectSlices() bool      { return true }
func (sqliteEngine) indexedBy(index string) string { return "INDEXED BY " + index + " " }
