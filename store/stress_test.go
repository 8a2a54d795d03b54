package store

import (
	"context"
	"testing"
	"time"
)

// Several consoles, an import and a supervisor's reads, as separate
// processes on one database file, all working the same few referrals. No
// acknowledged change may be lost, no read-modify-write may overwrite a
// change its writer never saw (a conflict must say so instead), and no
// caller may ever get "database is locked". ENVEI_STRESS_LONG=1 runs it
// long; `go test -race` runs every worker under the race detector too.
func TestManyProcessesLoseNoUpdate(t *testing.T) {
	if testing.Short() {
		t.Skip("starts worker processes")
	}
	writers, readers := pick(4, 8), pick(1, 2)
	writerOps, readerOps, batches := pick(120, 1500), pick(60, 1500), pick(3, 30)
	path := stressDB(t, writers)
	start := time.Now()
	var ws []*worker
	for i := 0; i < writers; i++ {
		ws = append(ws, startWorker(t, "writer", path, i, writerOps))
	}
	for i := 0; i < readers; i++ {
		ws = append(ws, startWorker(t, "reader", path, 100+i, readerOps))
	}
	ws = append(ws, startWorker(t, "importer", path, 200, batches))
	got := waitAll(t, ws)
	s, err := Open(context.Background(), path, Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkFile(t, s.db)
	checkCounters(t, s, got.lines["sched"], true)
	checkSessions(t, s, got.lines["session"], true)
	if n := checkImports(t, s.db, got.lines["import"]); n != batches {
		t.Errorf("%d imports on file, %d made", n, batches)
	}
	if len(got.lines["sched"]) == 0 {
		t.Error("no rebooking was acknowledged: the test proved nothing")
	}
	t.Logf("%d processes, %s: %d acknowledged changes (%d rebookings, %d sessions, %d imports), %d conflicts reported",
		len(ws), time.Since(start).Round(time.Millisecond), got.total(), len(got.lines["sched"]),
		len(got.lines["session"]), len(got.lines["import"]), got.conflicts)
}
