package report

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The workbook read back with the same library holds, cell by cell, the
// routing table the csv holds: counts as numbers, percentages as percent
// of the same tenths, hidden counts as their marks; in both languages,
// with and without --min-cell.
func TestStatsXLSXMatchesCSV(t *testing.T) {
	for _, lang := range []Lang{LangEN, LangNB} {
		for _, minCell := range []int{0, 5} {
			st, _ := pilotReportsIn(t, minCell, ByAll, lang)
			var xb, cb bytes.Buffer
			if err := WriteStatsXLSX(&xb, st); err != nil {
				t.Fatal(err)
			}
			if err := WriteStatsCSV(&cb, st); err != nil {
				t.Fatal(err)
			}
			x, err := excelize.OpenReader(&xb)
			if err != nil {
				t.Fatal(err)
			}
			sheets := x.GetSheetList()
			want := 5
			if minCell > 1 {
				want = 6 // and what --min-cell hid
			}
			if len(sheets) != want || sheets[0] != lang.t("1 Routing") {
				t.Fatalf("%s: sheets %v", lang, sheets)
			}
			records, err := csv.NewReader(&cb).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			// Find the routing table's header row: its first cell is the
			// corner.
			rows, err := x.GetRows(sheets[0])
			if err != nil {
				t.Fatal(err)
			}
			header := -1
			for i, r := range rows {
				if len(r) > 0 && r[0] == lang.t(st.Routing.Corner) {
					header = i + 1 // 1-based
				}
			}
			if header < 0 {
				t.Fatalf("%s: no header row %q in %v", lang, lang.t(st.Routing.Corner), rows)
			}
			value := func(col, row int) (string, excelize.CellType) {
				name, _ := excelize.CoordinatesToCellName(col, row)
				typ, _ := x.GetCellType(sheets[0], name)
				v, _ := x.GetCellValue(sheets[0], name, excelize.Options{RawCellValue: true})
				return v, typ
			}
			checked := 0
			for _, rec := range records[1:] {
				group, patients, outcome, count, percent := rec[0], rec[1], rec[2], rec[3], rec[4]
				j, i := -1, -1
				for k, c := range st.Routing.Columns {
					if c.Code == group {
						j = k
					}
				}
				for k, r := range st.Routing.Rows {
					if r.Code == outcome {
						i = k
					}
				}
				if j < 0 || i < 0 {
					t.Fatalf("csv record %v not in the table", rec)
				}
				col := 2 + 2*j
				if got, _ := value(col, header+1); got != patients {
					t.Errorf("%s N=%d %s patients: xlsx %q, csv %q", lang, minCell, group, got, patients)
				}
				got, typ := value(col, header+2+i)
				if got != count {
					t.Errorf("%s N=%d %s/%s: xlsx %q, csv %q", lang, minCell, group, outcome, got, count)
				}
				if _, err := strconv.Atoi(count); err == nil && typ == excelize.CellTypeSharedString {
					t.Errorf("%s/%s: the count %s is text", group, outcome, count)
				}
				p, _ := value(col+1, header+2+i)
				if percent == "" {
					if p != "" {
						t.Errorf("%s/%s: a percent %q where the csv has none", group, outcome, p)
					}
				} else {
					f, err := strconv.ParseFloat(p, 64)
					if err != nil || formatTenths(int(f*1000+0.5)) != percent {
						t.Errorf("%s N=%d %s/%s: xlsx percent %q, csv %s", lang, minCell, group, outcome, p, percent)
					}
				}
				checked++
			}
			if checked < 10 {
				t.Errorf("only %d cells compared", checked)
			}
		}
	}
}

// xlsxDump is a workbook as text: each sheet's cells as shown (percent
// formatted), tab-separated; the golden of the xlsx format.
func xlsxDump(t *testing.T, st Stats) []byte {
	t.Helper()
	var xb bytes.Buffer
	if err := WriteStatsXLSX(&xb, st); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&xb)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	for _, sheet := range x.GetSheetList() {
		out.WriteString("== " + sheet + "\n")
		rows, err := x.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			for j, c := range r {
				if j > 0 {
					out.WriteString("\t")
				}
				out.WriteString(c)
			}
			out.WriteString("\n")
		}
	}
	return out.Bytes()
}

func TestStatsXLSXGoldens(t *testing.T) {
	for _, c := range []struct {
		name    string
		lang    Lang
		minCell int
	}{{"stats_pilot.xlsx.txt", LangEN, 0}, {"stats_pilot_nb.xlsx.txt", LangNB, 0}, {"stats_pilot_mincell5_nb.xlsx.txt", LangNB, 5}} {
		st, _ := pilotReportsIn(t, c.minCell, ByAll, c.lang)
		checkGolden(t, c.name, xlsxDump(t, st))
	}
}
