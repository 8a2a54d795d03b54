package main

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

func TestFunnelPrintsThePilot(t *testing.T) {
	h := pilotHarness(t)
	for _, c := range []struct {
		golden string
		args   []string
	}{
		{"funnel_pilot.csv", nil},
		{"funnel_pilot.csv", []string{"--by", "month", "--format", "csv"}},
		{"funnel_pilot.json", []string{"--format", "json"}},
		{"funnel_pilot.md", []string{"--format", "md"}},
		{"funnel_pilot_all.csv", []string{"--by", "all"}},
		{"funnel_pilot_all.svg", []string{"--by", "all", "--format", "svg"}},
		{"funnel_pilot_mincell3.csv", []string{"--min-cell", "3"}},
	} {
		if got := h.ok(append([]string{"funnel"}, c.args...)...); got != golden(t, c.golden) {
			t.Errorf("envei funnel %v differs from %s:\n%s", c.args, c.golden, got)
		}
	}
	if head, _, _ := strings.Cut(h.ok("funnel"), "\n"); head != "period,stage,count,percent_of_received,median_days_from_received,stage_label" {
		t.Errorf("header %q", head)
	}
}

// Weeks are ISO weeks; a week chart is well-formed SVG with a panel per
// week.
func TestFunnelByWeek(t *testing.T) {
	h := pilotHarness(t)
	csv := h.ok("funnel", "--by", "week", "--from", "2023-09-01", "--to", "2023-09-30")
	for _, week := range []string{"2023-W35", "2023-W36", "2023-W39"} {
		if !strings.Contains(csv, week+",received,") {
			t.Errorf("no %s in:\n%s", week, csv)
		}
	}
	svg := h.ok("funnel", "--by", "week", "--from", "2023-09-01", "--to", "2023-09-30", "--format", "svg")
	d := xml.NewDecoder(strings.NewReader(svg))
	for {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("week chart is not well-formed: %v", err)
		}
	}
	if !strings.Contains(svg, "2023-W36") {
		t.Error("the chart does not name the weeks")
	}
}

// A funnel by week with hidden counts is suppressed with the other reports
// of its period, week by week.
func TestFunnelByWeekProtected(t *testing.T) {
	h := pilotHarness(t)
	out := h.ok("funnel", "--by", "week", "--min-cell", "5", "--from", "2023-09-01")
	if !strings.Contains(out, "2023-W36") {
		t.Errorf("no weeks:\n%s", out)
	}
}
