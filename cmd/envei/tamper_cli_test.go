package main

import (
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// The attacks of issue 11 §4, run as an owner of the file would: with
// plain SQL on the database file (database/sql and the same driver the
// sqlite3 CLI stands for), dropping and recreating the triggers in the
// way. Each must make envei check fail and name what was done.

// tamper runs SQL on the database file outside envei.
func tamper(t *testing.T, h *harness, statements ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+h.db+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range statements {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// queryInt reads one number from the database file outside envei.
func queryInt(t *testing.T, h *harness, query string) int64 {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+h.db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int64
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// tamperFixture is the demo database with three break-the-glass reads
// (an admin printing notes of patients assigned to others).
func tamperFixture(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t)
	h.ok("demo", "--patients", "200")
	db, err := sql.Open("sqlite", "file:"+h.db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT ref FROM referrals WHERE clinician_id IS NOT NULL ORDER BY id LIMIT 3`)
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for rows.Next() {
		var ref string
		rows.Scan(&ref)
		refs = append(refs, ref)
	}
	rows.Close()
	db.Close()
	for _, ref := range refs {
		h.ok("note", ref, "--reason", "covering for a colleague today")
	}
	if n := queryInt(t, h, `SELECT count(*) FROM access_log WHERE basis = 'break_glass'`); n != 3 {
		t.Fatalf("%d break-the-glass rows, want 3", n)
	}
	if out := h.ok("check"); !strings.HasSuffix(out, "ok\n") {
		t.Fatalf("check before the attack:\n%s", out)
	}
	return h
}

// checkFails runs envei check (with args) and requires exit 1 and every
// pattern in its stderr.
func checkFails(t *testing.T, h *harness, patterns []string, args ...string) {
	t.Helper()
	r := h.run(append([]string{"check"}, args...)...)
	if r.code != exitFail {
		t.Fatalf("envei check %v: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", args, r.code, exitFail, r.stdout, r.stderr)
	}
	for _, p := range patterns {
		if !regexp.MustCompile(p).MatchString(r.stderr) {
			t.Errorf("envei check %v: stderr does not name %q:\n%s", args, p, r.stderr)
		}
	}
	// What check says names tables and row ids, never patient data.
	if strings.Contains(r.stderr, "colleague") || strings.Contains(r.stdout, "colleague") {
		t.Errorf("check repeats a stored reason:\n%s", r.stderr)
	}
}

const accessNoDelete = `CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END`

// The attack as the issue found it: drop the append-only triggers, delete
// break-the-glass rows, recreate the triggers, make someone admin.
func TestCheckNamesDeletedAccessRowsAndASelfMadeAdmin(t *testing.T) {
	h := tamperFixture(t)
	middle := queryInt(t, h, `SELECT id FROM access_log WHERE basis = 'break_glass' ORDER BY id LIMIT 1 OFFSET 1`)
	clinician := queryInt(t, h, `SELECT id FROM clinicians WHERE role = 'clinician' ORDER BY id LIMIT 1`)
	tamper(t, h,
		`DROP TRIGGER IF EXISTS access_log_no_delete`,
		`DROP TRIGGER IF EXISTS access_log_no_update`,
		fmt.Sprintf(`DELETE FROM access_log WHERE id = %d`, middle),
		accessNoDelete,
		`CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END`,
		fmt.Sprintf(`UPDATE clinicians SET role = 'admin' WHERE id = %d`, clinician))
	checkFails(t, h, []string{
		fmt.Sprintf(`access_log id %d: deleted`, middle),
		fmt.Sprintf(`clinicians id %d: role admin, but the event trail says clinician`, clinician),
	})
}

func TestCheckNamesAChangedEvent(t *testing.T) {
	h := tamperFixture(t)
	tamper(t, h, `DROP TRIGGER IF EXISTS events_no_update`, `UPDATE events SET actor = 'someone.else' WHERE id = 5`)
	checkFails(t, h, []string{`events id 5: changed`})
}

// A forged event in the middle: the rows after it are renumbered to make
// room, as they must be (the ids are the chain's order).
func TestCheckNamesAForgedEventInTheMiddle(t *testing.T) {
	h := tamperFixture(t)
	tamper(t, h,
		`DROP TRIGGER IF EXISTS events_no_update`,
		`UPDATE events SET id = id + 1000000 WHERE id > 10`,
		`UPDATE events SET id = id - 999999 WHERE id > 1000000`,
		`INSERT INTO events (id, at, actor, referral_id, kind, detail) VALUES (11, '2026-11-22T08:00:00Z', 'root', 1, 'withdrawn', '')`)
	checkFails(t, h, []string{`events id 11: inserted outside envei`, `events id 12 to \d+: renumbered \(each was the id one lower`})
}

// Deleting the last rows leaves a chain that is whole: only an anchor
// taken before shows it.
func TestCheckSinceAnchorNamesTailTruncation(t *testing.T) {
	h := tamperFixture(t)
	anchor := strings.TrimSpace(h.ok("check", "--anchor"))
	if !regexp.MustCompile(`^v1-e\d+-a3-d\d+-s\d+-[0-9a-f]{32}$`).MatchString(anchor) {
		t.Fatalf("anchor %q", anchor)
	}
	if out := h.ok("check", "--since", anchor); !strings.Contains(out, "since anchor    nothing added") {
		t.Errorf("check --since, nothing done:\n%s", out)
	}
	tamper(t, h,
		`DROP TRIGGER IF EXISTS access_log_no_delete`,
		`DELETE FROM access_log WHERE id = (SELECT max(id) FROM access_log)`,
		accessNoDelete)
	if out := h.ok("check"); !strings.HasSuffix(out, "ok\n") {
		t.Errorf("a truncated tail is a whole chain; check without an anchor:\n%s", out)
	}
	checkFails(t, h, []string{`access_log: 3 rows at the anchor, 2 now: the last 1 were deleted`}, "--since", anchor)
}

// After the anchor, new work is reported, and the anchor still holds.
func TestCheckSinceReportsWhatCameAfter(t *testing.T) {
	h := tamperFixture(t)
	anchor := strings.TrimSpace(h.ok("check", "--anchor"))
	h.ok("clinician", "add", "new.person", "--name", "New Person", "--org", "dps")
	out := h.ok("check", "--since", anchor)
	if !strings.Contains(out, "since anchor    events +1 added") {
		t.Errorf("check --since after a roster change:\n%s", out)
	}
	if r := h.run("check", "--since", "v1-e1-a1-d1-s1-nothex"); r.code != exitUsage {
		t.Errorf("a malformed anchor: %+v", r)
	}
}

func TestCheckNamesAChangedTrigger(t *testing.T) {
	h := tamperFixture(t)
	tamper(t, h,
		`DROP TRIGGER IF EXISTS access_log_no_delete`,
		`CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log WHEN OLD.basis = 'assigned'
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END`)
	checkFails(t, h, []string{`schema: trigger access_log_no_delete \(on access_log\): changed`})
}

func TestCheckNamesADroppedIndexAndAnAddedTrigger(t *testing.T) {
	h := tamperFixture(t)
	tamper(t, h,
		`DROP INDEX access_log_review`,
		`CREATE TRIGGER quietly AFTER INSERT ON access_log BEGIN SELECT 1; END`)
	checkFails(t, h, []string{
		`schema: index access_log_review \(on access_log\): deleted`,
		`schema: trigger quietly \(on access_log\): added`,
	})
}

// The same attack with the sqlite3 CLI itself, where it is installed (CI
// installs it): what an administrator of the file would type.
func TestCheckNamesTheAttackDoneWithTheSqlite3CLI(t *testing.T) {
	if _, err := exec.LookPath("sqlite3"); err != nil {
		if os.Getenv("ENVEI_REQUIRE_TOOLS") != "" {
			t.Fatal("the sqlite3 CLI is required (ENVEI_REQUIRE_TOOLS is set) but not installed")
		}
		t.Skip("no sqlite3 CLI")
	}
	h := tamperFixture(t)
	first := queryInt(t, h, `SELECT id FROM access_log WHERE basis = 'break_glass' ORDER BY id LIMIT 1`)
	clinician := queryInt(t, h, `SELECT id FROM clinicians WHERE role = 'clinician' ORDER BY id LIMIT 1`)
	script := fmt.Sprintf(`DROP TRIGGER access_log_no_delete;
DELETE FROM access_log WHERE basis = 'break_glass' AND id <= %d;
%s;
UPDATE clinicians SET role = 'admin' WHERE id = %d;
`, first+1, accessNoDelete, clinician)
	cmd := exec.Command("sqlite3", h.db)
	cmd.Stdin = strings.NewReader(script)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sqlite3: %v\n%s", err, out)
	}
	checkFails(t, h, []string{
		fmt.Sprintf(`access_log id %d to %d: deleted`, first, first+1),
		fmt.Sprintf(`clinicians id %d: role admin`, clinician),
	})
}
