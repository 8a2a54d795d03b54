package report

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"strconv"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"envei/intake/doc"
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

// WriteFunnelSVG draws the funnel for a slide: a title with the period and
// the source, one legend, then one panel per period — every month (or
// week) from the first to the last, empty ones included so that a gap is
// seen as one — all on one scale of whole patients, each bar labelled with
// its count, share of received and median wait.
func WriteFunnelSVG(w io.Writer, f Funnel) error {
	l := f.Lang
	periods := withGaps(f)
	n := max(len(periods), 1)
	across := min(n, maxPanelsAcross)
	down := (n + across - 1) / across
	pw, ph := panelW, panelH
	if n == 1 {
		pw, ph = singleW, singleH
	}
	width := pw * vg.Length(across)
	header := newFunnelHeader(f, width-2*margin)
	canvas := vgsvg.NewWith(vgsvg.UseWH(width, ph*vg.Length(down)+header.height()))
	// A margin all round, for text a fallback font draws wider than
	// measured.
	dc := draw.Crop(draw.New(canvas), margin, -margin, margin, -margin)
	header.draw(dc)
	body := draw.Crop(dc, 0, 0, 0, -header.height())
	if len(f.Periods) == 0 {
		p := newFunnelPlot(l.t("no referrals"))
		p.HideAxes()
		p.Draw(body)
	} else {
		largest := 1
		for _, p := range f.Periods {
			for _, s := range p.Stages {
				if !s.Count.Hidden() {
					largest = max(largest, s.Count.N)
				}
			}
		}
		grid := make([][]*plot.Plot, down)
		for r := range grid {
			grid[r] = make([]*plot.Plot, across)
			for c := range grid[r] {
				i := r*across + c
				if i >= len(periods) {
					grid[r][c] = newFunnelPlot("")
					grid[r][c].HideAxes()
					continue
				}
				p, err := funnelPanel(f, periods[i], largest)
				if err != nil {
					return err
				}
				grid[r][c] = p
			}
		}
		tiles := draw.Tiles{Rows: down, Cols: across, PadX: 2 * margin, PadY: 2 * margin}
		canvases := plot.Align(grid, tiles, body)
		for r := range grid {
			for c := range grid[r] {
				if r*across+c < len(periods) {
					grid[r][c].Draw(canvases[r][c])
				}
			}
		}
	}
	var buf bytes.Buffer
	if _, err := canvas.WriteTo(&buf); err != nil {
		return err
	}
	_, err := w.Write(svgFontFamily(buf.Bytes()))
	return err
}

// funnelHeader is the band above the panels: the title with the period,
// a line with the source (and the small-number rule, when counts are
// hidden), each broken to fit the width, and the legend, whose swatches
// stand left of their words with room for a wider font.
type funnelHeader struct {
	f             Funnel
	title, source []string
}

var (
	titleSize, sourceSize, legendSize vg.Length = 13, 8, 9
	legendH                                     = 0.9 * vg.Centimeter
)

func newFunnelHeader(f Funnel, width vg.Length) funnelHeader {
	l := f.Lang
	source := l.t("Source: envei, the reception's referrals. Bars are patients; beside each, patients, percent of received and median days from received.")
	source = f.Region.svgSource(l, source)
	if f.MinCell > 1 {
		source += " " + l.f("Counts below %d are hidden (<%d, :).", f.MinCell, f.MinCell)
	}
	// Broken at three quarters of the width: a fallback font draws wider
	// than the one measured.
	return funnelHeader{f: f,
		title:  breakText(funnelTitle(f), headerText(titleSize), width*3/4),
		source: breakText(source, headerText(sourceSize), width*3/4)}
}

func headerText(size vg.Length) draw.TextStyle {
	return draw.TextStyle{Color: color.Black, Font: font.From(sans, size), XAlign: draw.XLeft, YAlign: draw.YTop,
		Handler: plot.DefaultTextHandler}
}

func (h funnelHeader) height() vg.Length {
	return vg.Length(len(h.title))*titleSize*1.3 + vg.Length(len(h.source))*sourceSize*1.3 + legendH
}

func (h funnelHeader) draw(dc draw.Canvas) {
	l := h.f.Lang
	y := dc.Max.Y
	for _, line := range h.title {
		dc.FillText(headerText(titleSize), vg.Point{X: dc.Min.X, Y: y}, line)
		y -= titleSize * 1.3
	}
	for _, line := range h.source {
		dc.FillText(headerText(sourceSize), vg.Point{X: dc.Min.X, Y: y}, line)
		y -= sourceSize * 1.3
	}
	y -= 2 * vg.Millimeter
	drawKindLegend(dc, l, dc.Min.X, y)
}

// drawKindLegend draws the legend of the stage kinds in a row from (x, y),
// its top left.
func drawKindLegend(dc draw.Canvas, l Lang, x, y vg.Length) {
	sw := 3 * vg.Millimeter
	for _, k := range kindLegend {
		dc.SetColor(kindColour[k.kind])
		dc.Fill(rectPath(x, y-sw, sw, sw))
		st := headerText(legendSize)
		word := l.t(k.label)
		dc.FillText(st, vg.Point{X: x + sw + 1.5*vg.Millimeter, Y: y}, word)
		// Room for a font up to a third wider than the one measured.
		x += sw + 1.5*vg.Millimeter + st.Width(word)*4/3 + 6*vg.Millimeter
	}
}

// breakText breaks s into lines no wider than width in st.
func breakText(s string, st draw.TextStyle, width vg.Length) []string {
	return doc.BreakWords(s, func(l string) bool { return st.Width(l) <= width })
}

// rectPath is a closed rectangle from (x, y), w wide and h high.
func rectPath(x, y, w, h vg.Length) vg.Path {
	var p vg.Path
	p.Move(vg.Point{X: x, Y: y})
	p.Line(vg.Point{X: x + w, Y: y})
	p.Line(vg.Point{X: x + w, Y: y + h})
	p.Line(vg.Point{X: x, Y: y + h})
	p.Close()
	return p
}

// withGaps returns the funnel's periods with an empty one for each month
// or ISO week between them that had no referrals.
func withGaps(f Funnel) []FunnelPeriod {
	if f.By == ByAll || len(f.Periods) < 2 {
		return f.Periods
	}
	next := func(name string) (string, bool) {
		if f.By == ByMonth {
			t, err := time.Parse("2006-01", name)
			if err != nil {
				return "", false
			}
			return t.AddDate(0, 1, 0).Format("2006-01"), true
		}
		var y, w int
		if _, err := fmt.Sscanf(name, "%d-W%d", &y, &w); err != nil {
			return "", false
		}
		// The Monday of week w: week 1 holds 4 January.
		jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(w-1))
		ny, nw := monday.AddDate(0, 0, 7).ISOWeek()
		return fmt.Sprintf("%04d-W%02d", ny, nw), true
	}
	out := []FunnelPeriod{f.Periods[0]}
	for _, p := range f.Periods[1:] {
		name := out[len(out)-1].Period
		for range 1000 { // a bound: periods come in order
			n, ok := next(name)
			if !ok || n >= p.Period {
				break
			}
			out = append(out, emptyPeriod(n))
			name = n
		}
		out = append(out, p)
	}
	return out
}

// emptyPeriod is a period without referrals: every stage zero.
func emptyPeriod(name string) FunnelPeriod {
	p := FunnelPeriod{Period: name}
	for _, s := range Stages {
		p.Stages = append(p.Stages, StageCount{Stage: s})
	}
	return p
}

// wholeTicks marks an axis of patients at whole numbers: 1, 2 or 5 times
// a power of ten apart, five or so along the axis.
type wholeTicks struct{}

func (wholeTicks) Ticks(lo, hi float64) []plot.Tick {
	step := 1
	for _, m := range []int{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000, 500000} {
		step = m
		if (hi-lo)/float64(m) <= 6 {
			break
		}
	}
	var ticks []plot.Tick
	for v := 0; float64(v) <= hi; v += step {
		if float64(v) >= lo {
			ticks = append(ticks, plot.Tick{Value: float64(v), Label: strconv.Itoa(v)})
		}
	}
	return ticks
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
func funnelPanel(f Funnel, period FunnelPeriod, largest int) (*plot.Plot, error) {
	l := f.Lang
	title := l.periodName(period.Period)
	if f.By == ByAll {
		title = "" // the header says it
	}
	if period.Stages[0].Count.N == 0 && !period.Stages[0].Count.Hidden() {
		title += " – " + l.t("no referrals")
	}
	p := newFunnelPlot(title)
	ns := len(period.Stages)
	names := make([]string, ns)
	points := make(plotter.XYs, ns)
	labels := make([]string, ns)
	// Bar positions count from the bottom: the first stage is on top.
	for i, s := range period.Stages {
		y := ns - 1 - i
		names[y] = l.t(s.Stage.Label())
		x := 0.0
		if !s.Count.Hidden() {
			x = float64(s.Count.N)
		}
		points[y] = plotter.XY{X: x, Y: float64(y)}
		labels[y] = stageLabel(s.Count, f.MinCell)
		if s.HasMedian {
			labels[y] += " · " + l.f("%d d", s.MedianDays)
		}
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
	// One scale for every panel, in whole patients, with room for the
	// labels beside the longest bar.
	p.X.Min, p.X.Max = 0, float64(largest)*1.6
	p.X.Tick.Marker = wholeTicks{}
	p.X.Label.Text = l.t("patients")
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
