package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"envei/intake"
)

// tamperedStore is a store whose chains a test breaks on purpose: it is
// not checked in cleanup as newStore's are.
func tamperedStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), testDatabase(t),
		Options{Create: true, Test: true, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	mustAdd(t, s, clinician("kari", intake.OrgDPS))
	walkOne(t, s)
	walkOne(t, s)
	return s
}

// mustExec runs SQL outside envei's write paths, as a file's owner could.
// On PostgreSQL, SQLite's DROP TRIGGER name is said with the table, and
// turning the foreign keys off drops the one a test's delete would break.
func mustExec(t *testing.T, s *Store, statements ...string) {
	t.Helper()
	for _, q := range statements {
		if name, ok := strings.CutPrefix(q, "DROP TRIGGER "); ok && onPostgres() {
			var table string
			if err := s.db.QueryRow(`SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = ?`, name).Scan(&table); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			q += " ON " + table
		}
		if q == "PRAGMA foreign_keys = OFF" && onPostgres() {
			q = "ALTER TABLE assessment_seals DROP CONSTRAINT assessment_seals_assessment_id_fkey"
		}
		if _, err := s.db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// requireProblems verifies the chains (since an anchor when given) and
// requires a problem matching each pattern.
func requireProblems(t *testing.T, s *Store, since string, patterns ...string) ChainReport {
	t.Helper()
	rep, err := s.VerifyChains(context.Background(), since)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range patterns {
		re := regexp.MustCompile(p)
		found := false
		for _, got := range rep.Problems {
			found = found || re.MatchString(got)
		}
		if !found {
			t.Errorf("no problem matches %q in %q", p, rep.Problems)
		}
	}
	if len(rep.Problems) > 0 && rep.Anchor != "" {
		t.Errorf("an anchor %s given for chains with problems", rep.Anchor)
	}
	return rep
}

func anchorNow(t *testing.T, s *Store) string {
	t.Helper()
	rep, err := s.VerifyChains(context.Background(), "")
	if err != nil || rep.Anchor == "" {
		t.Fatalf("anchor: %v %q", err, rep.Problems)
	}
	return rep.Anchor
}

// An attacker who knows the encoding forges an event in the middle with a
// correct hash: the chain breaks at the row after it.
func TestChainNamesACorrectlyHashedForgery(t *testing.T) {
	s := tamperedStore(t)
	var prev []byte
	if err := s.db.QueryRow(`SELECT hash FROM events WHERE id = 4`).Scan(&prev); err != nil {
		t.Fatal(err)
	}
	// Make room at id 5 by moving the rows after it up by one.
	mustExec(t, s, `DROP TRIGGER events_no_update`,
		`UPDATE events SET id = id + 1000000 WHERE id > 4`, `UPDATE events SET id = id - 999999 WHERE id > 1000000`)
	values := []any{"2026-11-22T08:00:00Z", "root", int64(1), "withdrawn", ""}
	h := linkHash(eventsChain.name, prev, 5, values)
	if _, err := s.db.Exec(`INSERT INTO events (id, at, actor, referral_id, kind, detail, hash) VALUES (5, ?, ?, ?, ?, ?, ?)`,
		append(values, h)...); err != nil {
		t.Fatal(err)
	}
	requireProblems(t, s, "", `^events id 6: changed`)
}

// Writing the whole chain again after changing rows makes it whole: only
// the anchor shows it.
func TestAnchorCatchesARewrittenChain(t *testing.T) {
	s := tamperedStore(t)
	anchor := anchorNow(t, s)
	ctx := context.Background()
	mustExec(t, s, `DROP TRIGGER access_log_no_delete`, `DROP TRIGGER access_log_no_update`,
		`UPDATE access_log SET basis = 'assigned', reason = '' WHERE basis = 'break_glass'`, `UPDATE access_log SET hash = NULL`)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := backfillChain(ctx, tx, accessChain); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	requireChainsSound(t, s) // the chain alone cannot tell
	requireProblems(t, s, anchor, `the chains no longer hash to the anchor`)
}

func TestChainNamesAssessmentAndDrawTampering(t *testing.T) {
	s := tamperedStore(t)
	var sealed, draft int64
	if err := s.db.QueryRow(`SELECT assessment_id FROM assessment_seals ORDER BY seq LIMIT 1`).Scan(&sealed); err != nil {
		t.Fatal(err)
	}
	mustExec(t, s,
		`DROP TRIGGER assessments_completed_unchanged`,
		fmt.Sprintf(`UPDATE assessments SET body = replace(body, '"', '"') || ' ' WHERE id = %d`, sealed),
		`DROP TRIGGER draws_no_update`,
		`UPDATE draws SET drawn = 'root' WHERE id = 2`,
		// A completed version put in from outside has no seal.
		`INSERT INTO assessments (referral_id, version, status, body, author, saved_at)
			SELECT referral_id, 9, 'completed', body, author, saved_at FROM assessments ORDER BY id LIMIT 1`)
	if err := s.db.QueryRow(`SELECT max(id) FROM assessments`).Scan(&draft); err != nil {
		t.Fatal(err)
	}
	requireProblems(t, s, "",
		fmt.Sprintf(`^assessments id %d \(sealed as seq 1\): changed`, sealed),
		`^draws id 2: changed`,
		fmt.Sprintf(`^assessments id %d: completed but not sealed`, draft))
	mustExec(t, s, `DROP TRIGGER assessments_completed_kept`, `PRAGMA foreign_keys = OFF`,
		fmt.Sprintf(`DELETE FROM assessments WHERE id = %d`, sealed))
	requireProblems(t, s, "", fmt.Sprintf(`^assessments id %d \(sealed as seq 1\): deleted`, sealed))
}

// The bulk paths (an import, demo data) write their events and seals as
// links too, and envei's own writes after them chain on.
func TestChainsCoverTheBulkPaths(t *testing.T) {
	s := loadDemo(t, 300)
	ctx := context.Background()
	var b strings.Builder
	b.WriteString("ref,received,channel\n")
	for i := range 150 {
		fmt.Fprintf(&b, "IMP-%03d,2026-11-02,self\n", i)
	}
	if _, err := s.Import(ctx, admin, strings.NewReader(b.String()), nil); err != nil {
		t.Fatal(err)
	}
	walkOne(t, s)
	requireChainsSound(t, s)
	// The bulk load dropped and rebuilt indexes and triggers: the schema
	// is still as the migrations made it.
	if problems, err := s.VerifySchema(ctx); err != nil || len(problems) > 0 {
		t.Errorf("schema after the bulk paths: %v %q", err, problems)
	}
	var events, referrals, seals, completed int64
	s.db.QueryRow(`SELECT (SELECT count(*) FROM events WHERE kind IN ('generated', 'imported')),
		(SELECT count(*) FROM referrals WHERE ref <> (SELECT max(ref) FROM referrals WHERE ref LIKE '2026-%')),
		(SELECT count(*) FROM assessment_seals), (SELECT count(*) FROM assessments WHERE status = 'completed')`).
		Scan(&events, &referrals, &seals, &completed)
	if events != 450 || seals != completed || seals < 100 {
		t.Errorf("%d bulk events for 450 referrals, %d seals for %d completed assessments", events, seals, completed)
	}
}

// A database of schema version 4 has its rows chained when it is opened
// and migrated, in the migration's transaction.
func TestMigrationChainsExistingRows(t *testing.T) {
	sqliteOnly(t, "SQLite's migration 0005, which chains the rows of a version 4 file")
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", fileURI(path, "_pragma=journal_mode(WAL)"))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms[:4] {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := applyMigration(ctx, &Tx{tx: tx, eng: sqliteEngine{}}, m); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	at := "2026-11-20T09:00:00Z"
	for _, q := range []string{
		fmt.Sprintf(`PRAGMA user_version = 4; PRAGMA application_id = %d`, ApplicationID),
		`INSERT INTO settings (key, value) VALUES ('test_data', '1'), ('count_saturday', '0'), ('created_at', '` + at + `'), ('created_by', 'root')`,
		`INSERT INTO clinicians (id, username, name, org, role, added_at) VALUES (1, 'root', 'Ada Admin', '', 'admin', '` + at + `'),
			(2, 'kari', 'Kari', 'dps', 'clinician', '` + at + `')`,
		`INSERT INTO referrals (id, ref, received, channel, addressed_to, clinician_id, attended, state, due, updated_at)
			VALUES (1, '2026-00001', '2026-11-20', 'self', 'none', 2, 'yes', 'assessed', '2026-12-04', '` + at + `')`,
		`INSERT INTO events (at, actor, referral_id, kind, detail) VALUES ('` + at + `', 'root', NULL, 'database_created', ''),
			('` + at + `', 'root', NULL, 'clinician_added', 'kari role=clinician org=dps'),
			('` + at + `', 'root', 1, 'registered', ''), ('` + at + `', 'root', 1, 'assigned', 'drew kari of 1 eligible')`,
		`INSERT INTO draws (referral_id, eligible, drawn, drawn_by, drawn_at) VALUES (1, 'kari', 'kari', 'root', '` + at + `')`,
		`INSERT INTO access_log (at, actor, role, referral_id, what, basis, reason) VALUES
			('` + at + `', 'root', 'admin', 1, 'referral', 'break_glass', 'a reason'), ('` + at + `', 'kari', 'clinician', 1, 'referral', 'assigned', '')`,
		`INSERT INTO assessments (referral_id, version, status, body, author, saved_at) VALUES
			(1, 1, 'completed', '{}', 'kari', '` + at + `'), (1, 2, 'draft', '{}', 'kari', '` + at + `')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	s, err := Open(ctx, path, Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rep, err := s.VerifyChains(ctx, "")
	if err != nil || len(rep.Problems) > 0 {
		t.Fatalf("after the migration: %v %q", err, rep.Problems)
	}
	got := map[string]int64{}
	for _, c := range rep.Chains {
		got[c.Name] = c.Count
	}
	if got["events"] != 4 || got["access_log"] != 2 || got["draws"] != 1 || got["assessments"] != 1 {
		t.Errorf("chained after the migration: %v", got)
	}
	if problems, err := s.VerifySchema(ctx); err != nil || len(problems) > 0 {
		t.Errorf("schema after the migration: %v %q", err, problems)
	}
	// The old rows are evidence now: the first break-the-glass row deleted
	// shows.
	mustExec(t, s, `DROP TRIGGER access_log_no_delete`, `DELETE FROM access_log WHERE id = 1`)
	requireProblems(t, s, "", `^access_log id 1: deleted`)
}

func TestAnchorLineRoundTrips(t *testing.T) {
	a := anchor{counts: []int64{12, 3, 0, 7}, hash: make([]byte, anchorHashSize)}
	a.hash[0] = 0xab
	line := a.String()
	if line != "v1-e12-a3-d0-s7-ab000000000000000000000000000000" {
		t.Errorf("anchor line %q", line)
	}
	back, err := parseAnchor("  " + line + "\n")
	if err != nil || back.String() != line {
		t.Errorf("parsed back: %v %v", back, err)
	}
	for _, bad := range []string{"", "v2-e1-a1-d1-s1-ab000000000000000000000000000000", "v1-e1-a1-d1-ab000000000000000000000000000000",
		"v1-e1-a1-d1-s-1-ab000000000000000000000000000000", "v1-a1-e1-d1-s1-ab000000000000000000000000000000", "v1-e1-a1-d1-s1-ab00"} {
		if _, err := parseAnchor(bad); err == nil {
			t.Errorf("parseAnchor(%q) accepted", bad)
		}
	}
}
