//go:build unix

package main

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Issue 11 §3: a kill -9 during envei backup left the temporary copy
// (0644, from VACUUM INTO and the umask) for good. The real binary is
// killed while it writes the copy, under the common umask 0022; nothing
// it leaves behind may be readable by another user. Two things see to it:
// the store's private temporary folder and file, and the umask 0077 the
// binary sets for itself.
func TestKilledBackupLeavesNothingReadable(t *testing.T) {
	if testing.Short() {
		t.Skip("builds envei and a demo database")
	}
	bin := buildEnveiFor(t)
	db := filepath.Join(t.TempDir(), "demo.db")
	envei := func(args ...string) *exec.Cmd {
		cmd := exec.Command(bin, append(args, "--db", db)...)
		cmd.Env = append(os.Environ(), "NO_COLOR=1")
		return cmd
	}
	old := syscall.Umask(0o022) // the children inherit it
	defer syscall.Umask(old)
	mustRun(t, envei("demo", "--patients", "40000"))

	caught := false
	for try := 0; try < 5 && !caught; try++ {
		dir := t.TempDir()
		cmd := envei("backup", filepath.Join(dir, "backup.db"))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(20 * time.Second)
		// Kill it once the copy is being written: a temporary file with
		// pages in it.
		for time.Now().Before(deadline) && !caught {
			filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err == nil && strings.HasPrefix(p, filepath.Join(dir, ".envei-")) && d.Type().IsRegular() {
					if fi, err := d.Info(); err == nil && fi.Size() > 0 {
						caught = true
					}
				}
				return nil
			})
		}
		if caught {
			// The process's own umask (set first thing in main) is private.
			if status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)); err == nil &&
				!strings.Contains(string(status), "Umask:\t0077\n") {
				t.Errorf("envei runs with a umask other than 0077:\n%s", status)
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if !caught {
			continue
		}
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
			if fi.Mode().Perm()&^limit != 0 {
				t.Errorf("a killed backup left %s with mode %v", p, fi.Mode())
			}
			return nil
		})
	}
	if !caught {
		t.Skip("the backup finished before it could be killed every time; nothing shown")
	}
}
