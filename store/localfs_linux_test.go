package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// onFilesystem makes every folder look as if it were on the file system
// with the given magic number, for the rest of the test.
func onFilesystem(t *testing.T, magic int64) {
	t.Helper()
	real := statfs
	t.Cleanup(func() { statfs = real })
	statfs = func(path string, st *unix.Statfs_t) error {
		if err := real(path, st); err != nil {
			return err
		}
		st.Type = magic
		return nil
	}
}

// A database on a network file system is refused, with the reason, before
// anything is created or changed: neither a new database nor an existing
// one (left byte for byte as it was, with no -wal or -shm beside it).
func TestRefusesNetworkFilesystems(t *testing.T) {
	sqliteOnly(t, "SQLite files on network file systems")
	dir := t.TempDir()
	existing := filepath.Join(dir, "existing.db")
	s, err := Open(context.Background(), existing, Options{Create: true, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, err := os.ReadFile(existing)
	if err != nil {
		t.Fatal(err)
	}
	for magic, name := range map[int64]string{0x6969: "NFS", 0xFF534D42: "CIFS", 0xFE534D42: "SMB2"} {
		onFilesystem(t, magic)
		fresh := filepath.Join(dir, "new", "envei.db")
		_, err := Open(context.Background(), fresh, Options{Create: true, Creator: admin, Now: fixedNow})
		if !errors.Is(err, ErrNetworkFS) || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "local disk") {
			t.Errorf("%s: new database: %v", name, err)
		}
		if _, err := os.Stat(filepath.Dir(fresh)); !os.IsNotExist(err) {
			t.Errorf("%s: the refused database's folder was created", name)
		}
		if _, err := Open(context.Background(), existing, Options{}); !errors.Is(err, ErrNetworkFS) {
			t.Errorf("%s: existing database: %v", name, err)
		}
		after, _ := os.ReadFile(existing)
		if !bytes.Equal(before, after) {
			t.Errorf("%s: the refused database changed", name)
		}
		for _, suffix := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(existing + suffix); !os.IsNotExist(err) {
				t.Errorf("%s: %s left beside the refused database", name, suffix)
			}
		}
	}
	// The same folder on a local file system (ext4) opens.
	onFilesystem(t, 0xEF53)
	s, err = Open(context.Background(), existing, Options{})
	if err != nil {
		t.Fatalf("on a local disk: %v", err)
	}
	s.Close()
}
