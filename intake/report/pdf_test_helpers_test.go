package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// popplerTool returns the path of a poppler-utils tool, or skips the
// test's PDF checks when it is not installed — failing instead when
// ENVEI_REQUIRE_TOOLS is set (CI installs them).
func popplerTool(t *testing.T, name string) (string, bool) {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("ENVEI_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s (poppler-utils) is required (ENVEI_REQUIRE_TOOLS is set) but not installed", name)
		}
		t.Logf("%s is not installed (poppler-utils): the PDF is not checked with it", name)
		return "", false
	}
	return path, true
}

// checkPDF checks what every printed report must be: a PDF, the same
// bytes for the same data, A4 portrait; and where poppler is installed,
// its extracted text (the golden), no word outside the text block (it
// fits the page's width, nothing runs off it), and that every page
// renders. With ENVEI_PDF_LOOK=DIR the PDF and its pages as PNG are kept
// there, for a person to look at before a changed golden is accepted.
func checkPDF(t *testing.T, golden string, write func(*bytes.Buffer) error) (text string, pages int) {
	t.Helper()
	var a, b bytes.Buffer
	if err := write(&a); err != nil {
		t.Fatal(err)
	}
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	pdf := a.Bytes()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf, []byte("%%EOF")) {
		t.Fatalf("%s: not a PDF", golden)
	}
	if !bytes.Equal(pdf, b.Bytes()) {
		t.Errorf("%s: two runs differ", golden)
	}
	if !bytes.Contains(pdf, []byte("/MediaBox [0 0 595.28 841.89]")) {
		t.Errorf("%s: not A4 portrait", golden)
	}
	dir := t.TempDir()
	if keep := os.Getenv("ENVEI_PDF_LOOK"); keep != "" {
		dir = keep
	}
	base := golden[:len(golden)-len(".pdf.txt")]
	path := filepath.Join(dir, base+".pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	pdftotext, ok := popplerTool(t, "pdftotext")
	if !ok {
		return "", 0
	}
	out, err := exec.Command(pdftotext, "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, golden, out)
	text = string(out)
	pages = bytes.Count(out, []byte("\f"))
	// Every word within the text block: 20 mm margins left and right,
	// 15 mm at the top, the footer's line 13 mm from the bottom.
	bbox, err := exec.Command(pdftotext, "-bbox", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	const mm = 72 / 25.4
	words := regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`).FindAllStringSubmatch(string(bbox), -1)
	if len(words) < 20 {
		t.Fatalf("%s: only %d words found", golden, len(words))
	}
	for _, w := range words {
		x0, _ := strconv.ParseFloat(w[1], 64)
		y0, _ := strconv.ParseFloat(w[2], 64)
		x1, _ := strconv.ParseFloat(w[3], 64)
		y1, _ := strconv.ParseFloat(w[4], 64)
		if x0 < 20*mm-1 || x1 > 595.28-20*mm+1 || y0 < 15*mm-3 || y1 > 841.89-9*mm {
			t.Errorf("%s: %q outside the text block (%.0f,%.0f–%.0f,%.0f pt)", golden, w[5], x0, y0, x1, y1)
		}
	}
	if pdftoppm, ok := popplerTool(t, "pdftoppm"); ok {
		if out, err := exec.Command(pdftoppm, "-r", "60", "-png", path, filepath.Join(dir, base)).CombinedOutput(); err != nil {
			t.Fatalf("%s: pdftoppm: %v\n%s", golden, err, out)
		}
		pngs, _ := filepath.Glob(filepath.Join(dir, base+"-*.png"))
		if len(pngs) != pages {
			t.Errorf("%s: %d pages rendered, %d in the text", golden, len(pngs), pages)
		}
	}
	return text, pages
}
