package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBackupCheckRestore(t *testing.T) {
	h := newHarness(t)
	h.ok("demo")
	if out := h.ok("check"); !strings.HasSuffix(out, "ok\n") {
		t.Errorf("check:\n%s", out)
	}
	dest := filepath.Join(t.TempDir(), "b.db")
	h.ok("backup", dest)
	if r := h.run("backup", dest); r.code != exitFail || !strings.Contains(r.stderr, "does not overwrite") {
		t.Errorf("backup over a file: %+v", r)
	}
	h.stdin = "ref,received,channel\nEXTRA,2026-11-02,self\n"
	h.ok("import", "-")
	out := h.ok("restore", dest)
	if !strings.Contains(out, "kept as") {
		t.Errorf("restore: %s", out)
	}
	if status := h.ok("status"); !hasRow(status, "total", "112") {
		t.Errorf("after restore:\n%s", status)
	}
	garbage := filepath.Join(t.TempDir(), "g.db")
	os.WriteFile(garbage, []byte("garbage"), 0o600)
	if r := h.run("restore", garbage); r.code != exitFail || !strings.Contains(r.stderr, "not a sound envei backup") {
		t.Errorf("restore from garbage: %+v", r)
	}
	h.user = "dps.astrid" // a clinician of the demo roster
	if r := h.run("backup", filepath.Join(t.TempDir(), "x.db")); r.code != exitFail || !strings.Contains(r.stderr, "needs the role admin") {
		t.Errorf("clinician backup: %+v", r)
	}
}
