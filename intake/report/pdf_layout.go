package report

import (
	"io"
	"strings"
	"time"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/vg/draw"

	"envei/intake"
)

// printed is an A4 portrait report being laid out: a title block, then
// headings, paragraphs, real tables (ruled, their header repeated on a new
// page) and charts, each kept whole on a page; on every page a footer with
// the title, who made it and the page number. The fonts (Liberation
// Sans, metric-compatible with Arial) are embedded, so it prints alike
// everywhere, and every date in the file is the report's own day, so the
// same data give the same bytes.
type printed struct {
	doc *fpdf.Fpdf
	l   Lang
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
)

// pdfInfo is what the title block says beside the title.
type pdfInfo struct {
	title     string
	reception string
	period    string
	made      intake.Date
	role      string
}

// newPrinted starts the document with its title block.
func newPrinted(l Lang, info pdfInfo) *printed {
	doc := fpdf.New("P", "mm", "A4", "")
	day := info.made.Time()
	if day.IsZero() {
		day = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	doc.SetCreationDate(day)
	doc.SetModificationDate(day)
	doc.SetTitle(info.title, true)
	doc.SetCreator("envei", true)
	doc.SetCatalogSort(true) // resources in a fixed order, not a map's
	doc.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
	doc.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	doc.SetMargins(pdfMargin, pdfTop, pdfMargin)
	doc.SetAutoPageBreak(true, pdfBottom)
	made := l.f("Made %s by a user with the role %s.", info.made, l.t(info.role))
	facts := [][2]string{{l.t("Reception"), info.reception}, {l.t("Received"), info.period}, {l.t("Made"), info.made.String()}}
	if info.reception == "" {
		facts[0][1] = l.t("not recorded (envei reception set)")
	}
	if info.role == "" {
		made = l.f("Made %s.", info.made)
	} else {
		facts = append(facts, [2]string{l.t("By"), l.f("a user with the role %s", l.t(info.role))})
	}
	doc.AliasNbPages("")
	doc.SetFooterFunc(func() {
		doc.SetY(-13)
		doc.SetFont("sans", "", 7)
		doc.SetTextColor(90, 90, 90)
		doc.CellFormat(0, 4, info.title+" · "+made+" · "+l.f("Page %d of %s", doc.PageNo(), "{nb}"), "", 0, "C", false, 0, "")
		doc.SetTextColor(0, 0, 0)
	})
	doc.AddPage()
	p := &printed{doc: doc, l: l}
	doc.SetFont("sans", "B", 15)
	doc.MultiCell(0, 6.5, info.title, "", "L", false)
	doc.Ln(1)
	p.facts(facts)
	doc.Ln(2)
	return p
}

// facts writes label–value lines, the labels in bold.
func (p *printed) facts(rows [][2]string) {
	doc := p.doc
	doc.SetFont("sans", "B", pdfBodySize)
	w := 0.0
	for _, r := range rows {
		w = max(w, doc.GetStringWidth(r[0]))
	}
	w += 3
	for _, r := range rows {
		doc.SetFont("sans", "B", pdfBodySize)
		doc.CellFormat(w, pdfLineH, r[0], "", 0, "L", false, 0, "")
		doc.SetFont("sans", "", pdfBodySize)
		doc.MultiCell(0, pdfLineH, r[1], "", "L", false)
	}
}

// room starts a new page unless h mm are left on this one.
func (p *printed) room(h float64) {
	if p.doc.GetY()+h > pdfPageH-pdfBottom {
		p.doc.AddPage()
	}
}

// heading writes a section heading, kept with the first lines after it.
func (p *printed) heading(s string) {
	p.room(30)
	p.doc.Ln(3)
	p.doc.SetFont("sans", "B", 11.5)
	p.doc.MultiCell(0, 5.5, s, "", "L", false)
	p.doc.Ln(1)
}

// subheading is a heading inside a section.
func (p *printed) subheading(s string) {
	p.room(20)
	p.doc.Ln(1)
	p.doc.SetFont("sans", "B", 10)
	p.doc.MultiCell(0, 5, s, "", "L", false)
	p.doc.Ln(0.5)
}

// para writes a paragraph of body text.
func (p *printed) para(s string) {
	p.doc.SetFont("sans", "", pdfBodySize)
	p.doc.MultiCell(0, pdfLineH, s, "", "L", false)
	p.doc.Ln(1.5)
}

// small writes a paragraph of smaller text: the notes under a table.
func (p *printed) small(s string) {
	p.doc.SetFont("sans", "", 8)
	p.doc.SetTextColor(60, 60, 60)
	p.doc.MultiCell(0, 3.6, s, "", "L", false)
	p.doc.SetTextColor(0, 0, 0)
	p.doc.Ln(1.5)
}

// block writes a block of the text report: heading, paragraphs, the grid
// as a table, paragraphs after it. A heading, its opening paragraphs and
// a table that fit a page together start on one page, so that no section
// begins at the foot of a page with its table overleaf.
func (p *printed) block(b block) {
	var t *tableLayout
	if b.grid != nil {
		l := p.layoutTable(b.grid)
		t = &l
	}
	need := 0.0
	if b.heading != "" {
		need += 10
	}
	p.doc.SetFont("sans", "", pdfBodySize)
	for _, s := range b.before {
		need += float64(len(p.wrap(s, pdfWidth-2)))*pdfLineH + 1.5
	}
	if t != nil {
		need += t.height()
	}
	if need <= 150 {
		p.room(need)
	}
	if b.heading != "" {
		p.heading(b.heading)
	}
	for _, s := range b.before {
		p.para(s)
	}
	if t != nil {
		if h := t.height(); h <= pdfPageH-pdfTop-pdfBottom-20 {
			p.room(h)
		}
		p.drawTable(*t)
	}
	for _, s := range b.after {
		p.small(s)
	}
}

// table writes a grid as a ruled table within the text block. Columns of
// numbers (counts, marks, percentages) are right-aligned at the width of
// their longest entry; columns of words are left-aligned and share what
// is left, wrapping at words. The header is bold on grey, wrapped at
// words and bottom-aligned; a table breaks over pages between rows, with
// its header repeated.
func (p *printed) table(grid [][]string) {
	if len(grid) == 0 {
		return
	}
	t := p.layoutTable(grid)
	// A table that fits a page is kept whole on one; a longer one breaks
	// between rows.
	if h := t.height(); h <= pdfPageH-pdfTop-pdfBottom-20 {
		p.room(h)
	}
	p.drawTable(t)
}

// titledTable is a subheading and its table, kept together (and the
// table whole, where it fits a page).
func (p *printed) titledTable(title string, grid [][]string) {
	t := p.layoutTable(grid)
	if h := t.height(); h <= pdfPageH-pdfTop-pdfBottom-30 {
		p.room(h + 7)
	}
	p.subheading(title)
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

func (p *printed) layoutTable(grid [][]string) tableLayout {
	doc := p.doc
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
	header, headerLines := t.rows[0], t.lines[0]
	drawHeader := func() {
		y := doc.GetY()
		h := float64(headerLines)*tableLineH + 1.6
		doc.SetFillColor(232, 236, 242)
		doc.Rect(pdfMargin, y, total, h, "F")
		doc.SetFont("sans", "B", pdfBodySize)
		x := pdfMargin
		for j := range cols {
			for k, line := range header[j] {
				doc.SetXY(x, y+0.8+float64(headerLines-len(header[j])+k)*tableLineH)
				doc.CellFormat(t.widths[j], tableLineH, line, "", 0, align(j), false, 0, "")
			}
			x += t.widths[j]
		}
		doc.SetDrawColor(60, 60, 60)
		doc.SetLineWidth(0.3)
		doc.Line(pdfMargin, y+h, pdfMargin+total, y+h)
		doc.SetXY(pdfMargin, y+h)
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
		x := pdfMargin
		for j := range cols {
			for k, line := range cells[j] {
				doc.SetXY(x, y+0.35+float64(k)*tableLineH)
				doc.CellFormat(t.widths[j], tableLineH, line, "", 0, align(j), false, 0, "")
			}
			x += t.widths[j]
		}
		doc.SetDrawColor(200, 200, 200)
		doc.SetLineWidth(0.15)
		doc.Line(pdfMargin, y+h, pdfMargin+total, y+h)
		doc.SetXY(pdfMargin, y+h)
	}
	doc.SetDrawColor(0, 0, 0)
	doc.Ln(2.5)
}

// numberLike reports whether a table entry is a number as the reports
// print them: a count, a mark, a percentage, a dash for zero.
func numberLike(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("0123456789<:–-() %.,", r) {
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
	var lines []string
	cur := ""
	for _, word := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = word
		case p.doc.GetStringWidth(cur+" "+word) <= w:
			cur += " " + word
		default:
			lines = append(lines, cur)
			cur = word
		}
	}
	return append(lines, cur)
}

// chart draws a gonum chart h mm high across the text block, on this page
// if it fits, else on the next.
func (p *printed) chart(h float64, draw func(draw.Canvas)) {
	p.room(h + 2)
	y := p.doc.GetY()
	drawPDFChart(p.doc, pdfMargin, y, pdfWidth, h, draw)
	p.doc.SetXY(pdfMargin, y+h+2)
}

// write finishes the document.
func (p *printed) write(w io.Writer) error { return p.doc.Output(w) }
