package doc

import (
	"io"
	"strings"
	"time"

	"codeberg.org/go-fonts/liberation/liberationmonobold"
	"codeberg.org/go-fonts/liberation/liberationmonoregular"
	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"
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
	// Lead is printed under the title, in small type (who made a report
	// and when).
	Lead []string
	// Footer gives each page's footer line, PageTotal standing for the
	// number of pages; nil for none.
	Footer func(page int) string
}

// A4 portrait, in millimetres and points: 80 columns of 8.4 pt Liberation
// Mono are 142 mm, inside 170 mm of text width.
const (
	pdfMarginSide  = 20.0
	pdfMarginTop   = 15.0
	pdfMarginFoot  = 18.0
	pdfPageHeight  = 297.0
	pdfBodySize    = 8.4
	pdfBodyLine    = 3.55
	pdfColumns     = 80
	pdfTitleSize   = 13.0
	pdfSubtitle    = 10.5
	pdfLeadSize    = 9.0
	pdfFooterSize  = 7.5
	pdfFooterFromY = -13.0
)

// PDF writes the document as a printable A4 portrait PDF: the title, the
// subtitle and the lead lines in a proportional font, then the body as
// Text lays it out in 80 columns, in a monospaced font so tables stay
// aligned, headings in bold and never left alone at the foot of a page,
// and a footer on every page. The fonts (Liberation, SIL OFL,
// metric-compatible with Arial and Courier New, with every Norwegian
// letter) are embedded, so it prints alike everywhere.
//
// fpdf (codeberg.org/go-pdf/fpdf) is pure Go, writes PDF directly and
// embeds subsetted TrueType fonts with UTF-8 text.
func (d Document) PDF(w io.Writer, o PDFOptions) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	created := o.Created
	if created.IsZero() {
		created = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetTitle(d.Title, true)
	pdf.SetCreator("envei", true)
	pdf.SetCatalogSort(true) // resources in a fixed order, not a map's
	pdf.AddUTF8FontFromBytes("mono", "", liberationmonoregular.TTF)
	pdf.AddUTF8FontFromBytes("mono", "B", liberationmonobold.TTF)
	pdf.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
	pdf.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	pdf.SetMargins(pdfMarginSide, pdfMarginTop, pdfMarginSide)
	pdf.SetAutoPageBreak(true, pdfMarginFoot)
	pdf.AliasNbPages(PageTotal)
	if o.Footer != nil {
		pdf.SetFooterFunc(func() {
			pdf.SetY(pdfFooterFromY)
			pdf.SetFont("sans", "", pdfFooterSize)
			pdf.CellFormat(0, 4, o.Footer(pdf.PageNo()), "", 0, "C", false, 0, "")
		})
	}
	pdf.AddPage()
	pdf.SetFont("sans", "B", pdfTitleSize)
	pdf.MultiCell(0, 6, clean(d.Title), "", "L", false)
	if d.Subtitle != "" {
		pdf.SetFont("sans", "B", pdfSubtitle)
		pdf.MultiCell(0, 5, clean(d.Subtitle), "", "L", false)
	}
	pdf.SetFont("sans", "", pdfLeadSize)
	for _, l := range o.Lead {
		pdf.MultiCell(0, 5, clean(l), "", "L", false)
	}
	pdf.Ln(2)

	lines := d.bodyLines(pdfColumns)
	for len(lines) > 0 && strings.TrimSpace(lines[0].text) == "" {
		lines = lines[1:]
	}
	for _, l := range lines {
		style := ""
		if l.bold {
			style = "B"
			// A heading is not left alone at the foot of a page.
			if pdf.GetY() > pdfPageHeight-pdfMarginFoot-5*pdfBodyLine {
				pdf.AddPage()
			}
		}
		pdf.SetFont("mono", style, pdfBodySize)
		pdf.CellFormat(0, pdfBodyLine, l.text, "", 1, "L", false, 0, "")
	}
	return pdf.Output(w)
}
