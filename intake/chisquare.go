package intake

import "math"

// ChiSquareUniform is Pearson's goodness-of-fit statistic for observed
// counts against a uniform distribution over the categories, with its
// degrees of freedom. It is how the test suite shows the random draw is fair.
func ChiSquareUniform(observed []int) (stat float64, df int) {
	total := 0
	for _, o := range observed {
		total += o
	}
	if len(observed) < 2 || total == 0 {
		return 0, 0
	}
	expected := float64(total) / float64(len(observed))
	for _, o := range observed {
		d := float64(o) - expected
		stat += d * d / expected
	}
	return stat, len(observed) - 1
}

// ChiSquarePValue is the probability of a chi-square statistic at least as
// large as stat with df degrees of freedom: the regularised upper
// incomplete gamma function Q(df/2, stat/2).
func ChiSquarePValue(stat float64, df int) float64 {
	if df <= 0 || math.IsNaN(stat) {
		return math.NaN()
	}
	if stat <= 0 {
		return 1
	}
	return upperGammaQ(float64(df)/2, stat/2)
}

// upperGammaQ computes Q(a, x) by its power series when x < a+1 and by
// its continued fraction (modified Lentz) otherwise, where each converges
// fast.
func upperGammaQ(a, x float64) float64 {
	lg, _ := math.Lgamma(a)
	prefix := math.Exp(-x + a*math.Log(x) - lg)
	if x < a+1 {
		// P(a, x) = prefix · Σ x^n / (a (a+1) … (a+n))
		sum, term := 1/a, 1/a
		for n := 1; n < 1000; n++ {
			term *= x / (a + float64(n))
			sum += term
			if math.Abs(term) < math.Abs(sum)*1e-15 {
				break
			}
		}
		return math.Max(0, 1-prefix*sum)
	}
	const tiny = 1e-300
	b := x + 1 - a
	c := 1 / tiny
	d := 1 / b
	h := d
	for i := 1; i < 1000; i++ {
		an := -float64(i) * (float64(i) - a)
		b += 2
		d = an*d + b
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = b + an/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		delta := d * c
		h *= delta
		if math.Abs(delta-1) < 1e-15 {
			break
		}
	}
	return math.Min(1, prefix*h)
}
