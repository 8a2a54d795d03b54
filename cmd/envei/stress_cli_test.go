package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "envei/store" // registers the sqlite driver for the read-only checks
)

// The real envei binary, many processes at once on one file, as a reception
// runs it: imports by supervisors, draws of clinicians for what came in,
// exports and statistics, while one more import is killed with SIGKILL at
// a random moment. Every import that exited 0 must be there in full, the
// killed one whole or not at all, no referral may be drawn for twice, no
// command may fail (above all not with "database is locked"), and the file
// must pass `envei check` after every round. ENVEI_STRESS_LONG=1 runs many
// rounds. Under `go test -race` the binary is built with -race too.
func TestCommandsTogetherAndKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds envei and runs it many times")
	}
	rounds, rows, bigRows := 3, 200, 3000
	if os.Getenv("ENVEI_STRESS_LONG") == "1" {
		rounds, rows, bigRows = 40, 500, 20000
	}
	bin := buildEnveiFor(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "shared.db")
	envei := func(args ...string) *exec.Cmd {
		cmd := exec.Command(bin, append(args, "--db", db)...)
		cmd.Env = append(os.Environ(), "NO_COLOR=1")
		return cmd
	}
	mustRun(t, envei("init"))
	for _, u := range []string{"kari", "ola", "siv"} {
		mustRun(t, envei("clinician", "add", u, "--name", "Name of "+u, "--org", "dps"))
	}
	start := time.Now()
	acked, kills, killedWhole := 0, 0, 0
	for r := 0; r < rounds; r++ {
		var wg sync.WaitGroup
		var mu sync.Mutex
		var failures []string
		run := func(cmd *exec.Cmd, onOK func()) {
			defer wg.Done()
			var out, errOut bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errOut
			if err := cmd.Run(); err != nil {
				mu.Lock()
				failures = append(failures, fmt.Sprintf("%v: %v\n%s", cmd.Args[1:], err, errOut.String()))
				mu.Unlock()
				return
			}
			if onOK != nil {
				onOK()
			}
		}
		ok := map[string]bool{} // imports that exited 0
		for i := 0; i < 3; i++ {
			prefix := fmt.Sprintf("R%04dP%02d", r, i)
			wg.Add(1)
			go run(envei("import", writeCSV(t, dir, prefix, rows)), func() { mu.Lock(); acked++; ok[prefix] = true; mu.Unlock() })
		}
		wg.Add(4)
		go run(envei("assign", "--unassigned"), nil)
		go run(envei("assign", "--unassigned"), nil)
		go run(envei("export", "--format", "csv"), nil)
		go run(envei("stats"), nil)
		// The victim: a big import, killed wherever it happens to be.
		victim := envei("import", writeCSV(t, dir, fmt.Sprintf("R%04dK00", r), bigRows))
		if err := victim.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rand.IntN(800)) * time.Millisecond)
		_ = victim.Process.Kill()
		err := victim.Wait()
		if ws, ok := victim.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			kills++
		} else if err != nil {
			t.Errorf("round %d: the import to be killed failed on its own: %v", r, err)
		}
		wg.Wait()
		for _, f := range failures {
			t.Errorf("round %d: %s", r, f)
		}
		mustRun(t, envei("check"))
		batches := importedBatches(t, db)
		for prefix := range ok {
			if n := batches[prefix]; n != rows {
				t.Errorf("round %d: import %s exited 0 but %d of its %d rows are on file", r, prefix, n, rows)
			}
		}
		switch n := batches[fmt.Sprintf("R%04dK00", r)]; n {
		case 0:
		case bigRows:
			killedWhole++
		default:
			t.Errorf("round %d: the killed import left %d of %d rows: not all or nothing", r, n, bigRows)
		}
		if t.Failed() {
			t.FailNow()
		}
	}
	checkOneDrawEach(t, db)
	t.Logf("%d rounds, %s: %d imports acknowledged, %d imports killed (%d had committed whole first)",
		rounds, time.Since(start).Round(time.Millisecond), acked, kills, killedWhole)
}

// buildEnveiFor builds the command, with the race detector when this test
// runs under it, so the processes are checked as the test itself is.
func buildEnveiFor(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "envei")
	args := []string{"build", "-o", bin}
	if raceEnabled {
		args = append(args, "-race")
	}
	out, err := exec.Command("go", append(args, ".")...).CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func mustRun(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %v\n%s", cmd.Args[1:], err, out)
	}
}

// writeCSV writes n GP referrals whose refs start with prefix (8 characters).
func writeCSV(t *testing.T, dir, prefix string, n int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("ref,received,channel,addressed_to\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%sN%05d,2026-11-02,gp,municipal\n", prefix, i)
	}
	path := filepath.Join(dir, prefix+".csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// readOnly opens the file read-only, apart from envei, for the checks.
func readOnly(t *testing.T, db string) *sql.DB {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	return conn
}

// importedBatches counts the referrals on file per import (ref prefix).
func importedBatches(t *testing.T, db string) map[string]int {
	t.Helper()
	conn := readOnly(t, db)
	defer conn.Close()
	rows, err := conn.Query(`SELECT substr(ref, 1, 8), count(*) FROM referrals GROUP BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var p string
		var n int
		if err := rows.Scan(&p, &n); err != nil {
			t.Fatal(err)
		}
		out[p] = n
	}
	return out
}

// checkOneDrawEach: two assign commands racing for the same unassigned
// referrals must never both draw for one (a lost update of the clinician).
func checkOneDrawEach(t *testing.T, db string) {
	t.Helper()
	conn := readOnly(t, db)
	defer conn.Close()
	var twice, drawn int
	if err := conn.QueryRow(`SELECT count(*) FROM (SELECT referral_id FROM draws GROUP BY 1 HAVING count(*) > 1)`).Scan(&twice); err != nil {
		t.Fatal(err)
	}
	if err := conn.QueryRow(`SELECT count(*) FROM draws`).Scan(&drawn); err != nil {
		t.Fatal(err)
	}
	if twice > 0 {
		t.Errorf("%d referrals were drawn for more than once", twice)
	}
	if drawn == 0 {
		t.Error("no draw was made: the assign commands proved nothing")
	}
}
