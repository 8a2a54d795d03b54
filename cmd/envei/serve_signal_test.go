package main

import (
	"bufio"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// The built binary, served, with a console open: SIGTERM ends the
// session, closes the database and exits 0 within 5 s.
func TestServeBinaryStopsOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildEnvei(t)
	r := newServedReception(t)
	cmd := exec.Command(bin, "serve", "--db", r.h.db, "--listen", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if _, a, ok := strings.Cut(sc.Text(), " on "); ok && strings.HasPrefix(sc.Text(), "envei serves ") {
				addr <- a
			}
		}
	}()
	ts := &testServer{}
	select {
	case ts.addr = <-addr:
	case <-time.After(20 * time.Second):
		t.Fatalf("serve did not start:\n%s", stderr)
	}
	c, err := ts.dial(gossh.PublicKeys(r.kari))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RequestPty("xterm", 30, 100, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	out := &syncBuffer{}
	s.Stdout, s.Stderr = out, out
	if _, err := s.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, out, "Worklist")

	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("serve after SIGTERM: %v\n%s", err, stderr)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("serve still running 5 s after SIGTERM:\n%s", stderr)
	}
	t.Logf("stopped in %v", time.Since(start).Round(time.Millisecond))
	waitFor(t, out, "envei serve is stopping")
	if !strings.Contains(stderr.String(), "logout") || !strings.Contains(stderr.String(), "stopped") {
		t.Errorf("the server's log:\n%s", stderr)
	}
	// The database closed cleanly: the local commands still work on it.
	r.h.ok("check")
}
