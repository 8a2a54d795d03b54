package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"envei/intake"
)

// A backup taken while another handle keeps writing is a sound database
// holding a prefix of the writes, and it never overwrites a file.
func TestBackupWhileWriting(t *testing.T) {
	sqliteOnly(t, "envei backup copies the SQLite file; PostgreSQL has pg_dump")
	dir := t.TempDir()
	path := filepath.Join(dir, "live.db")
	ctx := context.Background()
	s, err := Open(ctx, path, Options{Create: true, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	writer, err := Open(ctx, path, Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			csv := fmt.Sprintf("ref,received,channel\nB%05d,2026-11-02,self\n", i)
			if _, err := writer.Import(ctx, admin, strings.NewReader(csv), nil); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	dest := filepath.Join(dir, "backup.db")
	err = s.Backup(ctx, admin, dest)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(dest); fi.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %o", fi.Mode().Perm())
	}
	b, err := Open(ctx, dest, Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	rep, err := b.Check(ctx)
	if err != nil || len(rep.Problems) > 0 {
		t.Fatalf("backup check: %+v %v", rep, err)
	}
	if err := s.Backup(ctx, admin, dest); !errors.Is(err, ErrExists) {
		t.Errorf("second backup to the same file: %v", err)
	}
	kari := intake.Clinician{Username: "kari", Role: intake.RoleClinician}
	if err := s.Backup(ctx, kari, filepath.Join(dir, "other.db")); !errors.Is(err, ErrForbidden) {
		t.Errorf("clinician backing up: %v", err)
	}
}

// Check finds damage: a page overwritten with garbage fails the integrity
// check and is reported, not hidden.
func TestCheckFindsDamage(t *testing.T) {
	sqliteOnly(t, "damages a page of the SQLite file")
	path := filepath.Join(t.TempDir(), "c.db")
	ctx := context.Background()
	s, err := Open(ctx, path, Options{Create: true, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("ref,received,channel,name\n")
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&b, "R%05d,2026-11-02,self,Some Name\n", i)
	}
	importCSV(t, s, b.String())
	if rep, err := s.Check(ctx); err != nil || len(rep.Problems) != 0 || rep.Integrity != "ok" {
		t.Fatalf("sound database: %+v %v", rep, err)
	}
	// Damage the root page of an index that opening the database never
	// reads, so it is Check (SQLite's integrity check) that has to find it.
	var root, pageSize int64
	if err := s.db.QueryRow(`SELECT rootpage FROM sqlite_schema WHERE name = 'referrals_received'`).Scan(&root); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRow(`PRAGMA page_size`).Scan(&pageSize); err != nil {
		t.Fatal(err)
	}
	s.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	garbage := make([]byte, pageSize)
	for i := range garbage {
		garbage[i] = byte(i * 7)
	}
	if _, err := f.WriteAt(garbage, (root-1)*pageSize); err != nil {
		t.Fatal(err)
	}
	f.Close()
	s, err = Open(ctx, path, Options{Now: fixedNow})
	if err != nil {
		t.Fatalf("opening does not read that index, so it should open: %v", err)
	}
	defer s.Close()
	rep, err := s.Check(ctx)
	if err == nil && (len(rep.Problems) == 0 || rep.Integrity == "ok") {
		t.Fatalf("a damaged index page went unnoticed: %+v", rep)
	}
}

func TestRestoreRefusesWhileOpenAndKeepsTheOldFile(t *testing.T) {
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
	importCSV(t, s, "ref,received,channel\nLATER,2026-11-03,self\n")

	if _, err := Restore(ctx, backup, path, fixedNow()); !errors.Is(err, ErrInUse) {
		t.Fatalf("restore while open: %v", err)
	}
	s.Close()
	notDB := filepath.Join(dir, "notes.txt")
	os.WriteFile(notDB, []byte("not a backup"), 0o600)
	if _, err := Restore(ctx, notDB, path, fixedNow()); err == nil {
		t.Fatal("restored from a file that is not a backup")
	}
	aside, err := Restore(ctx, backup, path, fixedNow())
	if err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, path, Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, _ := s.CountReferrals(ctx); n != 1 {
		t.Errorf("restored database holds %d referrals, want 1", n)
	}
	old, err := Open(ctx, aside, Options{Now: fixedNow})
	if err != nil {
		t.Fatalf("the replaced file was not kept: %v", err)
	}
	defer old.Close()
	if n, _ := old.CountReferrals(ctx); n != 2 {
		t.Errorf("the kept file holds %d referrals, want 2", n)
	}
}
