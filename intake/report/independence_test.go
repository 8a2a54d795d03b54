package report

import (
	"math"
	"strings"
	"testing"
)

func TestChiSquareIndependence(t *testing.T) {
	// A textbook 2×2 table: 20/30 against 30/20. Expected 25 everywhere,
	// statistic 4·(5²/25) = 4, df 1, p = 0.0455.
	c := chiSquareIndependence([][]int{{20, 30}, {30, 20}})
	if !c.Computed || c.DF != 1 || math.Abs(c.Statistic-4) > 1e-12 || math.Abs(c.P-0.0455003) > 1e-6 || c.Warning != "" {
		t.Errorf("2×2: %+v", c)
	}
	// An all-zero row and column do not add degrees of freedom.
	z := chiSquareIndependence([][]int{{20, 0, 30}, {0, 0, 0}, {30, 0, 20}})
	if z.DF != 1 || math.Abs(z.Statistic-4) > 1e-12 {
		t.Errorf("with zero row and column: %+v", z)
	}
	// Small expected counts: Cochran's rule warns.
	w := chiSquareIndependence([][]int{{3, 1}, {1, 3}})
	if !w.Computed || !strings.Contains(w.Warning, "4 of 4 expected counts are below 5") {
		t.Errorf("small counts: %+v", w)
	}
	// One column with patients: nothing to compare.
	if n := chiSquareIndependence([][]int{{3, 0}, {5, 0}}); n.Computed || n.Note == "" {
		t.Errorf("one column: %+v", n)
	}
}
