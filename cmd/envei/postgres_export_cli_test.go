package main

import (
	"bytes"
	"context"
	"database/sql"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// An export the database server breaks off part-way (its reading backend
// ended while rows stream) fails with a message that says so and what to
// do, and leaves no file behind: never half an export under the name
// asked for. To standard output, the rows before the break are said to
// be incomplete.
func TestPostgresExportBrokenOffLeavesNoFile(t *testing.T) {
	dsn := postgresDatabase(t)
	h := newHarness(t)
	h.db = dsn
	h.ok("demo", "--patients", "20000")
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	database := strings.TrimPrefix(u.Path, "/")
	killer, err := sql.Open("pgx", os.Getenv("ENVEI_TEST_POSTGRES"))
	if err != nil {
		t.Fatal(err)
	}
	defer killer.Close()
	// endExport ends the export's backend once it is streaming rows to a
	// client that reads them more slowly than it sends (ClientWrite: the
	// client has been handing rows on).
	endExport := func(ctx context.Context) *atomic.Bool {
		ended := &atomic.Bool{}
		go func() {
			for ctx.Err() == nil && !ended.Load() {
				var n int
				killer.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_stat_activity
					WHERE datname = $1 AND backend_type = 'client backend' AND wait_event = 'ClientWrite' AND query LIKE '%ORDER BY r.ref%'`,
					database).Scan(&n)
				ended.Store(n > 0)
				time.Sleep(2 * time.Millisecond)
			}
		}()
		return ended
	}
	for _, toFile := range []bool{true, false} {
		interrupted := false
		for attempt := 0; attempt < 5 && !interrupted; attempt++ {
			out := filepath.Join(t.TempDir(), "export.csv")
			args := []string{"export"}
			if toFile {
				args = append(args, "--out", out)
			}
			ctx, stop := context.WithCancel(context.Background())
			ended := endExport(ctx)
			r := h.runSlowly(args...)
			stop()
			if r.code == 0 {
				// The backend was ended before the first row was handed on
				// (the read ran again whole), or not at all: try again.
				t.Logf("attempt %d: the export was whole (backend ended: %v)", attempt, ended.Load())
				continue
			}
			interrupted = true
			if !strings.Contains(r.stderr, "broke off the read part-way") || !strings.Contains(r.stderr, "run it again") {
				t.Errorf("the message does not say what happened and what to do:\n%s", r.stderr)
			}
			if toFile {
				if _, err := os.Stat(out); !os.IsNotExist(err) {
					t.Errorf("an export broken off left %s (%v)", out, err)
				}
				if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "*")); len(left) > 0 {
					t.Errorf("files left behind: %v", left)
				}
				if !strings.Contains(r.stderr, "no file was written") {
					t.Errorf("the message does not say that no file was written:\n%s", r.stderr)
				}
			} else if !strings.Contains(r.stderr, "incomplete: discard them") {
				t.Errorf("the message does not say that standard output is incomplete:\n%s", r.stderr)
			}
		}
		if !interrupted {
			t.Errorf("to a file %v: the export was never broken off part-way in 5 attempts", toFile)
		}
	}
}

// runSlowly is run, with a standard output that takes its time over each
// write, as a slow pipe does: the server gets ahead of the export.
func (h *harness) runSlowly(args ...string) result {
	h.t.Helper()
	var out slowBuffer
	var errOut bytes.Buffer
	a := &app{
		stdin:      strings.NewReader(""),
		stdout:     &out,
		stderr:     &errOut,
		getenv:     func(k string) string { return h.env[k] },
		username:   func() (string, string, error) { return h.user, "Test User " + h.user, nil },
		now:        func() time.Time { return time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC) },
		random:     seededSource{rand.New(rand.NewPCG(7, 7))},
		isTerminal: func(any) bool { return false },
	}
	code := a.run(context.Background(), append(args, "--db", h.db))
	return result{code, out.b.String(), errOut.String()}
}

type slowBuffer struct{ b bytes.Buffer }

func (s *slowBuffer) Write(p []byte) (int, error) {
	time.Sleep(time.Millisecond)
	return s.b.Write(p)
}
