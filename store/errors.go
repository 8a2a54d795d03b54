package store

import (
	"errors"

	"envei/intake"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Sentinel errors: callers test for these with errors.Is and never see a
// driver error. None of them carries patient data.
var (
	ErrNotFound  = intake.ErrNotFound
	ErrDuplicate = intake.ErrDuplicate
	ErrConflict  = intake.ErrConflict
	ErrForbidden = intake.ErrForbidden
	ErrStep      = intake.ErrStep
	ErrBusy      = intake.ErrBusy
	// ErrNotEnvei means the file exists but is not an envei database. It is
	// left as it was.
	ErrNotEnvei = errors.New("not an envei database")
	// ErrTooNew means the database was written by a newer envei.
	ErrTooNew = errors.New("database schema is newer than this envei")
	// ErrDamaged means the file is ours but damaged (for example truncated).
	ErrDamaged = errors.New("database file is damaged")
	// ErrNetworkFS means the database would live on a network file system,
	// where SQLite's write-ahead log is unsafe.
	ErrNetworkFS = errors.New("envei keeps its database on a local disk only: SQLite's write-ahead log needs shared memory and reliable locks, which network file systems do not give; move it to a local disk")
	// ErrUnsafeFiles means the database's folder, or a file beside it, lets
	// another user read or change what envei writes.
	ErrUnsafeFiles = errors.New("envei refuses a database that other users can reach")
	// ErrNoReferrals means an import file holds no referral at all.
	ErrNoReferrals = errors.New("the file holds no referrals (only a header, or blank lines); nothing was imported")
	// ErrNoDatabase means the database does not exist and was not to be created.
	ErrNoDatabase = errors.New("no database here")
	// ErrNotEmpty means the action needs a database without referrals.
	ErrNotEmpty = errors.New("database is not empty")
	// ErrNotOnRoster means the OS user running envei is not on the roster.
	ErrNotOnRoster = errors.New("not on the roster")
	// ErrRefused means the database refused a change that breaks a rule of
	// its schema (a foreign key, a CHECK, an append-only table).
	ErrRefused = errors.New("the database refused the change")
	// ErrInterrupted: see intake.ErrInterrupted.
	ErrInterrupted = intake.ErrInterrupted
	// ErrReadInterrupted means the database server broke off a read that
	// had already handed part of its rows on (an export, the report rows
	// stream them), so it cannot be run again by itself: what was handed
	// on is incomplete. It is ErrInterrupted to errors.Is.
	ErrReadInterrupted error = readInterrupted{}
	// ErrCommitUnknown: see intake.ErrCommitUnknown.
	ErrCommitUnknown = intake.ErrCommitUnknown
)

type readInterrupted struct{}

func (readInterrupted) Error() string {
	return "the database server broke off the read part-way; what it gave so far is incomplete and nothing was saved from it; run it again"
}
func (readInterrupted) Is(target error) bool { return target == ErrInterrupted }

// sqliteCode returns the extended SQLite result code in err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	return 0
}

// isBusy reports whether err is SQLITE_BUSY or one of its extended forms
// (BUSY_SNAPSHOT, BUSY_RECOVERY, BUSY_TIMEOUT) or SQLITE_LOCKED.
func isBusy(err error) bool {
	c := sqliteCode(err) & 0xff
	return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED || pgCode(err) == pgLockTimeout
}

// isUnique reports whether err is a UNIQUE or PRIMARY KEY violation.
func isUnique(err error) bool {
	c := sqliteCode(err)
	return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY || pgCode(err) == pgUniqueViolation
}

// isRefusal reports whether err is a foreign key or CHECK violation, or a
// trigger's refusal (an append-only table).
func isRefusal(err error) bool {
	switch sqliteCode(err) {
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY, sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_TRIGGER:
		return true
	}
	switch pgCode(err) {
	case pgForeignKeyViolation, pgCheckViolation, pgNotNullViolation, pgRaiseException:
		return true
	}
	return false
}

// mapErr turns the driver errors callers may act on into sentinel errors,
// for either engine: each driver's errors say which they are.
func mapErr(err error) error {
	switch {
	case err == nil:
		return nil
	case isBusy(err):
		return ErrBusy
	case isUnique(err):
		return ErrDuplicate
	case isRefusal(err):
		return refusal{err}
	}
	return err
}

// refusal keeps the driver's message (it names the rule, never a value)
// and is ErrRefused to errors.Is.
type refusal struct{ err error }

func (r refusal) Error() string        { return r.err.Error() }
func (r refusal) Is(target error) bool { return target == ErrRefused }
func (r refusal) Unwrap() error        { return r.err }
