package store

import (
	"fmt"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// networkFilesystems are the file systems whose locking SQLite's WAL mode
// cannot rely on: WAL needs shared memory between the processes using the
// database, which a network file system does not give, so concurrent
// consoles could corrupt it (sqlite.org/wal.html, "WAL does not work over a
// network filesystem").
var networkFilesystems = map[int64]string{
	0x6969:     "NFS",
	0x517B:     "SMB",
	0xFF534D42: "CIFS",
	0xFE534D42: "SMB2",
	0x5346414F: "AFS",
	0x00C36400: "Ceph",
	0x01021997: "9P",
	0x0BD00BD0: "Lustre",
	0x47504653: "GPFS",
}

// statfs asks the kernel which file system holds a path; a variable so a
// test can stand a folder on "NFS" without an NFS server.
var statfs = unix.Statfs

// checkLocalDisk refuses a database whose folder is on a network file
// system, naming the file system and why.
func checkLocalDisk(path string) error {
	// The folder may not exist yet: ask about its nearest existing parent,
	// which is where it will be made.
	dir := filepath.Dir(path)
	var st unix.Statfs_t
	for {
		err := statfs(dir, &st)
		if err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil // cannot tell; SQLite reports real I/O trouble itself
		}
		dir = parent
	}
	if name, ok := networkFilesystems[int64(st.Type)]; ok {
		return fmt.Errorf("%s is on a network file system (%s): %w", path, name, ErrNetworkFS)
	}
	return nil
}
