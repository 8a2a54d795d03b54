package doc

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

// The PDF is A4, the same bytes for the same document, and the text
// pdftotext reads back holds the title, every line's words, æøå and the
// footer of each page.
func TestPDFReadsBack(t *testing.T) {
	d := Document{Title: "Førstesamtalenotat", Subtitle: "Kopi ved overføring", Style: Form}
	d.Heading("Funn")
	d.Entry("Søvn", "Søvnvansker, ærlig og åpen.")
	for k := range 90 {
		d.Paragraph(fmt.Sprintf("linje %d", k))
	}
	d.Signature(true, "Signert: Kåre Ærø")
	o := PDFOptions{Created: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC),
		Footer: func(page int) string { return fmt.Sprintf("side %d av %s", page, PageTotal) }}
	var a, b bytes.Buffer
	if err := d.PDF(&a, o); err != nil {
		t.Fatal(err)
	}
	if err := d.PDF(&b, o); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same document gave different bytes")
	}
	if !bytes.Contains(a.Bytes(), []byte("/MediaBox [0 0 595.28 841.89]")) {
		t.Error("not A4 portrait")
	}
	out := pdfText(t, a.Bytes())
	for _, want := range []string{"Førstesamtalenotat", "Kopi ved overføring", "FUNN", "Søvnvansker, ærlig og åpen.",
		"linje 0", "linje 89", "Signert: Kåre Ærø", "side 1 av 3", "side 3 av 3"} {
		if !strings.Contains(out, want) {
			t.Errorf("PDF text lacks %q:\n%s", want, out)
		}
	}
}
