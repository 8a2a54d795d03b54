package report

import (
	"strings"
	"testing"
)

// Empty months and weeks between two periods are drawn, as gaps.
func TestFunnelChartShowsEmptyPeriods(t *testing.T) {
	names := func(ps []FunnelPeriod) string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Period)
		}
		return strings.Join(out, " ")
	}
	month := buildFunnel(t, pilotRows(), FunnelOptions{By: ByMonth})
	if got, want := names(withGaps(month)), "2023-03 2023-04 2023-05 2023-06 2023-07 2023-08 2023-09 2023-10"; got != want {
		t.Errorf("months drawn: %s, want %s", got, want)
	}
	weeks := Funnel{By: ByWeek, Periods: []FunnelPeriod{emptyPeriod("2020-W52"), emptyPeriod("2021-W02")}}
	if got, want := names(withGaps(weeks)), "2020-W52 2020-W53 2021-W01 2021-W02"; got != want {
		t.Errorf("weeks drawn: %s, want %s", got, want)
	}
	var svg strings.Builder
	if err := WriteFunnelSVG(&svg, month); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2023-07 – no referrals", "2023-08 – no referrals", "Funnel: referrals received 2023-03-02 to 2023-10-13, by month", "Source: envei", "· 13 d"} {
		if !strings.Contains(svg.String(), want) {
			t.Errorf("the chart lacks %q", want)
		}
	}
	// One scale, in whole patients: no fractional tick anywhere.
	for _, frac := range []string{">0.50<", ">2.50<", ">1.5<", ">0.5<"} {
		if strings.Contains(svg.String(), frac) {
			t.Errorf("the chart has a fractional tick %s", frac)
		}
	}
}

func TestWholeTicks(t *testing.T) {
	for _, c := range []struct {
		hi   float64
		want string
	}{{2.5, "0 1 2"}, {54, "0 10 20 30 40 50"}, {179, "0 50 100 150"}, {6, "0 1 2 3 4 5 6"}} {
		var got []string
		for _, tk := range (wholeTicks{}).Ticks(0, c.hi) {
			got = append(got, tk.Label)
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("ticks to %v: %v, want %s", c.hi, got, c.want)
		}
	}
}
