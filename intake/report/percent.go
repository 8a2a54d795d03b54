package report

import "strconv"

// Percentages are computed from the count and its denominator with integer
// arithmetic, so that "half up" means exactly that: 1/8 = 12.5 % is 13 %,
// where a float64 could land on 12.4999… and round down. Each precision is
// computed from the counts, never one rounding from the other (45.45 %
// is 45 %, although it is 45.5 % to one decimal).

// wholePercent returns 100·n/d rounded half up to a whole number; d > 0.
func wholePercent(n, d int) int { return (200*n + d) / (2 * d) }

// tenthsPercent returns 1000·n/d rounded half up: 455 for 45.5 %; d > 0.
func tenthsPercent(n, d int) int { return (2000*n + d) / (2 * d) }

// formatTenths writes tenths of a percent with one decimal: 455 → "45.5".
func formatTenths(t int) string {
	return strconv.Itoa(t/10) + "." + strconv.Itoa(t%10)
}
