package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// engine is what differs between the databases the store runs on: SQLite
// (a file, the default) and PostgreSQL (a server, for hospital trusts and
// regions). The rules that are envei's — roles, access logging, version
// checks, the hash chains — are written once over database/sql; an engine
// gives only how to speak to its database. One engine value belongs to
// one open Store.
type engine interface {
	// name is "SQLite" or "PostgreSQL", for messages.
	name() string
	// rebind turns the store's SQL, written with SQLite's ? and ?N
	// placeholders, into the engine's.
	rebind(query string) string
	// args turns the store's arguments into what the driver takes.
	args(args []any) []any
	// beginWrite begins a write transaction holding the database's one
	// write lock, so writers run one after another on both engines (the
	// hash chains and the id and ref allocation rely on it). It tries
	// once; isBusy says whether to try again.
	beginWrite(ctx context.Context, begin beginFunc) (*sql.Tx, error)
	// beginRead begins a read-only snapshot that never blocks a writer.
	beginRead(ctx context.Context, begin beginFunc) (*sql.Tx, error)
	// retryable reports whether err broke off a transaction that, run
	// again from the start, may well succeed (a serialization failure, a
	// deadlock, a connection lost before the commit). SQLite's single
	// writer takes its lock at BEGIN and has none.
	retryable(err error) bool
	// schemaVersion reads the schema version the database holds.
	schemaVersion(ctx context.Context, q queryer) (int, error)
	// migrate brings the schema up to SchemaVersion.
	migrate(ctx context.Context, s *Store) error
	// insertOrFail begins a multi-row INSERT that, on a failed
	// constraint, need not undo its earlier rows (the transaction is
	// rolled back anyway): SQLite's "INSERT OR FAIL INTO" spares it a
	// statement journal; elsewhere it is "INSERT INTO".
	insertOrFail() string
	// insertSelectSlices reports whether an INSERT … SELECT may cut one
	// bound blob with substr(?, (id - ?) * 32 + 1, 32), as the bulk event
	// writer does on SQLite.
	insertSelectSlices() bool
	// indexedBy is the hint that makes a query read the named index
	// ("INDEXED BY name " on SQLite, whose planner otherwise picks a
	// worse one for the report tallies), or "" where there is none.
	indexedBy(index string) string
	// verifySchema compares the schema with what the migrations make
	// (Store.VerifySchema).
	verifySchema(ctx context.Context, s *Store) ([]string, error)
	// check is Store.Check.
	check(ctx context.Context, s *Store) (CheckReport, error)
	// bulkTx runs fn, which writes many referrals, in one write
	// transaction tuned for it (inBulkTx).
	bulkTx(ctx context.Context, s *Store, fn func(tx *Tx) error) error
}

// beginFunc is a pool's or one connection's BeginTx.
type beginFunc func(context.Context, *sql.TxOptions) (*sql.Tx, error)

// isPostgresDSN reports whether where names a PostgreSQL server rather
// than a SQLite file.
func isPostgresDSN(where string) bool {
	return strings.HasPrefix(where, "postgres://") || strings.HasPrefix(where, "postgresql://")
}

// IsServer reports whether where (a --db value) names a database server
// rather than a file: backup, restore and the file checks do not apply.
func IsServer(where string) bool { return isPostgresDSN(where) }

// DisplayName is where (a --db value) as it may be printed: a file's path
// as given, a server's DSN without its password.
func DisplayName(where string) string {
	if isPostgresDSN(where) {
		return redactDSN(where)
	}
	return where
}

// ErrServerBackup refuses envei backup and restore on a database server,
// whose own tools do that.
var ErrServerBackup = errors.New("envei backup and restore copy a SQLite file; a PostgreSQL database is backed up and restored with the server's own tools: pg_dump and pg_restore (for example pg_dump --format=custom --file=envei.dump), or base backups (pg_basebackup) with WAL archiving for point-in-time recovery")
