package report

import (
	"math"
	"testing"
)

func TestSimplexRanges(t *testing.T) {
	// x + y = 5, x ≤ 2, y ≤ 4 (and x, y ≥ 0): x ∈ [1, 2], y ∈ [3, 4].
	// The sum appears twice, as the margins of a table do.
	cons := []constraint{
		{coef: []float64{1, 1}, rel: eq, rhs: 5},
		{coef: []float64{2, 2}, rel: eq, rhs: 10},
		{coef: []float64{1, 0}, rel: le, rhs: 2},
		{coef: []float64{0, 1}, rel: le, rhs: 4},
	}
	s, ok := newSimplex(2, cons)
	if !ok {
		t.Fatal("feasible problem reported infeasible")
	}
	for _, c := range []struct {
		k    int
		max  bool
		want float64
	}{{0, false, 1}, {0, true, 2}, {1, false, 3}, {1, true, 4}} {
		x := make([]float64, 2)
		got, ok := s.extreme(c.k, c.max, x)
		if !ok || math.Abs(got-c.want) > 1e-9 {
			t.Errorf("extreme(%d, max=%v) = %v, %v; want %v", c.k, c.max, got, ok, c.want)
		}
		// The optimum is a feasible point with that value.
		if math.Abs(x[c.k]-c.want) > 1e-9 || math.Abs(x[0]+x[1]-5) > 1e-9 || x[0] > 2+1e-9 || x[1] > 4+1e-9 {
			t.Errorf("extreme(%d, max=%v) at %v", c.k, c.max, x)
		}
	}
	// x − y ≥ 1 leaves x unbounded above.
	s, ok = newSimplex(2, []constraint{{coef: []float64{1, -1}, rel: ge, rhs: 1}})
	if got, _ := s.extreme(0, true, nil); !ok || !math.IsInf(got, 1) {
		t.Errorf("unbounded max = %v", got)
	}
	if _, ok := newSimplex(1, []constraint{{coef: []float64{1}, rel: le, rhs: -1}}); ok {
		t.Error("x ≤ −1 with x ≥ 0 reported feasible")
	}
}
