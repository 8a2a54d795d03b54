//go:build unix

package store

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// Issue 11 §3: VACUUM INTO made the backup's temporary file with the
// umask's mode (0644) and chmodded it afterwards; another user polling the
// folder copied the whole database. Here the umask is the common 0022 and
// a poller walks the folder as fast as it can while a backup runs: no file
// under it may ever be wider than 0600 (nor a folder wider than 0700).
func TestBackupFilesAreNeverWiderThan0600(t *testing.T) {
	sqliteOnly(t, "the modes of backup files")
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	ctx := context.Background()
	src := filepath.Join(t.TempDir(), "live.db")
	s, err := Open(ctx, src, Options{Create: true, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Enough pages that VACUUM INTO takes a while to write.
	if _, err := s.db.Exec(`CREATE TABLE padding (b BLOB);
		WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000)
		INSERT INTO padding SELECT randomblob(4000) FROM n`); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	var (
		stop      atomic.Bool
		wg        sync.WaitGroup
		mu        sync.Mutex
		wide      []string
		sawBackup atomic.Bool
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for !stop.Load() {
			filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err != nil || p == dir {
					return nil
				}
				fi, err := os.Lstat(p)
				if err != nil {
					return nil
				}
				limit := os.FileMode(0o600)
				if fi.IsDir() {
					limit = 0o700
				}
				sawBackup.Store(true)
				if fi.Mode().Perm()&^limit != 0 {
					mu.Lock()
					wide = append(wide, p+" "+fi.Mode().String())
					mu.Unlock()
				}
				return nil
			})
		}
	}()
	time.Sleep(10 * time.Millisecond)
	err = s.Backup(ctx, admin, filepath.Join(dir, "backup.db"))
	stop.Store(true)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if !sawBackup.Load() {
		t.Fatal("the poller never saw a file; the test proves nothing")
	}
	if len(wide) > 0 {
		t.Errorf("files wider than 0600 existed during the backup: %v", wide[:min(len(wide), 5)])
	}
}

// Issue 11 §3: envei backup newbackup.db and envei restore bk.db failed
// with "invalid uri authority"; names with spaces, ? and # must work too.
func TestBackupAndRestoreWithRelativeAndOddPaths(t *testing.T) {
	sqliteOnly(t, "backup and restore of SQLite files")
	ctx := context.Background()
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.Mkdir("sub dir", 0o700); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, "live ?#%.db", Options{Create: true, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatalf("open a relative path with ?, # and %%: %v", err)
	}
	importCSV(t, s, "ref,received,channel\nKEEP,2026-11-02,self\n")
	for _, dest := range []string{"newbackup.db", "with space.db", "what?.db", "hash#tag.db", "sub dir/odd ?#%20.db"} {
		if err := s.Backup(ctx, admin, dest); err != nil {
			t.Errorf("backup to %q: %v", dest, err)
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, dest)); err != nil {
			t.Errorf("backup to %q is not at %s: %v", dest, filepath.Join(dir, dest), err)
		}
	}
	s.Close()
	for _, src := range []string{"newbackup.db", "sub dir/odd ?#%20.db"} {
		target := "restored #1?.db"
		os.Remove(target)
		if _, err := Restore(ctx, src, target, fixedNow()); err != nil {
			t.Errorf("restore %q to %q: %v", src, target, err)
			continue
		}
		r, err := Open(ctx, target, Options{Now: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := r.CountReferrals(ctx); n != 1 {
			t.Errorf("restored from %q: %d referrals, want 1", src, n)
		}
		r.Close()
	}
}

// Issue 11 §3: restore left the file 0600 and owned by whoever ran it,
// breaking a group-owned setup.
func TestRestoreKeepsOwnerGroupAndMode(t *testing.T) {
	sqliteOnly(t, "a restored SQLite file's owner, group and mode")
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "live.db")
	s, err := Open(ctx, path, Options{Create: true, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "b.db")
	if err := s.Backup(ctx, admin, backup); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := os.Chmod(path, 0o660); err != nil {
		t.Fatal(err)
	}
	uid, gid := os.Getuid(), 4243
	if err := os.Chown(path, 4242, gid); err == nil {
		uid = 4242
	} else if err := os.Chown(path, -1, os.Getgid()); err != nil {
		t.Fatal(err)
	} else {
		t.Logf("cannot give the file to another user here (%v); checking the mode and own group only", err)
		gid = os.Getgid()
	}
	if _, err := Restore(ctx, backup, path, fixedNow()); err != nil {
		t.Fatal(err)
	}
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil {
		t.Fatal(err)
	}
	if int(st.Uid) != uid || int(st.Gid) != gid || st.Mode&0o777 != 0o660 {
		t.Errorf("restored file: uid %d gid %d mode %04o; want uid %d gid %d mode 0660", st.Uid, st.Gid, st.Mode&0o777, uid, gid)
	}
}
