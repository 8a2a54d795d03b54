package intake

import (
	"math"
	"testing"
)

// Reference p-values from the chi-square distribution's published tables.
func TestChiSquarePValue(t *testing.T) {
	cases := []struct {
		stat float64
		df   int
		want float64
	}{
		{3.841, 1, 0.05},
		{6.635, 1, 0.01},
		{11.070, 5, 0.05},
		{20.515, 5, 0.001},
		{18.307, 10, 0.05},
		{4.351, 5, 0.5},
		{0.0158, 1, 0.9},
		{124.342, 100, 0.05},
	}
	for _, c := range cases {
		got := ChiSquarePValue(c.stat, c.df)
		if math.Abs(got-c.want) > 0.0005 {
			t.Errorf("p(χ²=%v, df=%d) = %.5f, want %.3f", c.stat, c.df, got, c.want)
		}
	}
	if p := ChiSquarePValue(0, 3); p != 1 {
		t.Errorf("p(0) = %v, want 1", p)
	}
	if p := ChiSquarePValue(1, 0); !math.IsNaN(p) {
		t.Errorf("df 0 should give NaN, got %v", p)
	}
}

func TestChiSquareUniform(t *testing.T) {
	stat, df := ChiSquareUniform([]int{10, 10, 10, 10})
	if stat != 0 || df != 3 {
		t.Errorf("perfectly uniform: got %v, %d", stat, df)
	}
	// (20-10)²/10 + (0-10)²/10 = 20
	stat, df = ChiSquareUniform([]int{20, 0})
	if stat != 20 || df != 1 {
		t.Errorf("got %v, %d, want 20, 1", stat, df)
	}
}
