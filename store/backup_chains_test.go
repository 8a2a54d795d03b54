package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// A backup whose event trail was changed outside envei is not restored,
// and the database it would have replaced stays as it was; a database
// whose trail was changed is not backed up as if it were sound.
func TestRestoreRefusesABackupWithBrokenChains(t *testing.T) {
	sqliteOnly(t, "envei restore puts back a SQLite file; PostgreSQL has its own tools")
	dir := t.TempDir()
	ctx := context.Background()
	path := filepath.Join(dir, "live.db")
	s, err := Open(ctx, path, Options{Create: true, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	importCSV(t, s, "ref,received,channel\nKEEP,2026-11-02,self\n")
	backup := filepath.Join(dir, "b.db")
	if err := s.Backup(ctx, admin, backup); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// The file's owner edits the trail of the backup with sqlite3's powers.
	raw, err := sql.Open("sqlite", fileURI(backup, ""))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TRIGGER events_no_update`, `UPDATE events SET actor = 'someone-else' WHERE id = (SELECT max(id) FROM events)`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Restore(ctx, backup, path, fixedNow()); !errors.Is(err, ErrChainsBroken) {
		t.Fatalf("restoring a backup with an edited trail: %v, want ErrChainsBroken", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the refused restore changed the database")
	}

	// The edited file as a live database: its backup is refused too.
	s, err = Open(ctx, backup, Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Backup(ctx, admin, filepath.Join(dir, "again.db")); !errors.Is(err, ErrChainsBroken) {
		t.Errorf("backing up a database with an edited trail: %v, want ErrChainsBroken", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "again.db")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a backup that failed its check was left: %v", err)
	}
}
