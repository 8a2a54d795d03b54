package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver

	"envei/intake"
)

//go:embed migrations/postgres/*.sql
var postgresMigrationFiles embed.FS

// writeLockKey is the advisory lock every write transaction takes first
// (envei's ApplicationID). Advisory locks belong to one database, so each
// reception's database has its own.
const writeLockKey = ApplicationID

// postgresEngine is the server engine. Writers take one advisory lock per
// database under READ COMMITTED, so they run one after another as on
// SQLite (the hash chains, max(id) + 1 and max(ref) rely on it), and each
// statement sees every commit before it; readers take REPEATABLE READ
// snapshots that never wait for a writer.
type postgresEngine struct {
	binds rebinder // this Store's rewritten statements
}

func (*postgresEngine) name() string             { return "PostgreSQL" }
func (e *postgresEngine) rebind(q string) string { return e.binds.rebind(q) }

// args binds Go booleans as 0 and 1: the flags are bigint columns with
// CHECK (… IN (0, 1)) on both engines, and pgx will not put a bool into a
// bigint.
func (*postgresEngine) args(args []any) []any {
	var out []any // a copy, made only when there is a bool to change
	for i, a := range args {
		if b, ok := a.(bool); ok {
			if out == nil {
				out = append([]any(nil), args...)
			}
			out[i] = boolInt(b)
		}
	}
	if out == nil {
		return args
	}
	return out
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func (*postgresEngine) beginWrite(ctx context.Context, begin beginFunc) (*sql.Tx, error) {
	tx, err := begin(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	if err != nil {
		return nil, err
	}
	// Wait for the lock as SQLite's busy_timeout does, 5 s at a time:
	// beginPatiently tries again (lock_timeout is isBusy) until its
	// patience or the caller's deadline runs out.
	if _, err := tx.ExecContext(ctx, `SET LOCAL lock_timeout = '5s'`); err != nil {
		_ = tx.Rollback()
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(writeLockKey)); err != nil {
		_ = tx.Rollback()
		return nil, err
	}
	return tx, nil
}

func (*postgresEngine) beginRead(ctx context.Context, begin beginFunc) (*sql.Tx, error) {
	return begin(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
}

func (*postgresEngine) retryable(err error) bool {
	switch pgCode(err) {
	case pgSerialization, pgDeadlock:
		return true
	}
	return !errors.Is(err, ErrCommitUnknown) && !errors.Is(err, context.Canceled) &&
		!errors.Is(err, context.DeadlineExceeded) && isConnectionLost(err)
}

// schemaVersion reads envei_schema; a database without it holds version 0.
func (*postgresEngine) schemaVersion(ctx context.Context, q queryer) (int, error) {
	var exists bool
	if err := q.QueryRowContext(ctx, `SELECT to_regclass('envei_schema') IS NOT NULL`).Scan(&exists); err != nil || !exists {
		return 0, err
	}
	var v int
	err := q.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM envei_schema`).Scan(&v)
	return v, err
}

// postgresMigrations returns the PostgreSQL migrations in order: the first
// is the schema of its number made at once, each later one the step of the
// SQLite migration of the same number.
func postgresMigrations() ([]migration, error) {
	out, err := readMigrations(postgresMigrationFiles, "migrations/postgres")
	if err != nil {
		return nil, err
	}
	for i := 1; i < len(out); i++ {
		if out[i].version != out[i-1].version+1 {
			return nil, fmt.Errorf("migration %s: expected number %d", out[i].name, out[i-1].version+1)
		}
	}
	if len(out) == 0 || out[len(out)-1].version != SchemaVersion() {
		return nil, fmt.Errorf("the PostgreSQL migrations do not reach schema %d", SchemaVersion())
	}
	return out, nil
}

// migrate brings the schema up to date in one transaction under the
// write lock (PostgreSQL's DDL is transactional: a crash leaves the old
// version whole), so two envei starting at once migrate once.
func (e *postgresEngine) migrate(ctx context.Context, s *Store) error {
	return e.migrateWith(ctx, s, nil)
}

// migrateWith is migrate; when it makes the schema of a new database,
// seed (when set) fills it in the same transaction, so no one ever sees
// it empty.
func (e *postgresEngine) migrateWith(ctx context.Context, s *Store, seed func(tx *Tx) error) error {
	ms, err := postgresMigrations()
	if err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Tx) error {
		current, err := e.schemaVersion(ctx, tx)
		if err != nil {
			return err
		}
		if current >= ms[len(ms)-1].version {
			return nil // done by another process
		}
		if current == 0 {
			if err := ensureEmptySchema(ctx, tx); err != nil {
				return err
			}
		}
		for _, m := range ms {
			// A new database gets every step from the first (the schema of
			// its number made at once); an existing one the steps after
			// its version.
			if current == 0 || m.version > current {
				// applyMigration: with the Go steps a migration names
				// (migrationStep), as on SQLite.
				if err := applyMigration(ctx, tx, m); err != nil {
					return err
				}
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM envei_schema`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO envei_schema (version, application_id) VALUES (?, ?)`, ms[len(ms)-1].version, ApplicationID); err != nil {
			return err
		}
		if current == 0 && seed != nil {
			return seed(tx)
		}
		return nil
	})
}

// ensureEmptySchema refuses to make envei's tables beside another
// program's: the schema envei is given must hold no tables yet.
func ensureEmptySchema(ctx context.Context, tx *Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()`).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("%w (the schema holds %d tables of another program; give envei a database or schema of its own)", ErrNotEnvei, n)
	}
	return nil
}

func (*postgresEngine) insertOrFail() string     { return "INSERT INTO" }
func (*postgresEngine) insertSelectSlices() bool { return false }

func (*postgresEngine) indexedBy(string) string { return "" }

// bulkTx runs a bulk write as one write transaction on a connection of
// its own, whose rows go in by COPY (pgx's CopyFrom) on that connection,
// inside the transaction. fn consumes its input once, so a transaction the
// server breaks off is not run again.
func (*postgresEngine) bulkTx(ctx context.Context, s *Store, fn func(tx *Tx) error) error {
	conn, err := bulkConn(ctx, s.db.pool)
	if err != nil {
		return mapErr(err)
	}
	defer conn.Close()
	copyRows := func(ctx context.Context, table string, cols []string, rows [][]any) error {
		return conn.Raw(func(driverConn any) error {
			c, ok := driverConn.(*stdlib.Conn)
			if !ok {
				return fmt.Errorf("bulk copy: a %T is not a pgx connection", driverConn)
			}
			_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
			return err
		})
	}
	err = s.inTxOnce(ctx, conn.BeginTx, func(tx *Tx) error {
		pipe := newCopyPipe(ctx, copyRows)
		tx.copy, tx.pipe = pipe.copy, pipe
		err := bulkLoadPostgres(ctx, tx, fn)
		// A COPY that failed is the cause of whatever failed after it
		// (the transaction was aborted by then), so its error is the one
		// reported: a duplicate ref, not "transaction is aborted".
		if copyErr := pipe.close(); copyErr != nil {
			return copyErr
		}
		return err
	})
	if err != nil {
		return err
	}
	vacuumAfterBulkLoad(ctx, conn)
	return nil
}

// bulkLoaded are the tables a bulk load fills with many rows.
const bulkLoaded = "referrals, referral_outcomes, assessments, events"

// vacuumAfterBulkLoad vacuums and analyses the tables a bulk load filled,
// once it has committed (VACUUM cannot run inside a transaction). A heap
// just written has no visibility map, so the reports' covering indexes
// cannot be read without visiting every row, and a table the planner has
// no statistics for gets bad plans: until autovacuum came by, envei stats
// at 300,000 referrals took 1.8 s, after it 0.5 s (BENCHMARKS.md). The
// load has committed by then, so a VACUUM that fails (the caller gave up,
// the server went away) is not the load's failure: autovacuum does the
// same work later, and only the first reports are slower.
func vacuumAfterBulkLoad(ctx context.Context, conn *sql.Conn) {
	_, _ = conn.ExecContext(ctx, `VACUUM (ANALYZE) `+bulkLoaded)
}

// bulkLoadPostgres runs fn; into an empty referrals table it first drops
// the secondary indexes of referrals and builds them again before the
// commit, as the SQLite bulk load does (bulkLoad): one sort per index
// instead of a million random inserts into each. The primary key and the
// UNIQUE ref go too and come back first, checking every row
// (dropReferralKeys). Dropping an index locks the table until the commit:
// readers of an empty database wait for its first import.
func bulkLoadPostgres(ctx context.Context, tx *Tx, fn func(tx *Tx) error) error {
	var empty bool
	if err := tx.QueryRowContext(ctx, `SELECT NOT EXISTS (SELECT 1 FROM referrals)`).Scan(&empty); err != nil {
		return err
	}
	if !empty {
		return fn(tx)
	}
	rows, err := tx.QueryContext(ctx, `SELECT i.relname, pg_get_indexdef(x.indexrelid)
		FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
		WHERE x.indrelid = 'referrals'::regclass AND NOT x.indisprimary AND NOT x.indisunique
		ORDER BY i.relname`)
	if err != nil {
		return err
	}
	var names, defs []string
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			rows.Close()
			return err
		}
		names, defs = append(names, name), append(defs, def)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, name := range names {
		if _, err := tx.ExecContext(ctx, `DROP INDEX `+pgx.Identifier{name}.Sanitize()); err != nil {
			return err
		}
	}
	restoreForeignKeys, err := dropReferralForeignKeys(ctx, tx)
	if err != nil {
		return err
	}
	restoreKeys, err := dropReferralKeys(ctx, tx)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return err
	}
	if err := restoreKeys(ctx); err != nil {
		return err
	}
	for _, def := range defs {
		if _, err := tx.ExecContext(ctx, def); err != nil {
			return fmt.Errorf("rebuilding after the bulk load: %w", err)
		}
	}
	return restoreForeignKeys(ctx)
}

// redactDSN returns the DSN without its password (and the rest of the
// user information), fit to print: a DSN names the database in messages.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://(a DSN that does not parse)"
	}
	u.User = nil
	q := u.Query()
	if q.Has("password") {
		q.Del("password")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// openPostgres opens the envei database on a PostgreSQL server, making
// its schema when allowed.
func openPostgres(ctx context.Context, dsn string, opts Options) (*Store, error) {
	name := redactDSN(dsn)
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	pool, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, scrub(err, dsn))
	}
	eng := &postgresEngine{}
	s := &Store{db: &DB{pool: pool, eng: eng}, eng: eng, path: name, now: now}
	fail := func(err error) (*Store, error) {
		pool.Close()
		return nil, fmt.Errorf("%s: %w", name, scrub(err, dsn))
	}
	if err := pool.PingContext(ctx); err != nil {
		return fail(err)
	}
	version, err := eng.schemaVersion(ctx, s.db)
	if err != nil {
		return fail(err)
	}
	if version > 0 {
		var appID int64
		if err := s.db.QueryRowContext(ctx, `SELECT application_id FROM envei_schema`).Scan(&appID); err != nil {
			return fail(err)
		}
		if appID != ApplicationID {
			return fail(fmt.Errorf("%w (a database of another program)", ErrNotEnvei))
		}
	}
	if err := checkVersion(name, version); err != nil {
		pool.Close()
		return nil, err
	}
	switch {
	case version == 0 && !opts.Create:
		return fail(ErrNoDatabase)
	case version == 0:
		if !intake.ValidUsername(opts.Creator.Username) {
			return fail(errors.New("create database: the creating user has no valid login name"))
		}
		seed := func(tx *Tx) error {
			s.test = opts.Test // not read back until loadSettings
			return s.seedIn(ctx, tx, opts)
		}
		if err := eng.migrateWith(ctx, s, seed); err != nil {
			return fail(err)
		}
	case version < SchemaVersion():
		if err := eng.migrate(ctx, s); err != nil {
			return fail(err)
		}
	}
	if err := s.loadSettings(ctx); err != nil {
		return fail(err)
	}
	return s, nil
}

// scrub removes the DSN's password from an error's text, should the
// driver have repeated it.
func scrub(err error, dsn string) error {
	u, perr := url.Parse(dsn)
	if perr != nil || err == nil {
		return err
	}
	// The password may be given as user information or as the password
	// parameter (libpq's form); either may be quoted back.
	secrets := u.Query()["password"]
	if secret, ok := u.User.Password(); ok {
		secrets = append(secrets, secret)
	}
	text := err.Error()
	for _, secret := range secrets {
		if secret != "" {
			text = strings.ReplaceAll(text, secret, "********")
		}
	}
	if text == err.Error() {
		return err
	}
	return scrubbed{text: text, err: err}
}

type scrubbed struct {
	text string
	err  error
}

func (e scrubbed) Error() string { return e.text }
func (e scrubbed) Unwrap() error { return e.err }
