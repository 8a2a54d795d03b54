//go:build unix

package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Issue 11 §3: another user on the host planted an empty -wal (0666) beside
// a database in a world-writable sticky folder and read the names envei
// wrote through it. envei refuses such a folder, and a -wal or -shm that is
// not the database owner's with the database's mode.

func closedDB(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "envei.db")
	s, err := Open(context.Background(), path, Options{Create: true, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	return path
}

func TestOpenRefusesAFolderWritableByOthers(t *testing.T) {
	sqliteOnly(t, "the SQLite file's folder")
	for _, mode := range []os.FileMode{0o777, 0o777 | os.ModeSticky, 0o733} {
		dir := t.TempDir()
		path := closedDB(t, dir)
		if err := os.Chmod(dir, mode); err != nil {
			t.Fatal(err)
		}
		_, err := Open(context.Background(), path, Options{Now: fixedNow})
		if !errors.Is(err, ErrUnsafeFiles) || !strings.Contains(err.Error(), "writable by every user") {
			t.Errorf("folder %v: %v, want ErrUnsafeFiles", mode, err)
		}
		// Nor is a new database made there.
		_, err = Open(context.Background(), filepath.Join(dir, "new.db"), Options{Create: true, Creator: admin, Now: fixedNow})
		if !errors.Is(err, ErrUnsafeFiles) {
			t.Errorf("create in folder %v: %v, want ErrUnsafeFiles", mode, err)
		}
		if _, err := os.Stat(filepath.Join(dir, "new.db")); err == nil {
			t.Errorf("a database was created in folder %v", mode)
		}
	}
	// A group-owned setup is legitimate.
	dir := t.TempDir()
	path := closedDB(t, dir)
	if err := os.Chmod(dir, 0o770|os.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), path, Options{Now: fixedNow})
	if err != nil {
		t.Fatalf("a group-writable folder was refused: %v", err)
	}
	s.Close()
}

func TestOpenRefusesAPlantedWAL(t *testing.T) {
	sqliteOnly(t, "a write-ahead log planted beside the SQLite file")
	for _, side := range []string{"-wal", "-shm"} {
		t.Run("wide mode"+side, func(t *testing.T) {
			path := closedDB(t, t.TempDir())
			plant(t, path+side, 0o666)
			_, err := Open(context.Background(), path, Options{Now: fixedNow})
			if !errors.Is(err, ErrUnsafeFiles) || !strings.Contains(err.Error(), side) {
				t.Errorf("a %s with mode 0666: %v, want ErrUnsafeFiles naming it", side, err)
			}
		})
		t.Run("other owner"+side, func(t *testing.T) {
			path := closedDB(t, t.TempDir())
			plant(t, path+side, 0o600)
			if err := os.Lchown(path+side, 4242, 4242); err != nil {
				t.Skipf("cannot give a file to another user here (not root?): %v", err)
			}
			_, err := Open(context.Background(), path, Options{Now: fixedNow})
			if !errors.Is(err, ErrUnsafeFiles) || !strings.Contains(err.Error(), "4242") {
				t.Errorf("a %s owned by another user: %v, want ErrUnsafeFiles naming the owner", side, err)
			}
		})
	}
	// A -wal of the owner with the database's mode is SQLite's own (another
	// envei has the database open): fine.
	path := closedDB(t, t.TempDir())
	plant(t, path+"-wal", 0o600)
	s, err := Open(context.Background(), path, Options{Now: fixedNow})
	if err != nil {
		t.Fatalf("the owner's own -wal was refused: %v", err)
	}
	s.Close()
}

// In a group-owned setup another member's -wal, in the database's group
// and with its mode, is legitimate.
func TestOpenAcceptsAGroupMembersWAL(t *testing.T) {
	sqliteOnly(t, "the SQLite write-ahead log's owner")
	dir := t.TempDir()
	path := closedDB(t, dir)
	if err := os.Chmod(path, 0o660); err != nil {
		t.Fatal(err)
	}
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil {
		t.Fatal(err)
	}
	plant(t, path+"-wal", 0o660)
	if err := os.Lchown(path+"-wal", 4242, int(st.Gid)); err != nil {
		t.Skipf("cannot give a file to another user here (not root?): %v", err)
	}
	s, err := Open(context.Background(), path, Options{Now: fixedNow})
	if err != nil {
		t.Fatalf("a group member's -wal was refused: %v", err)
	}
	s.Close()
}

func plant(t *testing.T, name string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(name, nil, mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(name, mode); err != nil { // past the umask
		t.Fatal(err)
	}
}
