package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 11 §3: envei backup newbackup.db and envei restore bk.db with
// relative paths failed with "SQL logic error: invalid uri authority".
func TestBackupAndRestoreWithRelativePaths(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	h := newHarness(t)
	h.db = "live #1?.db"
	h.ok("init", "--test")
	h.ok("clinician", "add", "kari", "--name", "Kari Behandler", "--org", "dps")
	for _, dest := range []string{"newbackup.db", "back up?#.db"} {
		if out := h.ok("backup", dest); !strings.Contains(out, "Wrote a checked backup") {
			t.Errorf("backup %q: %s", dest, out)
		}
		if _, err := os.Stat(filepath.Join(dir, dest)); err != nil {
			t.Errorf("backup %q: %v", dest, err)
		}
	}
	h.ok("clinician", "add", "ola", "--name", "Ola Behandler", "--org", "dps")
	out := h.ok("restore", "back up?#.db")
	if !strings.Contains(out, "Restored") {
		t.Errorf("restore: %s", out)
	}
	if list := h.ok("clinician", "list"); strings.Contains(list, "ola") || !strings.Contains(list, "kari") {
		t.Errorf("the restored roster:\n%s", list)
	}
}
