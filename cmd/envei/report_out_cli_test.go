package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// --out writes the report to a new file, 0600, never over one, in the
// format its extension names unless --format says otherwise.
func TestReportOut(t *testing.T) {
	h := pilotHarness(t)
	dir := t.TempDir()
	for _, c := range []struct {
		file, golden string
		args         []string
	}{
		{"stats.md", "stats_pilot.md", []string{"stats"}},
		{"stats.txt", "stats_pilot.table", []string{"stats"}},
		{"stats.json", "stats_pilot.json", []string{"stats"}},
		{"stats.csv", "stats_pilot.csv", []string{"stats"}},
		{"stats-nb.md", "stats_pilot_nb.md", []string{"stats", "--lang", "nb"}},
		{"csv-anyway.md", "stats_pilot.csv", []string{"stats", "--format", "csv"}},
		{"funnel.csv", "funnel_pilot.csv", []string{"funnel"}},
		{"funnel.md", "funnel_pilot.md", []string{"funnel"}},
		{"funnel.svg", "funnel_pilot_all.svg", []string{"funnel", "--by", "all"}},
		{"funnel-month.svg", "funnel_pilot.svg", []string{"funnel"}},
	} {
		path := filepath.Join(dir, c.file)
		if out := h.ok(append(c.args, "--out", path)...); out != "" {
			t.Errorf("%v --out %s printed %q", c.args, c.file, out)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != golden(t, c.golden) {
			t.Errorf("%v --out %s differs from %s", c.args, c.file, c.golden)
		}
		if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", c.file, fi.Mode().Perm())
		}
	}
	// Never over a file.
	path := filepath.Join(dir, "stats.md")
	if r := h.run("stats", "--out", path); r.code == 0 || !strings.Contains(r.stderr, "exists") {
		t.Errorf("stats --out over a file: exit %d, %q", r.code, r.stderr)
	}
	// An extension that names no format the report writes.
	for _, args := range [][]string{
		{"stats", "--out", filepath.Join(dir, "stats.docx")},
		{"funnel", "--out", filepath.Join(dir, "funnel.xlsx")},
		{"stats", "--out", filepath.Join(dir, "stats")},
		{"funnel", "--out", filepath.Join(dir, "funnel.txt")},
	} {
		r := h.run(args...)
		if r.code == 0 || !strings.Contains(r.stderr, "cannot tell the format") || !strings.Contains(r.stderr, ".md") {
			t.Errorf("%v: exit %d, %q", args, r.code, r.stderr)
		}
		if _, err := os.Stat(args[2]); err == nil {
			t.Errorf("%v wrote a file", args)
		}
	}
}

// A workbook goes to a file, read back with the library that wrote it; it
// is refused on a terminal.
func TestStatsXLSXOut(t *testing.T) {
	h := pilotHarness(t)
	path := filepath.Join(t.TempDir(), "stats.xlsx")
	h.ok("stats", "--lang", "nb", "--out", path)
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := x.GetSheetList(); len(got) != 5 || got[0] != "1 Losing" {
		t.Errorf("sheets %v", got)
	}
	if v, _ := x.GetCellValue("1 Losing", "B8"); v != "25" {
		t.Errorf("DPS/DPS is %q, want 25", v)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode().Perm())
	}
	h.terminal = true
	if r := h.run("stats", "--format", "xlsx"); r.code == 0 || !strings.Contains(r.stderr, "--out") {
		t.Errorf("xlsx to a terminal: exit %d, %q", r.code, r.stderr)
	}
}

// A PDF goes to a file: A4, the role that made it, no name.
func TestStatsPDFOut(t *testing.T) {
	h := pilotHarness(t)
	path := filepath.Join(t.TempDir(), "stats.pdf")
	h.ok("stats", "--lang", "nb", "--min-cell", "5", "--out", path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "%PDF-") {
		t.Fatalf("not a PDF: %q", b[:min(len(b), 20)])
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode().Perm())
	}
	h.terminal = true
	if r := h.run("stats", "--format", "pdf"); r.code == 0 || !strings.Contains(r.stderr, "--out") {
		t.Errorf("pdf to a terminal: exit %d, %q", r.code, r.stderr)
	}
}

// pdfText is a PDF file's text (pdftotext), or skips where poppler is not
// installed — failing instead under ENVEI_REQUIRE_TOOLS.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("ENVEI_REQUIRE_TOOLS") != "" {
			t.Fatal("pdftotext (poppler-utils) is required (ENVEI_REQUIRE_TOOLS is set) but not installed")
		}
		t.Skip("pdftotext not installed (Debian: poppler-utils)")
	}
	out, err := exec.Command(pdftotext, "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// The printed reports name the reception as `envei reception set` recorded
// it, and the role of the user who made them.
func TestStatsPDFNamesTheReception(t *testing.T) {
	h := pilotHarness(t)
	h.ok("reception", "set", "--name", "Psykisk helsemottak En vei inn", "--her-id", "81234", "--org-number", "974760673")
	path := filepath.Join(t.TempDir(), "stats.pdf")
	h.ok("stats", "--lang", "nb", "--out", path)
	text := pdfText(t, path)
	for _, want := range []string{"Mottak", "Psykisk helsemottak En vei inn", "en bruker med rollen", "henvist til DPS (55)", "25 (45 %)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF has no %q:\n%s", want, text)
		}
	}
}

// envei funnel writes a PDF too: by --format or by --out's extension; to a
// file, never to a terminal.
func TestFunnelPDFOut(t *testing.T) {
	h := pilotHarness(t)
	h.ok("reception", "set", "--name", "Psykisk helsemottak En vei inn", "--her-id", "81234", "--org-number", "974760673")
	dir := t.TempDir()
	byExt := filepath.Join(dir, "funnel.pdf")
	h.ok("funnel", "--lang", "nb", "--by", "all", "--min-cell", "5", "--out", byExt)
	byFormat := filepath.Join(dir, "funnel-month")
	h.ok("funnel", "--format", "pdf", "--out", byFormat)
	for path, want := range map[string][]string{
		byExt:    {"Trakten: henvisninger mottatt", "Psykisk helsemottak En vei inn", "Hva --min-cell 5 skjulte", "steg nådd"},
		byFormat: {"Funnel: referrals received", "by month", "2023-03", "step reached"},
	} {
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("%s: %v %v", path, fi, err)
		}
		text := pdfText(t, path)
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s has no %q", filepath.Base(path), w)
			}
		}
	}
	h.terminal = true
	if r := h.run("funnel", "--format", "pdf"); r.code == 0 || !strings.Contains(r.stderr, "--out") {
		t.Errorf("pdf to a terminal: exit %d, %q", r.code, r.stderr)
	}
}
