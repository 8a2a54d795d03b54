package doc

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// pdfText is a PDF's text as pdftotext -layout reads it, pages apart by
// form feeds; it skips where poppler is not installed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("ENVEI_REQUIRE_TOOLS") != "" || os.Getenv("ENVEI_REQUIRE_XMLLINT") != "" {
			t.Fatal("pdftotext is required under CI (Debian: poppler-utils)")
		}
		t.Skip("pdftotext not installed (Debian: poppler-utils)")
	}
	f := filepath.Join(t.TempDir(), "d.pdf")
	if err := os.WriteFile(f, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-layout", f, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// pdfPages renders d and returns the text of each page.
func pdfPages(t *testing.T, d Document) []string {
	t.Helper()
	var b bytes.Buffer
	if err := d.PDF(&b, PDFOptions{}); err != nil {
		t.Fatal(err)
	}
	return strings.Split(pdfText(t, b.Bytes()), "\f")
}

// A table that fits a page is never split over two: wherever the text
// before it ends, its header and every row stand on one page.
func TestPDFKeepsATableWhole(t *testing.T) {
	for n := 30; n <= 60; n += 3 {
		d := Document{Title: "Report"}
		for k := range n {
			d.Paragraph(fmt.Sprintf("filler %d", k))
		}
		grid := [][]string{{"Group", "Patients"}}
		for k := range 9 {
			grid = append(grid, []string{fmt.Sprintf("row %d", k), fmt.Sprint(k * 1000)})
		}
		d.NumericTable(grid)
		for _, page := range pdfPages(t, d) {
			if strings.Contains(page, "row 0") && !(strings.Contains(page, "Patients") && strings.Contains(page, "row 8")) {
				t.Errorf("after %d paragraphs the table is split over pages:\n%s", n, page)
			}
		}
	}
}

// A heading is never the last thing on a page: after any amount of text
// it stands on the page of the paragraph it opens.
func TestPDFKeepsAHeadingWithItsText(t *testing.T) {
	for n := 36; n <= 50; n++ {
		d := Document{Title: "Report"}
		for k := range n {
			d.Paragraph(fmt.Sprintf("filler %d", k))
		}
		d.Heading("The heading")
		d.Paragraph("What the heading opens.")
		for _, page := range pdfPages(t, d) {
			if strings.Contains(page, "The heading") != strings.Contains(page, "What the heading opens.") {
				t.Errorf("after %d paragraphs the heading and its text are apart:\n%s", n, page)
			}
		}
	}
}

// A chart is drawn in the PDF, across the text block and as high as
// asked; text and Markdown leave it out and read as if it were not
// there.
func TestChartIsForThePDFOnly(t *testing.T) {
	calls := 0
	var got vg.Rectangle
	with, without := Document{Title: "T"}, Document{Title: "T"}
	for _, d := range []*Document{&with, &without} {
		d.Heading("Routing")
		d.NumericTable([][]string{{"", "n"}, {"DPS", "3"}})
		if d == &with {
			d.Chart(40, func(c draw.Canvas) { calls++; got = c.Rectangle })
		}
		d.Footnote("Source: envei.")
	}
	if with.Text(80) != without.Text(80) || with.Markdown() != without.Markdown() {
		t.Errorf("a chart shows in text or Markdown:\n%s\n%s", with.Text(80), with.Markdown())
	}
	if err := with.PDF(&bytes.Buffer{}, PDFOptions{}); err != nil {
		t.Fatal(err)
	}
	mm := func(l vg.Length) float64 { return float64(l / vg.Millimeter) }
	if calls != 1 || math.Abs(mm(got.Size().X)-170) > 0.01 || math.Abs(mm(got.Size().Y)-40) > 0.01 {
		t.Errorf("draw called %d times on %.1f × %.1f mm, want once on 170 × 40", calls, mm(got.Size().X), mm(got.Size().Y))
	}
}

// A subheading and a footnote read as a heading and a paragraph in text
// and Markdown.
func TestSubheadingAndFootnoteInText(t *testing.T) {
	d := Document{Title: "T"}
	d.Subheading("Part")
	d.Footnote("A note.")
	if got, want := d.Text(80), "T\n\nPart\n\nA note.\n"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
	if got, want := d.Markdown(), "# T\n\n### Part\n\nA note.\n"; got != want {
		t.Errorf("markdown %q, want %q", got, want)
	}
}
