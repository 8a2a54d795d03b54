package report

import "strconv"

// Cell is one count in a report table, with how it may be shown. A hidden
// count carries no number at all, so no renderer — the command line's or
// the console's — can print what suppression hid.
type Cell struct {
	N    int  // the count; 0 when hidden
	Of   int  // what a percentage is taken of; 0 when none is shown
	Mark Mark // Shown, Small ("<N") or Withheld (":")
}

// Hidden reports whether the count is suppressed.
func (c Cell) Hidden() bool { return c.Mark != Shown }

// Percent returns N over Of in whole percent, rounded half up.
func (c Cell) Percent() (int, bool) {
	if c.Hidden() || c.Of <= 0 {
		return 0, false
	}
	return wholePercent(c.N, c.Of), true
}

// PercentTenths returns N over Of in tenths of a percent, rounded half up
// (455 for 45.5 %).
func (c Cell) PercentTenths() (int, bool) {
	if c.Hidden() || c.Of <= 0 {
		return 0, false
	}
	return tenthsPercent(c.N, c.Of), true
}

// Count returns the count as text: the number, "<N" or ":".
func (c Cell) Count(minCell int) string {
	switch c.Mark {
	case Small:
		return "<" + strconv.Itoa(minCell)
	case Withheld:
		return ":"
	}
	return strconv.Itoa(c.N)
}

// Text returns the cell as a table for people shows it: "25 (45 %)", "–"
// for zero, "<3" or ":" when hidden, the bare number when it has no
// percentage.
func (c Cell) Text(minCell int) string {
	if c.Hidden() {
		return c.Count(minCell)
	}
	if c.N == 0 {
		return "–"
	}
	if p, ok := c.Percent(); ok {
		return strconv.Itoa(c.N) + " (" + strconv.Itoa(p) + " %)"
	}
	return strconv.Itoa(c.N)
}

// Table is a report table: rows by columns of counts. Codes are stable
// identifiers (CSV and JSON use them); labels are for people.
type Table struct {
	Corner  string // heading of the label column
	Columns []Column
	Rows    []TableRow
	// Exposed is set when suppression could not protect every hidden
	// count: a row or column so small that the marks give it away.
	Exposed bool
}

// Column is one column; Total is its patients when the heading shows them
// ("addressed to DPS (55)"), with HasTotal set.
type Column struct {
	Code, Label string
	Total       Cell
	HasTotal    bool
}

// TableRow is one row, one cell per column.
type TableRow struct {
	Code, Label string
	Cells       []Cell
}

// Empty reports whether the table has no rows or no columns.
func (t Table) Empty() bool { return len(t.Rows) == 0 || len(t.Columns) == 0 }

// cellGrid collects the counts of a table and the sums a reader knows
// about them, for suppress; then it hands out the cells.
type cellGrid struct {
	values  []int
	weight  []int // how dear each cell is to withhold, per patient
	lines   []line
	marks   []Mark
	exposed bool
	// dear is the weight of cells added from now on (1 when zero).
	dear int
}

// add adds a count and returns its index.
func (g *cellGrid) add(v int) int {
	g.values = append(g.values, v)
	g.weight = append(g.weight, max(g.dear, 1))
	return len(g.values) - 1
}

// sum records that the members add up to the total; where a patient can
// count in more than one member, they add up to more, and the line records
// by how much. A sum the data do not bear out (the members add up to less:
// a referral to DPS stored without a deadline) is no fact a reader can
// use, and is left out.
func (g *cellGrid) sum(total int, members []int) {
	s := 0
	for _, m := range members {
		s += g.values[m]
	}
	if s < g.values[total] {
		return
	}
	g.lines = append(g.lines, line{total: total, members: members, offset: s - g.values[total]})
}

// atMost records that count member never exceeds count total.
func (g *cellGrid) atMost(total, member int) {
	g.lines = append(g.lines, line{total: total, members: []int{member}, bound: true})
}

// suppress marks the cells for minCell.
func (g *cellGrid) suppress(minCell int) {
	g.marks, g.exposed = suppress(g.values, g.lines, minCell, g.weight)
}

// suppressUntil is suppress, giving up once stop says so; it reports
// whether it did, and then the marks are no protection.
func (g *cellGrid) suppressUntil(minCell int, stop func() bool) (stopped bool) {
	g.marks, g.exposed, stopped = suppressWith(g.values, g.lines, minCell, g.weight, false, stop)
	return stopped
}

// cell returns count i as a Cell with a percentage of count of (−1 for
// none). A percentage over a hidden count is hidden too: with the
// percentage and the count a reader gets the hidden one back.
func (g *cellGrid) cell(i, of int) Cell {
	if g.marks[i] != Shown {
		return Cell{Mark: g.marks[i]}
	}
	c := Cell{N: g.values[i]}
	if of >= 0 && g.marks[of] == Shown {
		c.Of = g.values[of]
	}
	return c
}
