package doc

import (
	"io"
	"strings"
	"time"
)

// PageTotal stands for the number of pages in a PDF footer; the PDF
// writer replaces it once the last page is laid out.
const PageTotal = "{nb}"

// PDFOptions are what a PDF carries besides the document.
type PDFOptions struct {
	// Created is the date inside the file: the document's own day, not
	// the clock's, so the same document gives the same bytes. Zero means
	// 2000-01-01.
	Created time.Time
	// Footer gives each page's footer line, PageTotal standing for the
	// number of pages; nil for none.
	Footer func(page int) string
}

// PDF writes the document as a printable A4 portrait PDF in Liberation
// Sans (SIL OFL, metric-compatible with Arial, every Norwegian letter),
// embedded so it prints alike everywhere: the title, then the blocks in
// reading order — headings kept with what opens their section, fields
// with their labels in bold, tables ruled (numbers right-aligned, words
// wrapping, the header repeated on a new page, a table that fits a page
// kept whole on one), charts drawn as vectors — and the footer on every
// page. The same document gives the same bytes.
//
// fpdf (codeberg.org/go-pdf/fpdf) is pure Go, writes PDF directly and
// embeds subsetted TrueType fonts with UTF-8 text.
func (d Document) PDF(w io.Writer, o PDFOptions) error {
	p := newPrinted(d.Title, o)
	p.title(d.Title, d.Subtitle)
	for k := range d.blocks {
		p.keepWithNext(d, k)
		p.block(d, d.blocks[k])
	}
	return p.write(w)
}

// keepWithNext starts a new page before block k when k opens a run that
// should not be broken and the run fits on a fresh page but not on this
// one: a heading with the paragraphs that open its section and the table
// after them, paragraphs that lead into a table, a subheading with its
// table. So no section begins at the foot of a page with its table
// overleaf.
func (p *printed) keepWithNext(d Document, k int) {
	b := d.blocks[k]
	switch b.kind {
	case kindHeading, kindParagraph:
		if b.kind == kindParagraph && k > 0 && (d.blocks[k-1].kind == kindParagraph || d.blocks[k-1].kind == kindHeading) {
			return // inside a run that began earlier
		}
		need, j := 0.0, k
		if b.kind == kindHeading {
			need, j = 10, k+1
		}
		for ; j < len(d.blocks) && d.blocks[j].kind == kindParagraph; j++ {
			need += p.paraHeight(d.blocks[j].text)
		}
		table := j < len(d.blocks) && d.blocks[j].kind == kindTable
		if table {
			need += p.layoutTable(d.blocks[j]).height()
		}
		if (table || b.kind == kindHeading) && need <= pdfKeepMax {
			p.room(need)
		}
	case kindSubheading:
		if k+1 < len(d.blocks) && d.blocks[k+1].kind == kindTable {
			if h := p.layoutTable(d.blocks[k+1]).height(); h <= pdfPageH-pdfTop-pdfBottom-30 {
				p.room(h + 7)
			}
		}
	}
}

// block lays one block out at the current position.
func (p *printed) block(d Document, b block) {
	switch b.kind {
	case kindHeading:
		h := b.text
		if d.Style == Form {
			h = strings.ToUpper(h) // as the text note has it
		}
		p.heading(h)
	case kindSubheading:
		p.subheading(b.text)
	case kindFields:
		rows := make([][2]string, len(b.fields))
		for k, f := range b.fields {
			rows[k] = [2]string{f.Label, orNone(f.Value)}
		}
		p.facts(rows)
	case kindEntry:
		p.entry(b.text, orNone(b.body))
	case kindParagraph:
		p.para(b.text)
	case kindFootnote:
		p.small(b.text)
	case kindTable:
		p.table(b)
	case kindWarning:
		p.warning(b.text)
	case kindSignature:
		p.signature(b.rule, b.lines)
	case kindChart:
		p.chart(b.height, b.draw)
	}
}

// write finishes the document.
func (p *printed) write(w io.Writer) error { return p.doc.Output(w) }

// created is the date inside the file.
func created(o PDFOptions) time.Time {
	if o.Created.IsZero() {
		return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return o.Created
}
