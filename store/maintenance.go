package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"envei/intake"
)

// CheckReport is what envei check found. Problems is empty when the
// database is sound.
type CheckReport struct {
	Integrity     string // "ok" or SQLite's first complaints
	ForeignKeys   int    // rows that point at nothing
	SchemaVersion int
	ApplicationID int
	Problems      []string
}

// Check runs the engine's integrity and foreign key checks and confirms
// the database is an envei database of a schema this binary knows.
func (s *Store) Check(ctx context.Context) (CheckReport, error) {
	return s.eng.check(ctx, s)
}

// check is Check on SQLite: its integrity check and foreign key check.
func (sqliteEngine) check(ctx context.Context, s *Store) (CheckReport, error) {
	var r CheckReport
	rows, err := s.db.QueryContext(ctx, `PRAGMA integrity_check(20)`)
	if err != nil {
		return r, err
	}
	var lines []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return r, err
		}
		lines = append(lines, line)
	}
	rows.Close()
	r.Integrity = strings.Join(lines, "; ")
	if r.Integrity != "ok" {
		r.Problems = append(r.Problems, "integrity check: "+r.Integrity)
	}
	fk, err := s.db.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return r, err
	}
	for fk.Next() {
		r.ForeignKeys++
	}
	fk.Close()
	if r.ForeignKeys > 0 {
		r.Problems = append(r.Problems, fmt.Sprintf("foreign keys: %d rows point at nothing", r.ForeignKeys))
	}
	if err := s.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&r.SchemaVersion); err != nil {
		return r, err
	}
	if err := s.db.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&r.ApplicationID); err != nil {
		return r, err
	}
	if r.SchemaVersion != SchemaVersion() {
		r.Problems = append(r.Problems, fmt.Sprintf("schema version %d, this envei writes %d", r.SchemaVersion, SchemaVersion()))
	}
	if r.ApplicationID != ApplicationID {
		r.Problems = append(r.Problems, fmt.Sprintf("application id %#x is not envei's %#x", r.ApplicationID, ApplicationID))
	}
	return r, nil
}

// ErrExists means a backup or restore would overwrite a file.
var ErrExists = errors.New("file exists; envei does not overwrite it")

// Backup writes a consistent snapshot of the database to dest while others
// keep working: VACUUM INTO a temporary file next to dest, check it, fsync
// it, and link it into place, so dest is either absent or a whole, checked
// database. Admins only. It refuses to overwrite dest.
//
// No file holding the copy is ever readable by another user, not for a
// moment and not after a kill -9: the temporary file is made empty with
// mode 0600 before VACUUM INTO fills it (SQLite writes into an existing
// empty file and keeps its mode; made by VACUUM INTO it would get the
// umask's mode, typically 0644), inside a folder of mode 0700 of its own,
// so even a wider file there could not be reached. A killed backup leaves
// that private folder (.envei-backup-*) behind; it can be deleted.
func (s *Store) Backup(ctx context.Context, who intake.Clinician, dest string) error {
	if !who.Role.AtLeast(intake.RoleAdmin) {
		return ErrForbidden
	}
	if _, ok := s.eng.(sqliteEngine); !ok {
		return ErrServerBackup
	}
	// The file's name goes into the event trail, which is printed.
	if err := intake.CheckLine("dest", filepath.Base(dest)); err != nil {
		return err
	}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if _, err := os.Lstat(abs); err == nil {
		return fmt.Errorf("%s: %w", dest, ErrExists)
	}
	dir := filepath.Dir(abs)
	work, err := os.MkdirTemp(dir, ".envei-backup-*") // mode 0700
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer os.RemoveAll(work)
	tmp := filepath.Join(work, "backup.db")
	if err := createPrivate(tmp); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	// VACUUM INTO reads one snapshot of the database in a read transaction,
	// so writers carry on and the copy is consistent.
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := publishCopy(ctx, tmp, abs, dest, "backup: the copy"); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Tx) error {
		return appendEvent(ctx, tx, s.stamp(), who.Username, 0, "backup_written", filepath.Base(dest))
	})
}

// createPrivate makes an empty file of mode 0600 that did not exist.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	err = f.Chmod(0o600) // a umask can only have narrowed it; make it exact
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// publishCopy checks the database copied to tmp (verifyCopy), syncs it to
// disk and only then links it to abs (dest as the user gave it), never
// over a file that is there: the name holds a whole, checked copy or
// nothing. what names the copy in the error of a failed check.
func publishCopy(ctx context.Context, tmp, abs, dest, what string) error {
	if err := verifyCopy(ctx, tmp); err != nil {
		return fmt.Errorf("%s failed its check: %w", what, err)
	}
	if err := syncFile(tmp); err != nil {
		return err
	}
	if err := os.Link(tmp, abs); err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s: %w", dest, ErrExists)
		}
		return err
	}
	return syncDir(filepath.Dir(abs))
}

// verifyCopy opens a copy of a database read-only and requires it to be a
// sound envei database: SQLite's integrity check, every foreign key, and,
// for a copy at this envei's schema version, every hash chain (an older
// one has its chains checked once it is opened and migrated).
func verifyCopy(ctx context.Context, path string) error {
	header, err := inspect(path)
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite", fileURI(path, "mode=ro"))
	if err != nil {
		return err
	}
	defer db.Close()
	var result string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&result); err != nil {
		return err
	}
	if result != "ok" {
		return fmt.Errorf("integrity check: %s", result)
	}
	var fkProblems int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&fkProblems); err != nil {
		return err
	}
	if fkProblems > 0 {
		return fmt.Errorf("%d rows point at nothing", fkProblems)
	}
	all, err := migrations()
	if err != nil {
		return err
	}
	if header.version != len(all) {
		return nil
	}
	return verifyCopyChains(ctx, db)
}

// verifyCopyChains requires the hash chains of a copy to hold: a backup
// whose rows were changed outside envei (the event trail, the access log,
// a sealed assessment, a draw) is not put back, and a backup that would
// be is not called verified.
func verifyCopyChains(ctx context.Context, db *sql.DB) error {
	raw, err := db.BeginTx(ctx, readOnly)
	if err != nil {
		return err
	}
	defer raw.Rollback()
	rep, err := verifyChains(ctx, &Tx{tx: raw, eng: sqliteEngine{}}, anchor{}, false)
	if err != nil {
		return err
	}
	if n := len(rep.Problems); n > 0 {
		more := ""
		if n > 1 {
			more = fmt.Sprintf(" (and %d more; envei check on the file lists them)", n-1)
		}
		return fmt.Errorf("%w: %s%s", ErrChainsBroken, rep.Problems[0], more)
	}
	return nil
}

// ErrChainsBroken means a copy's hash chains show rows changed, added or
// removed outside envei.
var ErrChainsBroken = errors.New("the hash chains do not hold: rows were changed outside envei")

// ErrInUse means another process has the database open.
var ErrInUse = errors.New("the database is open in another envei (a console, a report or an import); close it first")

// Restore replaces the database at path with the backup at src. It checks
// the backup first, refuses while any other process has the database open,
// and keeps the replaced file aside (path.replaced-TIMESTAMP) rather than
// deleting it. It returns the name the old file was kept under.
//
// The new file gets the owner, group and mode of the one it replaces (a
// group-owned setup keeps working), except that it never gives other users
// access. It is prepared in full before the old file is moved, so a
// failure leaves the database as it was.
func Restore(ctx context.Context, src, path string, now time.Time) (string, error) {
	if IsServer(path) || IsServer(src) {
		return "", ErrServerBackup
	}
	path, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if err := verifyCopy(ctx, src); err != nil {
		return "", fmt.Errorf("restore: %s is not a sound envei backup: %w", src, err)
	}
	if err := checkOwnership(path); err != nil {
		return "", err
	}
	old, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		old = nil
	case err != nil:
		return "", err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".envei-restore-*.db") // mode 0600
	if err != nil {
		return "", err
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName)
	in, err := os.Open(src)
	if err != nil {
		tmp.Close()
		return "", err
	}
	_, err = tmp.ReadFrom(in)
	in.Close()
	if err == nil && old != nil {
		err = likeReplaced(tmp, old)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	aside := ""
	if old != nil {
		aside = fmt.Sprintf("%s.replaced-%s", path, now.UTC().Format("20060102T150405Z"))
		if err := takeOver(ctx, path); err != nil {
			return "", err
		}
		if err := os.Rename(path, aside); err != nil {
			return "", err
		}
		for _, side := range []string{"-wal", "-shm"} {
			_ = os.Remove(path + side) // checkpointed and empty after takeOver
		}
	}
	if err := os.Link(tmpName, path); err != nil {
		return "", err
	}
	return aside, syncDir(dir)
}

// takeOver makes sure no other connection has the database open: leaving
// WAL mode needs every other connection closed (SQLite refuses with BUSY
// otherwise), and doing so checkpoints the log into the main file.
func takeOver(ctx context.Context, path string) error {
	if _, err := inspect(path); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", fileURI(path, "_pragma=busy_timeout(200)"))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var mode string
	err = db.QueryRowContext(ctx, `PRAGMA journal_mode = DELETE`).Scan(&mode)
	if isBusy(err) || (err == nil && mode != "delete") {
		return ErrInUse
	}
	return err
}
