package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"

	"envei/intake"
)

// Store is an open envei database.
type Store struct {
	db   *DB
	eng  engine
	path string // the file, or the server's DSN without its password
	now  func() time.Time
	cal  intake.Calendar
	test bool
	// breakTx, when set (tests only), is called after each write
	// transaction's fn; an error it returns breaks the transaction off as
	// the server would, so a test can see InTx run fn again.
	breakTx func() error
	// breakRead, when set (tests only), is called after each read
	// transaction's fn (inReadTx), before its commit, with its
	// transaction: a test can end the reading backend there.
	breakRead func(tx *Tx) error
}

// Options control Open.
type Options struct {
	// Create makes a new database when none exists at the path. When false,
	// a missing database is ErrNoDatabase.
	Create bool
	// Test marks a newly created database as test data: it accepts
	// synthetic national ids. Ignored for an existing database.
	Test bool
	// Creator is put on the roster of a new database as admin.
	Creator intake.Clinician
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// pragmas are set on every pooled connection through the DSN. A db.Exec of
// a PRAGMA would reach only one connection of the pool.
const pragmas = "_pragma=busy_timeout(5000)" +
	"&_pragma=journal_mode(WAL)" +
	"&_pragma=synchronous(FULL)" +
	"&_pragma=foreign_keys(1)" +
	"&_txlock=immediate"

// fileURI turns a path into a SQLite URI, escaping characters such as ? and
// # that would otherwise end the file name. The path is made absolute
// first: a relative one would come out as file://name, and SQLite would
// read its first segment as the URI's authority ("invalid uri authority").
func fileURI(path string, query string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path), RawQuery: query}
	return u.String()
}

// Open opens the envei database at path, creating it when allowed. An
// existing file that is not an envei database, or is newer than this
// binary, is refused and left untouched.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if isPostgresDSN(path) {
		return openPostgres(ctx, path, opts)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	if err := checkLocalDisk(abs); err != nil {
		return nil, err
	}
	if err := checkOwnership(abs); err != nil {
		return nil, err
	}
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if !opts.Create {
			return nil, fmt.Errorf("%s: %w", abs, ErrNoDatabase)
		}
		if err := create(ctx, abs, opts, now); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, err
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("%s: %w (not a regular file)", abs, ErrNotEnvei)
	}
	if err := inspectForOpen(ctx, abs); err != nil {
		return nil, err
	}
	s, err := openPool(abs, now)
	if err != nil {
		return nil, err
	}
	// The header may lag behind a write-ahead log that another envei has
	// not checkpointed yet; SQLite's answer is the authoritative one.
	version, err := s.eng.schemaVersion(ctx, s.db)
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("%s: %w", abs, err)
	}
	if err := checkVersion(abs, version); err != nil {
		s.Close()
		return nil, err
	}
	if version < SchemaVersion() {
		if err := s.eng.migrate(ctx, s); err != nil {
			s.Close()
			return nil, err
		}
	}
	if err := s.loadSettings(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func openPool(path string, now func() time.Time) (*Store, error) {
	db, err := sql.Open("sqlite", fileURI(path, pragmas))
	if err != nil {
		return nil, err
	}
	eng := sqliteEngine{}
	return &Store{db: &DB{pool: db, eng: eng}, eng: eng, path: path, now: now}, nil
}

// inspectForOpen refuses a file Open must not touch. A file in
// rollback-journal mode (a restored backup is one) is also checked through
// SQLite before the pool opens it, because the pool's journal_mode(WAL)
// rewrites its header at the first connection: anything found wrong after
// that would be refused with the file already changed.
func inspectForOpen(ctx context.Context, path string) error {
	h, err := inspect(path)
	if err != nil || h.wal {
		return err
	}
	switch err := preflight(ctx, path); {
	case err == nil:
		return nil
	case errors.Is(err, ErrTooNew):
		return err
	case notAboutTheFile(err):
		// Locked by another process, read-only, unreadable: the file may
		// be sound, and calling it damaged could lead someone to restore a
		// backup over it.
		return fmt.Errorf("%s: %w", path, mapErr(err))
	default:
		return fmt.Errorf("%s: %w (%v; restore a backup)", path, ErrDamaged, err)
	}
}

// notAboutTheFile reports whether a SQLite error comes from the file's
// circumstances (locks, permissions, the disk) rather than its content.
func notAboutTheFile(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	switch sqliteCode(err) & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM,
		sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL, sqlite3.SQLITE_NOMEM,
		sqlite3.SQLITE_INTERRUPT, sqlite3.SQLITE_AUTH:
		return true
	}
	return false
}

// preflight does to a file in rollback-journal mode what Open is about to
// do (read the schema version, bring the schema up to date, read the
// settings), after a quick_check, in one transaction that it rolls back.
// The rollback journal puts back every page, so whatever the outcome the
// file is as it was.
func preflight(ctx context.Context, path string) error {
	// The pool's pragmas but WAL, so the migrations run as they will.
	db, err := sql.Open("sqlite", fileURI(path, "_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_txlock=immediate"))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var check string
	if err := tx.QueryRowContext(ctx, "PRAGMA quick_check(1)").Scan(&check); err != nil {
		return err
	}
	if check != "ok" {
		return errors.New("quick_check: " + check)
	}
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if err := checkVersion(path, version); err != nil {
		return err
	}
	ms, err := migrations()
	if err != nil {
		return err
	}
	for _, m := range ms[min(max(version, 0), len(ms)):] {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return err
		}
	}
	return rows.Err()
}

// fileHeader is what inspect reads from the SQLite header.
type fileHeader struct {
	version int  // user_version: the schema version
	wal     bool // the file is in WAL mode
}

// inspect reads the 100-byte SQLite header of an existing file itself,
// without SQLite: even a read-only SQLite connection would create -wal and
// -shm files beside a WAL database, and a foreign file must be left exactly
// as it was. It returns the schema version and journal mode recorded in
// the header; the caller confirms the version through SQLite once the file
// is known to be ours.
func inspect(path string) (fileHeader, error) {
	f, err := os.Open(path)
	if err != nil {
		return fileHeader{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fileHeader{}, err
	}
	h := make([]byte, 100)
	if _, err := io.ReadFull(f, h); err != nil || string(h[:16]) != "SQLite format 3\x00" {
		return fileHeader{}, fmt.Errorf("%s: %w (not a SQLite file)", path, ErrNotEnvei)
	}
	pageSize := int64(binary.BigEndian.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	pages := int64(binary.BigEndian.Uint32(h[28:32]))
	version := int(binary.BigEndian.Uint32(h[60:64]))
	appID := binary.BigEndian.Uint32(h[68:72])
	switch {
	case appID != ApplicationID:
		return fileHeader{}, fmt.Errorf("%s: %w (a SQLite file of another program)", path, ErrNotEnvei)
	case fi.Size() < pages*pageSize && !pendingLog(path):
		return fileHeader{}, fmt.Errorf("%s: %w (the file is shorter than its header says: truncated or damaged; restore a backup)", path, ErrDamaged)
	}
	// Bytes 18 and 19 are the write and read format versions: 2 in WAL
	// mode, 1 with a rollback journal.
	wal := h[18] == 2 && h[19] == 2
	return fileHeader{version: version, wal: wal}, checkVersion(path, version)
}

// pendingLog reports whether path has a write-ahead log with frames in it.
// Then the main file's header need not match its length: a checkpoint cut
// short by a crash copies page 1 (which counts the pages) before it
// extends the file with the pages after the old end, and SQLite completes
// the file from the log when it opens it. The integrity check after
// opening (quick_check, in Open) still finds a file that is damaged.
func pendingLog(path string) bool {
	fi, err := os.Stat(path + "-wal")
	return err == nil && fi.Size() > 0
}

func checkVersion(path string, version int) error {
	if version > SchemaVersion() {
		return fmt.Errorf("%s: %w (schema %d, this envei knows up to %d; upgrade envei)", path, ErrTooNew, version, SchemaVersion())
	}
	return nil
}

// Close closes the database. The last connection to close checkpoints the
// write-ahead log into the main file.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the absolute path of the database file, or for a server
// its DSN without the password.
func (s *Store) Path() string { return s.path }

// IsTest reports whether this is a test database (synthetic ids allowed).
func (s *Store) IsTest() bool { return s.test }

// Calendar returns the working-day calendar this database counts with.
func (s *Store) Calendar() intake.Calendar { return s.cal }

// stamp returns now as a UTC timestamp with a Z, the form every timestamp
// column holds.
func (s *Store) stamp() string {
	return s.now().UTC().Format(time.RFC3339)
}

// today is the current date in Norway, where the reception is.
func (s *Store) today() intake.Date {
	return intake.DateOf(s.now(), intake.Oslo)
}
