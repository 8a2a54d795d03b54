//go:build !linux

package store

// checkLocalDisk is a no-op where envei cannot read the file system type;
// README and SECURITY.md ask for a local disk.
func checkLocalDisk(path string) error { return nil }
