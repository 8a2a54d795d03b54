package store

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"envei/internal/pgtest"
)

// Workers in separate processes import, rebook and log sessions on a
// PostgreSQL server the test started itself, and the server is restarted
// with -m immediate (a crash: no checkpoint, the WAL replayed at start) in
// the middle of the run, more than once. A worker must carry on: a write
// broken off by the restart is run again whole (never surfaced), or, when
// running it again is not safe, refused with ErrCommitUnknown or
// ErrInterrupted — never acknowledged (the worker says "unknown"). Unlike
// TestPostgresRestartLosesNoAcknowledgedWrite (a fast restart of the
// server ENVEI_TEST_POSTGRES_RESTART names) it needs only initdb, and
// the restart is a crash. Afterwards every acknowledged write
// is on the server, every import is all or nothing, and the hash chains
// verify.
func TestPostgresCrashRestartLosesNoAcknowledgedWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server of its own and worker processes")
	}
	srv := pgtest.Start(t, pgtest.Options{Conf: "shared_buffers = 32MB"})
	srv.Admin(t, `CREATE DATABASE envei_crash`)
	const workers = 3
	dsn := stressDBAt(t, srv.DSN(url.User("postgres"), "envei_crash"), workers)
	restarts := pick(2, 10)
	var ws []*worker
	for i := range workers {
		ws = append(ws, startWorker(t, "crash", dsn, i, 0))
	}
	defer func() {
		for _, w := range ws {
			w.kill()
		}
	}()
	acked := func(w *worker) int {
		w.mu.Lock()
		defer w.mu.Unlock()
		n := 0
		for _, l := range w.lines {
			if strings.HasPrefix(l, "ack ") {
				n++
			}
		}
		return n
	}
	// carryOn waits until every worker has acknowledged a few more writes
	// than it had, or has died.
	carryOn := func(when string) {
		t.Helper()
		before := make([]int, len(ws))
		for i, w := range ws {
			before[i] = acked(w)
		}
		deadline := time.Now().Add(90 * time.Second)
		for i, w := range ws {
			for acked(w) < before[i]+4 {
				select {
				case <-w.done:
					lines, _ := w.wait()
					t.Fatalf("%s: worker %s ended: %v\n%s", when, w.name, lines[max(0, len(lines)-3):], w.stderr.String())
				case <-time.After(5 * time.Millisecond):
				}
				if time.Now().After(deadline) {
					t.Fatalf("%s: worker %s acknowledged nothing more in 90 s", when, w.name)
				}
			}
		}
	}
	carryOn("before the first restart")
	start := time.Now()
	for r := range restarts {
		if err := srv.Ctl("restart", "-m", "immediate"); err != nil {
			t.Fatal(err)
		}
		carryOn("after restart " + string(rune('1'+r)))
	}
	got := newAcks()
	for _, w := range ws {
		w.kill()
		lines, _ := w.wait()
		got.add(lines)
	}
	for _, f := range got.fails {
		t.Error(f)
	}
	s, err := Open(context.Background(), dsn, Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkFile(t, s.db)
	batches := checkImports(t, s.db, got.lines["import"])
	checkCounters(t, s, got.lines["sched"], false)
	checkSessions(t, s, got.lines["session"], false)
	rep, err := s.VerifyChains(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rep.Problems {
		t.Errorf("chain: %s", p)
	}
	if len(got.lines["import"]) == 0 || len(got.lines["sched"]) == 0 || len(got.lines["session"]) == 0 {
		t.Errorf("not every kind of write was acknowledged (%d imports, %d rebookings, %d sessions): the restarts proved little",
			len(got.lines["import"]), len(got.lines["sched"]), len(got.lines["session"]))
	}
	t.Logf("%d restarts in %s: %d acknowledged writes (%d imports, %d rebookings, %d sessions), %d refused as not saved, %d imports on the server",
		restarts, time.Since(start).Round(time.Millisecond), got.total(), len(got.lines["import"]),
		len(got.lines["sched"]), len(got.lines["session"]), got.unknown, batches)
}
