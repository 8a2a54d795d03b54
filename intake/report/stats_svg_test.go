package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"envei/intake"
)

// The pilot's flow picture in both languages, open and with --min-cell 5
// (suppressed together with the funnel, as the command does).
func TestStatsSVGGoldens(t *testing.T) {
	for _, g := range []struct {
		name    string
		lang    Lang
		minCell int
	}{
		{"stats_pilot.svg", LangEN, 0},
		{"stats_pilot_nb.svg", LangNB, 0},
		{"stats_pilot_mincell5.svg", LangEN, 5},
		{"stats_pilot_mincell5_nb.svg", LangNB, 5},
	} {
		t.Run(g.name, func(t *testing.T) {
			s, _ := pilotReportsIn(t, g.minCell, ByAll, g.lang)
			checkGolden(t, g.name, render(t, func(w io.Writer) error { return WriteStatsSVG(w, s) }))
		})
	}
}

// The whole document decodes as XML, in both languages and when empty.
func TestStatsSVGIsWellFormed(t *testing.T) {
	empty := buildStats(t, nil, StatsOptions{})
	for _, lang := range []Lang{LangEN, LangNB} {
		s, _ := pilotReportsIn(t, 5, ByAll, lang)
		for name, st := range map[string]Stats{"pilot": s, "empty": empty} {
			doc := render(t, func(w io.Writer) error { return WriteStatsSVG(w, st) })
			d := xml.NewDecoder(bytes.NewReader(doc))
			elements := 0
			for {
				tok, err := d.Token()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("%s %s: %v", lang, name, err)
				}
				if _, ok := tok.(xml.StartElement); ok {
					elements++
				}
			}
			if elements < 3 {
				t.Errorf("%s %s: %d elements", lang, name, elements)
			}
		}
	}
}

// texts returns the words the SVG draws.
func svgTexts(t *testing.T, doc []byte) []string {
	t.Helper()
	var out []string
	d := xml.NewDecoder(bytes.NewReader(doc))
	in := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			in = tok.Name.Local == "text"
		case xml.EndElement:
			in = false
		case xml.CharData:
			if in {
				out = append(out, strings.TrimSpace(string(tok)))
			}
		}
	}
}

// With --min-cell 5 no hidden count is printed, and a hidden band is as
// wide as every other hidden band: its width says nothing of its count.
func TestStatsSVGHidesSuppressedCounts(t *testing.T) {
	s, _ := pilotReports(t, 5, ByAll)
	open := buildStats(t, pilotRows(), StatsOptions{})
	doc := render(t, func(w io.Writer) error { return WriteStatsSVG(w, s) })
	texts := svgTexts(t, doc)
	hiddenCells := 0
	for i, r := range s.Routing.Rows {
		for j, c := range r.Cells {
			if !c.Hidden() {
				continue
			}
			hiddenCells++
			raw := open.Routing.Rows[i].Cells[j].N
			// The raw count must not be printed as any band's or node's
			// number (a shown cell with the same number is allowed only
			// if it exists in the suppressed table).
			if !shownSomewhere(s.Routing, raw) {
				for _, x := range texts {
					if strings.HasPrefix(x, strconv.Itoa(raw)+" ") || x == strconv.Itoa(raw) {
						t.Errorf("the hidden count %d (%s, %s) is in the picture: %q", raw, r.Code, s.Routing.Columns[j].Code, x)
					}
				}
			}
		}
	}
	if hiddenCells == 0 {
		t.Fatal("the pilot with --min-cell 5 hides nothing: the test proves nothing")
	}
	// Every hidden cell is drawn with its mark: a band's label, or an
	// outcome's total.
	marks, hiddenBands := 0, 0
	for _, x := range texts {
		if x == "<5" || x == ":" {
			marks++
		}
	}
	groups := len(s.Routing.Columns) - 1
	for _, r := range s.Routing.Rows {
		for _, c := range r.Cells[:groups] {
			if c.Hidden() {
				hiddenBands++
			}
		}
	}
	if marks < hiddenCells {
		t.Errorf("%d hidden cells, %d marks drawn", hiddenCells, marks)
	}
	// Hidden bands: grey, one per hidden cell of the groups, all of the
	// one fixed width whatever their counts (25 and 2 alike here).
	hidden := hiddenBandWidths(t, doc)
	if len(hidden) != hiddenBands {
		t.Fatalf("%d grey bands for %d hidden cells: %v", len(hidden), hiddenBands, hidden)
	}
	want := strconv.FormatFloat(-hiddenBand.Points(), 'f', 2, 64)
	for _, w := range hidden {
		if w != want {
			t.Errorf("hidden bands are %v wide, want all %s", hidden, want)
			break
		}
	}
}

// shownSomewhere reports whether n is a shown count of the table.
func shownSomewhere(t Table, n int) bool {
	for _, c := range t.Columns {
		if !c.Total.Hidden() && c.Total.N == n {
			return true
		}
	}
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if !c.Hidden() && c.N == n {
				return true
			}
		}
	}
	return false
}

// hiddenBandWidths returns the widths of the translucent grey bands: the first and
// the last point of the path are the top and the bottom of its left end.
func hiddenBandWidths(t *testing.T, doc []byte) []string {
	t.Helper()
	re := regexp.MustCompile(`<path d="([^"]*)"\s*style="fill:#([0-9A-Fa-f]{6});fill-opacity`)
	var widths []string
	for _, m := range re.FindAllStringSubmatch(string(doc), -1) {
		if m[2][0:2] != m[2][2:4] || m[2][2:4] != m[2][4:6] {
			continue // a band in a group's colour; grey ones are hidden
		}
		nums := regexp.MustCompile(`-?[0-9.]+`).FindAllString(m[1], -1)
		if len(nums) < 4 {
			continue
		}
		y0, _ := strconv.ParseFloat(nums[1], 64)
		yEnd, _ := strconv.ParseFloat(nums[len(nums)-1], 64)
		widths = append(widths, strconv.FormatFloat(yEnd-y0, 'f', 2, 64))
	}
	return widths
}

// A picture whose hidden counts could still be worked out says so, as
// the text report does: it must not go on a slide as it is.
func TestStatsSVGWarnsWhenExposed(t *testing.T) {
	s, _ := pilotReports(t, 5, ByAll)
	s.Routing.Exposed = true
	// Lines are broken to fit: read the words together.
	words := strings.Join(svgTexts(t, render(t, func(w io.Writer) error { return WriteStatsSVG(w, s) })), " ")
	if !strings.Contains(words, "WARNING: some rows or columns are so small") {
		t.Error("an exposed picture has no warning")
	}
}

// All four groups (the pilot has two): every group is drawn
// and labelled, and the document stays well formed.
func TestStatsSVGFourGroups(t *testing.T) {
	rows := pilotRows()
	for i := range rows {
		switch i % 7 {
		case 2:
			rows[i].Channel = intake.ChannelSelf
		case 4:
			rows[i].AddressedTo = intake.AddressedSpecialist
		}
	}
	s := buildStats(t, rows, StatsOptions{})
	if len(s.Routing.Columns) != 5 {
		t.Fatalf("columns %+v", s.Routing.Columns)
	}
	doc := render(t, func(w io.Writer) error { return WriteStatsSVG(w, s) })
	if dir := os.Getenv("ENVEI_SVG_DIR"); dir != "" {
		// For a look by eye: ENVEI_SVG_DIR=/tmp/x go test -run FourGroups
		if err := os.WriteFile(filepath.Join(dir, "four_groups.svg"), doc, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	words := strings.Join(svgTexts(t, doc), " ")
	for _, c := range s.Routing.Columns[:4] {
		if !strings.Contains(words, c.Label) {
			t.Errorf("no %q in the picture", c.Label)
		}
	}
}
