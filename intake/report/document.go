package report

import (
	"io"

	"envei/intake/doc"
)

// A report is decided once, in blocks (its words and numbers), and laid
// out by intake/doc in every medium: text, Markdown and PDF.
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

// textWidth is the width of the plain-text reports: A4 portrait and an
// 80-column terminal.
const textWidth = 80

// document is a report as intake/doc lays it out: the title, then each
// block's heading, paragraphs, grid (a table of numbers) and the notes
// after it, a blank line apart.
func document(title string, blocks []block) doc.Document {
	d := doc.Document{Title: title, Style: doc.Report}
	for _, b := range blocks {
		b.addTo(&d)
	}
	return d
}

// addTo puts the block into d. The notes after a grid are footnotes: a
// paragraph in text and Markdown, smaller type on paper.
func (b block) addTo(d *doc.Document) {
	if b.heading != "" {
		d.Heading(b.heading)
	}
	for _, p := range b.before {
		d.Paragraph(p)
	}
	if b.grid != nil {
		d.NumericTable(b.grid)
	}
	for _, p := range b.after {
		d.Footnote(p)
	}
}

// writeText renders blocks for a terminal or a plain file.
func writeText(w io.Writer, title string, blocks []block) error {
	_, err := io.WriteString(w, document(title, blocks).Text(textWidth))
	return err
}

// writeMarkdown renders blocks as Markdown, tables as DOMAIN.md writes
// them.
func writeMarkdown(w io.Writer, title string, blocks []block) error {
	_, err := io.WriteString(w, document(title, blocks).Markdown())
	return err
}
