package store

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The stress and crash tests run their workers as real separate processes:
// the test binary runs itself again with -test.run=^TestStressWorker$ and
// an environment variable naming the role. Each process has its own
// connection pool and its own SQLite locks, as separate consoles on one
// server do, and a worker started by `go test -race` is itself built with
// the race detector.
const (
	envRole = "ENVEI_STRESS_ROLE" // which worker to be; unset in a normal run
	envDB   = "ENVEI_STRESS_DB"   // the shared database file
	envID   = "ENVEI_STRESS_ID"   // the worker's number, for unique names
	envOps  = "ENVEI_STRESS_OPS"  // how many operations (0: until killed)
	envLong = "ENVEI_STRESS_LONG" // set to 1 to run the long forms by hand
)

// stressLong reports whether the long forms were asked for.
func stressLong() bool { return os.Getenv(envLong) == "1" }

// pick returns short in a normal run and long when ENVEI_STRESS_LONG=1.
func pick(short, long int) int {
	if stressLong() {
		return long
	}
	return short
}

// worker is one running worker process. Its standard output is a stream of
// lines: "ack …" for every change the worker was told is saved, "conflict"
// for a refusal reported as a conflict, "fail …" for anything a user must
// never see. An ack is written (one write(2) to the pipe) only after the
// store call returned, so a line the parent reads is an acknowledged change
// even if the worker is killed right after.
type worker struct {
	name   string // role and number, for messages
	cmd    *exec.Cmd
	stderr bytes.Buffer
	mu     sync.Mutex
	lines  []string
	done   chan struct{}
}

func startWorker(t *testing.T, role, db string, id, ops int) *worker {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^TestStressWorker$", "-test.count=1")
	cmd.Env = append(os.Environ(),
		envRole+"="+role, envDB+"="+db, envID+"="+strconv.Itoa(id), envOps+"="+strconv.Itoa(ops))
	w := &worker{name: role + " " + strconv.Itoa(id), cmd: cmd, done: make(chan struct{})}
	cmd.Stderr = &w.stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(w.done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			w.mu.Lock()
			w.lines = append(w.lines, sc.Text())
			w.mu.Unlock()
		}
	}()
	return w
}

// wait waits for the worker to end and returns its lines and exit error.
func (w *worker) wait() ([]string, error) {
	<-w.done // all output read before Wait closes the pipe
	err := w.cmd.Wait()
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.lines, err
}

// waitFor waits until the worker has written n lines starting with prefix,
// or has ended; it reports whether the lines came.
func (w *worker) waitFor(prefix string, n int) bool {
	for {
		w.mu.Lock()
		seen := 0
		for _, l := range w.lines {
			if strings.HasPrefix(l, prefix) {
				seen++
			}
		}
		w.mu.Unlock()
		if seen >= n {
			return true
		}
		select {
		case <-w.done:
			return false
		case <-time.After(time.Millisecond):
		}
	}
}

// kill sends SIGKILL: no deferred function, no Close, no checkpoint runs.
func (w *worker) kill() { _ = w.cmd.Process.Kill() }

// acks holds what workers reported, by kind.
type acks struct {
	lines     map[string][][]string // "sched" → fields after "ack sched"
	conflicts int
	unknown   int // writes reported as perhaps not saved (a server restart)
	fails     []string
}

func newAcks() *acks { return &acks{lines: map[string][][]string{}} }

// waitAll waits for every worker to end and gathers what they
// acknowledged; a worker that failed, and a failure a worker reported,
// fail the test.
func waitAll(t *testing.T, ws []*worker) *acks {
	t.Helper()
	got := newAcks()
	for _, w := range ws {
		lines, err := w.wait()
		got.add(lines)
		if err != nil {
			t.Errorf("worker %s: %v\n%s", w.name, err, w.stderr.String())
		}
	}
	for _, f := range got.fails {
		t.Error(f)
	}
	return got
}

func (a *acks) add(lines []string) {
	for _, l := range lines {
		f := strings.Fields(l)
		switch {
		case len(f) >= 2 && f[0] == "ack":
			a.lines[f[1]] = append(a.lines[f[1]], f[2:])
		case len(f) == 1 && f[0] == "conflict":
			a.conflicts++
		case len(f) >= 1 && f[0] == "unknown":
			a.unknown++
		case len(f) >= 1 && f[0] == "fail":
			a.fails = append(a.fails, l)
		}
	}
}

func (a *acks) total() int {
	n := 0
	for _, l := range a.lines {
		n += len(l)
	}
	return n
}
