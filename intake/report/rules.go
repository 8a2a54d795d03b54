package report

import (
	"slices"

	"envei/intake"
)

// The format's own rules, which any reader of the reports knows and can
// add to the sums (issue 14): no_need and did_not_attend stand alone — a
// patient with either has no other outcome — and a patient is in one
// column. They are no sums, so they go to the linear program as rules,
// Σ coef·cell ≤ 0.

// rule records Σ coef·cell ≤ 0 over terms. A rule the data do not bear out
// (a catalogue or import that breaks it) is no fact a reader can use, and
// is left out.
func (g *cellGrid) rule(terms ...term) {
	s := 0
	for _, t := range terms {
		s += t.coef * g.values[t.cell]
	}
	if s > 0 || len(terms) < 2 {
		return
	}
	l := line{total: terms[0].cell, lin: terms}
	for _, t := range terms[1:] {
		l.members = append(l.members, t.cell)
	}
	g.lines = append(g.lines, l)
}

// same records that counts a and b are the same patients, where they are.
func (g *cellGrid) same(a, b int) {
	if a != b && g.values[a] == g.values[b] {
		g.sum(a, []int{b})
	}
}

// standsAlone reports whether a service is always a patient's only
// outcome.
func standsAlone(code string) bool {
	return code == intake.ServiceNoNeed || code == intake.ServiceDidNotAttend
}

// addRules adds the rules that tie the sections of the routing statistics
// beyond their sums.
func (b *StatsBuilder) addRules(sg *statsGrid) {
	g := &sg.g
	r := sg.routing
	nc := len(r.cols)
	// Routing, per column: a patient with another outcome has none of the
	// stand-alone ones and is neither open nor withdrawn, so each other
	// row plus those rows is at most the column's patients.
	var alone, others [][]int
	for i, row := range r.rows {
		switch {
		case standsAlone(row.code) || row.code == CodeOpen || row.code == CodeWithdrawn:
			alone = append(alone, r.cells[i])
		default:
			others = append(others, r.cells[i])
		}
	}
	for j := range nc + 1 {
		for _, o := range others {
			terms := []term{{o[j], 1}, {r.heads[j], -1}}
			for _, a := range alone {
				terms = append(terms, term{a[j], 1})
			}
			g.rule(terms...)
		}
	}
	// Wrong queue: where every closed service stands alone, a patient
	// ended in "closed" is in no other category.
	closedAlone := true
	for _, svc := range b.cat.services {
		if svc.Category == intake.CategoryClosed && !standsAlone(svc.Code) {
			closedAlone = false
		}
	}
	w := sg.wrongQueue
	if closed := w.row(string(intake.CategoryClosed)); closed != nil && closedAlone {
		var rest [][]int
		for _, code := range []string{CodeOpen, CodeWithdrawn} {
			if cells := w.row(code); cells != nil {
				rest = append(rest, cells)
			}
		}
		for i, row := range w.rows {
			if row.code == string(intake.CategoryClosed) || row.code == CodeOpen || row.code == CodeWithdrawn {
				continue
			}
			for j := range nc + 1 {
				terms := []term{{w.cells[i][j], 1}, {closed[j], 1}, {w.heads[j], -1}}
				for _, c := range rest {
					terms = append(terms, term{c[j], 1})
				}
				g.rule(terms...)
			}
		}
	}
	// By organisation: every patient with a stand-alone outcome is in its
	// row, but for those left out of the table; and a patient in "more
	// than one service" counts at least twice in the routing table.
	o := sg.org
	if o.heads == nil {
		return
	}
	oc := len(o.cols)
	var several []int
	var routedOthers, orgOthers []int
	for i, row := range o.rows {
		if row.code == CodeSeveral {
			several = o.cells[i]
			continue
		}
		routed := r.row(row.code)
		if routed == nil {
			continue
		}
		if standsAlone(row.code) {
			g.rule(term{routed[nc], 1}, term{o.cells[i][oc], -1}, term{sg.leftOut, -1})
			continue
		}
		routedOthers = append(routedOthers, routed[nc])
		orgOthers = append(orgOthers, o.cells[i][oc])
	}
	if several != nil {
		terms := []term{{several[oc], 2}}
		for _, c := range orgOthers {
			terms = append(terms, term{c, 1})
		}
		for i, row := range r.rows {
			if !standsAlone(row.code) && row.code != CodeOpen && row.code != CodeWithdrawn &&
				!slices.Contains(routedOthers, r.cells[i][nc]) {
				routedOthers = append(routedOthers, r.cells[i][nc])
			}
		}
		for _, c := range routedOthers {
			terms = append(terms, term{c, -1})
		}
		g.rule(terms...)
	}
}
