// Package doc is the one place a document is laid out. A note, a letter or
// a report is built once from the domain as a Document (what it says: a
// title, headings, labelled fields, free-text entries, paragraphs, tables,
// warnings and a signature) and rendered by one renderer per medium: Text
// (fixed-width columns, for a terminal, a printer and the text inside an
// e-message), Markdown and PDF. A section added to a document therefore
// appears in every medium, and wrapping, alignment and escaping are
// written once.
//
// The package knows nothing of referrals or statistics, and imports
// nothing of envei. A chart is drawn by its caller on gonum's vg/draw
// canvas, which the PDF maps onto its page (pdf_canvas.go).
package doc

import "gonum.org/v1/plot/vg/draw"

// Style is how a document's blocks stand on the page in the fixed-width
// text (and so in the PDF); Markdown is the same for both.
type Style int

const (
	// Report: every block a blank line apart, headings as written,
	// tables unindented.
	Report Style = iota
	// Form: a note or a letter, compact: a rule under the title,
	// headings in capitals, fields, entries and tables indented under
	// them.
	Form
)

// Document is what a note, a letter or a report says. Build one with the
// methods below, in reading order, and render it with Text, Markdown or
// PDF; the zero value is an empty report.
type Document struct {
	Title    string
	Subtitle string // a second title line (the note's kind); "" for none
	Style    Style
	blocks   []block
}

// Field is one labelled value of a Fields block. An empty value is shown
// as None rather than left out.
type Field struct{ Label, Value string }

// None stands for an empty value, so a reader sees it was not left out.
const None = "–"

type kind int

const (
	kindHeading kind = iota
	kindFields
	kindEntry
	kindParagraph
	kindTable
	kindWarning
	kindSignature
	kindSubheading
	kindFootnote
	kindChart
)

type block struct {
	kind    kind
	text    string // heading, entry label, paragraph, warning
	body    string // entry's text
	fields  []Field
	rows    [][]string // table: the header first
	numeric bool       // table: the columns after the first hold numbers
	rule    bool       // signature: a rule above it
	lines   []string   // signature
	height  float64    // chart: mm
	draw    func(draw.Canvas)
}

func (d *Document) add(b block) { d.blocks = append(d.blocks, b) }

// Heading starts a section.
func (d *Document) Heading(s string) { d.add(block{kind: kindHeading, text: s}) }

// Subheading starts a part of a section: a table's title.
func (d *Document) Subheading(s string) { d.add(block{kind: kindSubheading, text: s}) }

// Fields adds labelled values, the labels in one aligned column. Two
// Fields blocks in a row are two records (a blank line between them).
func (d *Document) Fields(f ...Field) { d.add(block{kind: kindFields, fields: f}) }

// Entry adds a labelled piece of free text (a finding): the label on its
// own line, the text under it, keeping the writer's line breaks.
func (d *Document) Entry(label, text string) { d.add(block{kind: kindEntry, text: label, body: text}) }

// Paragraph adds running text. In a Form, a paragraph right under a
// heading is that section's body (indented, no blank line); elsewhere (a
// letter's body) paragraphs stand a blank line apart.
func (d *Document) Paragraph(s string) { d.add(block{kind: kindParagraph, text: s}) }

// Table adds a table of text: left-aligned columns, the last one wrapping
// when the table is too wide.
func (d *Document) Table(header []string, rows [][]string) {
	d.add(block{kind: kindTable, rows: append([][]string{header}, rows...)})
}

// NumericTable adds a table of numbers, grid[0] its header: the first
// column holds the labels (left-aligned, wrapping when the table is too
// wide, after the headers), the others numbers, right-aligned.
func (d *Document) NumericTable(grid [][]string) {
	d.add(block{kind: kindTable, rows: grid, numeric: true})
}

// Warning adds a line the reader must not miss.
func (d *Document) Warning(s string) { d.add(block{kind: kindWarning, text: s}) }

// Signature adds the signature lines, with a rule above them if rule.
func (d *Document) Signature(rule bool, lines ...string) {
	d.add(block{kind: kindSignature, rule: rule, lines: lines})
}

// Footnote adds a remark in smaller type in the PDF (what a table's
// marks mean, where the numbers come from); elsewhere it is a paragraph.
func (d *Document) Footnote(s string) { d.add(block{kind: kindFootnote, text: s}) }

// Chart adds a picture heightMM high across the PDF's text block, drawn
// by draw on a gonum canvas (vector, its text set in the document's
// font). Text and Markdown leave it out: a document puts the numbers a
// chart shows in a table beside it, and a drawing in characters would
// say less than that table.
func (d *Document) Chart(heightMM float64, draw func(c draw.Canvas)) {
	d.add(block{kind: kindChart, height: heightMM, draw: draw})
}
