package report

import (
	"io"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// WriteFunnelPDF writes the funnel as a printable A4 portrait document, a
// sibling of the printed statistics: the title block (reception, period,
// day, role), what the stages mean, the chart — the SVG's gonum panels,
// every month or week from the first to the last on one scale, two
// across — then each period's table, and when --min-cell hid counts,
// which ones and why.
func WriteFunnelPDF(w io.Writer, f Funnel) error {
	l := f.Lang
	p := newPrinted(l, pdfInfo{title: funnelTitle(f), reception: f.Region.receptionFact(f.Reception),
		period: l.period(f.From, f.To, f.First, f.Last), made: f.Today, role: f.MadeBy})
	blocks := funnelBlocks(f)
	if len(f.Periods) == 0 {
		blocks[0].addTo(&p.Document)
		return p.write(w)
	}
	for _, s := range blocks[0].before {
		p.Paragraph(s)
	}
	p.Footnote(f.Region.svgSource(l, l.t("Source: envei, the reception's referrals. Bars are patients; beside each, patients, percent of received and median days from received.")))
	if err := funnelCharts(p, f); err != nil {
		return err
	}
	for _, b := range blocks[1 : 1+len(f.Periods)] {
		// The periods' tables are one section: each period a subheading.
		p.Subheading(b.heading)
		p.NumericTable(b.grid)
	}
	p.printHidden(f.hidden(), f.MinCell, f.Exposed())
	return p.write(w)
}

// funnelCharts draws the legend, then the panels a row at a time, each
// row kept whole on a page (intake/doc
// starts a new page for a chart that does not fit).
func funnelCharts(p *printed, f Funnel) error {
	periods := withGaps(f)
	largest := 1
	for _, period := range f.Periods {
		for _, s := range period.Stages {
			if !s.Count.Hidden() {
				largest = max(largest, s.Count.N)
			}
		}
	}
	p.Chart(6, func(c draw.Canvas) { drawKindLegend(c, f.Lang, c.Min.X, c.Max.Y) })
	across, h := 2, 80.0 // mm
	if len(periods) == 1 {
		across, h = 1, 105
	}
	for start := 0; start < len(periods); start += across {
		row := make([][]*plot.Plot, 1)
		for i := start; i < start+across; i++ {
			if i >= len(periods) {
				empty := newFunnelPlot("")
				empty.HideAxes()
				row[0] = append(row[0], empty)
				continue
			}
			panel, err := funnelPanel(f, periods[i], largest)
			if err != nil {
				return err
			}
			row[0] = append(row[0], panel)
		}
		n := min(across, len(periods)-start)
		p.Chart(h, func(c draw.Canvas) {
			tiles := draw.Tiles{Rows: 1, Cols: across, PadX: 6 * vg.Millimeter}
			canvases := plot.Align(row, tiles, c)
			for j := range n {
				row[0][j].Draw(canvases[0][j])
			}
		})
	}
	return nil
}
