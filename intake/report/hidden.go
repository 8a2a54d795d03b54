package report

import "strconv"

// What --min-cell hid, said in the report itself: which counts, how many,
// and why. It is read off the marks the tables already print, so it tells
// a reader nothing the tables do not: where the hidden counts stand, never
// what they add up to (a sum of hidden counts, with the totals shown,
// would give them back by subtraction).

// hiddenCell is one hidden count and where it stands, in the report's
// language.
type hiddenCell struct {
	table, row, column string
	mark               Mark
}

// hiddenInTable lists t's hidden counts, the column totals first.
func hiddenInTable(table string, t Table, l Lang) []hiddenCell {
	var out []hiddenCell
	for _, c := range t.Columns {
		if c.HasTotal && c.Total.Hidden() {
			out = append(out, hiddenCell{table, l.t("patients"), l.t(c.Label), c.Total.Mark})
		}
	}
	for _, r := range t.Rows {
		for j, c := range r.Cells {
			if c.Hidden() && j < len(t.Columns) {
				out = append(out, hiddenCell{table, l.t(r.Label), l.t(t.Columns[j].Label), c.Mark})
			}
		}
	}
	return out
}

// hidden lists the report's hidden counts, section by section.
func (s Stats) hidden() []hiddenCell {
	l := s.Lang
	if s.Referrals == 0 {
		return nil
	}
	out := hiddenInTable(l.t("1 Routing"), s.Routing, l)
	out = append(out, hiddenInTable(l.t("2 Wrong queue"), s.WrongQueue, l)...)
	org := l.t("3 By organisation")
	out = append(out, hiddenInTable(org, s.ByOrg.Table, l)...)
	if s.ByOrg.LeftOut.Hidden() {
		out = append(out, hiddenCell{org, l.t("left out: no recorded organisation"), l.t("patients"), s.ByOrg.LeftOut.Mark})
	}
	out = append(out, hiddenInTable(l.t("4 Timeliness"), s.Timeliness.Deadline, l)...)
	return append(out, hiddenInTable(l.t("5 Consultations"), s.Consultations, l)...)
}

// hidden lists the funnel's hidden counts, period by period.
func (f Funnel) hidden() []hiddenCell {
	l := f.Lang
	var out []hiddenCell
	for _, p := range f.Periods {
		for _, s := range p.Stages {
			if s.Count.Hidden() {
				out = append(out, hiddenCell{l.periodName(p.Period), l.t(s.Stage.Label()), l.t("patients"), s.Count.Mark})
			}
		}
	}
	return out
}

// hiddenReason says in words why a mark hides a count.
func hiddenReason(m Mark, minCell int, l Lang) string {
	if m == Small {
		return l.f("fewer than %d", minCell)
	}
	return l.t("would reveal a hidden count")
}

// hiddenSummary is the section's opening: how many counts are hidden, of
// each kind, and why; or that nothing is.
func hiddenSummary(cells []hiddenCell, minCell int, l Lang) string {
	small := 0
	for _, c := range cells {
		if c.mark == Small {
			small++
		}
	}
	if len(cells) == 0 {
		return l.f("With --min-cell %d no count is hidden: none is from 1 to %d.", minCell, minCell-1)
	}
	return l.f("With --min-cell %d, %d counts are hidden: %d because they are fewer than %d (shown as <%d), and %d "+
		"because they would reveal a hidden count (shown as :), by subtraction from the totals or from "+
		"the other reports of the same period.", minCell, len(cells), small, minCell, minCell, len(cells)-small) +
		" " + l.t("No sum of hidden counts is given anywhere: with the totals shown, it would give them back.")
}

// hiddenBlock is the short section of the text and Markdown reports: the
// summary and, per table, how many counts of each kind it hides; the
// tables' marks show which. Nil when nothing is protected.
func hiddenBlock(cells []hiddenCell, minCell int, l Lang, exposed bool) []block {
	if minCell < 2 {
		return nil
	}
	b := block{heading: l.f("What --min-cell %d hid", minCell), before: []string{hiddenSummary(cells, minCell, l)}}
	if len(cells) > 0 {
		b.grid = [][]string{{l.t("table"), l.f("fewer than %d (<%d)", minCell, minCell), l.t("would reveal one (:)")}}
		var tables []string
		counts := map[string][2]int{}
		for _, c := range cells {
			n, seen := counts[c.table]
			if !seen {
				tables = append(tables, c.table)
			}
			if c.mark == Small {
				n[0]++
			} else {
				n[1]++
			}
			counts[c.table] = n
		}
		for _, t := range tables {
			n := counts[t]
			b.grid = append(b.grid, []string{t, strconv.Itoa(n[0]), strconv.Itoa(n[1])})
		}
	}
	if exposed {
		b.after = []string{l.t("WARNING: some rows or columns are so small that their hidden counts can still be " +
			"worked out; leave them out or choose a longer period before this report leaves the reception.")}
	}
	return []block{b}
}

// hiddenGrid lists the hidden counts of one table: where each stands, its
// mark, and why.
func hiddenGrid(cells []hiddenCell, minCell int, l Lang) [][]string {
	g := [][]string{{l.t("row"), l.t("column"), l.t("shown as"), l.t("why")}}
	for _, c := range cells {
		g = append(g, []string{c.row, c.column, Cell{Mark: c.mark}.Count(minCell), hiddenReason(c.mark, minCell, l)})
	}
	return g
}
