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
// column) as a ruled table, with its chart (gonum/plot); the wrong queue;
// the comparison by clinician organisation with the test's result in
// words; the waits and the 10-working-day rule; the consultations; and,
// when --min-cell hid counts, which ones and why. intake/doc lays it out:
// every table fits the page's width, wrapping its labels rather than
// running off it; every word comes from the report catalogue.
func WriteStatsPDF(w io.Writer, s Stats) error {
	l := s.Lang
	p := newPrinted(l, pdfInfo{title: statsTitle(s), reception: s.Region.receptionFact(s.Reception),
		period: l.period(s.From, s.To, s.First, s.Last), made: s.Today, role: s.MadeBy})
	if note := s.Region.note(l); note != "" {
		p.Paragraph(note)
	}
	if s.Referrals == 0 {
		p.Paragraph(l.t("No referrals were received in this period, so there is nothing to count."))
		return p.write(w)
	}
	n := s.MinCell
	if n > 1 {
		p.Footnote(suppressionNote(l, n, s.Exposed()))
	}
	routingBlock(s).addTo(&p.Document)
	if !s.Routing.Empty() && len(s.Routing.Columns) > 1 {
		groups := len(s.Routing.Columns) - 1
		legendH := 2 + 4.5*float64(groups) // mm
		// A row of bars as high as its labels need: 7 pt text a bar.
		perRow := max(8, 1+2.9*float64(groups))
		h := min(20+perRow*float64(len(s.Routing.Rows)), 150) // mm, the plot
		chart, legend, err := routingChart(s, vg.Length(h)*vg.Millimeter)
		if err != nil {
			return err
		}
		p.Chart(legendH+h, func(c draw.Canvas) {
			legend.Draw(draw.Crop(c, 0, 0, vg.Length(h)*vg.Millimeter, 0))
			chart.Draw(draw.Crop(c, 0, 0, 0, -vg.Length(legendH)*vg.Millimeter))
		})
	}
	wrongQueueBlock(s).addTo(&p.Document)
	orgBlock(s.ByOrg, n, l).addTo(&p.Document)
	for _, b := range timelinessBlocks(s.Timeliness, n, l) {
		b.addTo(&p.Document)
	}
	consultBlock(s.Consultations, n, l).addTo(&p.Document)
	p.printHidden(s.hidden(), n, s.Exposed())
	return p.write(w)
}
