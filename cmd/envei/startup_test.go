package main

import (
	"os/exec"
	"strings"
	"testing"
)

// envei must not ask the terminal for its background colour at start-up
// (bubbletea v1 does so in its package init and waits up to 5 s for an
// answer that some terminals never give). Run under a pseudo-terminal that
// never answers, "envei version" must print no query. This checks the
// bytes, not the time: the five-second wait follows from the query.
func TestNoTerminalQueryAtStartup(t *testing.T) {
	if _, err := exec.LookPath("script"); err != nil {
		t.Skip("script (util-linux) is not installed")
	}
	bin := buildEnvei(t)
	cmd := exec.Command("script", "-qec", bin+" version", "/dev/null")
	cmd.Env = append(cmd.Environ(), "TERM=xterm-256color")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("envei version under a pty: %v\n%q", err, out)
	}
	if strings.Contains(string(out), "\x1b]11;") || strings.Contains(string(out), "\x1b[6n") {
		t.Fatalf("envei queried the terminal at start-up: %q", out)
	}
	if !strings.Contains(string(out), "envei ") {
		t.Fatalf("no version printed: %q", out)
	}
}
