package report

import (
	"io"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// WriteStatsPDF writes the report as a printable A4 portrait document a
// supervisor can hand round at the meeting: the title with the period,
// the reception, when it was made and by whom (the role, never a name);
// the routing table as the pilot slide shows it (patients and percent per
// column) as a ruled table, with its chart (gonum/plot, pdf_canvas.go);
// the wrong queue; the comparison by clinician organisation with the
// test's result in words; the waits and the 10-working-day rule; the
// consultations; and, when --min-cell hid counts, which ones and why.
// Every table fits the page's width, wrapping its labels rather than
// running off it; every word comes from the report catalogue.
func WriteStatsPDF(w io.Writer, s Stats) error {
	l := s.Lang
	p := newPrinted(l, pdfInfo{title: statsTitle(s), reception: s.Region.receptionFact(s.Reception),
		period: l.period(s.From, s.To, s.First, s.Last), made: s.Today, role: s.MadeBy})
	if note := s.Region.note(l); note != "" {
		p.para(note)
	}
	if s.Referrals == 0 {
		p.para(l.t("No referrals were received in this period, so there is nothing to count."))
		return p.write(w)
	}
	n := s.MinCell
	if n > 1 {
		p.small(suppressionNote(l, n, s.Exposed()))
	}
	p.block(routingBlock(s))
	if !s.Routing.Empty() && len(s.Routing.Columns) > 1 {
		groups := len(s.Routing.Columns) - 1
		legendH := 2 + 4.5*float64(groups) // mm
		// A row of bars as high as its labels need: 7 pt text a bar.
		perRow := max(8, 1+2.9*float64(groups))
		h := min(20+perRow*float64(len(s.Routing.Rows)), 150) // mm, the plot
		chart, legend, err := routingChart(s, vg.Length(h/mmPerPoint))
		if err != nil {
			return err
		}
		p.chart(legendH+h, func(c draw.Canvas) {
			legend.Draw(draw.Crop(c, 0, 0, vg.Length(h/mmPerPoint), 0))
			chart.Draw(draw.Crop(c, 0, 0, 0, -vg.Length(legendH/mmPerPoint)))
		})
	}
	p.block(wrongQueueBlock(s))
	p.block(orgBlock(s.ByOrg, n, l))
	for _, b := range timelinessBlocks(s.Timeliness, n, l) {
		p.block(b)
	}
	p.block(consultBlock(s.Consultations, n, l))
	printHidden(p, s.hidden(), n, s.Exposed())
	return p.write(w)
}

// printHidden is the printed section on what --min-cell hid: the summary,
// then every hidden count with where it stands, its mark and why.
func printHidden(p *printed, cells []hiddenCell, n int, exposed bool) {
	if n < 2 {
		return
	}
	l := p.l
	p.heading(l.f("What --min-cell %d hid", n))
	p.para(hiddenSummary(cells, n, l))
	// Table by table, each hidden count with where it stands.
	for len(cells) > 0 {
		k := 1
		for k < len(cells) && cells[k].table == cells[0].table {
			k++
		}
		p.titledTable(cells[0].table, hiddenGrid(cells[:k], n, l))
		cells = cells[k:]
	}
	if exposed {
		p.small(l.t("WARNING: some rows or columns are so small that their hidden counts can still be " +
			"worked out; leave them out or choose a longer period before this report leaves the reception."))
	}
}
