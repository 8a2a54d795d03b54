package report

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// The funnel chart is drawn with gonum/plot (a horizontal bar chart per
// period) rather than by hand: it measures text, places axes and ticks,
// and writes clean SVG that opens in browsers and slide software.

// Sizes of one panel: a single funnel fills a 16:10 slide; several periods
// are laid out in a grid of smaller panels, at most three across.
var (
	singleW, singleH = 16 * vg.Centimeter, 10 * vg.Centimeter
	panelW, panelH   = 12 * vg.Centimeter, 9 * vg.Centimeter
)

const maxPanelsAcross = 3

const margin = 4 * vg.Millimeter

// Colours by stage kind, readable in print and for the common colour
// blindnesses (blue, teal, orange).
var kindColour = map[string]color.Color{
	"step":        color.RGBA{R: 0x1f, G: 0x5f, B: 0xa8, A: 0xff},
	"destination": color.RGBA{R: 0x2a, G: 0x9d, B: 0x8f, A: 0xff},
	"stopped":     color.RGBA{R: 0xe0, G: 0x7a, B: 0x1f, A: 0xff},
}

var kindLegend = []struct{ kind, label string }{
	{"step", "step reached"},
	{"destination", "went to"},
	{"stopped", "stopped"},
}

// sans is the chart's font. The SVG names it by family; svgFontFamily
// below adds metric-compatible fallbacks.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// WriteFunnelSVG draws the funnel: one panel per period, a bar per stage.
func WriteFunnelSVG(w io.Writer, f Funnel) error {
	n := max(len(f.Periods), 1)
	across := min(n, maxPanelsAcross)
	down := (n + across - 1) / across
	pw, ph := panelW, panelH
	if n == 1 {
		pw, ph = singleW, singleH
	}
	canvas := vgsvg.NewWith(vgsvg.UseWH(pw*vg.Length(across), ph*vg.Length(down)))
	// A margin all round, for text a fallback font draws wider than
	// measured.
	dc := draw.Crop(draw.New(canvas), margin, -margin, margin, -margin)
	if len(f.Periods) == 0 {
		p := newFunnelPlot(funnelTitle(f) + ": no referrals")
		p.HideAxes()
		p.Draw(dc)
	} else {
		tiles := draw.Tiles{Rows: down, Cols: across, PadX: 2 * margin, PadY: 2 * margin}
		canvases := plot.Align(panelGrid(f, down, across), tiles, dc)
		for i, period := range f.Periods {
			p, err := funnelPanel(f, period)
			if err != nil {
				return err
			}
			p.Draw(canvases[i/across][i%across])
		}
	}
	var buf bytes.Buffer
	if _, err := canvas.WriteTo(&buf); err != nil {
		return err
	}
	_, err := w.Write(svgFontFamily(buf.Bytes()))
	return err
}

// panelGrid returns placeholder plots for plot.Align, which only needs
// their axes to line panels up; every cell gets a plot.
func panelGrid(f Funnel, down, across int) [][]*plot.Plot {
	grid := make([][]*plot.Plot, down)
	for r := range grid {
		grid[r] = make([]*plot.Plot, across)
		for c := range grid[r] {
			i := r*across + c
			if i < len(f.Periods) {
				p, _ := funnelPanel(f, f.Periods[i])
				grid[r][c] = p
			} else {
				grid[r][c] = newFunnelPlot("")
				grid[r][c].HideAxes()
			}
		}
	}
	return grid
}

func newFunnelPlot(title string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, 13)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, 11)
		a.Tick.Label.Font = font.From(sans, 10)
	}
	p.Legend.TextStyle.Font = font.From(sans, 9)
	return p
}

// funnelPanel draws one period: stages top to bottom, bars coloured by
// kind, each labelled with its count and share of received. A hidden count
// gets its mark ("<3", ":") and no bar.
func funnelPanel(f Funnel, period FunnelPeriod) (*plot.Plot, error) {
	l := f.Lang
	title := period.Period
	if f.By == ByAll {
		title = l.t("Referrals received") + " " + l.period(f.From, f.To, f.First, f.Last)
	}
	p := newFunnelPlot(title)
	ns := len(period.Stages)
	names := make([]string, ns)
	points := make(plotter.XYs, ns)
	labels := make([]string, ns)
	largest := 1.0
	// Bar positions count from the bottom: the first stage is on top.
	for i, s := range period.Stages {
		y := ns - 1 - i
		names[y] = l.t(s.Stage.Label())
		x := 0.0
		if !s.Count.Hidden() {
			x = float64(s.Count.N)
		}
		largest = max(largest, x)
		points[y] = plotter.XY{X: x, Y: float64(y)}
		labels[y] = stageLabel(s.Count, f.MinCell)
	}
	barWidth := (panelH - 2*vg.Centimeter) / vg.Length(ns) * 0.7
	for _, k := range kindLegend {
		var values plotter.Values
		first := -1
		for y := range ns {
			if period.Stages[ns-1-y].Stage.Kind() == k.kind {
				if first < 0 {
					first = y
				}
				values = append(values, points[y].X)
			}
		}
		if values == nil {
			continue
		}
		bars, err := plotter.NewBarChart(values, barWidth)
		if err != nil {
			return nil, err
		}
		bars.Horizontal = true
		bars.XMin = float64(first)
		bars.Color = kindColour[k.kind]
		bars.LineStyle.Width = 0
		p.Add(bars)
		p.Legend.Add(l.t(k.label), bars)
	}
	text, err := plotter.NewLabels(plotter.XYLabels{XYs: points, Labels: labels})
	if err != nil {
		return nil, err
	}
	for i := range text.TextStyle {
		text.TextStyle[i].Font = font.From(sans, 9)
		text.TextStyle[i].YAlign = draw.YCenter
	}
	text.Offset = vg.Point{X: 1.5 * vg.Millimeter}
	p.Add(text)
	p.NominalY(names...)
	p.Y.Tick.Length = 0
	// A viewer without Arial or Liberation Sans draws wider text than
	// measured; the gap keeps stage names off the bars, and the legend's
	// short words stay clear of their swatches.
	p.Y.Padding = 6 * vg.Millimeter
	p.X.Min, p.X.Max = 0, largest*1.35 // room for the labels
	p.X.Label.Text = l.t("patients")
	p.Legend.Top = false // beside the short bars of where patients stopped
	return p, nil
}

// stageLabel is the text next to a bar: "34 (30 %)", "0", "<3" or ":".
func stageLabel(c Cell, minCell int) string {
	if c.Hidden() {
		return c.Count(minCell)
	}
	if pc, ok := c.Percent(); ok && c.N > 0 {
		return fmt.Sprintf("%d (%d %%)", c.N, pc)
	}
	return strconv.Itoa(c.N)
}

// svgFontFamily adds fallbacks to the font family the SVG names. gonum
// measures text with Liberation Sans, which has the metrics of Arial and
// Helvetica, so those render the labels at the widths measured; a viewer
// without any of them still picks a sans-serif rather than its default
// serif.
func svgFontFamily(svg []byte) []byte {
	return bytes.ReplaceAll(svg, []byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
}
