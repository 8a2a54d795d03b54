package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// golden reads a golden file that the report package's tests write from
// the pilot reconstruction: the command, reading the same pilot from a
// database, must print it byte for byte.
func golden(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "golden", name))
	if err != nil {
		t.Fatalf("%v (go test ./intake/report -update writes it)", err)
	}
	return string(b)
}

// pilotHarness is a database holding the pilot, as `envei demo` loads it.
func pilotHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t)
	h.ok("demo")
	return h
}

func TestStatsPrintsThePilotTable(t *testing.T) {
	h := pilotHarness(t)
	for _, c := range []struct {
		golden string
		args   []string
	}{
		{"stats_pilot.table", nil},
		{"stats_pilot.table", []string{"--format", "table"}},
		{"stats_pilot.csv", []string{"--format", "csv"}},
		{"stats_pilot.json", []string{"--format", "json"}},
		{"stats_pilot.md", []string{"--format", "md"}},
		{"stats_pilot_mincell5.table", []string{"--min-cell", "5"}},
		{"stats_pilot_mincell5.csv", []string{"--min-cell", "5", "--format", "csv"}},
	} {
		if got := h.ok(append([]string{"stats"}, c.args...)...); got != golden(t, c.golden) {
			t.Errorf("envei stats %v differs from %s:\n%s", c.args, c.golden, got)
		}
	}
	// The headline of DOMAIN.md's table, as printed (the text breaks
	// its headings to fit 80 columns; Markdown keeps them whole).
	table := h.ok("stats", "--format", "md")
	for _, want := range []string{"addressed to DPS (55)", "addressed to municipality (57)", "total (112)", "25 (45 %)", "34 (30 %)", "1 (1 %)"} {
		if !strings.Contains(table, want) {
			t.Errorf("the table lacks %q", want)
		}
	}
}

// Dates filter on received, both ends included; a period without
// referrals says so.
func TestStatsPeriod(t *testing.T) {
	h := pilotHarness(t)
	autumn := h.ok("stats", "--from", "2023-09-01", "--format", "csv")
	if !strings.Contains(autumn, "total,62,") {
		t.Errorf("autumn 2023 (62 referrals):\n%s", autumn)
	}
	spring := h.ok("stats", "--to", "2023-08-31", "--format", "csv")
	if !strings.Contains(spring, "total,50,") {
		t.Errorf("spring 2023 (50 referrals):\n%s", spring)
	}
	if out := h.ok("stats", "--from", "2023-09-01", "--to", "2023-09-30"); !strings.Contains(out, "received 2023-09-01 to 2023-09-30") {
		t.Errorf("the title does not name the period:\n%s", out)
	}
	empty := h.run("stats", "--from", "2030-01-01", "--to", "2030-12-31")
	if empty.code != 0 || !strings.Contains(empty.stdout, "No referrals were received") || strings.Contains(empty.stdout, "outcome") {
		t.Errorf("empty period: %+v", empty)
	}
	csv := h.run("stats", "--from", "2030-01-01", "--format", "csv")
	if csv.stdout != "group,patients,outcome,count,percent,group_label,outcome_label\n" || !strings.Contains(csv.stderr, "no referrals") {
		t.Errorf("empty csv: %+v", csv)
	}
}

func TestStatsUsageErrors(t *testing.T) {
	h := pilotHarness(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"stats", "--from", "2023-13-01"}, "not a date"},
		{[]string{"stats", "--to", "1.9.2023"}, "not a date"},
		{[]string{"stats", "--from", "2023-10-01", "--to", "2023-09-01"}, "before --from"},
		{[]string{"stats", "--format", "xml"}, "--format must be"},
		{[]string{"stats", "--min-cell", "2"}, "use 0 or at least 3"},
		{[]string{"stats", "--min-cell", "-1"}, "--min-cell must be"},
		{[]string{"stats", "extra"}, "takes no arguments"},
		{[]string{"funnel", "--by", "year"}, "must be month, week or all"},
		{[]string{"funnel", "--format", "table"}, "--format must be"},
		{[]string{"funnel", "--from", "yesterday"}, "not a date"},
	} {
		r := h.run(c.args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, c.want) {
			t.Errorf("envei %v: exit %d, stderr %q; want exit 2 and %q", c.args, r.code, r.stderr, c.want)
		}
	}
}

// Statistics need a supervisor; the demo roster has one (leder.kari) and
// clinicians who are not.
func TestStatsNeedSupervisor(t *testing.T) {
	h := pilotHarness(t)
	h.user = "dps.astrid"
	for _, cmd := range []string{"stats", "funnel"} {
		if r := h.run(cmd); r.code != exitFail || !strings.Contains(r.stderr, "needs the role supervisor") {
			t.Errorf("clinician running %s: %+v", cmd, r)
		}
	}
	h.user = "leder.kari"
	h.ok("stats")
	h.ok("funnel")
}

// A report never creates a database: a mistyped path says so.
func TestStatsNeedADatabase(t *testing.T) {
	h := newHarness(t)
	r := h.run("stats")
	if r.code != exitFail || !strings.Contains(r.stderr, "envei --db "+h.db+" init") {
		t.Errorf("no database: %+v", r)
	}
	if _, err := os.Stat(h.db); err == nil {
		t.Error("stats created a database")
	}
}

// The report in bokmål, chosen as the console chooses: --lang, else the
// locale; codes stay the same.
func TestStatsAndFunnelInBokmal(t *testing.T) {
	h := pilotHarness(t)
	for _, c := range []struct {
		golden string
		args   []string
	}{
		{"stats_pilot_nb.table", []string{"stats", "--lang", "nb"}},
		{"stats_pilot_nb.md", []string{"stats", "--lang", "nb", "--format", "md"}},
		{"stats_pilot_nb.json", []string{"stats", "--lang", "nb", "--format", "json"}},
		{"stats_pilot_nb.csv", []string{"stats", "--lang", "nb", "--format", "csv"}},
		{"stats_pilot_mincell5_nb.table", []string{"stats", "--lang", "nb", "--min-cell", "5"}},
		{"funnel_pilot_nb.md", []string{"funnel", "--lang", "nb", "--format", "md"}},
		{"funnel_pilot_nb.json", []string{"funnel", "--lang", "nb", "--format", "json"}},
		{"funnel_pilot_all_nb.svg", []string{"funnel", "--lang", "nb", "--by", "all", "--format", "svg"}},
		{"funnel_pilot_nb.svg", []string{"funnel", "--lang", "nb", "--format", "svg"}},
		{"funnel_pilot_all_mincell5_nb.md", []string{"funnel", "--lang", "nb", "--by", "all", "--min-cell", "5", "--format", "md"}},
	} {
		if got := h.ok(c.args...); got != golden(t, c.golden) {
			t.Errorf("envei %v differs from %s:\n%s", c.args, c.golden, got)
		}
	}
	h.env["LANG"] = "nb_NO.UTF-8"
	if got := h.ok("stats"); got != golden(t, "stats_pilot_nb.table") {
		t.Errorf("LANG=nb_NO.UTF-8 envei stats is not in bokmål:\n%s", got)
	}
	h.env["LC_ALL"] = "en_GB.UTF-8"
	if got := h.ok("stats"); got != golden(t, "stats_pilot.table") {
		t.Errorf("LC_ALL=en_GB.UTF-8 envei stats is not in English:\n%s", got)
	}
	// Protected reports of one period agree: the funnel shows no count
	// the statistics hide (issue 14).
	if got := h.ok("funnel", "--by", "all", "--min-cell", "5"); got != golden(t, "funnel_pilot_all_mincell5.csv") {
		t.Errorf("envei funnel --by all --min-cell 5 differs from its golden:\n%s", got)
	}
}
