package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tableLines is the per-table lines envei copy prints, by table.
func tableLines(out string) map[string]string {
	lines := map[string]string{}
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) == 5 && f[2] == "rows" {
			lines[f[0]] = l
		}
	}
	return lines
}

func anchorLine(t *testing.T, out string) string {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if a, ok := strings.CutPrefix(l, "anchor "); ok {
			return a
		}
	}
	t.Fatalf("no anchor in:\n%s", out)
	return ""
}

// envei copy --to FILE makes a new file holding the whole database, which
// check finds sound with the anchor the copy printed; it refuses an
// existing file, a clinician, and a missing --to.
func TestCopyToFile(t *testing.T) {
	h := newHarness(t)
	h.ok("demo")
	dest := filepath.Join(t.TempDir(), "moved.db")
	out := h.ok("copy", "--to", dest)
	if got := tableLines(out); len(got) < 10 || !strings.Contains(got["referrals"], " 112 rows") {
		t.Errorf("copy printed:\n%s", out)
	}
	if !strings.Contains(out, "both hold the same") {
		t.Errorf("copy printed:\n%s", out)
	}
	if fi, err := os.Stat(dest); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("dest: %v %v", fi, err)
	}
	anchor := anchorLine(t, out)
	if check := h.ok("check", "--db", dest, "--since", anchor); !strings.HasSuffix(check, "ok\n") {
		t.Errorf("check of the copy against the printed anchor:\n%s", check)
	}
	if status := h.ok("status", "--db", dest); !hasRow(status, "total", "112") {
		t.Errorf("status of the copy:\n%s", status)
	}
	if r := h.run("copy", "--to", dest); r.code != exitFail || !strings.Contains(r.stderr, "does not overwrite") {
		t.Errorf("copy onto a file: %+v", r)
	}
	if r := h.run("copy"); r.code != exitUsage {
		t.Errorf("copy without --to: %+v", r)
	}
	if r := h.run("copy", "--to", "mysql://secret@db/x"); r.code != exitUsage || !strings.Contains(r.stderr, "mysql://… is a URL") || strings.Contains(r.stderr, "secret") {
		t.Errorf("copy to another URL: %+v", r)
	}
	h.user = "dps.astrid"
	if r := h.run("copy", "--to", filepath.Join(t.TempDir(), "x.db")); r.code != exitFail || !strings.Contains(r.stderr, "needs the role admin") {
		t.Errorf("clinician copy: %+v", r)
	}
}

// envei copy to a PostgreSQL server and back: each copy checks, and the
// way back prints the same tables as the way there (the access log holds
// one more row, the second copy's).
func TestCopyThroughPostgres(t *testing.T) {
	pg := postgresDatabase(t)
	h := newHarness(t)
	h.ok("demo")
	there := h.ok("copy", "--to", pg)
	if check := h.ok("check", "--db", pg, "--since", anchorLine(t, there)); !strings.HasSuffix(check, "ok\n") {
		t.Errorf("check on PostgreSQL:\n%s", check)
	}
	if r := h.run("copy", "--to", pg); r.code != exitFail || !strings.Contains(r.stderr, "not empty") {
		t.Errorf("second copy into the same database: %+v", r)
	}
	back := filepath.Join(t.TempDir(), "back.db")
	home := h.ok("copy", "--db", pg, "--to", back)
	a, b := tableLines(there), tableLines(home)
	for table, line := range a {
		if table == "access_log" {
			continue
		}
		if b[table] != line {
			t.Errorf("there: %s\nback:  %s", line, b[table])
		}
	}
	if status := h.ok("status", "--db", back); !hasRow(status, "total", "112") {
		t.Errorf("status of the way back:\n%s", status)
	}
}
