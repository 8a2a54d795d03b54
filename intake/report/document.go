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
func gridOf(t Table, minCell int) [][]string {
	header := []string{t.Corner}
	for _, c := range t.Columns {
		label := c.Label
		if c.HasTotal {
			label += " (" + c.Total.Count(minCell) + ")"
		}
		header = append(header, label)
	}
	grid := [][]string{header}
	for _, r := range t.Rows {
		row := []string{r.Label}
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

func writeAligned(bw *bufio.Writer, grid [][]string) {
	var widths []int
	for _, row := range grid {
		for j, cell := range row {
			if j >= len(widths) {
				widths = append(widths, 0)
			}
			widths[j] = max(widths[j], utf8.RuneCountInString(cell))
		}
	}
	for _, row := range grid {
		var line strings.Builder
		for j, cell := range row {
			pad := strings.Repeat(" ", widths[j]-utf8.RuneCountInString(cell))
			if j == 0 {
				line.WriteString(cell + pad)
				continue
			}
			line.WriteString("  " + pad + cell)
		}
		bw.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
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
