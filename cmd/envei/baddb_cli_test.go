package main

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	_ "modernc.org/sqlite"
)

// A file given as --db that is not a sound envei database is refused by
// every command that opens it, and left byte for byte as it was with
// nothing created beside it: a truncated or damaged copy is evidence for
// whoever recovers the data. The damaged copy is in rollback-journal mode,
// as a restored backup is, where opening used to rewrite the header before
// the damage was found.
func TestBadDatabaseFilesRefusedUnchanged(t *testing.T) {
	h := newHarness(t)
	h.ok("init")
	good, err := os.ReadFile(h.db)
	if err != nil {
		t.Fatal(err)
	}
	rollback := filepath.Join(t.TempDir(), "rollback.db")
	os.WriteFile(rollback, good, 0o600)
	db, err := sql.Open("sqlite", rollback)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA journal_mode = DELETE"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	damaged, _ := os.ReadFile(rollback)
	pageSize := int(damaged[16])<<8 | int(damaged[17])
	copy(damaged[pageSize:], bytes.Repeat([]byte{0xff}, 64))

	files := map[string][]byte{
		"truncated": good[:len(good)/2],
		"damaged":   damaged,
		"empty":     {},
		"utf16-csv": {0xff, 0xfe, 'r', 0, 'e', 0, 'f', 0, '\n', 0},
		"garbage":   bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 1024),
	}
	for name, content := range files {
		path := filepath.Join(t.TempDir(), name+".db")
		if err := os.WriteFile(path, content, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"status"}, {"init"}, {"import", "-"}, {"stats"}, {"export"}, {"check"}} {
			h.stdin = "ref,received,channel\nR1,2026-11-02,self\n"
			r := h.run(append([]string{"--db", path}, args...)...)
			if r.code != exitFail {
				t.Errorf("%s: envei %v: exit %d, want %d\n%s", name, args, r.code, exitFail, r.stderr)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(after, content) {
				t.Errorf("%s: envei %v changed the file", name, args)
			}
			if left, _ := filepath.Glob(path + "-*"); len(left) > 0 {
				t.Errorf("%s: envei %v left %v", name, args, left)
			}
		}
	}
}
