package main

import (
	"database/sql"
	"strings"
	"testing"

	"envei/intake"
)

// Issue 11 §2, the attacks as they were made on the command line: text
// with control characters is refused with an error that names the field
// and does not repeat the value, and nothing of it reaches a listing.

const (
	eraseRow  = "xxxxxxxxxx\r\x1b[2K\x1b[1A"
	forgedRow = "xxxxxxxxxx\n2026-11-22 10:00:00  R2  kari  clinician  transfer  break_glass  routine"
	setTitle  = "E\x1b]0;pwned\aEvil"
)

// noControls fails when out would act on a terminal.
func noControls(t *testing.T, what, out string) {
	t.Helper()
	if intake.HasControlInLines(out) {
		t.Errorf("%s writes control characters to the terminal: %q", what, out)
	}
}

func TestControlCharactersInTypedTextAreRefused(t *testing.T) {
	h := noteHarness(t)
	h.user = "root"
	h.ok("clinician", "add", "sigrid", "--name", "Sigrid Supervisor", "--org", "dps", "--role", "supervisor")
	h.ok("clinician", "add", "ola", "--name", "Ola Behandler", "--org", "municipal")
	for _, reason := range []string{eraseRow, forgedRow} {
		r := h.run("note", "R1", "--reason", reason)
		if r.code != exitFail || !strings.Contains(r.stderr, "reason") {
			t.Errorf("note --reason %q: exit %d, stderr %q; want refused naming the reason", reason, r.code, r.stderr)
		}
		noControls(t, "the refusal", r.stderr)
		if strings.Contains(r.stdout, "Kari Testesen") {
			t.Error("the note was printed with a refused reason")
		}
	}
	review := h.ok("audit", "--review")
	if strings.Contains(review, "xxxxxxxxxx") || strings.Contains(review, "R2 ") {
		t.Errorf("the refused reasons reached the review:\n%s", review)
	}

	h.user = "sigrid"
	r := h.run("assign", "R2", "--reason", forgedRow) // R2 is open, kari's, and ola could be drawn
	if r.code != exitFail || !strings.Contains(r.stderr, "reason") {
		t.Errorf("assign --reason with a line break: exit %d, stderr %q", r.code, r.stderr)
	}
	if history := h.ok("assign", "R2", "--history"); strings.Contains(history, "xxxxxxxxxx") {
		t.Errorf("a refused reassignment reached the history:\n%s", history)
	}

	h.user = "root"
	for _, args := range [][]string{
		{"clinician", "add", "eve", "--name", setTitle, "--org", "dps"},
		{"clinician", "set", "kari", "--name", setTitle},
	} {
		r := h.run(args...)
		if r.code == exitOK || !strings.Contains(r.stderr, "name") {
			t.Errorf("%v: exit %d, stderr %q; want refused naming the name", args[:2], r.code, r.stderr)
		}
		noControls(t, "the refusal", r.stderr)
	}
	if list := h.ok("clinician", "list"); strings.Contains(list, "pwned") {
		t.Errorf("the name reached the roster:\n%s", list)
	}
}

// Rows stored before the rule (or by another program) are neutralised on
// the way out.
func TestStoredControlCharactersAreNeutralisedOnOutput(t *testing.T) {
	h := noteHarness(t)
	h.user = "root"
	h.ok("note", "R1", "--reason", "the GP asked for a copy today")
	db, err := sql.Open("sqlite", h.db)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO access_log (at, actor, role, referral_id, what, basis, reason)
		 SELECT '2026-11-22T09:00:00Z', 'root', 'admin', id, 'transfer', 'break_glass', '` + eraseRow + `' FROM referrals WHERE ref = 'R1'`,
		`INSERT INTO access_log (at, actor, role, referral_id, what, basis, reason)
		 SELECT '2026-11-22T09:00:00Z', 'root', 'admin', id, 'transfer', 'break_glass', '` + forgedRow + `' FROM referrals WHERE ref = 'R1'`,
		`INSERT INTO draws (referral_id, eligible, drawn, drawn_by, drawn_at, reason)
		 SELECT id, 'kari', 'kari', 'root', '2026-11-22T09:00:00Z', '` + forgedRow + `' FROM referrals WHERE ref = 'R1'`,
		`UPDATE clinicians SET name = '` + setTitle + `' WHERE username = 'kari'`,
		`UPDATE services SET label_en = 'DPS` + "\x1b[2K" + `', label_nb = 'DPS` + "\x1b[2K" + `' WHERE code = 'dps'`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	review := h.ok("audit", "--review")
	noControls(t, "audit --review", review)
	if !strings.Contains(review, `xxxxxxxxxx\r\x1b[2K\x1b[1A`) || !strings.Contains(review, `xxxxxxxxxx\n2026-11-22`) {
		t.Errorf("the review hides the planted reasons instead of showing them escaped:\n%s", review)
	}
	noControls(t, "audit --patient", h.ok("audit", "--patient", "R1"))
	history := h.ok("assign", "R1", "--history")
	noControls(t, "assign --history", history)
	if strings.Count(history, "\n") != 1 {
		t.Errorf("assign --history: want one line, the planted draw (the import drew nobody):\n%s", history)
	}
	list := h.ok("clinician", "list")
	noControls(t, "clinician list", list)
	if !strings.Contains(list, `E\x1b]0;pwned\x07Evil`) {
		t.Errorf("clinician list:\n%s", list)
	}
	for _, format := range []string{"table", "csv", "md"} {
		stats := h.ok("stats", "--format", format)
		noControls(t, "stats --format "+format, stats)
		// csv names services by code; Markdown escapes the visible escape's
		// backslash and bracket like any typed text, so it reads the same
		// once rendered.
		want := `DPS\x1b[2K`
		if format == "md" {
			want = `DPS\\x1b\[2K`
		}
		if format != "csv" && !strings.Contains(stats, want) {
			t.Errorf("stats --format %s does not show the planted label escaped:\n%s", format, stats)
		}
	}
	h.user = "kari"
	noControls(t, "status", h.ok("status"))

	// An export or a note printed on a terminal is neutralised too; to a
	// pipe or a file the data goes as stored.
	h.user = "root"
	db, err = sql.Open("sqlite", h.db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE referrals SET name = 'Kari` + "\x1b[2K" + `Testesen', route_note = 'DPS` + "\x1b]0;x\a" + `' WHERE ref = 'R1'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	h.terminal = true
	export := h.ok("export")
	noControls(t, "export on a terminal", export)
	if !strings.Contains(export, `Kari\x1b[2KTestesen`) {
		t.Errorf("export on a terminal:\n%s", export)
	}
	noControls(t, "note on a terminal", h.ok("note", "R1", "--reason", "the GP asked for a copy today"))
	h.terminal = false
	if export := h.ok("export"); !strings.Contains(export, "Kari\x1b[2KTestesen") {
		t.Errorf("export to a pipe changed the data:\n%s", export)
	}
}
