package report

import (
	"math"
	"slices"
)

// What a reader of a suppressed table can tell: the range each hidden
// count can take, given the shown counts, the marks and the sums (see
// suppress.go for what the reader is assumed to know). Bounds propagation
// is cheap and sees one line at a time; the linear program sees every
// combination of lines at once.

// exposedCells marks the hidden cells whose value a reader can pin down
// from the shown cells and the lines, but for those in ignore; nil when
// there are none.
// stop, when not nil, makes the linear program give up; a cell it could
// not decide counts as exposed.
func exposedCells(values []int, marks []Mark, lines []line, minCell int, ignore []bool, stop func() bool) []bool {
	if exposed := boundsExposed(values, marks, lines, minCell, ignore); exposed != nil {
		return exposed
	}
	// Bounds propagation works one line at a time; sums combined (row
	// one plus row two minus a column…) can pin a cell it leaves a
	// range. The linear program sees every combination at once.
	if i := pinnedByLP(values, marks, lines, minCell, ignore, stop); i >= 0 {
		exposed := make([]bool, len(marks))
		exposed[i] = true
		return exposed
	}
	return nil
}

// boundsExposed is exposedCells without the linear program.
func boundsExposed(values []int, marks []Mark, lines []line, minCell int, ignore []bool) []bool {
	lo, hi := bounds(values, marks, lines, minCell)
	var exposed []bool
	expose := func(i int) {
		if ignore != nil && ignore[i] {
			return
		}
		if exposed == nil {
			exposed = make([]bool, len(marks))
		}
		exposed[i] = true
	}
	for i, m := range marks {
		if m != Shown && lo[i] >= hi[i] {
			expose(i)
		}
	}
	// A hidden cell alone in its line counts as exposed even where the
	// line over-counts and the bounds leave it a range: a reader who
	// takes the sum as exact gets a wrong value, but a value all the same.
	for _, l := range lines {
		if !l.bound && l.lin == nil && hiddenIn(l, marks) == 1 {
			for _, i := range append([]int{l.total}, l.members...) {
				if marks[i] != Shown {
					expose(i)
				}
			}
		}
	}
	return exposed
}

// pinnedByLP returns the first hidden cell, not in ignore, that a reader
// can pin down by combining all the lines at once, or −1.
func pinnedByLP(values []int, marks []Mark, lines []line, minCell int, ignore []bool, stop func() bool) int {
	p := newPinLP(values, marks, lines, minCell, stop)
	for i, m := range marks {
		if m != Shown && (ignore == nil || !ignore[i]) && p.pinned(i) {
			return i
		}
	}
	return -1
}

// pinLP is the linear program of what a reader knows of a suppressed
// table: each hidden cell within its mark's range, every line holding.
// pinned(i) asks for the smallest and largest value of cell i over it.
type pinLP struct {
	values   []int
	variable []int // the variable of each hidden cell, −1 for shown ones
	least    []int // the least value the mark allows
	cell     []int // the hidden cell of each variable
	s        *simplex
	solved   bool
	// free marks variables already seen a whole step from their true
	// value in some solution: they are not pinned, no need to ask.
	free []bool
	x    []float64
}

func newPinLP(values []int, marks []Mark, lines []line, minCell int, stop func() bool) *pinLP {
	// Variable v of hidden cell i is its value minus the least its mark
	// allows, so that every variable is ≥ 0.
	p := &pinLP{values: values, variable: make([]int, len(values)), least: make([]int, len(values))}
	n := 0
	for i, m := range marks {
		p.variable[i] = -1
		switch m {
		case Small:
			p.least[i] = 1
		case Withheld:
			p.least[i] = minCell
		default:
			continue
		}
		p.variable[i] = n
		p.cell = append(p.cell, i)
		n++
	}
	if n == 0 {
		return p
	}
	p.free, p.x = make([]bool, n), make([]float64, n)
	var cons []constraint
	// term adds sign·cell to a constraint: its variable's coefficient, or
	// a constant moved to the right-hand side.
	term := func(c *constraint, cell int, sign float64) {
		if v := p.variable[cell]; v >= 0 {
			c.coef[v] += sign
			c.rhs -= sign * float64(p.least[cell])
		} else {
			c.rhs -= sign * float64(values[cell])
		}
	}
	for i, m := range marks {
		if m == Small {
			c := constraint{coef: make([]float64, n), rel: le, rhs: float64(minCell - 1)}
			term(&c, i, 1)
			cons = append(cons, c)
		}
	}
	for _, l := range lines {
		if hiddenIn(l, marks) == 0 {
			continue
		}
		if l.lin != nil {
			c := constraint{coef: make([]float64, n), rel: le}
			for _, t := range l.lin {
				term(&c, t.cell, float64(t.coef))
			}
			cons = append(cons, c)
			continue
		}
		if !l.bound {
			// Σ members − total = 0, or ≥ 0 where the line over-counts.
			c := constraint{coef: make([]float64, n), rel: eq}
			if l.offset != 0 {
				c.rel = ge
			}
			term(&c, l.total, -1)
			for _, m := range l.members {
				term(&c, m, 1)
			}
			cons = append(cons, c)
		}
		// member − total ≤ 0, where it says more than the marks do.
		for _, m := range l.members {
			if !memberBoundMatters(values, marks, minCell, m, l.total) {
				continue
			}
			c := constraint{coef: make([]float64, n), rel: le}
			term(&c, m, 1)
			term(&c, l.total, -1)
			cons = append(cons, c)
		}
	}
	p.s, p.solved = newSimplexUntil(n, cons, stop)
	return p
}

// pinned reports whether hidden cell i cannot move by one either way.
// When the program could not be solved, it says yes, so that more is
// hidden rather than less.
func (p *pinLP) pinned(i int) bool {
	v := p.variable[i]
	if v < 0 {
		return false
	}
	if !p.solved {
		return true
	}
	// The true table is a solution; the cell is safe when another
	// solution puts it at least one away. Each optimum found is such a
	// solution for every cell it moves that far, not just for cell i.
	if p.free[v] {
		return false
	}
	for _, max := range []bool{true, false} {
		switch value, ok := p.s.extreme(v, max, p.x); {
		case !ok:
		case math.IsInf(value, 0):
			// No bound that way, and no optimum to learn from.
			return false
		default:
			p.markFree()
		}
		if p.free[v] {
			return false
		}
	}
	return true
}

// markFree records the variables the last optimum moved a whole step.
func (p *pinLP) markFree() {
	for w, x := range p.x {
		t := float64(p.values[p.cell[w]] - p.least[p.cell[w]])
		if x >= t+1-1e-6 || x <= t-1+1e-6 {
			p.free[w] = true
		}
	}
}

// bounds returns the smallest and largest value each cell can have as far
// as a reader can tell: shown cells are exact, hidden ones start from what
// their mark says and are narrowed by every line until nothing changes.
func bounds(values []int, marks []Mark, lines []line, minCell int) (lo, hi []int) {
	lo, hi = make([]int, len(values)), make([]int, len(values))
	for i, v := range values {
		switch marks[i] {
		case Shown:
			lo[i], hi[i] = v, v
		case Small:
			lo[i], hi[i] = 1, minCell-1
		case Withheld:
			lo[i], hi[i] = minCell, unbounded
		}
	}
	for range maxRounds {
		changed := false
		for _, l := range lines {
			if l.lin != nil {
				continue // the linear program's
			}
			if l.bound {
				for _, m := range l.members {
					changed = narrow(lo, hi, m, lo[m], hi[l.total]) || changed
					changed = narrow(lo, hi, l.total, lo[m], hi[l.total]) || changed
				}
				continue
			}
			// An exact line: Σ members = total, so total = Σ members and
			// member = total − Σ other members. A line with overlap only
			// says Σ members ≥ total, so members give the total an upper
			// bound and the total gives each member a lower one. Either
			// way no member exceeds its total: a patient counts at most
			// once in a cell. Sums taken before the loop narrowed
			// anything are wider, so what follows from them still holds.
			sumLo, sumHi := 0, 0
			for _, m := range l.members {
				sumLo += lo[m]
				sumHi += hi[m]
			}
			exact := l.offset == 0
			if exact {
				changed = narrow(lo, hi, l.total, sumLo, sumHi) || changed
			} else {
				changed = narrow(lo, hi, l.total, lo[l.total], sumHi) || changed
			}
			for _, m := range l.members {
				othersLo, othersHi := sumLo-lo[m], sumHi-hi[m]
				mHi := hi[l.total]
				if exact {
					mHi = min(mHi, hi[l.total]-othersLo)
				}
				changed = narrow(lo, hi, m, lo[l.total]-othersHi, mHi) || changed
				changed = narrow(lo, hi, l.total, lo[m], hi[l.total]) || changed
			}
		}
		if !changed {
			break
		}
	}
	return lo, hi
}

// memberBoundMatters reports whether "member ≤ total" constrains a hidden
// cell beyond its mark: not when both are shown, when a shown member is no
// more than a hidden total's least value, or when a small member sits under
// a shown total of at least N − 1.
func memberBoundMatters(values []int, marks []Mark, minCell int, m, total int) bool {
	least := func(i int) int {
		if marks[i] == Withheld {
			return minCell
		}
		return 1
	}
	switch {
	case marks[m] == Shown && marks[total] == Shown:
		return false
	case marks[m] == Shown:
		return values[m] > least(total)
	case marks[total] == Shown:
		return marks[m] == Withheld || values[total] < minCell-1
	}
	return true
}

// narrow intersects cell i's range with [l, h] and reports whether it shrank.
func narrow(lo, hi []int, i, l, h int) bool {
	changed := false
	if l > lo[i] {
		lo[i], changed = l, true
	}
	if h < hi[i] {
		hi[i], changed = h, true
	}
	return changed
}

// lostOracle tells the hidden cells a reader can pin down even when every
// non-zero cell is hidden. Hiding a cell only widens what a reader can
// tell, so such a cell is pinned whatever suppression does, and any other
// exposed cell can be protected. It answers cell by cell.
//
// The linear program of the fully hidden table has a variable for every
// non-zero cell of the grid: some 1,700 for the statistics with ten years
// of the funnel's months, minutes of pivoting. Most cells it is asked
// about are not lost, and that can be shown on far less: hide only the
// non-zero cells near the cell (those sharing a line with it, and those
// sharing a line with them…) and show the rest at their true values.
// Every solution of that smaller program is a solution of the fully
// hidden one (a shown non-zero cell's true value, at least N, is a value
// its "withheld" mark allows), so a cell that can move there can move
// there too: not lost. Only a cell pinned in every neighbourhood tried is
// put to the whole program, so the answers are the same as the whole
// program's alone (TestLostOracleLocalMatchesWhole).
type lostOracle struct {
	values  []int
	marks   []Mark // as suppression starts: only the small ones hidden
	all     []Mark // every non-zero cell hidden
	lines   []line
	minCell int
	byBound []bool // pinned by bounds propagation or alone in a line
	lp      *pinLP
	answer  map[int]bool
	// whole asks the whole program straight away: the old path, kept
	// for the tests that compare the two.
	whole bool
	// sizes are how many cells the neighbourhoods tried hide.
	sizes   []int
	linesOf [][]int // the lines through each cell
	// stop, when not nil, makes the linear programs give up (a cell
	// they could not decide counts as lost); suppression is then
	// abandoned anyway.
	stop func() bool
}

func newLostOracle(values []int, marks []Mark, lines []line, minCell int) *lostOracle {
	all := slices.Clone(marks)
	for i, v := range values {
		if all[i] == Shown && v > 0 {
			all[i] = Withheld
		}
	}
	linesOf := make([][]int, len(values))
	for k, l := range lines {
		for _, i := range append([]int{l.total}, l.members...) {
			if n := len(linesOf[i]); n == 0 || linesOf[i][n-1] != k {
				linesOf[i] = append(linesOf[i], k)
			}
		}
	}
	return &lostOracle{values: values, marks: marks, all: all, lines: lines, minCell: minCell,
		byBound: boundsExposed(values, all, lines, minCell, nil), answer: map[int]bool{}, linesOf: linesOf,
		sizes: []int{12, 40, 120, 250, 400}}
}

func (o *lostOracle) lost(i int) bool {
	if o.byBound != nil && o.byBound[i] {
		return true
	}
	if a, ok := o.answer[i]; ok {
		return a
	}
	if !o.whole {
		for _, r := range o.sizes {
			lp := newPinLP(o.values, o.near(i, r), o.lines, o.minCell, o.stop)
			pinned := lp.pinned(i)
			// Every optimum the smaller program found is a solution of
			// the whole one: a cell it moved a whole step is not lost
			// either, and needs no program of its own.
			for w, free := range lp.free {
				if free {
					o.answer[lp.cell[w]] = false
				}
			}
			if !pinned {
				o.answer[i] = false
				return false
			}
		}
	}
	if o.lp == nil {
		o.lp = newPinLP(o.values, o.all, o.lines, o.minCell, o.stop)
	}
	o.answer[i] = o.lp.pinned(i)
	return o.answer[i]
}

// near returns the marks with the k non-zero cells nearest to cell i
// (itself first, then those sharing a line with it, then those sharing
// a line with them…) hidden as in the fully hidden table, and the rest
// as suppression started.
func (o *lostOracle) near(i, k int) []Mark {
	m := slices.Clone(o.marks)
	seen := make([]bool, len(o.values))
	seen[i] = true
	queue := []int{i}
	for n := 0; n < len(queue) && k > 0; n++ {
		c := queue[n]
		if o.values[c] > 0 {
			m[c] = o.all[c]
			k--
		}
		for _, l := range o.linesOf[c] {
			line := o.lines[l]
			for _, d := range append([]int{line.total}, line.members...) {
				if !seen[d] {
					seen[d] = true
					queue = append(queue, d)
				}
			}
		}
	}
	return m
}
