package store

import (
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"envei/intake"
)

// A worker importing, rebooking and logging sessions is killed with SIGKILL
// at a random moment, again and again, on the same file. After every kill
// the file must pass SQLite's integrity and foreign-key checks, every
// acknowledged change must be there, every import must be all or nothing,
// and the store must open (recovering the write-ahead log the dead process
// left behind) and take a write. ENVEI_STRESS_LONG=1 kills it many times.
func TestKillNineLosesNothing(t *testing.T) {
	sqliteOnly(t, "kills processes holding the SQLite file and its write-ahead log open (the server's side: TestPostgresRestartLosesNoAcknowledgedWrite, TestPostgresRetryableErrorsAreRetried)")
	if testing.Short() {
		t.Skip("starts and kills worker processes")
	}
	kills := pick(8, 100)
	path := stressDB(t, 1)
	got := newAcks()
	start := time.Now()
	leftoverWAL, importsSeen, killedInImport := 0, 0, 0
	for k := 0; k < kills; k++ {
		w := startWorker(t, "crash", path, k, 0)
		if k%2 == 0 {
			// Any moment: starting up, opening, between writes or inside one.
			time.Sleep(time.Duration(rand.IntN(600)) * time.Millisecond)
		} else if w.waitFor("begin import", 2+rand.IntN(2)) {
			// Inside the second or third import, most likely (the first
			// has been acknowledged): an import of a few hundred rows
			// takes some milliseconds, a kill a little later than its
			// start lands in it or just after its commit.
			time.Sleep(time.Duration(rand.IntN(30000)) * time.Microsecond)
		}
		w.kill()
		lines, err := w.wait()
		got.add(lines)
		if inImport(lines) {
			killedInImport++
		}
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
			t.Fatalf("kill %d: the worker ended on its own (%v), not by the kill:\n%s", k, err, w.stderr.String())
		}
		for _, f := range got.fails {
			t.Fatal(f)
		}
		if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
			leftoverWAL++
		}
		importsSeen = checkAfterKill(t, path, got)
		if t.Failed() {
			t.Fatalf("after kill %d of %d", k+1, kills)
		}
	}
	if len(got.lines["import"]) == 0 || len(got.lines["sched"]) == 0 {
		t.Errorf("no import or no rebooking was acknowledged in %d runs: the kills proved nothing", kills)
	}
	if leftoverWAL == 0 {
		t.Error("no kill left a write-ahead log behind: recovery was never exercised")
	}
	t.Logf("%d kills (%d inside an import), %s: %d acknowledged changes (%d imports, %d rebookings, %d sessions), %d imports on file, %d kills left a -wal",
		kills, killedInImport, time.Since(start).Round(time.Millisecond), got.total(), len(got.lines["import"]),
		len(got.lines["sched"]), len(got.lines["session"]), importsSeen, leftoverWAL)
}

// checkAfterKill checks the file a killed worker left: first read-only as
// it lies, then through the store, which must still take a write. The
// parent's own write is added to the acks.
func checkAfterKill(t *testing.T, path string, got *acks) int {
	t.Helper()
	ro, err := sql.Open("sqlite", fileURI(path, "mode=ro&_pragma=busy_timeout(5000)"))
	if err != nil {
		t.Fatal(err)
	}
	roDB := &DB{pool: ro, eng: sqliteEngine{}}
	checkFile(t, roDB)
	batches := checkImports(t, roDB, got.lines["import"])
	ro.Close()
	ctx := context.Background()
	s, err := Open(ctx, path, Options{Now: fixedNow})
	if err != nil {
		t.Fatalf("open after kill: %v", err)
	}
	defer s.Close()
	checkCounters(t, s, got.lines["sched"], false)
	checkSessions(t, s, got.lines["session"], false)
	ref := counterRefs()[0]
	d, err := s.ReferralDetail(ctx, reading(admin), ref)
	if err != nil {
		t.Fatal(err)
	}
	n := decodeCounter(d.Row.Referral.FirstConversation, d.Details.ConversationTime) + 1
	day, clock := encodeCounter(n)
	if _, err := s.Schedule(ctx, acting(admin), ref, d.Version, day, clock, intake.ModeInPerson); err != nil {
		t.Fatalf("write after kill: %v", err)
	}
	got.add([]string{"ack sched " + ref + " " + strconv.Itoa(n)})
	return batches
}

// inImport reports whether the worker's last line says an import began:
// it was killed before the import was acknowledged.
func inImport(lines []string) bool {
	return len(lines) > 0 && strings.HasPrefix(lines[len(lines)-1], "begin import")
}
