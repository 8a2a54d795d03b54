//go:build unix

package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// checkOwnership refuses a database that another OS user can reach through
// files beside it. SQLite writes every change through the -wal file and
// shares the -shm index between processes: whoever owns an existing -wal
// reads what envei writes, whatever the database's own mode. So
//
//   - the folder must not be writable by every user (a sticky /tmp-like
//     folder included: the sticky bit stops others deleting files, not
//     planting a -wal before envei makes one); a group-writable folder is
//     a legitimate group-owned setup;
//   - an existing -wal or -shm must be the database owner's, or in a
//     group-owned setup (the database writable by its group) belong to the
//     database's group, and give no one more than the database gives.
//
// SQLite makes these files itself with the database's mode, so a database
// used only by envei always passes. The path is absolute; the database
// need not exist yet (then only the folder is checked, if it exists).
func checkOwnership(path string) error {
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err == nil && fi.Mode().Perm()&0o002 != 0 {
		return fmt.Errorf("%w: the folder %s is writable by every user (mode %04o): another user could plant a -wal "+
			"file beside the database and read what envei writes through it; move the database into a folder "+
			"only the reception's users can write (for a group: chmod 2770 and chgrp the folder)",
			ErrUnsafeFiles, dir, fi.Mode().Perm())
	}
	var db syscall.Stat_t
	if err := syscall.Stat(path, &db); err != nil {
		if errors.Is(err, syscall.ENOENT) {
			return nil
		}
		return err
	}
	for _, side := range []string{"-wal", "-shm"} {
		var st syscall.Stat_t
		if err := syscall.Lstat(path+side, &st); err != nil {
			if errors.Is(err, syscall.ENOENT) {
				continue
			}
			return err
		}
		if err := sidecarProblem(path+side, db, st); err != nil {
			return err
		}
	}
	return nil
}

// sidecarProblem says what is wrong with a -wal or -shm file st beside the
// database db, or nil.
func sidecarProblem(name string, db, st syscall.Stat_t) error {
	dbPerm, perm := db.Mode&0o777, st.Mode&0o777
	groupOwned := dbPerm&0o020 != 0 && st.Gid == db.Gid
	fix := "if no envei has the database open and the file is not SQLite's own, move it away and tell the system owner"
	switch {
	case st.Mode&syscall.S_IFMT != syscall.S_IFREG:
		return fmt.Errorf("%w: %s is not a regular file; %s", ErrUnsafeFiles, name, fix)
	case st.Uid != db.Uid && !groupOwned:
		return fmt.Errorf("%w: %s belongs to user id %d, not to the database's owner (user id %d): another user may "+
			"have planted it to read what envei writes; %s", ErrUnsafeFiles, name, st.Uid, db.Uid, fix)
	case perm&^dbPerm != 0:
		return fmt.Errorf("%w: %s has mode %04o, wider than the database's %04o: other users could read what envei "+
			"writes through it; %s", ErrUnsafeFiles, name, perm, dbPerm, fix)
	}
	return nil
}

// likeReplaced gives f, the file about to replace old, old's owner, group
// and mode, but never access for other users. Only root can give a file to
// another user; anyone else keeps the file and gives it old's group, which
// a member of that group may. Failing that, the restore stops before the
// old file is touched.
func likeReplaced(f *os.File, old os.FileInfo) error {
	if err := f.Chmod(old.Mode().Perm() & 0o770); err != nil {
		return err
	}
	st, ok := old.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	if err := f.Chown(int(st.Uid), int(st.Gid)); err == nil {
		return nil
	}
	if err := f.Chown(-1, int(st.Gid)); err != nil {
		return fmt.Errorf("restore: cannot give the restored file the replaced one's group (id %d): %w; "+
			"run envei restore as the database's owner or as a member of its group", st.Gid, err)
	}
	// Chown may clear the set-id bits; the mode is set again after it.
	return f.Chmod(old.Mode().Perm() & 0o770)
}
