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
//	go run ./cmd/envei-bench --engine sqlite,postgres --pg 'postgres://postgres@/postgres?host=/run/pg'
//	                                            # the same table on both engines, side by side
//
// It needs sqlite3 on the PATH for the SQLite reference rows, and psql for
// the PostgreSQL ones. On PostgreSQL --pg is an admin DSN: the run makes
// databases called pgbench_* there and drops them at the end (--keep-pg
// keeps them; the demo database is then reused by the next run). Every
// figure is printed with the 1-minute load average taken right after it.
// Nothing here fails on a time: it measures and prints.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"net/url"
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
	engines := flag.String("engine", "sqlite", "comma-separated engines to measure: sqlite, postgres")
	pg := flag.String("pg", os.Getenv("ENVEI_TEST_POSTGRES"), "admin DSN of the PostgreSQL server (for --engine postgres)")
	keepPG := flag.Bool("keep-pg", false, "keep the pgbench_* databases (the demo database is then reused)")
	inProcess := flag.Bool("in-process", true, "also run the in-process store and console benchmarks (go test -bench)")
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
	var targets []target
	for _, e := range strings.Split(*engines, ",") {
		switch strings.TrimSpace(e) {
		case "sqlite":
			targets = append(targets, sqliteTarget{dir: *dir})
		case "postgres":
			if *pg == "" {
				fail("--engine postgres needs --pg (or ENVEI_TEST_POSTGRES): an admin DSN")
			}
			targets = append(targets, &postgresTarget{admin: *pg, keep: *keepPG})
		default:
			fail("unknown engine %q (sqlite, postgres)", e)
		}
	}
	envei := filepath.Join(*dir, "envei")
	run("go", "build", "-o", envei, "./cmd/envei")
	fmt.Printf("envei-bench: %d referrals, %s, %d CPUs, load %s\n", *patients, runtime.GOARCH, runtime.NumCPU(), loadAvg())

	var tables []table
	for _, tg := range targets {
		fmt.Printf("\n== %s ==\n", tg.name())
		t, db := measure(tg, envei, *patients, *runs, *onlyServed, counts)
		if *onlyServed {
			continue
		}
		tables = append(tables, t)
		t.print(tg.name())
		if len(counts) > 0 {
			servedRun(envei, db, counts)
		}
		if *inProcess {
			inProcessBenches(tg.name(), db)
		}
		tg.cleanup()
	}
	if len(tables) > 1 {
		printSideBySide(targets, tables)
	}
}

// measure builds (or reuses) the demo database on one engine and times
// the commands against it; it returns the table and the demo database.
func measure(tg target, envei string, patients, runs int, onlyServed bool, counts []int) (table, string) {
	var t table
	db, exists := tg.demo(patients)
	if !exists {
		if strings.Contains(db, "://") {
			// On a server the database is made by the run; envei makes
			// its schema in it.
			run(envei, "--db", db, "init")
		}
		d := timed(envei, "--db", db, "demo", "--patients", fmt.Sprint(patients))
		t.add("envei demo --patients N", d, 0, "target < 60 s at 1M")
	} else {
		fmt.Println("reusing", redacted(db))
	}
	if onlyServed {
		servedRun(envei, db, counts)
		return t, db
	}
	median := func(f func() time.Duration) time.Duration {
		var ds []time.Duration
		for range runs {
			ds = append(ds, f())
		}
		slices.Sort(ds)
		return ds[len(ds)/2]
	}
	cmd := func(name ...string) func() time.Duration {
		return func() time.Duration { return timed(name[0], name[1:]...) }
	}
	version := median(cmd(envei, "version"))
	t.add("envei version (start-up reference)", version, 0, "")
	refs := median(func() time.Duration { return tg.readAll(db) })
	t.add("client reads every row of referrals + outcomes", refs, 0, "reference for the reports")
	t.add("envei stats", median(cmd(envei, "--db", db, "stats")), refs, "target < 1 s and < reference")
	t.add("envei funnel --by month", median(cmd(envei, "--db", db, "funnel", "--by", "month")), refs, "target < 1 s and < reference")
	t.add("envei funnel --by all", median(cmd(envei, "--db", db, "funnel", "--by", "all")), refs, "")

	// The console: the median run of each figure.
	var cons []consoleFigures
	for range runs {
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

	csv := filepath.Join(os.TempDir(), fmt.Sprintf("envei-bench-import-%d.csv", patients))
	writeImportCSV(csv, patients)
	defer os.Remove(csv)
	floor := tg.importFloor(csv)
	t.add("client loads the same CSV into a bare table", floor, 0, "floor for envei import")
	var imp time.Duration
	for range runs {
		importDB := tg.fresh("import")
		run(envei, "--db", importDB, "init")
		imp = timed(envei, "--db", importDB, "import", csv)
	}
	t.add(fmt.Sprintf("envei import (%.0f rows/s)", float64(patients)/imp.Seconds()), imp, floor, "target ≥ 100k rows/s")
	return t, db
}

// inProcessBenches runs the store's reads and writes (BenchmarkWrites
// writes into a copy of the database), then the console's keypresses
// (frame = Update+View, query = the store call a key starts), all on db.
func inProcessBenches(engine, db string) {
	fmt.Printf("\nIn-process on %s (go test -bench, on the same database), load %s:\n", engine, loadAvg())
	for _, bench := range [][]string{
		{"./store", "Worklist|StatsTallies|FunnelMonthTallies", "20x"},
		{"./store", "Writes", "200x"},
		{"./tui", "Console", "300x"},
	} {
		cmd := exec.Command("go", "test", bench[0], "-run", "XXX", "-bench", bench[1], "-benchtime", bench[2])
		cmd.Env = append(os.Environ(), "ENVEI_BENCH_DB="+db)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		check(cmd.Run())
		fmt.Printf("(load after: %s)\n", loadAvg())
	}
}

type row struct {
	what      string
	took, ref time.Duration
	text      string // shown instead of took when set
	target    string
	load      string // the 1-minute load average right after the figure
}

type table []row

func (t *table) add(what string, took, ref time.Duration, target string) {
	*t = append(*t, row{what: what, took: took, ref: ref, target: target, load: loadAvg()})
}

func (t *table) addText(what, text, target string) {
	*t = append(*t, row{what: what, text: text, target: target, load: loadAvg()})
}

func (t table) print(engine string) {
	fmt.Printf("\n%s:\n\n| what | median | ratio to reference | load | note |\n|---|---|---|---|---|\n", engine)
	for _, r := range t {
		fmt.Printf("| %s | %s | %s | %s | %s |\n", r.what, r.figure(), r.ratio(), r.load, r.target)
	}
}

func (r row) figure() string {
	if r.text != "" {
		return r.text
	}
	return r.took.Round(time.Millisecond).String()
}

func (r row) ratio() string {
	if r.ref <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f", r.took.Seconds()/r.ref.Seconds())
}

// printSideBySide prints one table with a column for each engine: figure,
// ratio to that engine's own reference, and the load it was taken at.
// The import row's name carries its rate, so rows are matched by order.
func printSideBySide(targets []target, tables []table) {
	fmt.Printf("\nSide by side (figure, ratio to the engine's own reference, load):\n\n| what |")
	for _, tg := range targets {
		fmt.Printf(" %s |", tg.name())
	}
	fmt.Printf(" note |\n|---|")
	for range targets {
		fmt.Printf("---|")
	}
	fmt.Printf("---|\n")
	longest := 0
	for _, t := range tables {
		longest = max(longest, len(t))
	}
	for i := range longest {
		what, note := "", ""
		var cells []string
		for _, t := range tables {
			// A reused demo database has no demo row: align from the end.
			j := i - (longest - len(t))
			if j < 0 {
				cells = append(cells, "—")
				continue
			}
			r := t[j]
			if what == "" {
				what, note = r.what, r.target
			} else if r.what != what {
				what += " / " + r.what
			}
			cells = append(cells, fmt.Sprintf("%s (%s, load %s)", r.figure(), r.ratio(), r.load))
		}
		fmt.Printf("| %s | %s | %s |\n", what, strings.Join(cells, " | "), note)
	}
}

// loadAvg returns the 1-minute load average.
func loadAvg() string {
	load, _ := os.ReadFile("/proc/loadavg")
	return strings.Fields(string(load) + " ?")[0]
}

// redacted returns a database's name without a DSN's user information.
func redacted(db string) string {
	if u, err := url.Parse(db); err == nil && u.Scheme != "" {
		u.User = nil
		return u.String()
	}
	return db
}

// execOutput runs a command and returns what it printed.
func execOutput(name string, args ...string) (string, error) {
	out, err := exec.Command(name, args...).Output()
	return string(out), err
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
