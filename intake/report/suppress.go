package report

import "slices"

// Small-number suppression for tables that leave the reception.
//
// A count from 1 to MinCell−1 can point to a person, so it is shown as
// "<N" with its percent hidden (primary suppression, Mark Small). That
// alone is not enough: a reader who sees a row total and every other
// cell of the row gets the hidden count back by subtraction. So further
// cells are withheld (secondary suppression, Mark Withheld, shown as ":")
// until no hidden count can be worked out from the sums the table shows.
//
// What the reader is assumed to know, to be on the safe side:
//   - every shown number, zeros included, and every sum the table
//     implies (a line: a row or column and its total); where a patient
//     can sit in two cells of a line (double routing) and does, that the
//     cells add up to at least the total — by how much is printed
//     nowhere; where nobody does, the exact sum, since a reader would
//     guess it and be right;
//   - that no cell exceeds the total of its line;
//   - the rule itself: a "<N" cell holds 1…N−1, a ":" cell at least N
//     (secondary cells are chosen among the shown, non-zero cells), and a
//     zero is never hidden (a zero cannot identify anyone, and hiding it
//     would only make readers assume the worst).
//
// The check: from those facts, the range each hidden cell can take is
// narrowed by propagating bounds through every line until nothing
// changes; when that finds nothing, a linear program gives each hidden
// cell's smallest and largest value over all the lines together (sums
// can be combined: row one plus row two minus a column). A hidden cell
// that cannot move by one either way is exposed. A shown non-zero cell in
// a line through an exposed cell is then withheld — one that is not
// exposed itself once hidden, that leaves the fewest cells exposed, and
// costs least (an inner cell before a total, since hiding a total hides
// every percentage over it; then the smallest) — and the check runs
// again, until no hidden cell is exposed. Each round hides one more cell,
// so it ends. A pass then shows again, dearest first, each withheld cell
// that turned out not to be needed, and a short local search tries to swap
// dear withheld cells for cheaper ones. No line is left with exactly one
// hidden cell, not even a line that over-counts. The search is a
// heuristic: what it hides is safe, not always the least that would be.
//
// A report whose tables share numbers (the routing statistics) puts all
// of them in one grid, with the sums between tables as lines, and is
// suppressed once: see statsgrid.go; the reports of one period, the
// funnel with the statistics, are suppressed together: see reports.go.
//
// What it cannot protect: a row or column so small that the marks alone
// give its counts away (with N = 3, two "<3" cells under a "<3" total are
// 1 and 1) — those cells are found first, by checking what a reader could
// tell were every non-zero cell hidden (audit.go asks small
// neighbourhoods of the cell first, the whole grid only for a cell pinned
// in all of them: the same answers, in seconds where the whole grid of ten
// years of months took minutes); suppress reports them, the reports
// print a warning, and the search protects every other cell; and
// differencing two reports of the same data (two date ranges, or a month
// and the whole year). Publish one cut of the data per audience.

// Mark says how a count may be shown.
type Mark uint8

const (
	// Shown counts are printed as they are.
	Shown Mark = iota
	// Small counts (1 to MinCell−1) are printed as "<N" (N = MinCell).
	Small
	// Withheld counts are hidden so that a Small one cannot be worked out
	// from the sums; printed as ":".
	Withheld
)

// line is a sum a reader of a table knows: the members add up to the
// total plus offset. The offset is above zero when one patient counts in
// more than one member (a patient routed to two services); the table
// never prints it, so for such a line the reader knows only that the
// members add up to at least the total.
type line struct {
	total   int
	members []int
	offset  int
	// bound lines say only that no member exceeds the total, nothing
	// about their sum: a later stage of a funnel never exceeds an
	// earlier one.
	bound bool
	// lin, when not nil, makes the line a rule of the format instead of a
	// sum: Σ coef·cell ≤ 0 over its terms (rules.go). Its cells are also
	// in total and members, so that the search for cells to withhold
	// sees them; bounds propagation leaves it to the linear program.
	lin []term
}

// term is one cell of a rule, with its coefficient.
type term struct{ cell, coef int }

// unbounded stands for "no upper bound" on a withheld cell; far above any
// count, yet sums of it cannot overflow.
const unbounded = 1 << 40

// maxRounds bounds the propagation; tables are small and it settles in a
// handful of rounds, but a bound guarantees an end.
const maxRounds = 1000

// suppress marks the counts in values that must be hidden for minCell, given
// the lines a reader knows. minCell < 2 hides nothing. exposed is true when
// a hidden count can be worked out however much else is hidden: the marks
// themselves give it away (with N = 3, two "<3" cells under a "<3" total
// are 1 and 1). Only leaving out or merging the small row or column helps
// then; reports say so. Every other hidden count is protected.
//
// weight, when not nil, makes some cells dearer to withhold than their
// count alone (the main table of a report).
func suppress(values []int, lines []line, minCell int, weight []int) (marks []Mark, exposed bool) {
	marks, exposed, _ = suppressWith(values, lines, minCell, weight, false, nil)
	return marks, exposed
}

// suppressWith is suppress; wholeOracle makes the search ask the linear
// program of the whole, fully hidden grid which cells are lost, as it did
// before the neighbourhoods (audit.go), for the tests that compare both.
// stop, when not nil, is asked between rounds and during the linear
// programs; once it says so, suppression gives up and reports stopped:
// the marks are then no protection and must not be printed.
func suppressWith(values []int, lines []line, minCell int, weight []int, wholeOracle bool, stop func() bool) (marks []Mark, exposed, stopped bool) {
	marks = make([]Mark, len(values))
	if minCell < 2 {
		return marks, false, false
	}
	for i, v := range values {
		if v >= 1 && v < minCell {
			marks[i] = Small
		}
	}
	isTotal := make([]bool, len(values))
	for _, l := range lines {
		if l.lin == nil {
			isTotal[l.total] = true
		}
	}
	cost := values
	if weight != nil {
		cost = make([]int, len(values))
		for i, v := range values {
			cost[i] = v * weight[i]
		}
	}
	// Cells the marks give away whatever else is hidden cannot be helped
	// by hiding more; chasing them would hide the whole table. They are
	// set aside as they turn up.
	p := &protector{values: values, cost: cost, isTotal: isTotal, lines: lines, minCell: minCell,
		oracle: newLostOracle(values, marks, lines, minCell), lost: make([]bool, len(values))}
	p.oracle.whole, p.oracle.stop, p.stop = wholeOracle, stop, stop
	if !p.protect(marks, nil) {
		return marks, true, p.stopped
	}
	p.improve(marks)
	return marks, p.anyLost, p.stopped
}

// protector runs the search for one table.
type protector struct {
	values, cost []int
	isTotal      []bool
	lines        []line
	minCell      int
	oracle       *lostOracle
	lost         []bool
	anyLost      bool
	stop         func() bool // nil, or says when to give up
	stopped      bool        // stop said so: the marks are no protection
}

// protect withholds cells until no hidden cell, but the lost ones, is
// exposed, never one in keep; then shows again what was not needed. It
// reports false when it ran out of cells to withhold.
func (p *protector) protect(marks []Mark, keep []bool) bool {
	for {
		if p.stopped || (p.stop != nil && p.stop()) {
			p.stopped = true
			return false
		}
		exposed := exposedCells(p.values, marks, p.lines, p.minCell, p.lost, p.stop)
		if exposed == nil {
			if len(p.values) <= revealCells {
				reveal(p.values, p.cost, marks, p.lines, p.minCell, p.lost, p.stop)
			}
			return true
		}
		setAside := false
		for i, e := range exposed {
			if e && p.oracle.lost(i) {
				p.lost[i], setAside, p.anyLost = true, true, true
			}
		}
		if setAside {
			continue
		}
		c := bestPartner(p.values, p.cost, marks, p.isTotal, p.lines, p.minCell, exposed, p.lost, keep)
		if c < 0 {
			// Nothing around the exposed cells is left to hide: widen to
			// anything near a hidden cell.
			c = cheapestShown(p.values, p.cost, marks, p.isTotal, p.lines, keep, func(l line) bool { return hiddenIn(l, marks) > 0 })
		}
		if c < 0 {
			return false
		}
		marks[c] = Withheld
	}
}

// maxImprovements bounds the local search: each try is a whole search.
// improveCells is the largest grid that gets it: in a larger one (the
// statistics and the funnel's months suppressed together, some 190 cells)
// each try rebuilds larger linear programs many times and takes about a
// second on the pilot data, so the greedy search and its reveal pass are
// left to stand alone there. What they hide is safe, sometimes more than
// needed.
const (
	maxImprovements = 12
	improveCells    = 120
)

// revealCells is the largest grid whose withheld cells are tried one by
// one for showing again: each try is a linear program over the whole
// grid, and a grid of the funnel's ISO weeks with the statistics (some 450
// cells) spent over a minute on it. A larger grid keeps what the greedy
// search withheld: safe, if more than needed.
const revealCells = 250

// improvements is the local search's budget for a grid of n cells.
func improvements(n int) int {
	if n <= improveCells {
		return maxImprovements
	}
	return 0
}

// improve is a local search on the greedy result: for each withheld cell,
// dearest first, it shows the cell for good (and, for now, the withheld
// cells of its lines), protects again around it, and keeps the result
// when the withheld cells cost less in all. The greedy
// search picks one cell at a time and cannot see that a dear cell it hid
// early is not needed once cheaper ones are hidden.
func (p *protector) improve(marks []Mark) {
	total := func(m []Mark) int {
		n := 0
		for i, x := range m {
			if x == Withheld {
				n += p.cost[i]
			}
		}
		return n
	}
	keep := make([]bool, len(marks))
	tries := 0
	budget := improvements(len(marks))
	for improved := true; improved && tries < budget; {
		improved = false
		var withheld []int
		for i, m := range marks {
			if m == Withheld {
				withheld = append(withheld, i)
			}
		}
		slices.SortStableFunc(withheld, func(a, b int) int { return p.cost[b] - p.cost[a] })
		for _, c := range withheld {
			if tries++; tries > budget {
				return
			}
			// Show it, and the withheld cells of its lines: cells often
			// protect each other in pairs, and showing one alone fails.
			trial := slices.Clone(marks)
			trial[c] = Shown
			for _, l := range p.lines {
				if inLine(l, c) {
					for _, i := range append([]int{l.total}, l.members...) {
						if trial[i] == Withheld {
							trial[i] = Shown
						}
					}
				}
			}
			keep[c] = true
			ok := p.protect(trial, keep)
			keep[c] = false
			if ok && total(trial) < total(marks) {
				copy(marks, trial)
				improved = true
				break
			}
		}
	}
}

// reveal undoes what the greedy search withheld without need: each
// withheld cell, dearest first, is shown again if no hidden cell becomes
// exposed. One cell at a time the search cannot see which cells end up
// protecting each other; looking back it can.
func reveal(values, cost []int, marks []Mark, lines []line, minCell int, lost []bool, stop func() bool) {
	var withheld []int
	for i, m := range marks {
		if m == Withheld {
			withheld = append(withheld, i)
		}
	}
	slices.SortStableFunc(withheld, func(a, b int) int { return cost[b] - cost[a] })
	for _, c := range withheld {
		marks[c] = Shown
		if exposedCells(values, marks, lines, minCell, lost, stop) != nil {
			marks[c] = Withheld
		}
	}
}

// lookahead is how many of the cheapest cells overall bestPartner tries
// besides each line's cheapest.
const lookahead = 8

// bestPartner picks the cell to withhold next. The candidates are, for
// each line through an exposed cell, its cheapest shown non-zero cell (see
// cheaper), and the lookahead cheapest of all their cells. Each is tried: the best is one that is not itself exposed once
// hidden (else it only moves the problem), then one that leaves the fewest
// cells exposed, then the cheapest. The trial uses bounds propagation
// alone: the linear program is too dear to run for every candidate, and
// the main loop runs it on the choice anyway. It returns −1 when there is
// no candidate.
func bestPartner(values, cost []int, marks []Mark, isTotal []bool, lines []line, minCell int, exposed, lost, keep []bool) int {
	var candidates []int
	seen := make([]bool, len(values))
	for _, l := range lines {
		if !touches(l, exposed) {
			continue
		}
		c := -1
		for _, i := range append([]int{l.total}, l.members...) {
			if marks[i] == Shown && values[i] > 0 && !kept(keep, i) && (c < 0 || cheaper(cost, isTotal, i, c)) {
				c = i
			}
		}
		if c >= 0 && !seen[c] {
			seen[c] = true
			candidates = append(candidates, c)
		}
	}
	// And the few cheapest cells of those lines overall: the cheapest of
	// each line alone misses a line's second-cheapest, often the better.
	var all []int
	for _, l := range lines {
		if touches(l, exposed) {
			for _, i := range append([]int{l.total}, l.members...) {
				if marks[i] == Shown && values[i] > 0 && !seen[i] && !kept(keep, i) {
					all = append(all, i)
				}
			}
		}
	}
	slices.SortFunc(all, func(a, b int) int {
		switch {
		case a == b:
			return 0
		case cheaper(cost, isTotal, a, b):
			return -1
		}
		return 1
	})
	all = slices.Compact(all)
	candidates = append(candidates, all[:min(lookahead, len(all))]...)
	best, bestSelf, bestLeft := -1, false, 0
	for _, c := range candidates {
		marks[c] = Withheld
		after := boundsExposed(values, marks, lines, minCell, lost)
		marks[c] = Shown
		self, left := after != nil && after[c], 0
		for _, e := range after {
			if e {
				left++
			}
		}
		better := best < 0 || (self != bestSelf && !self) ||
			(self == bestSelf && (left < bestLeft || (left == bestLeft && cheaper(cost, isTotal, c, best))))
		if better {
			best, bestSelf, bestLeft = c, self, left
		}
	}
	return best
}

// cheaper reports whether hiding cell a costs less than hiding b: an inner
// cell before a total (hiding a total hides every percentage over it),
// then the smaller cost (the count, times a weight), then the first.
func cheaper(cost []int, isTotal []bool, a, b int) bool {
	switch {
	case isTotal[a] != isTotal[b]:
		return !isTotal[a]
	case cost[a] != cost[b]:
		return cost[a] < cost[b]
	}
	return a < b
}

// cheapestShown returns the cheapest shown non-zero cell in the lines pick
// accepts, or −1.
func cheapestShown(values, cost []int, marks []Mark, isTotal []bool, lines []line, keep []bool, pick func(line) bool) int {
	best := -1
	for _, l := range lines {
		if !pick(l) {
			continue
		}
		for _, i := range append([]int{l.total}, l.members...) {
			if marks[i] == Shown && values[i] > 0 && !kept(keep, i) && (best < 0 || cheaper(cost, isTotal, i, best)) {
				best = i
			}
		}
	}
	return best
}

// inLine reports whether cell i is in line l.
func inLine(l line, i int) bool {
	return l.total == i || slices.Contains(l.members, i)
}

// kept reports whether cell i must stay shown.
func kept(keep []bool, i int) bool { return keep != nil && keep[i] }

// touches reports whether the line holds a cell that is set in cells.
func touches(l line, cells []bool) bool {
	if cells[l.total] {
		return true
	}
	for _, m := range l.members {
		if cells[m] {
			return true
		}
	}
	return false
}

// hiddenIn counts the hidden cells of a line, its total included.
func hiddenIn(l line, marks []Mark) int {
	n := 0
	if marks[l.total] != Shown {
		n++
	}
	for _, m := range l.members {
		if marks[m] != Shown {
			n++
		}
	}
	return n
}
