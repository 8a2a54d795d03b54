package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The PDF is an A4 document, the same bytes for the same data, and its
// text (pdftotext, where installed) is the text report with its title,
// who made it and the page footers: kept as goldens in both languages.
func TestStatsPDF(t *testing.T) {
	for _, c := range []struct {
		golden  string
		lang    Lang
		minCell int
	}{{"stats_pilot.pdf.txt", LangEN, 0}, {"stats_pilot_mincell5_nb.pdf.txt", LangNB, 5}} {
		st, _ := pilotReportsIn(t, c.minCell, ByAll, c.lang)
		st.MadeBy = "supervisor"
		var a, b bytes.Buffer
		if err := WriteStatsPDF(&a, st); err != nil {
			t.Fatal(err)
		}
		if err := WriteStatsPDF(&b, st); err != nil {
			t.Fatal(err)
		}
		pdf := a.Bytes()
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf, []byte("%%EOF")) {
			t.Fatalf("%s: not a PDF", c.golden)
		}
		if !bytes.Equal(pdf, b.Bytes()) {
			t.Errorf("%s: two runs differ", c.golden)
		}
		if !bytes.Contains(pdf, []byte("/MediaBox [0 0 595.28 841.89]")) {
			t.Errorf("%s: not A4 portrait", c.golden)
		}
		if _, err := exec.LookPath("pdftotext"); err != nil {
			if os.Getenv("ENVEI_REQUIRE_TOOLS") != "" {
				t.Fatal("pdftotext (poppler-utils) is required (ENVEI_REQUIRE_TOOLS is set) but not installed")
			}
			t.Log("pdftotext is not installed (poppler-utils): the text golden is not checked")
			continue
		}
		path := filepath.Join(t.TempDir(), "stats.pdf")
		if err := os.WriteFile(path, pdf, 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		checkGolden(t, c.golden, out)
		for _, line := range strings.Split(string(out), "\n") {
			if strings.Contains(line, "Bruker") || strings.Contains(line, "root") {
				t.Errorf("a name in the PDF: %q", line)
			}
		}
	}
}
