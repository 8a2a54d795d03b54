package report

import (
	"bytes"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// markedCells counts the hidden counts of a table by walking it, apart
// from hidden.go.
func markedCells(t Table) (small, withheld int) {
	count := func(c Cell) {
		switch c.Mark {
		case Small:
			small++
		case Withheld:
			withheld++
		}
	}
	for _, c := range t.Columns {
		if c.HasTotal {
			count(c.Total)
		}
	}
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			count(c)
		}
	}
	return small, withheld
}

// What --min-cell hid lists every hidden count of the report, no more,
// and its text gives no number but the threshold and how many cells: no
// sum of hidden counts that would give them back by subtraction.
func TestHiddenSummaryListsEveryHiddenCount(t *testing.T) {
	for _, lang := range []Lang{LangEN, LangNB} {
		st, f := pilotReportsIn(t, 5, ByAll, lang)
		small, withheld := 0, 0
		for _, tb := range []Table{st.Routing, st.WrongQueue, st.ByOrg.Table, st.Timeliness.Deadline, st.Consultations} {
			s, w := markedCells(tb)
			small, withheld = small+s, withheld+w
		}
		if st.ByOrg.LeftOut.Hidden() {
			small++
		}
		cells := st.hidden()
		if len(cells) != small+withheld || small == 0 || withheld == 0 {
			t.Fatalf("%s: %d hidden listed, the tables hide %d <5 and %d :", lang, len(cells), small, withheld)
		}
		text := string(render(t, func(w io.Writer) error { return WriteStatsText(w, st) }))
		at := strings.Index(text, lang.f("What --min-cell %d hid", 5))
		if at < 0 {
			t.Fatalf("%s: no section on what --min-cell hid:\n%s", lang, text)
		}
		allowed := map[string]bool{"1": true, "2": true, "3": true, "4": true, "5": true,
			strconv.Itoa(small + withheld): true, strconv.Itoa(small): true, strconv.Itoa(withheld): true}
		section := text[at:]
		// The per-table counts of cells are allowed too: each is at most
		// the cells of that table.
		for _, row := range hiddenBlock(cells, 5, lang, false)[0].grid[1:] {
			allowed[row[1]], allowed[row[2]] = true, true
		}
		for _, n := range regexp.MustCompile(`\d+`).FindAllString(section, -1) {
			if !allowed[n] {
				t.Errorf("%s: the section holds %s, which is no threshold or count of cells:\n%s", lang, n, section)
			}
		}
		// The funnel's listing: one per hidden stage.
		n := 0
		for _, p := range f.Periods {
			for _, s := range p.Stages {
				if s.Count.Hidden() {
					n++
				}
			}
		}
		if got := len(f.hidden()); got != n || n == 0 {
			t.Errorf("%s: funnel lists %d hidden, has %d", lang, got, n)
		}
	}
	// Nothing protected, no section.
	st, _ := pilotReportsIn(t, 0, ByAll, LangEN)
	if text := string(render(t, func(w io.Writer) error { return WriteStatsText(w, st) })); strings.Contains(text, "--min-cell") {
		t.Errorf("an unprotected report speaks of --min-cell")
	}
}

// The workbook has a sheet for what --min-cell hid: one row per hidden
// count (table, row, column, mark, why), and no number in it but marks.
func TestStatsXLSXSaysWhatMinCellHid(t *testing.T) {
	for _, lang := range []Lang{LangEN, LangNB} {
		st, _ := pilotReportsIn(t, 5, ByAll, lang)
		var xb bytes.Buffer
		if err := WriteStatsXLSX(&xb, st); err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(&xb)
		if err != nil {
			t.Fatal(err)
		}
		sheet := lang.t("6 Hidden counts")
		rows, err := x.GetRows(sheet)
		if err != nil {
			t.Fatalf("%s: no sheet %q: %v (sheets %v)", lang, sheet, err, x.GetSheetList())
		}
		listed := 0
		for _, r := range rows {
			if len(r) == 5 && (r[3] == "<5" || r[3] == ":") {
				listed++
				if r[4] != hiddenReason(map[string]Mark{"<5": Small, ":": Withheld}[r[3]], 5, lang) {
					t.Errorf("%s: %v: why is %q", lang, r, r[4])
				}
			}
		}
		if listed != len(st.hidden()) {
			t.Errorf("%s: %d rows list hidden counts, the report hides %d", lang, listed, len(st.hidden()))
		}
		cols, _ := x.GetCols(sheet)
		for _, col := range cols {
			for _, v := range col {
				if _, err := strconv.Atoi(v); err == nil {
					t.Errorf("%s: a number %s in the sheet", lang, v)
				}
			}
		}
	}
	// Without --min-cell there is no such sheet.
	st, _ := pilotReportsIn(t, 0, ByAll, LangEN)
	var xb bytes.Buffer
	if err := WriteStatsXLSX(&xb, st); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&xb)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(x.GetSheetList()); n != 5 {
		t.Errorf("%d sheets without --min-cell", n)
	}
}
