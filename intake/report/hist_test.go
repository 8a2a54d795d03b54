package report

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// The histogram agrees with sorting the waits and taking the nearest rank,
// across the dense and the sparse part.
func TestDayHistMatchesSorting(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 1; n < 300; n++ {
		var h dayHist
		waits := make([]int, n)
		for i := range waits {
			waits[i] = rng.IntN(60)
			if rng.IntN(10) == 0 {
				waits[i] = denseDays - 5 + rng.IntN(900)
			}
			h.add(waits[i])
		}
		slices.Sort(waits)
		for _, q := range []struct{ num, den int }{{1, 2}, {9, 10}, {1, 10}, {1, 1}} {
			rank := (n*q.num + q.den - 1) / q.den
			got, ok := h.quantile(q.num, q.den)
			if !ok || got != waits[rank-1] {
				t.Fatalf("n=%d quantile %d/%d = %d, want %d", n, q.num, q.den, got, waits[rank-1])
			}
		}
	}
	// Merging two histograms is adding their waits.
	var a, b, both dayHist
	for i := range 500 {
		d := (i * 37) % 700
		both.add(d)
		if i%3 == 0 {
			a.add(d)
		} else {
			b.add(d)
		}
	}
	a.merge(&b)
	for _, q := range []struct{ num, den int }{{1, 2}, {9, 10}} {
		x, _ := a.quantile(q.num, q.den)
		y, _ := both.quantile(q.num, q.den)
		if x != y || a.n != both.n {
			t.Errorf("merged quantile %d/%d = %d over %d, want %d over %d", q.num, q.den, x, a.n, y, both.n)
		}
	}
	var empty dayHist
	if _, ok := empty.median(); ok {
		t.Error("median of nothing")
	}
}

func TestPercentRoundsHalfUp(t *testing.T) {
	for _, c := range []struct{ n, d, whole, tenths int }{
		{1, 112, 1, 9},    // 0.89 %: DOMAIN.md prints 1 %
		{25, 55, 45, 455}, // 45.45…: 45 % whole, 45.5 to one decimal
		{1, 8, 13, 125},   // exactly 12.5 %: half up
		{1, 16, 6, 63},    // 6.25 %
		{1, 2000, 0, 1},   // 0.05 %: half up to 0.1
		{0, 7, 0, 0},
		{7, 7, 100, 1000},
	} {
		if got := wholePercent(c.n, c.d); got != c.whole {
			t.Errorf("wholePercent(%d, %d) = %d, want %d", c.n, c.d, got, c.whole)
		}
		if got := tenthsPercent(c.n, c.d); got != c.tenths {
			t.Errorf("tenthsPercent(%d, %d) = %d, want %d", c.n, c.d, got, c.tenths)
		}
	}
	if got := formatTenths(455); got != "45.5" {
		t.Errorf("formatTenths(455) = %q", got)
	}
}
