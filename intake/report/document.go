package report

import (
	"bufio"
	"io"
	"strings"
	"unicode/utf8"
)

// A document is what the text and Markdown formats share: the words and
// numbers are decided once, in blocks, and only the layout differs.
type block struct {
	heading string
	before  []string   // paragraphs before the grid
	grid    [][]string // first row is the header; nil for none
	after   []string   // paragraphs after the grid
}

// gridOf lays a table out as rows of text, the header first.
func gridOf(t Table, minCell int, l Lang) [][]string {
	header := []string{l.t(t.Corner)}
	for _, c := range t.Columns {
		label := l.t(c.Label)
		if c.HasTotal {
			label += " (" + c.Total.Count(minCell) + ")"
		}
		header = append(header, label)
	}
	grid := [][]string{header}
	for _, r := range t.Rows {
		row := []string{l.t(r.Label)}
		for _, c := range r.Cells {
			row = append(row, c.Text(minCell))
		}
		grid = append(grid, row)
	}
	return grid
}

// textWidth is the width at which plain-text paragraphs wrap.
const textWidth = 80

// writeText renders blocks for a terminal or a plain file: headings,
// wrapped paragraphs, and grids with the first column left-aligned and the
// others right-aligned, two spaces apart.
func writeText(w io.Writer, title string, blocks []block) error {
	bw := bufio.NewWriter(w)
	wrap(bw, title)
	for _, b := range blocks {
		bw.WriteString("\n")
		if b.heading != "" {
			bw.WriteString(b.heading + "\n\n")
		}
		// Paragraphs and the grid, a blank line apart.
		for i, p := range b.before {
			if i > 0 {
				bw.WriteString("\n")
			}
			wrap(bw, p)
		}
		if b.grid != nil {
			if len(b.before) > 0 {
				bw.WriteString("\n")
			}
			writeAligned(bw, b.grid)
		}
		for i, p := range b.after {
			if i > 0 || b.grid != nil || len(b.before) > 0 {
				bw.WriteString("\n")
			}
			wrap(bw, p)
		}
	}
	return bw.Flush()
}

// writeAligned writes a grid with the first column left-aligned and the
// others right-aligned, two spaces apart, within textWidth where it can:
// a grid too wide for A4 portrait or an 80-column terminal gets its
// headings broken over lines, word by word, and then its first column's
// labels.
func writeAligned(bw *bufio.Writer, grid [][]string) {
	if len(grid) == 0 {
		return
	}
	width := func(s string) int { return utf8.RuneCountInString(s) }
	cols := 0
	for _, row := range grid {
		cols = max(cols, len(row))
	}
	full, data, word := make([]int, cols), make([]int, cols), make([]int, cols)
	for i, row := range grid {
		for j, cell := range row {
			full[j] = max(full[j], width(cell))
			if i > 0 {
				data[j] = max(data[j], width(cell))
			}
			for _, w := range strings.Fields(cell) {
				word[j] = max(word[j], width(w))
			}
		}
	}
	total := func(w []int) int {
		n := w[0]
		for _, x := range w[1:] {
			n += 2 + x
		}
		return n
	}
	widths := full
	if total(full) > textWidth {
		widths = make([]int, cols)
		widths[0] = full[0]
		for j := 1; j < cols; j++ {
			widths[j] = max(data[j], word[j])
		}
		if total(widths) > textWidth {
			widths[0] = max(word[0], textWidth-(total(widths)-widths[0]))
		}
	}
	// Each cell as lines: headings bottom-aligned, labels top-aligned.
	for i, row := range grid {
		cells := make([][]string, cols)
		height := 1
		for j := range cols {
			cell := ""
			if j < len(row) {
				cell = row[j]
			}
			if i == 0 || j == 0 {
				cells[j] = wrapWords(cell, widths[j])
			} else {
				cells[j] = []string{cell}
			}
			height = max(height, len(cells[j]))
		}
		for k := range height {
			var line strings.Builder
			for j := range cols {
				c := cells[j]
				at := k
				if i == 0 {
					at = k - (height - len(c))
				}
				text := ""
				if at >= 0 && at < len(c) {
					text = c[at]
				}
				pad := strings.Repeat(" ", max(0, widths[j]-width(text)))
				if j == 0 {
					line.WriteString(text + pad)
					continue
				}
				line.WriteString("  " + pad + text)
			}
			bw.WriteString(strings.TrimRight(line.String(), " ") + "\n")
		}
	}
}

// wrapWords breaks s into lines of at most width characters, at spaces; a
// word longer than width stands alone on its line.
func wrapWords(s string, width int) []string {
	if utf8.RuneCountInString(s) <= width {
		return []string{s}
	}
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = w
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) <= width:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
		}
	}
	return append(lines, cur)
}

// wrap writes a paragraph wrapped at textWidth.
func wrap(bw *bufio.Writer, p string) {
	n := 0
	for i, word := range strings.Fields(p) {
		l := utf8.RuneCountInString(word)
		if i > 0 && n+1+l > textWidth {
			bw.WriteString("\n")
			n = 0
		} else if i > 0 {
			bw.WriteString(" ")
			n++
		}
		bw.WriteString(word)
		n += l
	}
	bw.WriteString("\n")
}

// writeMarkdown renders blocks as Markdown: headings, paragraphs, and
// pipe tables as DOMAIN.md writes them.
func writeMarkdown(w io.Writer, title string, blocks []block) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("# " + title + "\n")
	for _, b := range blocks {
		if b.heading != "" {
			bw.WriteString("\n## " + b.heading + "\n")
		}
		for _, p := range b.before {
			bw.WriteString("\n" + p + "\n")
		}
		if b.grid != nil {
			bw.WriteString("\n")
			for i, row := range b.grid {
				cells := make([]string, len(row))
				for j, c := range row {
					cells[j] = strings.ReplaceAll(c, "|", `\|`)
				}
				bw.WriteString("| " + strings.Join(cells, " | ") + " |\n")
				if i == 0 {
					bw.WriteString(strings.Repeat("|---", len(row)) + "|\n")
				}
			}
		}
		for _, p := range b.after {
			bw.WriteString("\n" + p + "\n")
		}
	}
	return bw.Flush()
}
