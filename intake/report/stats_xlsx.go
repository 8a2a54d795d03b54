package report

import (
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// WriteStatsXLSX writes the report as one workbook, a sheet per section,
// headers in the report's language. Counts are numbers and percentages
// are percent (the same rounded tenths the csv prints, so a spreadsheet
// and the csv agree to the digit); a hidden count is its mark as text
// ("<5", ":") with no percentage. The title, period and the rule for
// hidden counts head every sheet.
func WriteStatsXLSX(w io.Writer, s Stats) error {
	l := s.Lang
	x := excelize.NewFile()
	defer x.Close()
	pct, err := x.NewStyle(&excelize.Style{CustomNumFmt: ptr("0.0%")})
	if err != nil {
		return err
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	xw := &xlsxWriter{x: x, pct: pct, bold: bold, minCell: s.MinCell, lang: l}
	first := true
	sheet := func(name string) string {
		name = l.t(name)
		if first {
			x.SetSheetName("Sheet1", name)
			first = false
		} else {
			x.NewSheet(name)
		}
		xw.sheet, xw.row = name, 1
		xw.text(1, statsTitle(s), bold)
		if note := s.Region.note(l); note != "" {
			xw.text(1, note, 0) // right under the title: whose referrals
		}
		if s.MinCell > 1 {
			xw.row++
			xw.text(1, suppressionNote(l, s.MinCell, s.Exposed()), 0)
		}
		xw.row += 2
		return name
	}
	if s.Referrals == 0 {
		sheet("1 Routing")
		xw.text(1, l.t("No referrals were received in this period, so there is nothing to count."), 0)
	} else {
		sheet("1 Routing")
		xw.table(s.Routing, l.t("1. Where patients were routed after the first conversation"))
		sheet("2 Wrong queue")
		xw.table(s.WrongQueue, l.t("2. Wrong queue: where patients ended, by where they were addressed"))
		sheet("3 By organisation")
		xw.table(s.ByOrg.Table, l.t("3. Outcomes by the clinician's organisation"))
		xw.row++
		xw.text(1, chiSquareText(s.ByOrg.Test, l), 0)
		sheet("4 Timeliness")
		blocks := timelinessBlocks(s.Timeliness, s.MinCell, l)
		xw.text(1, blocks[0].heading, bold)
		xw.row++
		xw.grid(blocks[0].grid)
		xw.row++
		xw.table(s.Timeliness.Deadline, blocks[1].heading)
		sheet("5 Consultations")
		xw.table(s.Consultations, l.t("5. The senior psychiatrist and the GP"))
		if s.MinCell > 1 {
			sheet("6 Hidden counts")
			xw.hidden(s)
		}
	}
	return x.Write(w)
}

func ptr[T any](v T) *T { return &v }

// xlsxWriter writes rows down one sheet.
type xlsxWriter struct {
	x         *excelize.File
	sheet     string
	row       int
	pct, bold int
	minCell   int
	lang      Lang
}

func (w *xlsxWriter) cell(col int) string {
	name, _ := excelize.CoordinatesToCellName(col, w.row)
	return name
}

// text puts a string at column col of the current row, then moves down.
func (w *xlsxWriter) text(col int, s string, style int) {
	w.x.SetCellStr(w.sheet, w.cell(col), s)
	if style != 0 {
		w.x.SetCellStyle(w.sheet, w.cell(col), w.cell(col), style)
	}
	w.row++
}

// count puts a cell's count, or its mark, at column col; and its percent,
// where it has one, at col+1.
func (w *xlsxWriter) count(col int, c Cell) {
	if c.Hidden() {
		w.x.SetCellStr(w.sheet, w.cell(col), c.Count(w.minCell))
		return
	}
	w.x.SetCellInt(w.sheet, w.cell(col), int64(c.N))
	if p, ok := c.PercentTenths(); ok {
		w.x.SetCellFloat(w.sheet, w.cell(col+1), float64(p)/1000, 4, 64)
		w.x.SetCellStyle(w.sheet, w.cell(col+1), w.cell(col+1), w.pct)
	}
}

// table writes a heading, then the table: a header row (each column's
// label and a "%" column beside it), a row of each column's patients
// where it has them, and a row per table row. Codes are not written: the
// csv and json carry them.
func (w *xlsxWriter) table(t Table, heading string) {
	w.text(1, heading, w.bold)
	w.row++
	if t.Empty() {
		return
	}
	w.x.SetCellStr(w.sheet, w.cell(1), w.lang.t(t.Corner))
	for j, c := range t.Columns {
		w.x.SetCellStr(w.sheet, w.cell(2+2*j), w.lang.t(c.Label))
		w.x.SetCellStr(w.sheet, w.cell(3+2*j), "%")
	}
	w.x.SetCellStyle(w.sheet, w.cell(1), w.cell(1+2*len(t.Columns)), w.bold)
	w.row++
	if len(t.Columns) > 0 && t.Columns[0].HasTotal {
		w.x.SetCellStr(w.sheet, w.cell(1), w.lang.t("patients"))
		for j, c := range t.Columns {
			w.count(2+2*j, c.Total)
		}
		w.row++
	}
	for _, r := range t.Rows {
		w.x.SetCellStr(w.sheet, w.cell(1), w.lang.t(r.Label))
		for j, c := range r.Cells {
			w.count(2+2*j, c)
		}
		w.row++
	}
	w.x.SetColWidth(w.sheet, "A", "A", 40)
}

// grid writes a text grid, its whole numbers as numbers.
func (w *xlsxWriter) grid(g [][]string) {
	for i, row := range g {
		for j, s := range row {
			if n, err := strconv.Atoi(s); err == nil && i > 0 && j > 0 {
				w.x.SetCellInt(w.sheet, w.cell(1+j), int64(n))
			} else {
				w.x.SetCellStr(w.sheet, w.cell(1+j), s)
			}
		}
		if i == 0 {
			w.x.SetCellStyle(w.sheet, w.cell(1), w.cell(len(row)), w.bold)
		}
		w.row++
	}
}

// hidden writes what --min-cell hid: the summary, then one row per hidden
// count — table, row, column, its mark and why — as text: the sheet holds
// no count, so no sum of hidden counts.
func (w *xlsxWriter) hidden(s Stats) {
	l := s.Lang
	cells := s.hidden()
	w.text(1, l.f("What --min-cell %d hid", s.MinCell), w.bold)
	w.text(1, hiddenSummary(cells, s.MinCell, l), 0)
	w.row++
	g := [][]string{{l.t("table"), l.t("row"), l.t("column"), l.t("shown as"), l.t("why")}}
	for _, c := range cells {
		g = append(g, []string{c.table, c.row, c.column, Cell{Mark: c.mark}.Count(s.MinCell), hiddenReason(c.mark, s.MinCell, l)})
	}
	for i, row := range g {
		for j, v := range row {
			w.x.SetCellStr(w.sheet, w.cell(1+j), v)
		}
		if i == 0 {
			w.x.SetCellStyle(w.sheet, w.cell(1), w.cell(len(row)), w.bold)
		}
		w.row++
	}
	w.x.SetColWidth(w.sheet, "A", "A", 22)
	w.x.SetColWidth(w.sheet, "B", "C", 34)
	w.x.SetColWidth(w.sheet, "E", "E", 30)
}
