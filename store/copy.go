package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"envei/intake"
)

// readCopy is what the access log names a copy of the whole database.
const readCopy = "copy"

// CopyReport is what envei copy wrote and checked.
type CopyReport struct {
	// Tables are the row counts and content digests, equal on both sides.
	Tables []TableDigest
	// Anchor stands for every hash chain; equal on both sides.
	Anchor string
}

// Rows is the number of rows copied.
func (r CopyReport) Rows() int64 {
	var n int64
	for _, t := range r.Tables {
		n += t.Rows
	}
	return n
}

// ErrCopyDiffers means the destination, read back before its commit, did
// not hold what the source holds; nothing was written.
var ErrCopyDiffers = errors.New("the copy does not hold what the source holds; nothing was written")

// copyProgressEvery is how many rows pass between two progress reports.
const copyProgressEvery = 1000

// CopyTo copies the whole database into dest, a new SQLite file or an
// empty PostgreSQL database, keeping every row as stored (ids, refs,
// hashes): a reception moving between the engines. Admins only.
//
// The copy reads the source in its write transaction, so no one changes
// the source while it moves (a write made meanwhile would be left behind),
// and records itself first in the source's access log: it discloses every
// patient. That row is part of what is copied, so both databases end the
// same, anchor and all; nothing is appended to the destination, whose
// chains must hash to the source's anchor.
//
// The destination is written in one transaction and read back in it before
// the commit: each table's row count and digest (DigestTables) and the
// chains' anchor must equal the source's, or nothing is written. A new
// SQLite file is built in a private folder beside dest and linked into
// place only when whole, as Backup does.
func (s *Store) CopyTo(ctx context.Context, who intake.Clinician, dest string, progress Progress) (CopyReport, error) {
	if !who.Role.AtLeast(intake.RoleAdmin) {
		return CopyReport{}, ErrForbidden
	}
	if progress == nil {
		progress = func(int) {}
	}
	if isPostgresDSN(dest) {
		return s.copyToPostgres(ctx, who, dest, progress)
	}
	return s.copyToFile(ctx, who, dest, progress)
}

// copyToFile copies into a new SQLite file.
func (s *Store) copyToFile(ctx context.Context, who intake.Clinician, dest string, progress Progress) (CopyReport, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return CopyReport{}, err
	}
	if _, err := os.Lstat(abs); err == nil {
		return CopyReport{}, fmt.Errorf("%s: %w", dest, ErrExists)
	}
	// The copy must be a database envei will open: the checks Open makes
	// of the folder, before anything is written there.
	if err := checkLocalDisk(abs); err != nil {
		return CopyReport{}, err
	}
	if err := checkOwnership(abs); err != nil {
		return CopyReport{}, err
	}
	dir := filepath.Dir(abs)
	work, err := os.MkdirTemp(dir, ".envei-copy-*") // mode 0700
	if err != nil {
		return CopyReport{}, fmt.Errorf("copy: %w", err)
	}
	defer os.RemoveAll(work)
	tmp := filepath.Join(work, "copy.db")
	if err := createPrivate(tmp); err != nil {
		return CopyReport{}, fmt.Errorf("copy: %w", err)
	}
	d, err := openPool(tmp, s.now)
	if err != nil {
		return CopyReport{}, err
	}
	defer d.Close()
	if err := d.eng.migrate(ctx, d); err != nil {
		return CopyReport{}, fmt.Errorf("copy: %w", err)
	}
	var rep CopyReport
	err = s.inTxOnce(ctx, s.db.pool.BeginTx, func(src *Tx) error {
		err := d.inTxOnce(ctx, d.db.pool.BeginTx, func(dst *Tx) error {
			// Foreign keys are checked at the commit, so a multi-row
			// INSERT needs no statement journal (see rowBatch).
			if _, err := dst.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
				return err
			}
			var err error
			rep, err = s.copyAll(ctx, who, src, dst, progress)
			return err
		})
		if err != nil {
			return err
		}
		if err := d.Close(); err != nil {
			return err
		}
		return publishCopy(ctx, tmp, abs, dest, "copy: the new file")
	})
	return rep, err
}

// copyToPostgres copies into a PostgreSQL database that holds no tables,
// or only an empty envei schema of this version (what a copy broken off
// leaves: the schema is made in a transaction of its own, before the
// copy's, because the bulk path reads it).
func (s *Store) copyToPostgres(ctx context.Context, who intake.Clinician, dsn string, progress Progress) (CopyReport, error) {
	name := redactDSN(dsn)
	pool, err := sql.Open("pgx", dsn)
	if err != nil {
		return CopyReport{}, fmt.Errorf("%s: %w", name, scrub(err, dsn))
	}
	eng := &postgresEngine{}
	d := &Store{db: &DB{pool: pool, eng: eng}, eng: eng, path: name, now: s.now}
	defer d.Close()
	fail := func(err error) (CopyReport, error) {
		return CopyReport{}, fmt.Errorf("%s: %w", name, scrub(err, dsn))
	}
	version, err := eng.schemaVersion(ctx, d.db)
	if err != nil {
		return fail(err)
	}
	switch {
	case version == 0:
		// migrate refuses a schema holding another program's tables.
		if err := eng.migrate(ctx, d); err != nil {
			return fail(err)
		}
	case version != SchemaVersion():
		return fail(fmt.Errorf("%w (it holds an envei database of schema %d; this envei copies schema %d into a database with no tables)",
			ErrNotEmpty, version, SchemaVersion()))
	default:
		var appID int64
		if err := d.db.QueryRowContext(ctx, `SELECT application_id FROM envei_schema`).Scan(&appID); err != nil {
			return fail(err)
		}
		if appID != ApplicationID {
			return fail(fmt.Errorf("%w (a database of another program)", ErrNotEnvei))
		}
	}
	var rep CopyReport
	err = s.inTxOnce(ctx, s.db.pool.BeginTx, func(src *Tx) error {
		return eng.bulkTx(ctx, d, func(dst *Tx) error {
			var err error
			rep, err = s.copyAll(ctx, who, src, dst, progress)
			return err
		})
	})
	if err != nil && !errors.Is(err, context.Canceled) {
		return fail(err)
	}
	return rep, err
}

// copyAll logs the copy in the source, copies every table from src into
// dst (empty, refused otherwise) and reads dst back; both transactions
// are the caller's to commit.
func (s *Store) copyAll(ctx context.Context, who intake.Clinician, src, dst *Tx, progress Progress) (CopyReport, error) {
	var rep CopyReport
	if err := requireEmpty(ctx, dst); err != nil {
		return rep, err
	}
	var maxID int64
	if err := src.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM referrals`).Scan(&maxID); err != nil {
		return rep, err
	}
	if err := logAccess(ctx, src, s.stamp(), accessEntry{
		actor: who, what: readCopy, basis: intake.BasisBulk, maxID: maxID,
	}); err != nil {
		return rep, err
	}
	before, err := verifyChains(ctx, src, anchor{}, false)
	if err != nil {
		return rep, err
	}
	if len(before.Problems) > 0 {
		return rep, fmt.Errorf("%w: the source's hash chains do not verify (%d problems; envei check names them); a copy would carry them unseen", ErrCopyDiffers, len(before.Problems))
	}
	done := 0
	for _, t := range copyTables() {
		cols, err := tableColumns(ctx, src, t.name)
		if err != nil {
			return rep, err
		}
		have, err := tableColumns(ctx, dst, t.name)
		if err != nil {
			return rep, err
		}
		if !sameSet(cols, have) {
			return rep, fmt.Errorf("copy: table %s has columns %v here and %v in the destination", t.name, cols, have)
		}
		d := newTableDigest(t.name, cols)
		w := newRowBatch(dst, t.name+" ("+strings.Join(cols, ", ")+")", len(cols), max(1, 500/len(cols)))
		forward := referralsForward{}
		err = scanTable(ctx, src, t, cols, func(row []any) error {
			d.add(row)
			if t.name == "referrals" {
				forward.hold(cols, row)
			}
			if err := w.add(ctx, row...); err != nil {
				return err
			}
			done++
			if done%copyProgressEvery == 0 {
				progress(done)
			}
			return ctx.Err()
		})
		if err == nil {
			err = w.flush(ctx)
		}
		w.close()
		if err != nil {
			return rep, fmt.Errorf("copy: table %s: %w", t.name, err)
		}
		if err := forward.write(ctx, dst); err != nil {
			return rep, err
		}
		rep.Tables = append(rep.Tables, d.sum())
		progress(done)
	}
	// Read back what the destination now holds, in its own transaction.
	got, err := digestTables(ctx, dst)
	if err != nil {
		return rep, err
	}
	for i, g := range got {
		if g != rep.Tables[i] {
			return rep, fmt.Errorf("%w: table %s: %d rows here, %d there, or their content differs", ErrCopyDiffers, g.Table, rep.Tables[i].Rows, g.Rows)
		}
	}
	after, err := verifyChains(ctx, dst, anchor{}, false)
	if err != nil {
		return rep, err
	}
	if len(after.Problems) > 0 || after.Anchor != before.Anchor {
		return rep, fmt.Errorf("%w: the hash chains do not give the source's anchor (%d problems)", ErrCopyDiffers, len(after.Problems))
	}
	rep.Anchor = before.Anchor
	return rep, nil
}

// requireEmpty refuses a destination holding any row in a table copied.
func requireEmpty(ctx context.Context, tx *Tx) error {
	var held []string
	for _, t := range copyTables() {
		var n int64
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+t.name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			held = append(held, fmt.Sprintf("%d %s", n, t.name))
		}
	}
	if len(held) > 0 {
		return fmt.Errorf("%w (it holds %s; envei copy makes the database itself, so that both end the same: give it one with no tables, made by CREATE DATABASE and not by envei init)",
			ErrNotEmpty, strings.Join(held, ", "))
	}
	return nil
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// referralsForward holds the merges that point at a later referral
// (merged_into greater than the row's own id): a foreign key is checked
// as each row goes in on PostgreSQL, so such a row goes in without it and
// gets it once every referral is in. The digest sees the row as stored.
type referralsForward struct {
	ids, into []int64
}

func (f *referralsForward) hold(cols []string, row []any) {
	id, into := -1, -1
	for i, c := range cols {
		switch c {
		case "id":
			id = i
		case "merged_into":
			into = i
		}
	}
	if id < 0 || into < 0 {
		return
	}
	own, ok1 := row[id].(int64)
	target, ok2 := row[into].(int64)
	if ok1 && ok2 && target > own {
		f.ids = append(f.ids, own)
		f.into = append(f.into, target)
		row[into] = nil
	}
}

func (f *referralsForward) write(ctx context.Context, tx *Tx) error {
	for i := range f.ids {
		if _, err := tx.ExecContext(ctx, `UPDATE referrals SET merged_into = ? WHERE id = ?`, f.into[i], f.ids[i]); err != nil {
			return err
		}
	}
	return nil
}
