package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"envei/intake"
)

// SQLite → PostgreSQL → SQLite: each hop holds what the source held, row
// for row, and the chains give one anchor throughout. On PostgreSQL the
// rows go in by COPY; the next id after the copy follows the copied ones.
func TestCopyRoundTripThroughPostgres(t *testing.T) {
	admin_ := postgresOnly(t)
	ctx := context.Background()
	s, _ := copySource(t)
	pg := newPostgresDatabase(t, admin_)
	rep, err := s.CopyTo(ctx, admin, pg, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := openCopied(t, pg)
	anchor := sameContent(t, s, p)
	if anchor != rep.Anchor {
		t.Errorf("reported %q, found %q", rep.Anchor, anchor)
	}
	back := filepath.Join(t.TempDir(), "back.db")
	if _, err := p.CopyTo(ctx, admin, back, nil); err != nil {
		t.Fatal(err)
	}
	b := openCopied(t, back)
	// The second copy logged itself in the PostgreSQL database: compare
	// the way back with that.
	sameContent(t, p, b)
	// The append-only rules hold on the copy.
	if _, err := p.db.Exec(`DELETE FROM events WHERE id = 1`); err == nil {
		t.Error("an event was deleted on the copy")
	}
	if _, err := p.db.Exec(`UPDATE access_log SET reason = 'x' WHERE id = 1`); err == nil {
		t.Error("the access log was changed on the copy")
	}
	// New rows on the copy take ids after the copied ones and chain on.
	var maxEvent int64
	p.db.QueryRow(`SELECT max(id) FROM events`).Scan(&maxEvent)
	row, err := p.Register(ctx, admin, intake.Referral{Channel: intake.ChannelSelf, Name: "Test Person"}, intake.Details{})
	if err != nil {
		t.Fatal(err)
	}
	var next int64
	p.db.QueryRow(`SELECT max(id) FROM events`).Scan(&next)
	if next <= maxEvent || row.Referral.Ref == "" {
		t.Errorf("events %d after %d", next, maxEvent)
	}
	requireChainsSound(t, p)
	// The schema's tables on PostgreSQL are the copy's too.
	rows, err := p.db.Query(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'envei_schema'`)
	if err != nil {
		t.Fatal(err)
	}
	var schema []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		schema = append(schema, n)
	}
	rows.Close()
	requireCopyListsAll(t, schema)
}

// A destination that holds anything is refused, named, and left as it
// was: an envei database in use, or another program's tables.
func TestCopyRefusesANonEmptyPostgresDatabase(t *testing.T) {
	admin_ := postgresOnly(t)
	ctx := context.Background()
	s, _ := copySource(t)
	used := newPostgresDatabase(t, admin_)
	u, err := Open(ctx, used, Options{Create: true, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := u.DigestTables(ctx)
	var logged int
	s.db.QueryRow(`SELECT count(*) FROM access_log`).Scan(&logged)
	_, err = s.CopyTo(ctx, admin, used, nil)
	if !errors.Is(err, ErrNotEmpty) || !strings.Contains(err.Error(), "1 clinicians") {
		t.Errorf("copy into an envei database in use: %v", err)
	}
	after, _ := u.DigestTables(ctx)
	if len(before) == 0 || !equalDigests(before, after) {
		t.Error("the refused destination changed")
	}
	u.Close()
	var now int
	s.db.QueryRow(`SELECT count(*) FROM access_log`).Scan(&now)
	if now != logged {
		t.Errorf("a refused copy left %d access log rows", now-logged)
	}

	other := newPostgresDatabase(t, admin_)
	raw := openCopiedRaw(t, other)
	if _, err := raw.Exec(`CREATE TABLE patients (id bigint)`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CopyTo(ctx, admin, other, nil); !errors.Is(err, ErrNotEnvei) {
		t.Errorf("copy beside another program's table: %v", err)
	}
}

// A copy into PostgreSQL broken off midway leaves no row there (the
// schema, made before it, stays empty, and a copy may start again).
func TestCopyToPostgresBrokenOffLeavesNothing(t *testing.T) {
	admin_ := postgresOnly(t)
	s, _ := copySource(t)
	pg := newPostgresDatabase(t, admin_)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := s.CopyTo(ctx, admin, pg, func(n int) {
		if n >= copyProgressEvery {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("broken off: %v", err)
	}
	for _, tb := range copyTables() {
		if n := rawCount(t, "pgx", pg, tb.name); n != 0 {
			t.Errorf("%s holds %d rows", tb.name, n)
		}
	}
	if _, err := s.CopyTo(context.Background(), admin, pg, nil); err != nil {
		t.Fatalf("the copy started again: %v", err)
	}
	sameContent(t, s, openCopied(t, pg))
}

func equalDigests(a, b []TableDigest) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// openCopiedRaw opens a plain connection pool to a PostgreSQL database.
func openCopiedRaw(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// A duplicate merged into a referral registered long after it points
// forward, past the rows one COPY carries: PostgreSQL checks its foreign
// key as that COPY ends, before the later referral is in, so the copy
// fills merged_into in after the referrals.
func TestCopyToPostgresMergedIntoALaterReferral(t *testing.T) {
	admin_ := postgresOnly(t)
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "source.db"), Options{Create: true, Test: true, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mustAdd(t, s, supervisor)
	importCSV(t, s, "ref,received,channel,addressed_to,national_id\nR2,2026-11-03,gp,dps,14838510036\n")
	importCSV(t, s, importCSVText("X", copyBatch+10))
	importCSV(t, s, "ref,received,channel,addressed_to,national_id\nR3,2026-11-04,gp,dps,14838510036\n")
	reason := "registered twice by the reception"
	if err := s.MergeReferral(ctx, intake.Access{Who: supervisor, Reason: reason}, "R2", "R3", reason); err != nil {
		t.Fatal(err)
	}
	pg := newPostgresDatabase(t, admin_)
	if _, err := s.CopyTo(ctx, admin, pg, nil); err != nil {
		t.Fatal(err)
	}
	sameContent(t, s, openCopied(t, pg))
}
