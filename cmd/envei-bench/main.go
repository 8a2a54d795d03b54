// Command envei-bench measures issue 7's table at full scale: it builds the
// demo database once (envei demo --patients N), times the commands a user
// runs against it side by side with the sqlite3 CLI doing the least work
// that answers the same question, runs the in-process store benchmarks on
// the same file, and prints one table of medians and ratios.
//
//	go run ./cmd/envei-bench                    # 1,000,000 referrals in a temp dir
//	go run ./cmd/envei-bench --patients 20000   # a quick look
//	go run ./cmd/envei-bench --dir /tmp/b       # keep (and reuse) the database
//	go run ./cmd/envei-bench --patients 100000 --served 10,50 --only-served
//	                                            # envei serve: N SSH consoles at once
//
// It needs sqlite3 on the PATH for the reference rows. Nothing here fails
// on a time: it measures and prints.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() {
	patients := flag.Int("patients", 1000000, "referrals in the demo database")
	dir := flag.String("dir", "", "working directory; a database already there is reused (default: a new temp dir)")
	runs := flag.Int("runs", 3, "runs of each command; the median is reported")
	served := flag.String("served", "", "comma-separated session counts for the served-console run (envei serve over SSH), e.g. 10,50,100")
	onlyServed := flag.Bool("only-served", false, "run only the served-console part (with --served)")
	flag.Parse()
	var counts []int
	for _, f := range strings.Split(*served, ",") {
		if f = strings.TrimSpace(f); f != "" {
			n, err := strconv.Atoi(f)
			check(err)
			counts = append(counts, n)
		}
	}
	if *dir == "" {
		d, err := os.MkdirTemp("", "envei-bench-")
		check(err)
		*dir = d
	}
	check(os.MkdirAll(*dir, 0o700))
	envei := filepath.Join(*dir, "envei")
	run("go", "build", "-o", envei, "./cmd/envei")
	db := filepath.Join(*dir, fmt.Sprintf("demo-%d.db", *patients))
	var t table
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Printf("envei-bench: %d referrals, %s, %d CPUs, load %s\n", *patients, runtime.GOARCH, runtime.NumCPU(), strings.Fields(string(load) + " ?")[0])

	if _, err := os.Stat(db); err != nil {
		d := timed(envei, "--db", db, "demo", "--patients", fmt.Sprint(*patients))
		t.add("envei demo --patients N", d, 0, "target < 60 s")
	} else {
		fmt.Println("reusing", db)
	}
	if *onlyServed {
		servedRun(envei, db, counts)
		return
	}
	median := func(name ...string) time.Duration {
		var ds []time.Duration
		for range *runs {
			ds = append(ds, timed(name[0], name[1:]...))
		}
		slices.Sort(ds)
		return ds[len(ds)/2]
	}
	version := median(envei, "version")
	t.add("envei version (start-up reference)", version, 0, "")
	refs := median("sqlite3", db, "SELECT * FROM referrals") + median("sqlite3", db, "SELECT * FROM referral_outcomes")
	t.add("sqlite3: every row of referrals + outcomes", refs, 0, "reference for the reports")
	t.add("envei stats", median(envei, "--db", db, "stats"), refs, "target < 1 s and < reference")
	t.add("envei funnel --by month", median(envei, "--db", db, "funnel", "--by", "month"), refs, "target < 1 s and < reference")
	t.add("envei funnel --by all", median(envei, "--db", db, "funnel", "--by", "all"), refs, "")

	// The console: the median run of each figure.
	var cons []consoleFigures
	for range *runs {
		cons = append(cons, measureConsole(envei, db))
	}
	pick := func(f func(consoleFigures) time.Duration) time.Duration {
		ds := make([]time.Duration, len(cons))
		for i, c := range cons {
			ds[i] = f(c)
		}
		slices.Sort(ds)
		return ds[len(ds)/2]
	}
	ptyVersion := pick(func(c consoleFigures) time.Duration { return c.version })
	t.add("envei version under a pty that never answers", ptyVersion, 0, "start-up reference")
	t.add("console: first frame, same pty", pick(func(c consoleFigures) time.Duration { return c.firstFrame }), ptyVersion, "target < 200 ms")
	t.add("console: first worklist page shown", pick(func(c consoleFigures) time.Duration { return c.worklist }), ptyVersion, "")
	peak := 0
	for _, c := range cons {
		peak = max(peak, c.peakKiB)
	}
	t.addText("console: peak resident memory (VmHWM) after paging and searching", fmt.Sprintf("%.1f MiB", float64(peak)/1024), "target < 100 MiB")

	csv := filepath.Join(*dir, "import.csv")
	writeImportCSV(csv, *patients)
	importDB := filepath.Join(*dir, "import.db")
	bare := filepath.Join(*dir, "bare.db")
	os.Remove(bare)
	ref := timed("sqlite3", bare, ".import --csv "+csv+" referrals")
	var imp time.Duration
	for range *runs {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(importDB + suffix)
		}
		run(envei, "--db", importDB, "init")
		imp = timed(envei, "--db", importDB, "import", csv)
	}
	t.add(fmt.Sprintf("envei import (%.0f rows/s)", float64(*patients)/imp.Seconds()), imp, ref, "target ≥ 100k rows/s; reference: sqlite3 .import into a bare table")

	t.print()
	if len(counts) > 0 {
		servedRun(envei, db, counts)
	}
	fmt.Println("\nIn-process (go test -bench, on the same database):")
	// The store's reads and writes (BenchmarkWrites copies the database
	// first), then the console's keypresses (frame = Update+View, query =
	// the store call a key starts).
	for _, bench := range [][]string{
		{"./store", "Worklist|StatsTallies|FunnelMonthTallies", "20x"},
		{"./store", "Writes", "200x"},
		{"./tui", "Console", "300x"},
	} {
		cmd := exec.Command("go", "test", bench[0], "-run", "XXX", "-bench", bench[1], "-benchtime", bench[2])
		cmd.Env = append(os.Environ(), "ENVEI_BENCH_DB="+db)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		check(cmd.Run())
	}
}

type row struct {
	what      string
	took, ref time.Duration
	text      string // shown instead of took when set
	target    string
}

type table []row

func (t *table) add(what string, took, ref time.Duration, target string) {
	*t = append(*t, row{what: what, took: took, ref: ref, target: target})
}

func (t *table) addText(what, text, target string) {
	*t = append(*t, row{what: what, text: text, target: target})
}

func (t table) print() {
	fmt.Printf("\n| what | median | ratio to reference | note |\n|---|---|---|---|\n")
	for _, r := range t {
		ratio := "—"
		if r.ref > 0 {
			ratio = fmt.Sprintf("%.2f", r.took.Seconds()/r.ref.Seconds())
		}
		figure := r.text
		if figure == "" {
			figure = r.took.Round(time.Millisecond).String()
		}
		fmt.Printf("| %s | %s | %s | %s |\n", r.what, figure, ratio, r.target)
	}
}

// writeImportCSV writes n referrals in envei's import format.
func writeImportCSV(path string, n int) {
	var b bytes.Buffer
	b.WriteString("ref,received,channel,addressed_to\n")
	start := time.Date(2017, 1, 2, 0, 0, 0, 0, time.UTC)
	for i := range n {
		fmt.Fprintf(&b, "I%07d,%s,gp,dps\n", i, start.AddDate(0, 0, i%3500).Format("2006-01-02"))
	}
	check(os.WriteFile(path, b.Bytes(), 0o600))
}

// timed runs a command with its output discarded and returns how long it
// took.
func timed(name string, args ...string) time.Duration {
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s %v: %v\n%s", name, args, err, stderr.String())
		os.Exit(1)
	}
	return d
}

func run(name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	check(cmd.Run())
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "envei-bench:", err)
		os.Exit(1)
	}
}
