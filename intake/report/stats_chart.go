package report

import (
	"image/color"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The printed report's chart of the routing table, drawn with gonum/plot:
// one horizontal bar per outcome and group (GP referrals addressed to DPS,
// to the municipality, …), as long as the percent of the group's patients
// the pilot slide shows, labelled with the table's own text ("25 (45 %)").
// Percent rather than patients, so that groups of different sizes compare.
// Only the suppressed table is drawn: a hidden count has no bar, only its
// mark, and no length depends on it.

// routingChart returns the chart of s's routing table to draw in a canvas
// height high, and its legend, drawn above it (inside, it would cover the
// top row's labels).
func routingChart(s Stats, height vg.Length) (*plot.Plot, plot.Legend, error) {
	l := s.Lang
	t := s.Routing
	groups := len(t.Columns) - 1 // the last column is the total
	rows := len(t.Rows)
	p := plot.New()
	p.Title.Text = ""
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, 9)
		a.Tick.Label.Font = font.From(sans, 8.5)
	}
	legend := plot.NewLegend()
	legend.TextStyle.Font = font.From(sans, 8.5)
	legend.Top, legend.Left = true, true
	legend.XOffs = 2 * vg.Millimeter
	legend.Padding = 1.2 * vg.Millimeter
	legend.ThumbnailWidth = 4 * vg.Millimeter
	// Rows one apart, the top row first; each row's bars side by side
	// around it, a slot of step each.
	step := 1.0 / float64(groups+1)
	// The plot's data area is the canvas less the axis and its labels.
	slot := (height - 14*vg.Millimeter) / vg.Length(rows) * vg.Length(step)
	largest := 10
	for g := range groups {
		values := make(plotter.Values, rows)
		points := make(plotter.XYs, rows)
		labels := make([]string, rows)
		at := -float64(groups-1)*step/2 + float64(g)*step
		for i, r := range t.Rows {
			y := rows - 1 - i
			c := r.Cells[g]
			pc, ok := c.Percent()
			if ok && c.N > 0 {
				values[y] = float64(pc)
				largest = max(largest, pc)
			}
			points[y] = plotter.XY{X: values[y], Y: float64(y) - at}
			labels[y] = c.Text(s.MinCell)
		}
		bars, err := plotter.NewBarChart(values, slot*0.85)
		if err != nil {
			return nil, legend, err
		}
		bars.Horizontal = true
		bars.XMin = -at
		bars.Color = groupColours[g%len(groupColours)]
		bars.LineStyle.Width = 0
		p.Add(bars)
		text, err := plotter.NewLabels(plotter.XYLabels{XYs: points, Labels: labels})
		if err != nil {
			return nil, legend, err
		}
		for k := range text.TextStyle {
			text.TextStyle[k].Font = font.From(sans, 7)
			text.TextStyle[k].YAlign = draw.YCenter
			text.TextStyle[k].Color = color.Black
		}
		text.Offset = vg.Point{X: 1.2 * vg.Millimeter}
		p.Add(text)
		col := t.Columns[g]
		legend.Add(l.t(col.Label)+" ("+col.Total.Count(s.MinCell)+")", bars)
	}
	names := make([]string, rows)
	for i, r := range t.Rows {
		names[rows-1-i] = l.t(r.Label)
	}
	p.NominalY(names...)
	p.Y.Tick.Length = 0
	p.Y.Padding = 2 * vg.Millimeter
	// Room right of the longest bar for its label, and for the legend.
	p.X.Min, p.X.Max = 0, float64(largest)*1.45+8
	p.X.Tick.Marker = percentTicks{}
	p.X.Label.Text = l.t("percent of the group's patients")
	return p, legend, nil
}

// percentTicks marks a percent axis every 10 or 20 %.
type percentTicks struct{}

func (percentTicks) Ticks(lo, hi float64) []plot.Tick {
	step := 10
	if hi-lo > 60 {
		step = 20
	}
	var ticks []plot.Tick
	for v := 0; float64(v) <= min(hi, 100); v += step {
		if float64(v) >= lo {
			ticks = append(ticks, plot.Tick{Value: float64(v), Label: strconv.Itoa(v) + " %"})
		}
	}
	return ticks
}
