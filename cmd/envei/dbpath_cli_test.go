package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Only init, demo and import create a database. Any other command given a
// path with no database (a --db typo, another OS user's first run) is
// refused with the command that creates it, and nothing is made there: it
// used to get a new empty database with the caller as its admin.
func TestMissingDatabaseIsNotCreated(t *testing.T) {
	for _, args := range [][]string{
		{"status"}, {"clinician", "list"}, {"clinician", "add", "kari", "--name", "Kari K"},
		{"assign", "--unassigned"}, {"export"}, {"note", "2026-00001"}, {"stats"}, {"funnel"},
		{"audit", "--review"}, {"check"},
	} {
		h := newHarness(t)
		r := h.run(args...)
		if r.code != exitFail || !strings.Contains(r.stderr, "envei --db "+h.db+" init") {
			t.Errorf("envei %v on a missing database: exit %d, stderr %q; want exit 1 naming envei --db … init", args, r.code, r.stderr)
		}
		if _, err := os.Stat(h.db); !os.IsNotExist(err) {
			t.Errorf("envei %v created %s", args, h.db)
		}
	}
	for _, args := range [][]string{{"init"}, {"demo", "--patients", "3"}} {
		h := newHarness(t)
		h.ok(args...)
		if _, err := os.Stat(h.db); err != nil {
			t.Errorf("envei %v did not create the database: %v", args, err)
		}
	}
	h := newHarness(t)
	h.stdin = "ref,received,channel\nR1,2026-11-02,self\n"
	h.ok("import", "-")
	if _, err := os.Stat(h.db); err != nil {
		t.Errorf("envei import did not create the database: %v", err)
	}
}

// ENVEI_DB is as explicit as --db: a missing file there is refused too.
func TestMissingEnvDatabaseIsNotCreated(t *testing.T) {
	h := newHarness(t)
	h.db = ""
	path := filepath.Join(t.TempDir(), "typo.db")
	h.env["ENVEI_DB"] = path
	r := h.run("status")
	if r.code != exitFail || !strings.Contains(r.stderr, "init") {
		t.Errorf("status with ENVEI_DB missing: %+v", r)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("status created %s", path)
	}
}

// A --db that looks like a URL other than a PostgreSQL server's is never
// taken for a file name: it used to create a folder named after the
// scheme.
func TestDatabaseURLRefused(t *testing.T) {
	for _, url := range []string{"sqlite:///tmp/x.db", "https://example.org/x.db"} {
		h := newHarness(t)
		dir := t.TempDir()
		wd, _ := os.Getwd()
		if err := os.Chdir(dir); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"init"}, {"status"}} {
			r := h.run(append([]string{"--db", url}, args...)...)
			if r.code != exitFail || !strings.Contains(r.stderr, "not a file") {
				t.Errorf("envei --db %s %v: %+v", url, args, r)
			}
		}
		entries, _ := os.ReadDir(dir)
		os.Chdir(wd)
		if len(entries) > 0 {
			t.Errorf("--db %s created %v", url, entries[0].Name())
		}
	}
}

// A postgres:// or postgresql:// --db (or ENVEI_DB) goes to the server,
// never to a file; a server that is not there is reported by its address
// without the password, and nothing is made on the local disk.
func TestPostgresAddressGoesToTheServer(t *testing.T) {
	sock := t.TempDir() // no server listens here
	for _, url := range []string{
		"postgres://envei:s3cret-Pa55@/envei?host=" + sock + "&connect_timeout=2",
		"postgresql://envei:s3cret-Pa55@/envei?host=" + sock + "&connect_timeout=2",
	} {
		h := newHarness(t)
		dir := t.TempDir()
		wd, _ := os.Getwd()
		if err := os.Chdir(dir); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"--db", url, "init"}, {"--db", url, "status"}} {
			r := h.run(args...)
			if r.code != exitFail || strings.Contains(r.stderr, "s3cret") || !strings.Contains(r.stderr, "/envei?") ||
				strings.Contains(r.stderr, "not a file") {
				t.Errorf("envei %v: %+v", args, r)
			}
		}
		h.env["ENVEI_DB"] = url
		h.db = ""
		if r := h.run("status"); r.code != exitFail || strings.Contains(r.stderr, "s3cret") || !strings.Contains(r.stderr, "/envei?") {
			t.Errorf("ENVEI_DB=%s envei status: %+v", url, r)
		}
		entries, _ := os.ReadDir(dir)
		os.Chdir(wd)
		if len(entries) > 0 {
			t.Errorf("--db %s created %v", url, entries[0].Name())
		}
	}
}

// The console given --db makes no database either; on the default path it
// does (first use), which the tmux end-to-end test walks through.
func TestConsoleMissingDatabaseRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "typo.db")
	var out, errOut strings.Builder
	a := &app{
		stdin: strings.NewReader(""), stdout: &out, stderr: &errOut,
		getenv:     func(string) string { return "" },
		username:   func() (string, string, error) { return "someone", "Some One", nil },
		now:        time.Now,
		isTerminal: func(any) bool { return true },
	}
	code := a.run(context.Background(), []string{"--db", path})
	if code != exitFail || !strings.Contains(errOut.String(), "envei --db "+path+" init") {
		t.Errorf("console on a missing --db: exit %d, stderr %q", code, errOut.String())
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the console created %s", path)
	}
}
