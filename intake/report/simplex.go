package report

// A small dense two-phase simplex, enough to audit a suppressed table: how
// far can one hidden cell move while every sum the table shows still
// holds? Tables have at most a few dozen hidden cells, so a dense tableau
// is fine. Dantzig's rule picks the entering column, Bland's (the lowest
// index enters and leaves) takes over when pivots stall, which rules out
// cycling; the data are small integers, so a fixed tolerance suffices.

import "math"

const (
	lpEps       = 1e-9
	lpMaxPivots = 20000
)

type relation int8

const (
	eq relation = iota // a·x = b
	le                 // a·x ≤ b
	ge                 // a·x ≥ b
)

// constraint is one row of a linear program over variables x ≥ 0.
type constraint struct {
	coef []float64 // one per variable
	rel  relation
	rhs  float64
}

// simplex holds a feasible basis of the constraints after phase one; each
// objective then starts from a copy of it.
type simplex struct {
	stop  func() bool // nil, or says when to give up (see pivotToOptimum)
	n     int         // structural variables
	cols  int         // structural and slack columns (artificials dropped)
	rows  [][]float64 // tableau rows, cols entries then the right-hand side
	basis []int       // basic column of each row
}

// newSimplex builds the tableau and finds a feasible basis. ok is false
// when the constraints have no solution or the pivots ran out.
func newSimplex(n int, cons []constraint) (s *simplex, ok bool) {
	return newSimplexUntil(n, cons, nil)
}

// newSimplexUntil is newSimplex, giving up (ok false) once stop says so;
// the simplex it returns keeps asking stop.
func newSimplexUntil(n int, cons []constraint, stop func() bool) (s *simplex, ok bool) {
	slacks := 0
	for _, c := range cons {
		if c.rel != eq {
			slacks++
		}
	}
	art := n + slacks // first artificial column
	width := art + len(cons) + 1
	rows := make([][]float64, len(cons))
	basis := make([]int, len(cons))
	slack := n
	for r, c := range cons {
		row := make([]float64, width)
		copy(row, c.coef)
		switch c.rel {
		case le:
			row[slack] = 1
			slack++
		case ge:
			row[slack] = -1
			slack++
		}
		row[width-1] = c.rhs
		if c.rhs < 0 {
			for j := range row {
				row[j] = -row[j]
			}
		}
		row[art+r] = 1
		basis[r] = art + r
		rows[r] = row
	}
	// Phase one: minimise the sum of the artificials.
	cost := make([]float64, width)
	for _, row := range rows {
		for j := 0; j < art; j++ {
			cost[j] -= row[j]
		}
		cost[width-1] -= row[width-1]
	}
	if pivotToOptimum(rows, basis, cost, art, stop) != lpOptimal {
		return nil, false
	}
	if -cost[width-1] > 1e-7 {
		return nil, false // infeasible
	}
	// Drive the artificials out of the basis; a row where none can leave
	// is a redundant sum (the margins of a table repeat each other) and
	// is dropped.
	s = &simplex{n: n, cols: art, stop: stop}
	for r, row := range rows {
		if basis[r] >= art {
			j := 0
			for j < art && math.Abs(row[j]) <= lpEps {
				j++
			}
			if j == art {
				continue
			}
			pivot(rows, basis, cost, r, j)
		}
	}
	for r, row := range rows {
		if basis[r] >= art {
			continue
		}
		// The artificial columns never enter again: keep the others
		// and the right-hand side.
		kept := append(row[:art:art], row[width-1])
		s.rows = append(s.rows, kept)
		s.basis = append(s.basis, basis[r])
	}
	return s, true
}

// extreme returns the largest (max) or smallest value of variable k over
// the feasible set; ±Inf when it has no bound that way. ok is false when
// the pivots ran out. When x is not nil, it receives the structural
// variables of the optimum found (a feasible point) when there is one.
func (s *simplex) extreme(k int, max bool, x []float64) (v float64, ok bool) {
	rows := make([][]float64, len(s.rows))
	for i, row := range s.rows {
		rows[i] = append([]float64(nil), row...)
	}
	basis := append([]int(nil), s.basis...)
	// Minimise c·x with c = −e_k (max) or e_k (min); the cost row holds
	// the reduced costs and, last, minus the objective's value.
	sign := 1.0
	if max {
		sign = -1
	}
	cost := make([]float64, s.cols+1)
	cost[k] = sign
	for r, b := range basis {
		if b == k {
			for j := range cost {
				cost[j] -= sign * rows[r][j]
			}
		}
	}
	switch pivotToOptimum(rows, basis, cost, s.cols, s.stop) {
	case lpOptimal:
		if x != nil {
			clear(x)
			for r, b := range basis {
				if b < s.n {
					x[b] = rows[r][s.cols]
				}
			}
		}
		return sign * -cost[s.cols], true
	case lpUnbounded:
		return math.Inf(int(-sign)), true
	}
	return 0, false
}

type outcome int8

const (
	lpOptimal outcome = iota
	lpUnbounded
	lpExhausted
)

// pivotToOptimum pivots until no reduced cost is negative. The column
// entering is the one of most negative reduced cost (Dantzig's rule: far
// fewer pivots than Bland's on the larger programs of a grid with years
// of months), but after blandAfter pivots in a row that did not improve
// the objective — degenerate ones, where Dantzig's rule can cycle — it is
// Bland's rule (the lowest index enters and leaves), which cannot cycle,
// until a pivot improves the objective again. Either rule ends at the
// same optimum value; only the way there differs. Every 64 pivots it asks
// stop, when not nil, and gives up (lpExhausted) when stop says so: a
// program over hundreds of cells can pivot for seconds.
func pivotToOptimum(rows [][]float64, basis []int, cost []float64, cols int, stop func() bool) outcome {
	last := len(cost) - 1
	stalled := 0
	for k := range lpMaxPivots {
		if stop != nil && k%64 == 63 && stop() {
			return lpExhausted
		}
		bland := stalled >= blandAfter
		enter := -1
		for j := 0; j < cols; j++ {
			if cost[j] < -lpEps && (enter < 0 || (!bland && cost[j] < cost[enter])) {
				enter = j
				if bland {
					break
				}
			}
		}
		if enter < 0 {
			return lpOptimal
		}
		leave := -1
		best := math.Inf(1)
		for r, row := range rows {
			if row[enter] > lpEps {
				ratio := row[last] / row[enter]
				if ratio < best-lpEps || (ratio <= best+lpEps && leave >= 0 && basis[r] < basis[leave]) {
					best, leave = ratio, r
				}
			}
		}
		if leave < 0 {
			return lpUnbounded
		}
		if best > lpEps {
			stalled = 0
		} else {
			stalled++
		}
		pivot(rows, basis, cost, leave, enter)
	}
	return lpExhausted
}

// blandAfter is how many degenerate pivots in a row switch the entering
// rule to Bland's.
const blandAfter = 50

// pivot makes column j basic in row r.
func pivot(rows [][]float64, basis []int, cost []float64, r, j int) {
	pr := rows[r]
	p := pr[j]
	for i := range pr {
		pr[i] /= p
	}
	eliminate := func(row []float64) {
		f := row[j]
		if f == 0 {
			return
		}
		for i := range row {
			row[i] -= f * pr[i]
		}
	}
	for i, row := range rows {
		if i != r {
			eliminate(row)
		}
	}
	eliminate(cost)
	basis[r] = j
}
