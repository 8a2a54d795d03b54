package report

// series is one row of counts, one per column, with its code and label.
type series struct {
	code, label string
	counts      []int
}

// colSpec is one column: a group of patients.
type colSpec struct {
	code, label string
	patients    int
}

// crossIdx is where a cross-table's counts sit in a cellGrid.
type crossIdx struct {
	cols  []colSpec
	rows  []series
	heads []int   // each column's patients, then the total column's
	cells [][]int // per row: each column's count, then the row's total
}

// addCrossTab adds a table of patients to g: one column per group, each
// with its patients in the heading, and a total column; one row per
// category. Where a patient can count in two rows, a column adds up to
// more than its patients; the sums record it.
//
// The sums a reader knows: each row's total is the sum of its groups;
// each column's cells add up to (at least) its patients; the total
// column's patients are the sum of the groups'.
//
// Counts another table already holds are shared, not repeated, so that
// both tables show or hide them alike: heads (nil for new ones), and rows
// whose code is in shared (their cells, with the total column last).
func (g *cellGrid) addCrossTab(cols []colSpec, rows []series, heads []int, shared map[string][]int) crossIdx {
	x := crossIdx{cols: cols, rows: rows, heads: heads}
	nc := len(cols)
	if heads == nil {
		x.heads = make([]int, nc+1)
		all := 0
		for j, c := range cols {
			x.heads[j] = g.add(c.patients)
			all += c.patients
		}
		x.heads[nc] = g.add(all)
		g.sum(x.heads[nc], x.heads[:nc])
	}
	x.cells = make([][]int, len(rows))
	for i, r := range rows {
		if cells, ok := shared[r.code]; ok {
			x.cells[i] = cells
			continue
		}
		x.cells[i] = make([]int, nc+1)
		total := 0
		for j := range cols {
			x.cells[i][j] = g.add(r.counts[j])
			total += r.counts[j]
		}
		x.cells[i][nc] = g.add(total)
		g.sum(x.cells[i][nc], x.cells[i][:nc])
	}
	for j := range nc + 1 {
		members := make([]int, len(rows))
		for i := range rows {
			members[i] = x.cells[i][j]
		}
		g.sum(x.heads[j], members)
	}
	return x
}

// row returns the cells of the row with code, or nil.
func (x crossIdx) row(code string) []int {
	for i, r := range x.rows {
		if r.code == code {
			return x.cells[i]
		}
	}
	return nil
}

// table turns the counts into a Table once g is suppressed; each cell has
// its percentage of its column's patients.
func (x crossIdx) table(g *cellGrid, corner string) Table {
	nc := len(x.cols)
	t := Table{Corner: corner, Exposed: g.exposed}
	for j := range nc + 1 {
		code, label := string(GroupTotal), GroupTotal.Label()
		if j < nc {
			code, label = x.cols[j].code, x.cols[j].label
		}
		t.Columns = append(t.Columns, Column{Code: code, Label: label, Total: g.cell(x.heads[j], -1), HasTotal: true})
	}
	for i, r := range x.rows {
		row := TableRow{Code: r.code, Label: r.label}
		for j := range nc + 1 {
			row.Cells = append(row.Cells, g.cell(x.cells[i][j], x.heads[j]))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// transpose turns a cross-table over so that its groups are rows: the
// headings' patients become the first column, with code "patients".
func transpose(t Table, corner string) Table {
	out := Table{Corner: corner, Exposed: t.Exposed}
	out.Columns = append(out.Columns, Column{Code: "patients", Label: "patients"})
	for _, r := range t.Rows {
		out.Columns = append(out.Columns, Column{Code: r.Code, Label: r.Label})
	}
	for j, c := range t.Columns {
		row := TableRow{Code: c.Code, Label: c.Label, Cells: []Cell{c.Total}}
		for _, r := range t.Rows {
			row.Cells = append(row.Cells, r.Cells[j])
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}
