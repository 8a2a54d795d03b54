package report

import (
	"bytes"
	"image/color"
	"io"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// The flow picture of the pilot slide: where the GP addressed the referral
// (left) to where the patients went (right). gonum/plot has a Sankey
// plotter, but it sizes every node from the flow values and writes no
// number on a flow; the slide needs each band's patients and percent, and
// a hidden count drawn at a width that says nothing of it. So the picture
// is drawn on gonum's own canvas (vg), with the funnel chart's font, text
// measurement, header and SVG writer, and laid out here.

// The picture fills a 16:10 slide.
var flowW, flowH = 24 * vg.Centimeter, 15 * vg.Centimeter

var (
	// hiddenBand is the width of every band whose count is hidden: one
	// fixed width, whatever the count, so it cannot be measured back.
	hiddenBand = 2 * vg.Millimeter
	nodeW      = 4 * vg.Millimeter
	nodeGap    = 4 * vg.Millimeter
	bandText   = vg.Length(7.5)
	nodeText   = vg.Length(9)
	// The columns of labels left of the groups and right of the outcomes.
	leftLabels, rightLabels = 5.5 * vg.Centimeter, 6 * vg.Centimeter
)

// Colours by group, readable in print and for the common colour
// blindnesses; a hidden band is grey.
var (
	groupColours = []color.Color{
		color.RGBA{R: 0x1f, G: 0x5f, B: 0xa8, A: 0xff},
		color.RGBA{R: 0x2a, G: 0x9d, B: 0x8f, A: 0xff},
		color.RGBA{R: 0xe0, G: 0x7a, B: 0x1f, A: 0xff},
		color.RGBA{R: 0x7b, G: 0x4f, B: 0x9d, A: 0xff},
	}
	hiddenColour = color.RGBA{R: 0x9e, G: 0x9e, B: 0x9e, A: 0xff}
	nodeColour   = color.RGBA{R: 0x33, G: 0x33, B: 0x33, A: 0xff}
)

// flowBand is one cell of the routing table drawn as a band.
type flowBand struct {
	group, outcome int
	cell           Cell
	width          vg.Length
	leftY, rightY  vg.Length // top of the band at each end
}

// WriteStatsSVG draws the routing table as a two-level flow for a slide:
// a title with the period, the source and the legend, the groups on the
// left, the outcomes on the right, and between them one band per cell of
// patients, labelled with its count and percent of the group. Only the
// suppressed table is used: a hidden cell is a grey band of one fixed
// width with its mark, and every node is as tall as its bands, so no
// length in the picture depends on a hidden count.
func WriteStatsSVG(w io.Writer, s Stats) error {
	l := s.Lang
	header := newFlowHeader(s, flowW-2*margin)
	canvas := vgsvg.NewWith(vgsvg.UseWH(flowW, flowH))
	dc := draw.Crop(draw.New(canvas), margin, -margin, margin, -margin)
	header.draw(dc)
	body := draw.Crop(dc, 0, 0, 0, -header.height())
	t := s.Routing
	if s.Referrals == 0 || t.Empty() {
		body.FillText(headerText(nodeText), vg.Point{X: body.Min.X, Y: body.Max.Y}, l.t("no referrals"))
	} else {
		drawFlow(body, s)
	}
	var buf bytes.Buffer
	if _, err := canvas.WriteTo(&buf); err != nil {
		return err
	}
	_, err := w.Write(svgFontFamily(buf.Bytes()))
	return err
}

// drawFlow lays out and draws the groups, outcomes and bands in c.
func drawFlow(c draw.Canvas, s Stats) {
	l := s.Lang
	t := s.Routing
	groups := len(t.Columns) - 1 // the last column is the total
	outcomes := len(t.Rows)

	leftX := c.Min.X + leftLabels
	rightX := c.Max.X - rightLabels - nodeW
	x0, x1 := leftX+nodeW, rightX

	// Column headings, over the nodes.
	heading := headerText(nodeText)
	heading.XAlign = draw.XRight
	top := c.Max.Y
	c.FillText(heading, vg.Point{X: x0, Y: top}, l.t("addressed to"))
	heading.XAlign = draw.XLeft
	c.FillText(heading, vg.Point{X: x1, Y: top}, l.t("outcome"))
	top -= nodeText * 2

	// The bands: every nonzero cell of the groups' columns.
	shown := 0
	var bands []flowBand
	for i, r := range t.Rows {
		for j := range groups {
			cell := r.Cells[j]
			if !cell.Hidden() && cell.N == 0 {
				continue
			}
			shown += cell.N // 0 when hidden
			bands = append(bands, flowBand{group: j, outcome: i, cell: cell})
		}
	}

	// The labels, and the room each node needs for them: a node's slot
	// is the taller of its bands and its labels.
	label := headerText(nodeText)
	label.XAlign, label.YAlign = draw.XRight, draw.YCenter
	nodeLine := nodeText * 1.2
	bandLine := bandText * 1.15
	groupLines := make([][]string, groups)
	for j, col := range t.Columns[:groups] {
		groupLines[j] = append(breakText(l.t(col.Label), label, leftLabels*3/4), col.Total.Text(s.MinCell))
	}
	outcomeLines := make([][]string, outcomes)
	outcomeRoom := make([]vg.Length, outcomes)
	for i, r := range t.Rows {
		outcomeLines[i] = append(breakText(l.t(r.Label), label, rightLabels*3/4), r.Cells[groups].Text(s.MinCell))
		outcomeRoom[i] = vg.Length(len(outcomeLines[i])) * nodeLine
	}

	// The scale: the largest that lets both sides fit. A hidden band has
	// its fixed width whatever the scale.
	groupH := make([]vg.Length, groups)
	groupRoom := make([]vg.Length, groups)
	outcomeH := make([]vg.Length, outcomes)
	height := top - c.Min.Y
	layout := func(perPatient vg.Length) vg.Length {
		clear(groupH)
		clear(outcomeH)
		// A group's band labels go down it one under the other, each
		// at its band or below the one before.
		for j := range groups {
			groupRoom[j] = vg.Length(len(groupLines[j])) * nodeLine
		}
		bandLabels := make([]vg.Length, groups)
		for k := range bands {
			bands[k].width = hiddenBand
			if !bands[k].cell.Hidden() {
				bands[k].width = vg.Length(bands[k].cell.N) * perPatient
			}
			groupH[bands[k].group] += bands[k].width
			bandLabels[bands[k].group] += max(bands[k].width, bandLine)
			outcomeH[bands[k].outcome] += bands[k].width
		}
		for j := range groups {
			groupRoom[j] = max(groupRoom[j], bandLabels[j])
		}
		need := func(h, room []vg.Length) vg.Length {
			n := vg.Length(len(h)-1) * nodeGap
			for i := range h {
				n += max(h[i], room[i])
			}
			return n
		}
		return max(need(groupH, groupRoom), need(outcomeH, outcomeRoom))
	}
	perPatient := vg.Length(0)
	if shown > 0 {
		perPatient = height / vg.Length(shown)
		for range 100 { // shrinks by 2 % a step: fits well before the end
			if layout(perPatient) <= height {
				break
			}
			perPatient *= 0.98
		}
	}
	layout(perPatient)

	// Nodes stand at the top of their slots; bands leave a group in the
	// order of the outcomes and reach an outcome in the order of the
	// groups.
	groupTop := make([]vg.Length, groups)
	outcomeTop := make([]vg.Length, outcomes)
	y := top
	for j := range groups {
		groupTop[j] = y
		y -= max(groupH[j], groupRoom[j]) + nodeGap
	}
	y = top
	for i := range outcomes {
		outcomeTop[i] = y
		y -= max(outcomeH[i], outcomeRoom[i]) + nodeGap
	}
	at := append([]vg.Length(nil), groupTop...)
	for k := range bands { // in row order: the outcomes' order in each group
		bands[k].leftY = at[bands[k].group]
		at[bands[k].group] -= bands[k].width
	}
	at = append([]vg.Length(nil), outcomeTop...)
	for i := range outcomes {
		for k := range bands {
			if bands[k].outcome == i {
				bands[k].rightY = at[i]
				at[i] -= bands[k].width
			}
		}
	}

	// Bands, behind the nodes.
	for _, b := range bands {
		col := groupColours[b.group%len(groupColours)]
		if b.cell.Hidden() {
			col = hiddenColour
		}
		c.SetColor(withAlpha(col, 0x80))
		c.Fill(bandPath(x0, x1, b.leftY, b.rightY, b.width))
	}

	// Nodes and their labels, each label centred on its slot.
	for j := range groups {
		c.SetColor(nodeColour) // the text drawn after it is black
		c.Fill(rectPath(leftX, groupTop[j]-groupH[j], nodeW, groupH[j]))
		drawLines(c, label, leftX-1.5*vg.Millimeter, groupTop[j]-max(groupH[j], groupRoom[j])/2, groupLines[j])
	}
	label.XAlign = draw.XLeft
	for i := range outcomes {
		c.SetColor(nodeColour)
		c.Fill(rectPath(rightX, outcomeTop[i]-outcomeH[i], nodeW, outcomeH[i]))
		drawLines(c, label, rightX+nodeW+1.5*vg.Millimeter, outcomeTop[i]-max(outcomeH[i], outcomeRoom[i])/2, outcomeLines[i])
	}

	// Each band's count and percent at its left end, pushed down where
	// bands are thinner than the text (the slot has room for them).
	small := headerText(bandText)
	small.XAlign, small.YAlign = draw.XLeft, draw.YCenter
	last := make([]vg.Length, groups)
	for j := range last {
		last[j] = groupTop[j] + bandLine/2
	}
	for _, b := range bands {
		y := min(b.leftY-b.width/2, last[b.group]-bandLine)
		last[b.group] = y
		c.FillText(small, vg.Point{X: x0 + 1*vg.Millimeter, Y: y}, stageLabel(b.cell, s.MinCell))
	}
}

// drawLines draws lines centred on y, one under the other.
func drawLines(c draw.Canvas, st draw.TextStyle, x, y vg.Length, lines []string) {
	h := st.Font.Size * 1.2
	y += h * vg.Length(len(lines)-1) / 2
	for _, line := range lines {
		c.FillText(st, vg.Point{X: x, Y: y}, line)
		y -= h
	}
}

// bandPath is a band w wide from (x0, top y0) to (x1, top y1), its edges
// S-curves.
func bandPath(x0, x1, y0, y1, w vg.Length) vg.Path {
	mid := (x0 + x1) / 2
	var p vg.Path
	p.Move(vg.Point{X: x0, Y: y0})
	p.CubeTo(vg.Point{X: mid, Y: y0}, vg.Point{X: mid, Y: y1}, vg.Point{X: x1, Y: y1})
	p.Line(vg.Point{X: x1, Y: y1 - w})
	p.CubeTo(vg.Point{X: mid, Y: y1 - w}, vg.Point{X: mid, Y: y0 - w}, vg.Point{X: x0, Y: y0 - w})
	p.Close()
	return p
}

// withAlpha is c, opaque, made translucent: bands show where they cross.
func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}

// flowHeader is the band above the flow: the title with the period, the
// source and what the picture shows, and what --min-cell hid and how it
// is drawn, each broken to fit the width.
type flowHeader struct {
	title, source []string
}

func newFlowHeader(s Stats, width vg.Length) flowHeader {
	l := s.Lang
	source := l.t("Source: envei, the reception's referrals. Left: where the GP addressed the referral (or self-booked); right: where the patients were routed after the first conversation. Band widths are patients, labelled with patients and percent of the group; a patient routed to two services is in two bands.")
	source = s.Region.svgSource(l, source)
	if s.MinCell > 1 {
		source += " " + l.f("Counts below %d are hidden (<%d, :) and drawn as thin grey bands of one fixed width, which does not show their size.", s.MinCell, s.MinCell)
	}
	if s.Exposed() {
		// As the text report warns: the slide must not leave the
		// reception as it is.
		source += " " + l.t("WARNING: some rows or columns are so small that their hidden counts can still be worked out; leave them out or choose a longer period before this report leaves the reception.")
	}
	return flowHeader{
		title:  breakText(statsTitle(s), headerText(titleSize), width*3/4),
		source: breakText(source, headerText(sourceSize), width*3/4)}
}

func (h flowHeader) height() vg.Length {
	return vg.Length(len(h.title))*titleSize*1.3 + vg.Length(len(h.source))*sourceSize*1.3 + 4*vg.Millimeter
}

func (h flowHeader) draw(dc draw.Canvas) {
	y := dc.Max.Y
	for _, line := range h.title {
		dc.FillText(headerText(titleSize), vg.Point{X: dc.Min.X, Y: y}, line)
		y -= titleSize * 1.3
	}
	for _, line := range h.source {
		dc.FillText(headerText(sourceSize), vg.Point{X: dc.Min.X, Y: y}, line)
		y -= sourceSize * 1.3
	}
}
