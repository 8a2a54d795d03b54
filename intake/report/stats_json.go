package report

import (
	"encoding/json"
	"io"
	"math"
	"strconv"

	"envei/intake"
)

// The JSON shapes. Every count is a cell: {"count": 25, "percent": 45.5},
// or {"count": null, "hidden": "<5"} when suppressed. Percentages have one
// decimal, as in the CSV.

type jsonCell struct {
	Count   *int        `json:"count"`
	Percent json.Number `json:"percent,omitempty"`
	Hidden  string      `json:"hidden,omitempty"`
}

func cellJSON(c Cell, minCell int) jsonCell {
	if c.Hidden() {
		return jsonCell{Hidden: c.Count(minCell)}
	}
	n := c.N
	j := jsonCell{Count: &n}
	if p, ok := c.PercentTenths(); ok {
		j.Percent = json.Number(formatTenths(p))
	}
	return j
}

type jsonColumn struct {
	Code  string    `json:"code"`
	Label string    `json:"label"`
	Total *jsonCell `json:"patients,omitempty"`
}

type jsonRow struct {
	Code  string     `json:"code"`
	Label string     `json:"label"`
	Cells []jsonCell `json:"cells"`
}

type jsonTable struct {
	Columns []jsonColumn `json:"columns"`
	Rows    []jsonRow    `json:"rows"`
	Exposed bool         `json:"exposed,omitempty"`
}

func tableJSON(t Table, minCell int, l Lang) jsonTable {
	out := jsonTable{Columns: []jsonColumn{}, Rows: []jsonRow{}, Exposed: t.Exposed}
	for _, c := range t.Columns {
		col := jsonColumn{Code: c.Code, Label: l.t(c.Label)}
		if c.HasTotal {
			total := cellJSON(c.Total, minCell)
			col.Total = &total
		}
		out.Columns = append(out.Columns, col)
	}
	for _, r := range t.Rows {
		row := jsonRow{Code: r.Code, Label: l.t(r.Label), Cells: []jsonCell{}}
		for _, c := range r.Cells {
			row.Cells = append(row.Cells, cellJSON(c, minCell))
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

type jsonChiSquare struct {
	Computed  bool         `json:"computed"`
	Statistic *json.Number `json:"statistic,omitempty"`
	DF        int          `json:"df,omitempty"`
	P         *json.Number `json:"p_value,omitempty"`
	Warning   string       `json:"warning,omitempty"`
	Note      string       `json:"note,omitempty"`
}

// number rounds x to digits decimals for JSON, so that the output does not
// depend on the last bits of a float.
func number(x float64, digits int) *json.Number {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	n := json.Number(strconv.FormatFloat(x, 'f', digits, 64))
	return &n
}

type jsonWait struct {
	Patients   *jsonCell `json:"patients,omitempty"`
	MedianDays *int      `json:"median_days"`
	P90Days    *int      `json:"p90_days"`
}

func waitJSON(w Wait, minCell int, counts bool) jsonWait {
	j := jsonWait{}
	if counts {
		c := cellJSON(w.Patients, minCell)
		j.Patients = &c
	}
	if w.Shown {
		m, p := w.Median, w.P90
		j.MedianDays, j.P90Days = &m, &p
	}
	return j
}

type jsonWaitRow struct {
	Code              string   `json:"code"`
	Label             string   `json:"label"`
	FirstConversation jsonWait `json:"to_first_conversation"`
	Decision          jsonWait `json:"to_decision"`
}

type jsonStats struct {
	Report string `json:"report"`
	Lang   Lang   `json:"lang"` // the language of every label and sentence

	ReceivedFrom string     `json:"received_from"`
	ReceivedTo   string     `json:"received_to"`
	Today        string     `json:"today"`
	MinCell      int        `json:"min_cell"`
	Receptions   []string   `json:"receptions,omitempty"`        // a region report's (region.go)
	Differ       bool       `json:"catalogues_differ,omitempty"` // its service catalogues differ
	Referrals    jsonCell   `json:"referrals"`
	Routing      *jsonTable `json:"routing"`
	WrongQueue   *jsonTable `json:"wrong_queue"`
	ByOrg        *struct {
		Table   jsonTable     `json:"table"`
		Test    jsonChiSquare `json:"chi_square"`
		LeftOut jsonCell      `json:"left_out"`
	} `json:"by_clinician_org"`
	Timeliness *struct {
		Waits    []jsonWaitRow `json:"waits"`
		Deadline jsonTable     `json:"deadline"`
		Basis    string        `json:"deadline_met_means"`
	} `json:"timeliness"`
	// How often the senior psychiatrist and the GP were involved.
	Consultations *jsonTable `json:"consultations"`
}

// DeadlineBasis says what "met" means.
const DeadlineBasis = "the rights decision was made on or before the assessment deadline: its recorded date, or for referrals without one (imported, or from before the assessment template) the day of an attended first conversation, where the assessment is made"

// WriteStatsJSON writes the whole report as one JSON object.
func WriteStatsJSON(w io.Writer, s Stats) error {
	from, to := s.From, s.To
	if from.IsZero() {
		from = s.First
	}
	if to.IsZero() {
		to = s.Last
	}
	j := jsonStats{
		Report: "routing_statistics", Lang: langCode(s.Lang), ReceivedFrom: dateJSON(from), ReceivedTo: dateJSON(to),
		Today: dateJSON(s.Today), MinCell: s.MinCell,
		Receptions: s.Region.Receptions, Differ: s.Region.CataloguesDiffer,
	}
	n := s.Referrals
	j.Referrals = jsonCell{Count: &n}
	if s.Referrals > 0 {
		// The number of referrals is the total column's patients, and is
		// hidden with it.
		total := s.Routing.Columns[len(s.Routing.Columns)-1].Total
		j.Referrals = cellJSON(total, s.MinCell)
		rt, wq := tableJSON(s.Routing, s.MinCell, s.Lang), tableJSON(s.WrongQueue, s.MinCell, s.Lang)
		j.Routing, j.WrongQueue = &rt, &wq
		j.ByOrg = &struct {
			Table   jsonTable     `json:"table"`
			Test    jsonChiSquare `json:"chi_square"`
			LeftOut jsonCell      `json:"left_out"`
		}{tableJSON(s.ByOrg.Table, s.MinCell, s.Lang), chiSquareJSON(s.ByOrg.Test, s.Lang), cellJSON(s.ByOrg.LeftOut, s.MinCell)}
		j.Timeliness = &struct {
			Waits    []jsonWaitRow `json:"waits"`
			Deadline jsonTable     `json:"deadline"`
			Basis    string        `json:"deadline_met_means"`
		}{Deadline: tableJSON(s.Timeliness.Deadline, s.MinCell, s.Lang), Basis: s.Lang.t(DeadlineBasis), Waits: []jsonWaitRow{}}
		for _, r := range s.Timeliness.Waits {
			j.Timeliness.Waits = append(j.Timeliness.Waits, jsonWaitRow{r.Code, s.Lang.t(r.Label), waitJSON(r.ToFirst, s.MinCell, s.Timeliness.Counts), waitJSON(r.Decision, s.MinCell, s.Timeliness.Counts)})
		}
		ct := tableJSON(s.Consultations, s.MinCell, s.Lang)
		j.Consultations = &ct
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(j)
}

func chiSquareJSON(c ChiSquare, l Lang) jsonChiSquare {
	j := jsonChiSquare{Computed: c.Computed, Note: l.t(c.Note)}
	if c.Warning != "" {
		j.Warning = chiSquareWarning(c, l)
	}
	if c.Computed {
		j.Statistic, j.DF, j.P = number(c.Statistic, 4), c.DF, number(c.P, 4)
	}
	return j
}

// langCode is the language the labels are in: "" is English.
func langCode(l Lang) Lang {
	if l == LangNB {
		return LangNB
	}
	return LangEN
}

// dateJSON is a date as YYYY-MM-DD, or "" when there is none.
func dateJSON(d intake.Date) string { return d.String() }
