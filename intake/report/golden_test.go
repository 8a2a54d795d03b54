package report

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the code")

// goldenDir is shared with the command's tests, which print the same
// reports from a database and must match byte for byte.
var goldenDir = filepath.Join("..", "..", "testdata", "golden")

// checkGolden compares got with testdata/golden/name, or writes it with
// -update. Check a rewritten file by eye before committing it: the pilot
// tables must match DOMAIN.md.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(goldenDir, name)
	if *update {
		if err := os.MkdirAll(goldenDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./intake/report -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs at line %d:\n got %s\nwant %s\n(run with -update if the change is intended)", name, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s has %d lines, the code writes %d (run with -update if the change is intended)", name, len(wl), len(gl))
	}
}

func render(t *testing.T, write func(io.Writer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The pilot in every format, as `envei demo` followed by `envei stats`
// and `envei funnel` print it.
func TestPilotGoldens(t *testing.T) {
	s := buildStats(t, pilotRows(), StatsOptions{})
	// Protected reports are suppressed together, as the commands do.
	protected, protectedAll := pilotReports(t, 5, ByAll)
	month := buildFunnel(t, pilotRows(), FunnelOptions{By: ByMonth})
	all := buildFunnel(t, pilotRows(), FunnelOptions{By: ByAll})
	_, protectedMonth := pilotReports(t, 3, ByMonth)
	for _, g := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"stats_pilot.table", func(w io.Writer) error { return WriteStatsText(w, s) }},
		{"stats_pilot.csv", func(w io.Writer) error { return WriteStatsCSV(w, s) }},
		{"stats_pilot.json", func(w io.Writer) error { return WriteStatsJSON(w, s) }},
		{"stats_pilot.md", func(w io.Writer) error { return WriteStatsMarkdown(w, s) }},
		{"stats_pilot_mincell5.table", func(w io.Writer) error { return WriteStatsText(w, protected) }},
		{"stats_pilot_mincell5.csv", func(w io.Writer) error { return WriteStatsCSV(w, protected) }},
		{"funnel_pilot.csv", func(w io.Writer) error { return WriteFunnelCSV(w, month) }},
		{"funnel_pilot.json", func(w io.Writer) error { return WriteFunnelJSON(w, month) }},
		{"funnel_pilot.md", func(w io.Writer) error { return WriteFunnelMarkdown(w, month) }},
		{"funnel_pilot_all.csv", func(w io.Writer) error { return WriteFunnelCSV(w, all) }},
		{"funnel_pilot_all.svg", func(w io.Writer) error { return WriteFunnelSVG(w, all) }},
		{"funnel_pilot.svg", func(w io.Writer) error { return WriteFunnelSVG(w, month) }},
		{"funnel_pilot_all_mincell5.csv", func(w io.Writer) error { return WriteFunnelCSV(w, protectedAll) }},
		{"funnel_pilot_mincell3.csv", func(w io.Writer) error { return WriteFunnelCSV(w, protectedMonth) }},
	} {
		t.Run(g.name, func(t *testing.T) { checkGolden(t, g.name, render(t, g.write)) })
	}
}

// The same in bokmål: labels and prose follow the language, codes do not.
func TestPilotGoldensBokmal(t *testing.T) {
	s := buildStats(t, pilotRows(), StatsOptions{Lang: LangNB})
	protected, protectedAll := pilotReportsIn(t, 5, ByAll, LangNB)
	month := buildFunnel(t, pilotRows(), FunnelOptions{By: ByMonth, Lang: LangNB})
	all := buildFunnel(t, pilotRows(), FunnelOptions{By: ByAll, Lang: LangNB})
	for _, g := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"stats_pilot_nb.table", func(w io.Writer) error { return WriteStatsText(w, s) }},
		{"stats_pilot_nb.csv", func(w io.Writer) error { return WriteStatsCSV(w, s) }},
		{"stats_pilot_nb.json", func(w io.Writer) error { return WriteStatsJSON(w, s) }},
		{"stats_pilot_nb.md", func(w io.Writer) error { return WriteStatsMarkdown(w, s) }},
		{"stats_pilot_mincell5_nb.table", func(w io.Writer) error { return WriteStatsText(w, protected) }},
		{"stats_pilot_mincell5_nb.md", func(w io.Writer) error { return WriteStatsMarkdown(w, protected) }},
		{"funnel_pilot_nb.json", func(w io.Writer) error { return WriteFunnelJSON(w, month) }},
		{"funnel_pilot_nb.csv", func(w io.Writer) error { return WriteFunnelCSV(w, month) }},
		{"funnel_pilot_nb.md", func(w io.Writer) error { return WriteFunnelMarkdown(w, month) }},
		{"funnel_pilot_all_nb.svg", func(w io.Writer) error { return WriteFunnelSVG(w, all) }},
		{"funnel_pilot_nb.svg", func(w io.Writer) error { return WriteFunnelSVG(w, month) }},
		{"funnel_pilot_all_mincell5_nb.md", func(w io.Writer) error { return WriteFunnelMarkdown(w, protectedAll) }},
	} {
		t.Run(g.name, func(t *testing.T) { checkGolden(t, g.name, render(t, g.write)) })
	}
}

// The text report fits A4 portrait and an 80-column terminal.
func TestStatsTextFitsEightyColumns(t *testing.T) {
	for _, lang := range []Lang{LangEN, LangNB} {
		for _, minCell := range []int{0, 5} {
			st, _ := pilotReportsIn(t, minCell, ByAll, lang)
			for i, line := range strings.Split(string(render(t, func(w io.Writer) error { return WriteStatsText(w, st) })), "\n") {
				if n := utf8.RuneCountInString(line); n > textWidth {
					t.Errorf("%s, min-cell %d: line %d is %d wide: %q", lang, minCell, i+1, n, line)
				}
			}
		}
	}
}
