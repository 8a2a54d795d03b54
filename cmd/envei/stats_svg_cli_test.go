package main

import (
	"os"
	"path/filepath"
	"testing"
)

// stats --format svg, or --out FILE.svg, draws the pilot's flow picture,
// the same as the report package's goldens, in the report's language and
// with what --min-cell hides.
func TestStatsSVG(t *testing.T) {
	h := pilotHarness(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "flow.svg")
	if out := h.ok("stats", "--out", path); out != "" {
		t.Errorf("stats --out flow.svg printed %q", out)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != golden(t, "stats_pilot.svg") {
		t.Error("stats --out flow.svg differs from stats_pilot.svg")
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("flow.svg has mode %v, want 0600", fi.Mode().Perm())
	}
	for _, c := range []struct {
		golden string
		args   []string
	}{
		{"stats_pilot_nb.svg", []string{"--lang", "nb"}},
		{"stats_pilot_mincell5.svg", []string{"--min-cell", "5"}},
		{"stats_pilot_mincell5_nb.svg", []string{"--min-cell", "5", "--lang", "nb"}},
	} {
		if got := h.ok(append([]string{"stats", "--format", "svg"}, c.args...)...); got != golden(t, c.golden) {
			t.Errorf("stats --format svg %v differs from %s", c.args, c.golden)
		}
	}
}
