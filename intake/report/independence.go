package report

import (
	"fmt"

	"envei/intake"
)

// ChiSquare is Pearson's chi-square test of independence on a table of
// counts: are the rows distributed alike in every column?
type ChiSquare struct {
	Computed  bool    // false when the table is too small for a test, or it was withheld
	Statistic float64 // Σ (observed − expected)² / expected
	DF        int     // (rows − 1)(columns − 1), all-zero rows and columns left out
	P         float64 // probability of a statistic this large if the rows are independent of the columns
	// Warning is set when expected counts are too small for the
	// chi-square approximation (Cochran: more than 20 % below 5, or any
	// below 1).
	Warning string
	// Small, Tiny and Cells are the counts behind Warning: expected
	// counts below 5, below 1, and all; for writing it in another language.
	Small, Tiny, Cells int
	// Note says why the test was not computed.
	Note string
}

// chiSquareIndependence tests counts[row][column]. Rows and columns with no
// patients are left out before the degrees of freedom are counted: they
// carry no information, and counting them would bias the p-value.
func chiSquareIndependence(counts [][]int) ChiSquare {
	var rows, cols []int
	rowSum := map[int]int{}
	colSum := map[int]int{}
	n := 0
	for i, r := range counts {
		for j, v := range r {
			rowSum[i] += v
			colSum[j] += v
			n += v
		}
	}
	for i := range counts {
		if rowSum[i] > 0 {
			rows = append(rows, i)
		}
	}
	if len(counts) > 0 {
		for j := range counts[0] {
			if colSum[j] > 0 {
				cols = append(cols, j)
			}
		}
	}
	df := (len(rows) - 1) * (len(cols) - 1)
	if df < 1 {
		return ChiSquare{Note: "not computed: it needs patients in at least two rows and two columns"}
	}
	var stat float64
	small, tiny, cells := 0, 0, 0
	for _, i := range rows {
		for _, j := range cols {
			e := float64(rowSum[i]) * float64(colSum[j]) / float64(n)
			d := float64(counts[i][j]) - e
			stat += d * d / e
			cells++
			if e < 5 {
				small++
			}
			if e < 1 {
				tiny++
			}
		}
	}
	c := ChiSquare{Computed: true, Statistic: stat, DF: df, P: intake.ChiSquarePValue(stat, df)}
	if tiny > 0 || small*5 > cells {
		c.Small, c.Tiny, c.Cells = small, tiny, cells
		c.Warning = fmt.Sprintf("%d of %d expected counts are below 5", small, cells)
		if tiny > 0 {
			c.Warning += fmt.Sprintf(" (%d below 1)", tiny)
		}
		c.Warning += ": the chi-square approximation may not hold, so read the p-value with care"
	}
	return c
}
