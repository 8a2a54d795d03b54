//go:build !unix

package store

import "os"

// checkOwnership is a no-op where envei cannot read owners and modes;
// SECURITY.md asks for a folder only the reception's users can write.
func checkOwnership(path string) error { return nil }

// likeReplaced gives f old's mode, never access for other users.
func likeReplaced(f *os.File, old os.FileInfo) error { return f.Chmod(old.Mode().Perm() & 0o770) }
