package notepdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The text pdftotext reads back holds every line's words and æøå.
func TestRenderReadsBack(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("ENVEI_REQUIRE_XMLLINT") != "" {
			t.Fatal("pdftotext is required under CI (Debian: poppler-utils)")
		}
		t.Skip("pdftotext not installed (Debian: poppler-utils)")
	}
	text := "Førstesamtalenotat\n\nFunn\n  Søvnvansker, ærlig og åpen.\n" + strings.Repeat("linje\n", 90) + "Signert: Kåre Ærø\n"
	created := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	doc, err := Render(text, "Notat", "side", created)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Render(text, "Notat", "side", created)
	if !bytes.Equal(doc, again) {
		t.Error("the same note gave different bytes")
	}
	f := filepath.Join(t.TempDir(), "n.pdf")
	if err := os.WriteFile(f, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-layout", f, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Førstesamtalenotat", "Funn", "Søvnvansker, ærlig og åpen.", "Signert: Kåre Ærø", "side 1 / 2", "side 2 / 2"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("PDF text lacks %q:\n%s", want, out)
		}
	}
}
