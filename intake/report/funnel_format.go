package report

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
)

// FunnelCSVHeader is the header of the funnel as CSV, in English (its
// names follow the language: csvHeader).
// The codes and numbers come first, the same in every language, for
// machines; the stage's label in the report's language last.
var FunnelCSVHeader = []string{"period", "stage", "count", "percent_of_received", "median_days_from_received", "stage_label"}

// WriteFunnelCSV writes one record per period and stage, every stage of
// every period, zeros included, so the shape is the same each time.
func WriteFunnelCSV(w io.Writer, f Funnel) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader(f.Lang, FunnelCSVHeader)); err != nil {
		return err
	}
	for _, p := range f.Periods {
		for _, s := range p.Stages {
			percent, median := "", ""
			if t, ok := s.Count.PercentTenths(); ok {
				percent = formatTenths(t)
			}
			if s.HasMedian {
				median = strconv.Itoa(s.MedianDays)
			}
			if err := cw.Write([]string{p.Period, string(s.Stage), s.Count.Count(f.MinCell), percent, median,
				f.Lang.t(s.Stage.Label())}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

type jsonStage struct {
	Stage   string      `json:"stage"`
	Label   string      `json:"label"`
	Count   *int        `json:"count"`
	Hidden  string      `json:"hidden,omitempty"`
	Percent json.Number `json:"percent_of_received,omitempty"`
	Median  *int        `json:"median_days_from_received"`
}

type jsonPeriod struct {
	Period  string      `json:"period"`
	Stages  []jsonStage `json:"stages"`
	Exposed bool        `json:"exposed,omitempty"`
}

type jsonFunnel struct {
	Report       string       `json:"report"`
	Lang         Lang         `json:"lang"`
	By           string       `json:"by"`
	ReceivedFrom string       `json:"received_from"`
	ReceivedTo   string       `json:"received_to"`
	MinCell      int          `json:"min_cell"`
	Receptions   []string     `json:"receptions,omitempty"`        // a region report's (region.go)
	Differ       bool         `json:"catalogues_differ,omitempty"` // its service catalogues differ
	Periods      []jsonPeriod `json:"periods"`
}

// WriteFunnelJSON writes the funnel as one JSON object, with the numbers
// of the CSV.
func WriteFunnelJSON(w io.Writer, f Funnel) error {
	from, to := f.From, f.To
	if from.IsZero() {
		from = f.First
	}
	if to.IsZero() {
		to = f.Last
	}
	j := jsonFunnel{Report: "funnel", Lang: langCode(f.Lang), By: string(f.By), ReceivedFrom: from.String(), ReceivedTo: to.String(),
		MinCell: f.MinCell, Receptions: f.Region.Receptions, Differ: f.Region.CataloguesDiffer, Periods: []jsonPeriod{}}
	for _, p := range f.Periods {
		jp := jsonPeriod{Period: p.Period, Exposed: p.Exposed}
		for _, s := range p.Stages {
			c := cellJSON(s.Count, f.MinCell)
			js := jsonStage{Stage: string(s.Stage), Label: f.Lang.t(s.Stage.Label()), Count: c.Count, Hidden: c.Hidden, Percent: c.Percent}
			if s.HasMedian {
				m := s.MedianDays
				js.Median = &m
			}
			jp.Stages = append(jp.Stages, js)
		}
		j.Periods = append(j.Periods, jp)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(j)
}

func funnelTitle(f Funnel) string {
	l := f.Lang
	by := map[By]string{ByMonth: "by month", ByWeek: "by ISO week", ByAll: "whole period"}[f.By]
	return l.t("Funnel: referrals received") + " " + l.period(f.From, f.To, f.First, f.Last) + ", " + l.t(by)
}

// WriteFunnelMarkdown writes one table per period.
func WriteFunnelMarkdown(w io.Writer, f Funnel) error {
	return writeMarkdown(w, funnelTitle(f), funnelBlocks(f))
}

func funnelBlocks(f Funnel) []block {
	l := f.Lang
	var blocks []block
	if note := f.Region.note(l); note != "" {
		blocks = append(blocks, block{before: []string{note}})
	}
	if len(f.Periods) == 0 {
		return append(blocks, block{before: []string{l.t("No referrals were received in this period, so there is nothing to count.")}})
	}
	intro := l.t("Patients who reached each stage, by the period they were received in. The first five stages " +
		"count everyone who got that far; the arrows are where decided patients went (a patient routed to two " +
		"places counts in both); did not attend, withdrawn and still open are where the others stopped. " +
		"Median days are calendar days from received to the stage's date.")
	if f.MinCell > 1 {
		intro += " " + suppressionNote(l, f.MinCell, f.Exposed())
	}
	blocks = append(blocks, block{before: []string{intro}})
	for _, p := range f.Periods {
		b := block{heading: l.periodName(p.Period), grid: [][]string{{l.t("stage"), l.t("patients"), l.t("% of received"), l.t("median days")}}}
		for _, s := range p.Stages {
			percent, median := "", ""
			if t, ok := s.Count.PercentTenths(); ok {
				percent = formatTenths(t) + " %"
			}
			if s.HasMedian {
				median = strconv.Itoa(s.MedianDays)
			}
			b.grid = append(b.grid, []string{l.t(s.Stage.Label()), s.Count.Count(f.MinCell), percent, median})
		}
		blocks = append(blocks, b)
	}
	return append(blocks, hiddenBlock(f.hidden(), f.MinCell, l, f.Exposed())...)
}
