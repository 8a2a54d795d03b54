package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A process killed in the middle of a checkpoint can leave the main file
// with page 1 already copied from the write-ahead log (its header counting
// the pages the database will have) while the pages after the old end are
// still only in the log. SQLite recovers such a file by replaying the log.
// envei refused it as "shorter than its header says: truncated or damaged"
// (TestKillNineLosesNothing failed that way now and then under load):
// after a crash the reception could not open its own database. The file
// here is made that way on purpose: a log the main file has not seen, and
// page 1 copied from it as a checkpoint would copy it first.
func TestOpenAfterACheckpointCutShort(t *testing.T) {
	sqliteOnly(t, "a SQLite checkpoint cut short by a crash")
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "envei.db")
	s, err := Open(ctx, path, Options{Create: true, Test: true, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	s.Close() // checkpointed: the main file holds everything so far

	// One connection that never checkpoints writes enough to grow the
	// database by many pages, all of them in the log only.
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=wal_autocheckpoint(0)&_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS filler_test (x TEXT)`); err != nil {
		t.Fatal(err)
	}
	filler := strings.Repeat("x", 3000)
	for i := 0; i < 200; i++ {
		if _, err := db.Exec(`INSERT INTO filler_test VALUES (?)`, filler); err != nil {
			t.Fatal(err)
		}
	}
	// Copy the pair while the connection holds the log open (no one
	// writes meanwhile), as a crash would leave it.
	crashed := filepath.Join(t.TempDir(), "envei.db")
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(path + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(crashed+suffix, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	main, err := os.ReadFile(crashed)
	if err != nil {
		t.Fatal(err)
	}
	page1 := lastFrameOf(t, crashed+"-wal", 1)
	if len(page1) > len(main) {
		t.Fatal("page 1 is larger than the file")
	}
	grown := int64(binary.BigEndian.Uint32(page1[28:32])) * int64(len(page1))
	if grown <= int64(len(main)) {
		t.Fatalf("the log's page 1 counts %d bytes, the file has %d: nothing to cut short", grown, len(main))
	}
	copy(main, page1)
	if err := os.WriteFile(crashed, main, 0o600); err != nil {
		t.Fatal(err)
	}

	s2, err := Open(ctx, crashed, Options{Now: fixedNow})
	if err != nil {
		t.Fatalf("a checkpoint cut short: %v", err)
	}
	defer s2.Close()
	var n int
	if err := s2.db.QueryRow(`SELECT count(*) FROM filler_test`).Scan(&n); err != nil || n != 200 {
		t.Fatalf("after recovery: %d rows, %v; want 200", n, err)
	}
	var check string
	if err := s2.db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity: %s %v", check, err)
	}
	if _, err := s2.Roster(ctx); err != nil {
		t.Fatal(err)
	}
}

// lastFrameOf returns the newest copy of page number pgno in a
// write-ahead log file (SQLite's WAL format: a 32-byte header, then frames
// of a 24-byte header and one page).
func lastFrameOf(t *testing.T, walPath string, pgno uint32) []byte {
	t.Helper()
	wal, err := os.ReadFile(walPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(wal) < 32 {
		t.Fatal("the log is empty")
	}
	pageSize := int(binary.BigEndian.Uint32(wal[8:12]))
	var last []byte
	for off := 32; off+24+pageSize <= len(wal); off += 24 + pageSize {
		if binary.BigEndian.Uint32(wal[off:off+4]) == pgno {
			last = bytes.Clone(wal[off+24 : off+24+pageSize])
		}
	}
	if last == nil {
		t.Fatalf("page %d is not in the log", pgno)
	}
	return last
}
