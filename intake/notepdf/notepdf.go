// Package notepdf lays out a printed note (the transfer note or the GP
// letter, as intake renders it to text) on A4 pages as a PDF, for
// envei note --format pdf and the e-message's attachment.
//
// fpdf (codeberg.org/go-pdf/fpdf, already in the module graph through
// gonum/plot) is used because it is pure Go, writes PDF 1.x directly and
// embeds subsetted TrueType fonts with UTF-8 text; Liberation Mono
// (codeberg.org/go-fonts/liberation, SIL OFL) carries the Norwegian
// letters and keeps the text note's 80-column layout — its sections,
// tables and signature — exactly as the text version shows it.
package notepdf

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"codeberg.org/go-fonts/liberation/liberationmonobold"
	"codeberg.org/go-fonts/liberation/liberationmonoregular"
	"codeberg.org/go-pdf/fpdf"
)

// Layout: A4 with 20 mm margins holds the text note's 80 columns at 9.5 pt
// (Liberation Mono advances 0.6 em per character: 80 × 5.7 pt ≈ 161 mm).
const (
	margin     = 20.0 // mm
	fontSize   = 9.5  // pt
	lineHeight = 4.2  // mm
)

// Render lays out text (the note as intake.TransferNote or intake.GPLetter
// render it with the text format) as a PDF. The first line, the title, is
// set in bold. created is the document's creation date, so the same note
// gives the same bytes. The footer numbers the pages as "page n / N" in
// the note's language (pageWord).
func Render(text, title, pageWord string, created time.Time) ([]byte, error) {
	if strings.TrimSpace(text) == "" {
		return nil, errors.New("the note is empty")
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true) // map order would vary the bytes
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetTitle(title, true)
	pdf.SetCreator("envei", true)
	pdf.AddUTF8FontFromBytes("mono", "", liberationmonoregular.TTF)
	pdf.AddUTF8FontFromBytes("mono", "B", liberationmonobold.TTF)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, margin)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-margin + 6)
		pdf.SetFont("mono", "", 8)
		pdf.CellFormat(0, 4, fmt.Sprintf("%s %d / {nb}", pageWord, pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	for i, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		style := ""
		if i == 0 {
			style = "B"
		}
		pdf.SetFont("mono", style, fontSize)
		pdf.CellFormat(0, lineHeight, line, "", 1, "L", false, 0, "")
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("writing the PDF: %w", err)
	}
	return buf.Bytes(), nil
}
