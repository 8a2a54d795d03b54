package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestCreateSetsModesAndSeeds(t *testing.T) {
	sqliteOnly(t, "the modes of the new SQLite file and its folder")
	dir := filepath.Join(t.TempDir(), "nested", "envei")
	path := filepath.Join(dir, "envei.db")
	s, err := Open(context.Background(), path, Options{Create: true, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s: mode %o, want %o", p, got, want)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".envei-new-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
	who, err := s.Actor(context.Background(), "root")
	if err != nil || who.Role != "admin" {
		t.Fatalf("creator on roster: %+v, %v", who, err)
	}
	svcs, err := s.Services(context.Background())
	if err != nil || len(svcs) != 8 || svcs[0].Code != "dps" || svcs[7].Code != "did_not_attend" {
		t.Fatalf("catalogue: %v %v", svcs, err)
	}
	if s.IsTest() {
		t.Error("a normal database is marked test")
	}
}

// The pragmas are set per connection through the DSN; check several pooled
// connections at once, since a db.Exec("PRAGMA …") would reach only one.
func TestPragmasOnEveryConnection(t *testing.T) {
	sqliteOnly(t, "the pragmas each pooled SQLite connection gets from the DSN")
	s := newStore(t, false)
	ctx := context.Background()
	var conns []*Conn
	for i := 0; i < 3; i++ {
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		for pragma, want := range map[string]string{
			"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1", "busy_timeout": "5000",
		} {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("connection %d: %s = %s, want %s", i, pragma, got, want)
			}
		}
		c.Close()
	}
	var appID, version int
	s.db.QueryRow("PRAGMA application_id").Scan(&appID)
	s.db.QueryRow("PRAGMA user_version").Scan(&version)
	if appID != ApplicationID || version != SchemaVersion() {
		t.Errorf("application_id %x user_version %d", appID, version)
	}
}

func TestReopenKeepsData(t *testing.T) {
	path := testDatabase(t)
	ctx := context.Background()
	s, err := Open(ctx, path, Options{Create: true, Test: true, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, clinician("kari", "dps"))
	s.Close()
	s, err = Open(ctx, path, Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.IsTest() {
		t.Error("test flag lost on reopen")
	}
	if _, err := s.Actor(ctx, "kari"); err != nil {
		t.Error(err)
	}
}

func TestMissingDatabaseWithoutCreate(t *testing.T) {
	sqliteOnly(t, "a missing SQLite file is not created (TestPostgresEmptyDatabaseWithoutCreate is the server's)")
	path := filepath.Join(t.TempDir(), "none.db")
	_, err := Open(context.Background(), path, Options{})
	if !errors.Is(err, ErrNoDatabase) {
		t.Fatalf("got %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Error("a file was created")
	}
}

func fileDigest(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// Foreign, empty, truncated and too-new files are refused and left exactly
// as they were, with no -wal or -shm created next to them.
func TestRefusesForeignFilesUntouched(t *testing.T) {
	sqliteOnly(t, "SQLite files of other programs")
	dir := t.TempDir()
	ctx := context.Background()

	foreign := filepath.Join(dir, "other.sqlite")
	db, err := sql.Open("sqlite", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE t (x); INSERT INTO t VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("hello, this is not a database at all\n"), 0o600)
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)

	good := filepath.Join(dir, "good.db")
	s, err := Open(ctx, good, Options{Create: true, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	raw, _ := os.ReadFile(good)
	truncated := filepath.Join(dir, "truncated.db")
	os.WriteFile(truncated, raw[:len(raw)/3], 0o600)

	newer := filepath.Join(dir, "newer.db")
	os.WriteFile(newer, raw, 0o600)
	db, _ = sql.Open("sqlite", newer)
	if _, err := db.Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	cases := map[string]error{foreign: ErrNotEnvei, text: ErrNotEnvei, empty: ErrNotEnvei, newer: ErrTooNew, truncated: nil}
	for path, want := range cases {
		before := fileDigest(t, path)
		s, err := Open(ctx, path, Options{Create: true, Creator: admin, Now: fixedNow})
		if err == nil {
			s.Close()
			t.Errorf("%s: opened", filepath.Base(path))
			continue
		}
		if want != nil && !errors.Is(err, want) {
			t.Errorf("%s: got %v, want %v", filepath.Base(path), err, want)
		}
		if after := fileDigest(t, path); !bytes.Equal(before[:], after[:]) {
			t.Errorf("%s: file changed", filepath.Base(path))
		}
		for _, side := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(path + side); err == nil {
				t.Errorf("%s: %s created", filepath.Base(path), side)
			}
		}
	}
}

func TestMigrationsAreNumbered(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].version != 1 {
		t.Fatalf("migrations: %v", ms)
	}
}

// A database in rollback-journal mode (as a restored backup is) is converted
// to WAL by the first connection, which rewrites its header. Open must find
// what is wrong with such a file before that: damaged pages or a schema its
// version number does not describe are refused with the file unchanged.
// A FuzzOpen seed combining the two (rollback header, damaged page) found it.
func TestRefusesDamagedRollbackFileUntouched(t *testing.T) {
	sqliteOnly(t, "a damaged SQLite file in rollback-journal mode")
	dir := t.TempDir()
	ctx := context.Background()
	good := filepath.Join(dir, "good.db")
	s, err := Open(ctx, good, Options{Create: true, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", good)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA journal_mode = DELETE"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	if raw[18] != 1 || raw[19] != 1 {
		t.Fatalf("header bytes 18, 19 = %d, %d: not in rollback-journal mode", raw[18], raw[19])
	}
	pageSize := int(raw[16])<<8 | int(raw[17])

	damaged := bytes.Clone(raw)
	copy(damaged[pageSize:], bytes.Repeat([]byte{0xff}, 64))
	oldVersion := bytes.Clone(raw)
	oldVersion[63] = 1 // user_version 1, though the tables of later versions are there
	for name, content := range map[string][]byte{"damaged": damaged, "old-version": oldVersion} {
		path := filepath.Join(t.TempDir(), name+".db")
		if err := os.WriteFile(path, content, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := Open(ctx, path, Options{Now: fixedNow})
		if err == nil {
			s.Close()
			t.Errorf("%s: opened", name)
			continue
		}
		if !errors.Is(err, ErrDamaged) {
			t.Errorf("%s: %v, want ErrDamaged", name, err)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, content) {
			t.Errorf("%s: refused, and the file changed", name)
		}
		if left, _ := filepath.Glob(path + "-*"); len(left) > 0 {
			t.Errorf("%s: left %v", name, left)
		}
	}

	// The sound file opens, and is in WAL mode from then on.
	s, err = Open(ctx, good, Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	var mode string
	s.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	s.Close()
	if mode != "wal" {
		t.Errorf("journal mode %s after opening, want wal", mode)
	}
}

// A sound file in rollback-journal mode that another process has locked is
// refused as busy, never as damaged: "restore a backup" would be the wrong
// advice for a healthy database. It waits out the busy timeout (5 s).
func TestLockedRollbackFileIsNotCalledDamaged(t *testing.T) {
	sqliteOnly(t, "a SQLite file locked by another process")
	if testing.Short() {
		t.Skip("waits for the busy timeout")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "locked.db")
	s, err := Open(ctx, path, Options{Create: true, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec("PRAGMA journal_mode = DELETE"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	defer db.Exec("ROLLBACK")
	before := fileDigest(t, path)
	_, err = Open(ctx, path, Options{Now: fixedNow})
	if err == nil || errors.Is(err, ErrDamaged) || !errors.Is(err, ErrBusy) {
		t.Errorf("locked file: %v, want ErrBusy and not ErrDamaged", err)
	}
	if after := fileDigest(t, path); before != after {
		t.Error("locked file changed")
	}
}
