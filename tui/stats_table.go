package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// screenTable is a report table as the statistics screen draws it: a
// label column, then columns of counts, and optionally a bar per row. It
// is laid out for the width it is given, so that no line is longer than
// the terminal: headings wrap word by word, then labels wrap, then the
// columns are split into several tables one under the other, each with
// the labels again (what a reader of a narrow printout would do).
type screenTable struct {
	head []string   // head[0] heads the labels; then one heading per column
	rows [][]string // each: the label, then one text per column
	// bars is the percent a bar beside each row shows (-1: no bar), drawn
	// beside the part that holds the last column, the largest filling the
	// room and the others to scale; nil for no bars.
	bars []int
}

// Widths the layout keeps to: the least a label column is narrowed to
// before the columns are split, the gap between columns, the shortest and
// the longest bar worth drawing.
const (
	minLabelWidth = 14
	columnGap     = 2
	minBarWidth   = 6
	maxBarWidth   = 40
)

// lines lays the table out in at most avail cells a line. head styles
// the heading lines and bar the bars.
func (t screenTable) lines(avail int, head, bar styleRenderer) []string {
	cols := len(t.head) - 1
	if cols < 1 || avail < 1 {
		return nil
	}
	data, full, word := make([]int, cols), make([]int, cols), make([]int, cols)
	for j := range cols {
		full[j], word[j] = ansi.StringWidth(t.head[j+1]), longestWord(t.head[j+1])
		for _, r := range t.rows {
			data[j] = max(data[j], ansi.StringWidth(cell(r, j+1)))
		}
	}
	labelFull, labelWord := ansi.StringWidth(t.head[0]), longestWord(t.head[0])
	for _, r := range t.rows {
		labelFull = max(labelFull, ansi.StringWidth(cell(r, 0)))
		labelWord = max(labelWord, longestWord(cell(r, 0)))
	}
	// Labels wrap at spaces; the columns are split before a label's word
	// would be broken, where the width allows.
	minLabel := min(labelFull, max(minLabelWidth, labelWord))
	sum := func(w []int, from, to int) int {
		n := 0
		for j := from; j < to; j++ {
			n += columnGap + w[j]
		}
		return n
	}
	// plan chooses the columns' widths for a table of width cells, and
	// where the columns are split into parts (each part's end).
	plan := func(width int) (widths, ends []int) {
		// Headings on one line if everything fits so; else wrapped.
		widths = make([]int, cols)
		for j := range cols {
			widths[j] = max(data[j], full[j])
		}
		if labelFull+sum(widths, 0, cols) > width {
			// Each column as narrow as its counts and its longest word,
			// then widened from the left while there is room, so that the
			// headings take as few lines as they can.
			for j := range cols {
				widths[j] = max(data[j], word[j])
			}
			slack := width - labelFull - sum(widths, 0, cols)
			for j := range cols {
				if extra := min(slack, full[j]-widths[j]); extra > 0 {
					widths[j] += extra
					slack -= extra
				}
			}
		}
		// The columns in parts that fit beside a label column of at
		// least minLabel (or as much as is left when one column alone is
		// wider).
		for from := 0; from < cols; {
			to := from + 1
			for to < cols && minLabel+sum(widths, from, to+1) <= width {
				to++
			}
			ends = append(ends, to)
			from = to
		}
		return widths, ends
	}
	// Bars get a fifth of the width (at least minBarWidth) before the
	// table is laid out in the rest, unless that splits the table where
	// the whole width would not; what the table leaves over goes to the
	// bars too.
	width := avail
	widths, ends := plan(width)
	if t.bars != nil {
		narrower := avail - columnGap - max(minBarWidth, avail/5)
		if w, e := plan(narrower); len(e) <= len(ends) {
			width, widths, ends = narrower, w, e
		}
	}
	var out []string
	from := 0
	for _, to := range ends {
		labelW := max(1, min(labelFull, width-sum(widths, from, to)))
		partW := labelW + sum(widths, from, to)
		barW := 0
		if t.bars != nil && to == cols {
			barW = min(maxBarWidth, avail-partW-columnGap)
			if barW < minBarWidth {
				barW = 0
			}
		}
		if from > 0 {
			out = append(out, "")
		}
		out = append(out, t.part(from, to, labelW, widths, barW, head, bar)...)
		from = to
	}
	return out
}

// part lays out columns from to to (exclusive) with the labels in labelW
// cells and a bar of up to barW cells (0: none).
func (t screenTable) part(from, to, labelW int, widths []int, barW int, head, bar styleRenderer) []string {
	var out []string
	// The longest bar fills the room; the others are to scale with it.
	top := 1
	for _, p := range t.bars {
		top = max(top, p)
	}
	// Headings, bottom-aligned.
	cells := [][]string{wrapCell(t.head[0], labelW)}
	height := len(cells[0])
	for j := from; j < to; j++ {
		c := wrapCell(t.head[j+1], widths[j])
		cells = append(cells, c)
		height = max(height, len(c))
	}
	for k := range height {
		var b strings.Builder
		for i, c := range cells {
			text := ""
			if at := k - (height - len(c)); at >= 0 {
				text = c[at]
			}
			if i == 0 {
				b.WriteString(text + strings.Repeat(" ", max(0, labelW-ansi.StringWidth(text))))
				continue
			}
			b.WriteString(strings.Repeat(" ", columnGap) + padLeft(text, widths[from+i-1]))
		}
		out = append(out, head.Render(strings.TrimRight(b.String(), " ")))
	}
	// Rows: the label wrapped, the counts and the bar on its first line.
	for i, r := range t.rows {
		label := wrapCell(cell(r, 0), labelW)
		for k, l := range label {
			var b strings.Builder
			b.WriteString(l + strings.Repeat(" ", max(0, labelW-ansi.StringWidth(l))))
			if k == 0 {
				for j := from; j < to; j++ {
					b.WriteString(strings.Repeat(" ", columnGap) + padLeft(cell(r, j+1), widths[j]))
				}
				if barW > 0 && i < len(t.bars) && t.bars[i] > 0 {
					b.WriteString(strings.Repeat(" ", columnGap) + bar.Render(strings.Repeat("█", max(1, barW*t.bars[i]/top))))
				}
			}
			out = append(out, strings.TrimRight(b.String(), " "))
		}
	}
	return out
}

// cell is row r's text in column j, "" where the row is short.
func cell(r []string, j int) string {
	if j < len(r) {
		return r[j]
	}
	return ""
}

// wrapCell breaks s into lines of at most width cells, at spaces, and a
// word longer than width across lines.
func wrapCell(s string, width int) []string {
	if ansi.StringWidth(s) <= width {
		return []string{s}
	}
	return strings.Split(ansi.Wrap(s, max(1, width), ""), "\n")
}

// wrapText wraps a paragraph to width cells.
func wrapText(s string, width int) string {
	return strings.Join(wrapCell(s, width), "\n")
}

// longestWord is the width of s's longest word.
func longestWord(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		n = max(n, ansi.StringWidth(w))
	}
	return n
}
