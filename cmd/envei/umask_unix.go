//go:build unix

package main

import "syscall"

// privateUmask makes every file and folder this process creates private to
// its user unless the code says otherwise (as restore does, to keep a
// group-owned setup). Every file envei writes holds patient data — the
// database, its -wal and -shm (SQLite gives these the database's own mode
// whatever the umask), VACUUM INTO's copy and journal, exports, notes — so
// no mode is ever decided by a umask of 0022.
//
// The umask belongs to the process, not to a goroutine: it is set once,
// first thing in main, before anything runs concurrently (a served console
// runs many sessions in one process, and a umask changed around one
// session's backup would change it for every other session's files too).
func privateUmask() { syscall.Umask(0o077) }
