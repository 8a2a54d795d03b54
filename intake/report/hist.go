package report

import "slices"

// dayHist counts waiting times in whole days, so that medians and
// percentiles need memory for the days seen, not for the referrals: a
// dense array for the first denseDays days, where nearly all waits fall,
// and a map for the rare long ones.
type dayHist struct {
	dense  []int
	sparse map[int]int
	n      int
}

const denseDays = 400

// add counts one wait; a negative one (a date before received, which
// validation forbids) counts as 0.
func (h *dayHist) add(days int) { h.addN(days, 1) }

// addN counts n waits of the same length.
func (h *dayHist) addN(days, n int) {
	days = max(days, 0)
	h.n += n
	if days < denseDays {
		if days >= len(h.dense) {
			h.dense = append(h.dense, make([]int, days+1-len(h.dense))...)
		}
		h.dense[days] += n
		return
	}
	if h.sparse == nil {
		h.sparse = map[int]int{}
	}
	h.sparse[days] += n
}

// merge adds the waits of o.
func (h *dayHist) merge(o *dayHist) {
	for d, c := range o.dense {
		if c > 0 {
			h.addN(d, c)
		}
	}
	for d, c := range o.sparse {
		h.addN(d, c)
	}
}

// quantile returns the num/den quantile by nearest rank — the smallest
// number of days d such that at least ⌈n·num/den⌉ waits are at most d —
// so the answer is always a wait that happened. ok is false when empty.
func (h *dayHist) quantile(num, den int) (days int, ok bool) {
	if h.n == 0 {
		return 0, false
	}
	rank := max((h.n*num+den-1)/den, 1)
	seen := 0
	for d, c := range h.dense {
		if seen += c; seen >= rank {
			return d, true
		}
	}
	keys := make([]int, 0, len(h.sparse))
	for d := range h.sparse {
		keys = append(keys, d)
	}
	slices.Sort(keys)
	for _, d := range keys {
		if seen += h.sparse[d]; seen >= rank {
			return d, true
		}
	}
	return 0, false // unreachable: the counts add up to n
}

// median and p90 are the two quantiles the reports print.
func (h *dayHist) median() (int, bool) { return h.quantile(1, 2) }
func (h *dayHist) p90() (int, bool)    { return h.quantile(9, 10) }
