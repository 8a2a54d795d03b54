package main

import (
	"bytes"
	"context"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// harness runs envei commands in-process against a database in a temp dir,
// as a fixed OS user, with a fixed clock and a seeded random source.
type harness struct {
	t     *testing.T
	db    string
	user  string
	env   map[string]string
	stdin string
	// terminal makes standard output a terminal, as envei sees it.
	terminal bool
}

func newHarness(t *testing.T) *harness {
	return &harness{t: t, db: filepath.Join(t.TempDir(), "envei.db"), user: "root", env: map[string]string{}}
}

type result struct {
	code           int
	stdout, stderr string
}

type seededSource struct{ r *rand.Rand }

func (s seededSource) IntN(n int) int { return s.r.IntN(n) }

// run runs envei with args; --db is added unless args mention it.
func (h *harness) run(args ...string) result {
	h.t.Helper()
	var out, errOut bytes.Buffer
	a := &app{
		stdin:      strings.NewReader(h.stdin),
		stdout:     &out,
		stderr:     &errOut,
		getenv:     func(k string) string { return h.env[k] },
		username:   func() (string, string, error) { return h.user, "Test User " + h.user, nil },
		now:        func() time.Time { return time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC) },
		random:     seededSource{rand.New(rand.NewPCG(7, 7))},
		isTerminal: func(w any) bool { return h.terminal && w == any(&out) },
	}
	hasDB := false
	for _, arg := range args {
		if arg == "--db" || strings.HasPrefix(arg, "--db=") {
			hasDB = true
		}
	}
	if !hasDB && h.db != "" {
		args = append(args, "--db", h.db)
	}
	code := a.run(context.Background(), args)
	return result{code, out.String(), errOut.String()}
}

// ok runs a command that must succeed and returns its standard output.
func (h *harness) ok(args ...string) string {
	h.t.Helper()
	r := h.run(args...)
	if r.code != 0 {
		h.t.Fatalf("envei %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r.stdout
}
