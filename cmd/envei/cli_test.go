package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHelpListsEveryCommand(t *testing.T) {
	h := newHarness(t)
	out := h.ok("--help")
	for _, c := range commands() {
		if !strings.Contains(out, "  "+c.name+" ") {
			t.Errorf("envei --help does not list %s", c.name)
		}
		help := h.ok(c.name, "--help")
		if !strings.HasPrefix(help, "Usage: envei "+c.name) || !strings.Contains(help, "--db") {
			t.Errorf("envei %s --help:\n%s", c.name, help)
		}
		if again := h.ok("help", c.name); again != help {
			t.Errorf("envei help %s differs from envei %s --help", c.name, c.name)
		}
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	h := newHarness(t)
	for _, args := range [][]string{
		{"frobnicate"},
		{"export", "--format", "xml"},
		{"assign"},
		{"import"},
		{"status", "--no-such-flag"},
		{"status", "--lang", "de"},
	} {
		r := h.run(args...)
		if r.code != exitUsage || r.stderr == "" {
			t.Errorf("envei %v: exit %d, stderr %q; want exit 2 with a message", args, r.code, r.stderr)
		}
	}
}

func TestVersion(t *testing.T) {
	h := newHarness(t)
	out := h.ok("version")
	if !strings.HasPrefix(out, "envei ") || !strings.Contains(out, "SQLite 3.") {
		t.Errorf("version: %q", out)
	}
	if h.ok("--version") != out {
		t.Error("--version differs from version")
	}
}

// The global flags work before and after the command name.
func TestGlobalFlagsAnywhere(t *testing.T) {
	h := newHarness(t)
	h.db = ""
	path := filepath.Join(t.TempDir(), "x.db")
	h.ok("init", "--db", path)
	before := h.ok("--db", path, "status")
	after := h.ok("status", "--db", path)
	equals := h.ok("status", "--db="+path, "--lang=nb")
	if before != after || after != equals || !strings.Contains(before, path) {
		t.Errorf("before:\n%s\nafter:\n%s\nequals:\n%s", before, after, equals)
	}
}

func TestDatabaseLocation(t *testing.T) {
	h := newHarness(t)
	h.db = ""
	data := t.TempDir()
	h.env["XDG_DATA_HOME"] = data
	h.ok("init")
	if _, err := os.Stat(filepath.Join(data, "envei", "envei.db")); err != nil {
		t.Errorf("default database not created under XDG_DATA_HOME: %v", err)
	}
	env := filepath.Join(t.TempDir(), "env.db")
	h.env["ENVEI_DB"] = env
	h.ok("init")
	if out := h.ok("status"); !strings.Contains(out, env) {
		t.Errorf("ENVEI_DB ignored: %s", out)
	}
	home := t.TempDir()
	h.env = map[string]string{"HOME": home}
	h.ok("init")
	if _, err := os.Stat(filepath.Join(home, ".local", "share", "envei", "envei.db")); err != nil {
		t.Errorf("no database under ~/.local/share: %v", err)
	}
}

func TestInitAndTestDatabase(t *testing.T) {
	h := newHarness(t)
	if out := h.ok("init", "--test"); !strings.Contains(out, "test database") {
		t.Errorf("init --test: %s", out)
	}
	if r := h.run("init"); r.code != exitFail || !strings.Contains(r.stderr, "already exists") {
		t.Errorf("init over an existing database: %+v", r)
	}
	// A synthetic id (month + 80) goes into the test database only.
	csv := "ref,received,channel,national_id\nS1,2026-11-02,self,14838510036\n"
	h.stdin = csv
	h.ok("import", "-")

	normal := newHarness(t)
	normal.ok("init")
	normal.stdin = csv
	r := normal.run("import", "-")
	if r.code != exitFail || !strings.Contains(r.stderr, "synthetic") || strings.Contains(r.stderr, "14838510036") {
		t.Errorf("synthetic id into a normal database: %+v", r)
	}
}

func TestNotOnRosterNamesTheFix(t *testing.T) {
	h := newHarness(t)
	h.ok("init")
	h.user = "stranger"
	r := h.run("status")
	if r.code != exitFail || !strings.Contains(r.stderr, "envei clinician add stranger") {
		t.Errorf("stranger: %+v", r)
	}
}

func TestForeignDatabaseRefused(t *testing.T) {
	h := newHarness(t)
	os.WriteFile(h.db, []byte("name,phone\nsomeone,123\n"), 0o600)
	r := h.run("status")
	if r.code != exitFail || !strings.Contains(r.stderr, "not an envei database") {
		t.Errorf("foreign file: %+v", r)
	}
	if b, _ := os.ReadFile(h.db); string(b) != "name,phone\nsomeone,123\n" {
		t.Error("foreign file changed")
	}
}

// Without a terminal, "envei" stops at once and points to the subcommands.
func TestConsoleNeedsATerminal(t *testing.T) {
	h := newHarness(t)
	r := h.run()
	if r.code != exitFail || !strings.Contains(r.stderr, "needs a terminal") || !strings.Contains(r.stderr, "envei --help") {
		t.Errorf("envei without a terminal: %+v", r)
	}
}
