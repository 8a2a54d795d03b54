package doc

import (
	"strings"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/vg/draw"
)

// printed is a document being laid out on A4 portrait pages: what each
// kind of block looks like on paper, and the page breaks that keep a
// table, a chart or a heading and what it opens whole on a page.
type printed struct {
	doc *fpdf.Fpdf
}

// Page geometry, mm.
const (
	pdfMargin   = 20.0
	pdfTop      = 15.0
	pdfBottom   = 18.0
	pdfPageH    = 297.0
	pdfWidth    = 210 - 2*pdfMargin // the text block
	pdfBodySize = 9.0               // pt
	pdfLineH    = 4.2               // mm, for body text
	pdfCellPad  = 1.5               // mm, left and right in a table cell
	pdfTableH   = 4.6               // mm, a table row of one line
	pdfIndent   = 5.0               // mm, an entry's text under its label
	pdfKeepMax  = 150.0             // mm, the longest run kept on one page
)

// newPrinted starts a document: fonts, margins, the dates inside the
// file and the footer.
func newPrinted(title string, o PDFOptions) *printed {
	doc := fpdf.New("P", "mm", "A4", "")
	day := created(o)
	doc.SetCreationDate(day)
	doc.SetModificationDate(day)
	doc.SetTitle(clean(title), true)
	doc.SetCreator("envei", true)
	doc.SetCatalogSort(true) // resources in a fixed order, not a map's
	doc.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
	doc.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	doc.SetMargins(pdfMargin, pdfTop, pdfMargin)
	doc.SetAutoPageBreak(true, pdfBottom)
	doc.AliasNbPages(PageTotal)
	if o.Footer != nil {
		doc.SetFooterFunc(func() {
			doc.SetY(-13)
			doc.SetFont("sans", "", 7)
			doc.SetTextColor(90, 90, 90)
			doc.CellFormat(0, 4, clean(o.Footer(doc.PageNo())), "", 0, "C", false, 0, "")
			doc.SetTextColor(0, 0, 0)
		})
	}
	doc.AddPage()
	return &printed{doc: doc}
}

// title writes the title and the subtitle.
func (p *printed) title(title, subtitle string) {
	p.doc.SetFont("sans", "B", 15)
	p.doc.MultiCell(0, 6.5, clean(title), "", "L", false)
	if subtitle != "" {
		p.doc.SetFont("sans", "B", 11.5)
		p.doc.MultiCell(0, 5.5, clean(subtitle), "", "L", false)
	}
	p.doc.Ln(1)
}

// facts writes label–value lines, the labels in bold, and a little space
// after them.
func (p *printed) facts(rows [][2]string) {
	doc := p.doc
	doc.SetFont("sans", "B", pdfBodySize)
	w := 0.0
	for _, r := range rows {
		w = max(w, doc.GetStringWidth(oneLine(r[0])))
	}
	w += 3
	for _, r := range rows {
		doc.SetFont("sans", "B", pdfBodySize)
		doc.CellFormat(w, pdfLineH, oneLine(r[0]), "", 0, "L", false, 0, "")
		doc.SetFont("sans", "", pdfBodySize)
		doc.MultiCell(0, pdfLineH, clean(r[1]), "", "L", false)
	}
	doc.Ln(2)
}

// room starts a new page unless h mm are left on this one.
func (p *printed) room(h float64) {
	if p.doc.GetY()+h > pdfPageH-pdfBottom {
		p.doc.AddPage()
	}
}

// heading writes a section heading, kept with the first lines after it.
func (p *printed) heading(s string) { p.headingAt(s, 30, 3, 11.5, 5.5, 1) }

// subheading is a heading inside a section.
func (p *printed) subheading(s string) { p.headingAt(s, 20, 1, 10, 5, 0.5) }

// headingAt writes a heading of size pt on lines lineH mm high, space
// above and below it, on a new page unless keep mm are left on this one.
func (p *printed) headingAt(s string, keep, above, size, lineH, below float64) {
	p.room(keep)
	p.doc.Ln(above)
	p.doc.SetFont("sans", "B", size)
	p.doc.MultiCell(0, lineH, clean(s), "", "L", false)
	p.doc.Ln(below)
}

// para writes a paragraph of body text.
func (p *printed) para(s string) {
	p.doc.SetFont("sans", "", pdfBodySize)
	p.doc.MultiCell(0, pdfLineH, clean(s), "", "L", false)
	p.doc.Ln(1.5)
}

// small writes a paragraph of smaller text: the notes under a table.
func (p *printed) small(s string) {
	p.doc.SetFont("sans", "", 8)
	p.doc.SetTextColor(60, 60, 60)
	p.doc.MultiCell(0, 3.6, clean(s), "", "L", false)
	p.doc.SetTextColor(0, 0, 0)
	p.doc.Ln(1.5)
}

// paraHeight is how tall para would set s.
func (p *printed) paraHeight(s string) float64 {
	p.doc.SetFont("sans", "", pdfBodySize)
	return float64(len(p.wrap(s, pdfWidth-2)))*pdfLineH + 1.5
}

// entry writes a labelled piece of free text: the label in bold, the
// text under it, indented, keeping the writer's line breaks; the label
// is not left alone at the foot of a page.
func (p *printed) entry(label, text string) {
	p.room(3 * pdfLineH)
	p.doc.SetFont("sans", "B", pdfBodySize)
	p.doc.MultiCell(0, pdfLineH, clean(label), "", "L", false)
	p.doc.SetFont("sans", "", pdfBodySize)
	p.doc.SetLeftMargin(pdfMargin + pdfIndent)
	p.doc.MultiCell(0, pdfLineH, clean(text), "", "L", false)
	p.doc.SetLeftMargin(pdfMargin)
	p.doc.SetX(pdfMargin)
	p.doc.Ln(1.5)
}

// warning writes a line the reader must not miss: bold, dark red, after
// the text's own mark.
func (p *printed) warning(s string) {
	p.doc.SetFont("sans", "B", pdfBodySize)
	p.doc.SetTextColor(150, 0, 0)
	p.doc.MultiCell(0, pdfLineH, bulletWarn+clean(s), "", "L", false)
	p.doc.SetTextColor(0, 0, 0)
	p.doc.Ln(1.5)
}

// signature writes the signature lines, kept together, under a rule if
// rule.
func (p *printed) signature(rule bool, lines []string) {
	p.room(float64(len(lines))*pdfLineH + 8)
	p.doc.Ln(4)
	if rule {
		y := p.doc.GetY()
		p.doc.SetDrawColor(60, 60, 60)
		p.doc.SetLineWidth(0.2)
		p.doc.Line(pdfMargin, y, pdfMargin+pdfWidth, y)
		p.doc.SetDrawColor(0, 0, 0)
		p.doc.Ln(2)
	}
	p.doc.SetFont("sans", "", pdfBodySize)
	for _, l := range lines {
		p.doc.MultiCell(0, pdfLineH, clean(l), "", "L", false)
	}
	p.doc.Ln(1.5)
}

// table writes a table block as a ruled table within the text block. Columns of
// numbers (counts, marks, percentages) are right-aligned at the width of
// their longest entry; columns of words are left-aligned and share what
// is left, wrapping at words. The header is bold on grey, wrapped at
// words and bottom-aligned; a table breaks over pages between rows, with
// its header repeated.
func (p *printed) table(b block) {
	if len(b.rows) == 0 {
		return
	}
	t := p.layoutTable(b)
	// A table that fits a page is kept whole on one; a longer one breaks
	// between rows.
	if h := t.height(); h <= pdfPageH-pdfTop-pdfBottom-20 {
		p.room(h)
	}
	p.drawTable(t)
}

// tableLayout is a grid measured for the page: the columns' widths and
// alignment, and each row's cells as lines.
type tableLayout struct {
	widths  []float64
	numeric []bool
	rows    [][][]string // the header first
	lines   []int        // each row's height in lines
}

const tableLineH = 3.9 // mm

// height is the table's height on the page, in mm.
func (t tableLayout) height() float64 {
	h := 1.6 + 2.5
	for i, n := range t.lines {
		if i > 0 {
			h += 0.7
		}
		h += float64(n) * tableLineH
	}
	return h
}

// layoutTable measures a table block. A column after the first whose
// every entry is number-like is a column of numbers; the first column
// holds words.
func (p *printed) layoutTable(b block) tableLayout {
	doc := p.doc
	grid := make([][]string, len(b.rows))
	for i, r := range b.rows {
		grid[i] = make([]string, len(r))
		for j, c := range r {
			grid[i][j] = oneLine(c)
		}
	}
	cols := 0
	for _, r := range grid {
		cols = max(cols, len(r))
	}
	cell := func(r []string, j int) string {
		if j < len(r) {
			return r[j]
		}
		return ""
	}
	numeric := make([]bool, cols)
	word, full := make([]float64, cols), make([]float64, cols)
	for j := range cols {
		numeric[j] = j > 0
		doc.SetFont("sans", "B", pdfBodySize)
		for _, w := range strings.Fields(cell(grid[0], j)) {
			word[j] = max(word[j], doc.GetStringWidth(w))
		}
		full[j] = doc.GetStringWidth(cell(grid[0], j))
		doc.SetFont("sans", "", pdfBodySize)
		for _, r := range grid[1:] {
			s := cell(r, j)
			numeric[j] = numeric[j] && numberLike(s)
			full[j] = max(full[j], doc.GetStringWidth(s))
			if numeric[j] {
				word[j] = max(word[j], doc.GetStringWidth(s))
			}
			for _, w := range strings.Fields(s) {
				word[j] = max(word[j], doc.GetStringWidth(w))
			}
		}
	}
	widths := make([]float64, cols)
	fixed, wanted := 0.0, 0.0
	for j := range cols {
		if numeric[j] {
			widths[j] = word[j] + 2*pdfCellPad + 3
			fixed += widths[j]
		} else {
			widths[j] = full[j] + 2*pdfCellPad
			wanted += widths[j]
		}
	}
	if fixed+wanted > pdfWidth {
		for j := range cols {
			if !numeric[j] {
				widths[j] = max(word[j]+2*pdfCellPad, widths[j]*(pdfWidth-fixed)/wanted)
			}
		}
	}
	// Where the page has room, a column of numbers is widened so that
	// its heading takes fewer lines (up to 32 mm).
	slack := pdfWidth
	for _, w := range widths {
		slack -= w
	}
	doc.SetFont("sans", "B", pdfBodySize)
	for j := range cols {
		if !numeric[j] {
			continue
		}
		want := min(doc.GetStringWidth(cell(grid[0], j))+2*pdfCellPad, 32) - widths[j]
		if want > 0 && slack >= want {
			widths[j] += want
			slack -= want
		}
	}
	t := tableLayout{widths: widths, numeric: numeric}
	// Words wrap where the column holds words (and in the header);
	// numbers stay whole.
	for i, r := range grid {
		doc.SetFont("sans", "", pdfBodySize)
		if i == 0 {
			doc.SetFont("sans", "B", pdfBodySize)
		}
		row := make([][]string, cols)
		n := 1
		for j := range cols {
			if i == 0 || !numeric[j] {
				row[j] = p.wrap(cell(r, j), widths[j]-2*pdfCellPad)
			} else {
				row[j] = []string{cell(r, j)}
			}
			n = max(n, len(row[j]))
		}
		t.rows = append(t.rows, row)
		t.lines = append(t.lines, n)
	}
	return t
}

// drawTable draws a measured table from the current position.
func (p *printed) drawTable(t tableLayout) {
	doc := p.doc
	cols := len(t.widths)
	total := 0.0
	for _, w := range t.widths {
		total += w
	}
	align := func(j int) string {
		if t.numeric[j] {
			return "R"
		}
		return "L"
	}
	// row sets a row's cells from y+pad, each cell's lines from the top
	// or (the header's) from the bottom, then rules it off h mm below y
	// and moves under it.
	row := func(cells [][]string, lines int, y, h, pad float64, bottom bool, grey int, rule float64) {
		x := pdfMargin
		for j := range cols {
			first := 0
			if bottom {
				first = lines - len(cells[j])
			}
			for k, line := range cells[j] {
				doc.SetXY(x, y+pad+float64(first+k)*tableLineH)
				doc.CellFormat(t.widths[j], tableLineH, line, "", 0, align(j), false, 0, "")
			}
			x += t.widths[j]
		}
		doc.SetDrawColor(grey, grey, grey)
		doc.SetLineWidth(rule)
		doc.Line(pdfMargin, y+h, pdfMargin+total, y+h)
		doc.SetXY(pdfMargin, y+h)
	}
	header, headerLines := t.rows[0], t.lines[0]
	drawHeader := func() {
		y := doc.GetY()
		h := float64(headerLines)*tableLineH + 1.6
		doc.SetFillColor(232, 236, 242)
		doc.Rect(pdfMargin, y, total, h, "F")
		doc.SetFont("sans", "B", pdfBodySize)
		row(header, headerLines, y, h, 0.8, true, 60, 0.3)
	}
	p.room(float64(headerLines)*tableLineH + 2 + 2*pdfTableH)
	drawHeader()
	for i, cells := range t.rows[1:] {
		doc.SetFont("sans", "", pdfBodySize)
		h := float64(t.lines[i+1])*tableLineH + 0.7
		if doc.GetY()+h > pdfPageH-pdfBottom {
			doc.AddPage()
			drawHeader()
			doc.SetFont("sans", "", pdfBodySize)
		}
		y := doc.GetY()
		if i%2 == 1 {
			doc.SetFillColor(246, 247, 249)
			doc.Rect(pdfMargin, y, total, h, "F")
		}
		row(cells, t.lines[i+1], y, h, 0.35, false, 200, 0.15)
	}
	doc.SetDrawColor(0, 0, 0)
	doc.Ln(2.5)
}

// numberLike reports whether a table entry is a number as the reports
// print them: a count, a mark, a percentage, a dash for zero, a score
// out of a maximum (14 / 27).
func numberLike(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("0123456789<:–-() %.,/", r) {
			return false
		}
	}
	return true
}

// wrap breaks s into lines no wider than w mm in the current font, at
// spaces; a word wider than w stands alone on its line.
func (p *printed) wrap(s string, w float64) []string {
	w += 0.01 // a column as wide as its text, less rounding
	if p.doc.GetStringWidth(s) <= w {
		return []string{s}
	}
	return BreakWords(s, func(l string) bool { return p.doc.GetStringWidth(l) <= w })
}

// chart draws a gonum chart h mm high across the text block, on this page
// if it fits, else on the next.
func (p *printed) chart(h float64, draw func(draw.Canvas)) {
	if draw == nil {
		return
	}
	p.room(h + 2)
	y := p.doc.GetY()
	drawPDFChart(p.doc, pdfMargin, y, pdfWidth, h, draw)
	p.doc.SetXY(pdfMargin, y+h+2)
}
