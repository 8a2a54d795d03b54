package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// A copy into a folder every user can write is refused before anything is
// written, as Open refuses a database there: envei would not open the
// copy, and another user could plant a -wal beside it.
func TestCopyRefusesAWorldWritableFolder(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no owners and modes to check")
	}
	s, _ := copySource(t)
	dir := filepath.Join(t.TempDir(), "shared")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o1777); err != nil {
		t.Fatal(err)
	}
	_, err := s.CopyTo(context.Background(), admin, filepath.Join(dir, "moved.db"), nil)
	if !errors.Is(err, ErrUnsafeFiles) {
		t.Fatalf("copy into a world-writable folder: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("left %v", entries)
	}
}
