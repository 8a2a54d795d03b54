package report

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// wideGrid strings random tables together as the funnel's months are: each
// table's column totals and grand total add up, over the tables, to a
// total of their own, so that a cell's neighbours reach across tables and
// a neighbourhood of a dozen cells is not the whole grid.
func wideGrid(rng *rand.Rand) (values []int, lines []line) {
	blocks := 2 + rng.IntN(4)
	cols := 1 + rng.IntN(3)
	var sums [][]int // per column, then the grand total: the cell of each table
	for b := range blocks {
		var g grid
		for {
			g = randomGrid(rng, b%2 == 1)
			if g.cols == cols {
				break
			}
		}
		base := len(values)
		values = append(values, g.values...)
		for _, l := range g.lines {
			l.total += base
			l.members = slices.Clone(l.members)
			for k := range l.members {
				l.members[k] += base
			}
			lines = append(lines, l)
		}
		inner := g.rows * g.cols
		if sums == nil {
			sums = make([][]int, cols+1)
		}
		for c := range cols {
			sums[c] = append(sums[c], base+inner+g.rows+c)
		}
		sums[cols] = append(sums[cols], base+len(g.values)-1)
	}
	for _, members := range sums {
		total := 0
		for _, m := range members {
			total += values[m]
		}
		values = append(values, total)
		lines = append(lines, line{total: len(values) - 1, members: members})
	}
	return values, lines
}

// The lost-cell oracle answers from small neighbourhoods first; its answers
// must be the whole program's, cell for cell, and so must what suppression
// hides.
func TestLostOracleLocalMatchesWhole(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 8))
	lostSeen, asked := 0, 0
	for n := range 60 {
		values, lines := wideGrid(rng)
		minCell := 3 + rng.IntN(4)
		marks := make([]Mark, len(values))
		for i, v := range values {
			if v >= 1 && v < minCell {
				marks[i] = Small
			}
		}
		local := newLostOracle(values, marks, lines, minCell)
		// Neighbourhoods smaller than these grids, so that both ways
		// of answering are taken.
		local.sizes = []int{3, 8}
		whole := newLostOracle(values, marks, lines, minCell)
		whole.whole = true
		for i, v := range values {
			if v == 0 {
				continue
			}
			asked++
			l, w := local.lost(i), whole.lost(i)
			if l != w {
				t.Fatalf("grid %d, N=%d: cell %d = %d lost %v from neighbourhoods, %v from the whole program\n%v",
					n, minCell, i, v, l, w, values)
			}
			if w {
				lostSeen++
			}
		}
		m1, e1, _ := suppressWith(values, lines, minCell, nil, false, nil)
		m2, e2, _ := suppressWith(values, lines, minCell, nil, true, nil)
		if !slices.Equal(m1, m2) || e1 != e2 {
			t.Fatalf("grid %d, N=%d: suppression differs\n%v\n%v\n%v", n, minCell, values, m1, m2)
		}
	}
	// Both kinds of answer must have been put to the test.
	if lostSeen == 0 || lostSeen == asked {
		t.Fatalf("%d of %d cells lost: the grids do not test both answers", lostSeen, asked)
	}
	t.Logf("%d cells asked, %d lost", asked, lostSeen)
}
