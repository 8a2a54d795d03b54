package report

import (
	"bytes"
	"io"
	"strings"
	"time"

	"codeberg.org/go-fonts/liberation/liberationmonobold"
	"codeberg.org/go-fonts/liberation/liberationmonoregular"
	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"
)

// WriteStatsPDF writes the report as a printable A4 portrait document a
// supervisor can hand round: the title with the period, when it was made
// and by whom (the role, never a name), then every section as the text
// report lays it out — 80 columns, so it never wraps — in a monospaced
// font, headings in bold, and on every page a footer with the same and
// the page number. The fonts (Liberation, metric-compatible with Arial
// and Courier New) are embedded, so it prints alike everywhere.
func WriteStatsPDF(w io.Writer, s Stats) error {
	l := s.Lang
	doc := fpdf.New("P", "mm", "A4", "")
	// Dates inside the file are the report's own day, not the clock's:
	// the same data give the same file.
	day := s.Today.Time()
	if day.IsZero() {
		day = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	doc.SetCreationDate(day)
	doc.SetModificationDate(day)
	doc.SetTitle(statsTitle(s), true)
	doc.SetCreator("envei", true)
	doc.SetCatalogSort(true) // resources in a fixed order, not a map's
	doc.AddUTF8FontFromBytes("mono", "", liberationmonoregular.TTF)
	doc.AddUTF8FontFromBytes("mono", "B", liberationmonobold.TTF)
	doc.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
	doc.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	doc.SetMargins(20, 15, 20)
	doc.SetAutoPageBreak(true, 18)
	made := l.f("Made %s by a user with the role %s.", s.Today, l.t(s.MadeBy))
	if s.MadeBy == "" {
		made = l.f("Made %s.", s.Today)
	}
	doc.AliasNbPages("")
	doc.SetFooterFunc(func() {
		doc.SetY(-13)
		doc.SetFont("sans", "", 7.5)
		doc.CellFormat(0, 4, statsTitle(s)+" · "+made+" · "+l.f("Page %d of %s", doc.PageNo(), "{nb}"), "", 0, "C", false, 0, "")
	})
	doc.AddPage()
	doc.SetFont("sans", "B", 13)
	doc.MultiCell(0, 6, statsTitle(s), "", "L", false)
	doc.SetFont("sans", "", 9)
	doc.MultiCell(0, 5, made, "", "L", false)
	doc.Ln(2)

	// The body is the text report, its title left out (printed above).
	var text bytes.Buffer
	blocks := statsBlocks(s)
	if err := writeText(&text, "", blocks); err != nil {
		return err
	}
	headings := map[string]bool{}
	for _, b := range blocks {
		if b.heading != "" {
			headings[b.heading] = true
		}
	}
	lines := strings.Split(strings.TrimRight(text.String(), "\n"), "\n")
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	const size, lineH = 8.4, 3.55 // 80 columns of 8.4 pt Liberation Mono are 142 mm
	for _, line := range lines {
		if headings[line] {
			// A heading is not left alone at the foot of a page.
			if doc.GetY() > 297-18-5*lineH {
				doc.AddPage()
			}
			doc.SetFont("mono", "B", size)
		} else {
			doc.SetFont("mono", "", size)
		}
		doc.CellFormat(0, lineH, line, "", 1, "L", false, 0, "")
	}
	return doc.Output(w)
}
