package report

import (
	"encoding/csv"
	"io"
)

// StatsCSVHeader is the header of the routing table as CSV, in English:
// codes and numbers first, the same in every language, for machines; then
// the labels of the group and the outcome in the report's language. The
// header's own names follow the language too (csvHeader).
var StatsCSVHeader = []string{"group", "patients", "outcome", "count", "percent", "group_label", "outcome_label"}

// WriteStatsCSV writes the routing table — the pilot's table — in long
// form: one record per group (dps, municipal, specialist, self, total) and
// outcome (catalogue codes, then open and withdrawn) with a count above 0.
// Percent has one decimal; it is empty where the count or the patients
// are hidden. The other sections have other shapes and are in the JSON.
func WriteStatsCSV(w io.Writer, s Stats) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader(s.Lang, StatsCSVHeader)); err != nil {
		return err
	}
	t := s.Routing
	for j, col := range t.Columns {
		for _, row := range t.Rows {
			c := row.Cells[j]
			if !c.Hidden() && c.N == 0 {
				continue
			}
			percent := ""
			if p, ok := c.PercentTenths(); ok {
				percent = formatTenths(p)
			}
			rec := []string{col.Code, col.Total.Count(s.MinCell), row.Code, c.Count(s.MinCell), percent,
				s.Lang.t(col.Label), s.Lang.t(row.Label)}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvHeader is a CSV header in l: the column names are words for people
// reading the file (issue 14), while the values under them — codes,
// counts, percentages — stay the same in every language.
func csvHeader(l Lang, en []string) []string {
	if l != LangNB {
		return en
	}
	out := make([]string, len(en))
	for i, name := range en {
		out[i] = name
		if nb, ok := nbCSVHeader[name]; ok {
			out[i] = nb
		}
	}
	return out
}
