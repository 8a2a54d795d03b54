package doc

import "strings"

// Layout of the fixed-width text.
const (
	formIndent = "  "  // fields, entries, tables and a section's body in a Form
	bulletWarn = "! "  // before a warning
	textGap    = "   " // between the columns of a table of text
	numberGap  = "  "  // between the columns of a table of numbers
	titleRule  = "="   // under a Form's title
	signRule   = "-"   // above a signature
)

// line is one line of fixed-width text.
type line struct {
	text string
}

// Text lays the document out in lines of at most width columns (display
// width), each ending in a line feed: the title, then the blocks. It is
// the note and report as printed on paper or a terminal, and the text
// inside an e-message.
func (d Document) Text(width int) string {
	var b strings.Builder
	for _, l := range append(d.titleLines(width), d.bodyLines(width)...) {
		b.WriteString(l.text + "\n")
	}
	return b.String()
}

// titleLines are the title, the subtitle and in a Form the rule under them.
func (d Document) titleLines(width int) []line {
	var t layout
	t.width = width
	t.hanging("", "", d.Title)
	if d.Subtitle != "" {
		t.hanging("", "", d.Subtitle)
	}
	if d.Style == Form {
		t.emit(strings.Repeat(titleRule, width))
	}
	return t.lines
}

// bodyLines are the blocks, laid out in d's style.
func (d Document) bodyLines(width int) []line {
	t := layout{width: width}
	indent := ""
	if d.Style == Form {
		indent = formIndent
	}
	for k, b := range d.blocks {
		if b.kind == kindChart {
			continue // for the PDF only (Chart)
		}
		if d.blankBefore(k) {
			t.emit("")
		}
		switch b.kind {
		case kindHeading, kindSubheading:
			h := b.text
			if d.Style == Form && b.kind == kindHeading {
				h = strings.ToUpper(h)
			}
			for _, l := range wrap(h, width) {
				t.lines = append(t.lines, line{text: l})
			}
		case kindFields:
			lw := 0
			for _, f := range b.fields {
				lw = max(lw, Width(f.Label))
			}
			for _, f := range b.fields {
				t.hanging(indent+pad(f.Label, lw+2), strings.Repeat(" ", Width(indent)+lw+2), orNone(f.Value))
			}
		case kindEntry:
			t.hanging(indent, indent, b.text)
			t.hanging(indent+indent, indent+indent, orNone(b.body))
		case kindParagraph, kindFootnote:
			if d.Style == Form && d.inSection(k) {
				t.hanging(indent, indent, b.text)
			} else {
				t.hanging("", "", b.text)
			}
		case kindTable:
			t.table(indent, b)
		case kindWarning:
			t.hanging(indent+bulletWarn, strings.Repeat(" ", Width(indent+bulletWarn)), b.text)
		case kindSignature:
			if b.rule {
				t.emit(strings.Repeat(signRule, width))
			}
			for _, l := range b.lines {
				t.hanging("", "", l)
			}
		}
	}
	return t.lines
}

// blankBefore says whether block k stands a blank line below what comes
// before it: always in a Report; in a Form before a heading, a signature,
// a second record of fields and a paragraph outside a section.
func (d Document) blankBefore(k int) bool {
	if d.Style == Report {
		return true
	}
	switch b := d.blocks[k]; b.kind {
	case kindHeading, kindSubheading, kindSignature, kindFootnote:
		return true
	case kindFields:
		return k > 0 && d.blocks[k-1].kind == kindFields
	case kindParagraph:
		return !d.inSection(k)
	}
	return false
}

// inSection reports whether paragraph k belongs to a heading's body: the
// nearest block before it that is not a paragraph is a heading.
func (d Document) inSection(k int) bool {
	for j := k - 1; j >= 0; j-- {
		if d.blocks[j].kind != kindParagraph {
			return d.blocks[j].kind == kindHeading
		}
	}
	return false
}

// layout collects lines of at most width columns.
type layout struct {
	width int
	lines []line
}

func (t *layout) emit(s string) { t.lines = append(t.lines, line{text: strings.TrimRight(s, " ")}) }

// hanging wraps text after first, continuing under rest.
func (t *layout) hanging(first, rest, text string) {
	for k, l := range wrap(text, t.width-Width(first)) {
		if k == 0 {
			t.emit(first + l)
		} else {
			t.emit(rest + l)
		}
	}
}

// table lays a table out within the width where it can: every column as
// wide as its widest cell; a table too wide has its headings broken over
// lines, word by word, and then the column that wraps (a table of text's
// last, a table of numbers' first, its labels) gets what is left. Headings
// sit at the bottom of their row, wrapped cells at the top.
func (t *layout) table(indent string, b block) {
	grid := b.rows
	if len(grid) == 0 {
		return
	}
	cols := 0
	for _, row := range grid {
		cols = max(cols, len(row))
	}
	gap, flex := textGap, cols-1
	if b.numeric {
		gap, flex = numberGap, 0
	}
	cell := func(row []string, j int) string {
		if j < len(row) {
			return row[j]
		}
		return ""
	}
	full, data, word := make([]int, cols), make([]int, cols), make([]int, cols)
	for i, row := range grid {
		for j := range cols {
			c := cell(row, j)
			full[j] = max(full[j], Width(c))
			if i > 0 {
				data[j] = max(data[j], Width(c))
			}
			for _, w := range strings.Fields(c) {
				word[j] = max(word[j], Width(w))
			}
		}
	}
	avail := t.width - Width(indent)
	total := func(w []int) int {
		n := Width(gap) * (cols - 1)
		for _, x := range w {
			n += x
		}
		return n
	}
	widths := full
	if total(full) > avail {
		widths = make([]int, cols)
		for j := range cols {
			widths[j] = max(data[j], word[j])
		}
		widths[flex] = full[flex]
		if total(widths) > avail {
			widths[flex] = max(1, avail-(total(widths)-widths[flex]))
		}
	}
	for i, row := range grid {
		cells := make([][]string, cols)
		height := 1
		for j := range cols {
			if i == 0 || j == flex {
				cells[j] = wrap(cell(row, j), widths[j])
			} else {
				cells[j] = []string{cell(row, j)}
			}
			height = max(height, len(cells[j]))
		}
		for k := range height {
			var l strings.Builder
			l.WriteString(indent)
			for j := range cols {
				c, at := cells[j], k
				if i == 0 {
					at = k - (height - len(c))
				}
				text := ""
				if at >= 0 && at < len(c) {
					text = c[at]
				}
				if j > 0 {
					l.WriteString(gap)
				}
				fill := strings.Repeat(" ", max(0, widths[j]-Width(text)))
				if b.numeric && j > 0 {
					l.WriteString(fill + text)
				} else {
					l.WriteString(text + fill)
				}
			}
			t.emit(l.String())
		}
	}
}
