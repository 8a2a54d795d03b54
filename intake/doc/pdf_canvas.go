package doc

import (
	"image"
	"image/color"
	"math"

	"codeberg.org/go-pdf/fpdf"
	stdfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// pdfCanvas lets gonum/plot draw into a rectangle of a page of our own
// fpdf document, so the charts of the printed reports are the same
// gonum charts as the SVG ones, vector and with their text as text.
// gonum's own vgpdf cannot do it: it makes a document of its own, one
// page per canvas, and encodes text in cp1252, which has no "→" (the
// funnel's destination stages) and writes font files to a temporary
// directory. Text here is set in the document's embedded Liberation Sans,
// the font gonum measures with, so labels land where gonum placed them.
//
// Coordinates: gonum's are points from the rectangle's lower left corner,
// y up. One `cm` moves that origin to the rectangle on the page; each
// point is then given to fpdf as the user coordinates that fpdf maps back
// to exactly that point (fpdf's y runs down the page, in mm), so gonum's
// own Translate, Rotate and Scale become plain `cm` operators.
type pdfCanvas struct {
	doc   *fpdf.Fpdf
	w, h  vg.Length
	pageH float64 // the page's height in mm
	stack []pdfState
}

type pdfState struct {
	colour color.Color
	width  vg.Length
}

// mmPerPoint converts gonum's points to the document's mm.
const mmPerPoint = 25.4 / 72

// drawPDFChart draws with draw into the rectangle x, y (its top left
// corner, mm from the page's top left), w by h mm of doc's current page,
// then restores what the chart changed of the document's state.
func drawPDFChart(doc *fpdf.Fpdf, x, y, w, h float64, draw func(draw.Canvas)) {
	_, pageH := doc.GetPageSize()
	c := &pdfCanvas{doc: doc, w: vg.Length(w / mmPerPoint), h: vg.Length(h / mmPerPoint), pageH: pageH,
		stack: []pdfState{{colour: color.Black, width: 1}}}
	doc.TransformBegin()
	// The rectangle's lower left corner, in points from the page's.
	doc.Transform(fpdf.TransformMatrix{A: 1, D: 1, E: x / mmPerPoint, F: (pageH - y - h) / mmPerPoint})
	c.SetColor(color.Black)
	c.SetLineWidth(1)
	draw(drawCanvas(c))
	doc.TransformEnd()
	// Q restored the page's graphics state, but fpdf still believes the
	// chart's colours, width and font are current: set them anew.
	doc.SetDashPattern(nil, 0)
	doc.SetLineWidth(0.2)
	doc.SetDrawColor(0, 0, 0)
	doc.SetFillColor(255, 255, 255)
	doc.SetTextColor(0, 0, 0)
	if _, size := doc.GetFontSize(); size > 0 {
		doc.SetFontUnitSize(size)
	}
}

// drawCanvas wraps c as the draw.Canvas gonum draws plots on.
func drawCanvas(c *pdfCanvas) draw.Canvas {
	return draw.Canvas{Canvas: c, Rectangle: vg.Rectangle{Max: vg.Point{X: c.w, Y: c.h}}}
}

// at is the fpdf user coordinate (mm, y down) that fpdf maps to the
// point p of the transformed space.
func (c *pdfCanvas) at(p vg.Point) (float64, float64) {
	return float64(p.X) * mmPerPoint, c.pageH - float64(p.Y)*mmPerPoint
}

func (c *pdfCanvas) top() *pdfState { return &c.stack[len(c.stack)-1] }

func (c *pdfCanvas) Size() (vg.Length, vg.Length) { return c.w, c.h }

func (c *pdfCanvas) SetLineWidth(w vg.Length) {
	c.top().width = w
	if w > 0 {
		c.doc.SetLineWidth(float64(w) * mmPerPoint)
	}
}

func (c *pdfCanvas) SetLineDash(pattern []vg.Length, offset vg.Length) {
	mm := make([]float64, len(pattern))
	for i, d := range pattern {
		mm[i] = float64(d) * mmPerPoint
	}
	c.doc.SetDashPattern(mm, float64(offset)*mmPerPoint)
}

func (c *pdfCanvas) SetColor(col color.Color) {
	if col == nil {
		col = color.Black
	}
	c.top().colour = col
	r, g, b, _ := col.RGBA()
	c.doc.SetDrawColor(int(r>>8), int(g>>8), int(b>>8))
	c.doc.SetFillColor(int(r>>8), int(g>>8), int(b>>8))
	c.doc.SetTextColor(int(r>>8), int(g>>8), int(b>>8))
}

func (c *pdfCanvas) Rotate(rad float64) {
	sin, cos := math.Sincos(rad)
	c.doc.Transform(fpdf.TransformMatrix{A: cos, B: sin, C: -sin, D: cos})
}

func (c *pdfCanvas) Translate(p vg.Point) {
	c.doc.Transform(fpdf.TransformMatrix{A: 1, D: 1, E: float64(p.X), F: float64(p.Y)})
}

func (c *pdfCanvas) Scale(x, y float64) {
	c.doc.Transform(fpdf.TransformMatrix{A: x, D: y})
}

func (c *pdfCanvas) Push() {
	c.stack = append(c.stack, *c.top())
	c.doc.TransformBegin()
}

func (c *pdfCanvas) Pop() {
	c.doc.TransformEnd()
	c.stack = c.stack[:len(c.stack)-1]
}

func (c *pdfCanvas) Stroke(p vg.Path) {
	if c.top().width > 0 {
		c.path(p, "D")
	}
}

func (c *pdfCanvas) Fill(p vg.Path) { c.path(p, "F") }

func (c *pdfCanvas) path(p vg.Path, style string) {
	var start vg.Point
	for _, comp := range p {
		switch comp.Type {
		case vg.MoveComp:
			start = comp.Pos
			c.doc.MoveTo(c.at(comp.Pos))
		case vg.LineComp:
			c.doc.LineTo(c.at(comp.Pos))
		case vg.ArcComp:
			// An arc as short lines: charts here draw none, glyphs
			// might, and a few degrees a segment is finer than print.
			n := max(4, int(math.Abs(comp.Angle)/(math.Pi/36)))
			for i := 0; i <= n; i++ {
				a := comp.Start + comp.Angle*float64(i)/float64(n)
				c.doc.LineTo(c.at(vg.Point{X: comp.Pos.X + comp.Radius*vg.Length(math.Cos(a)),
					Y: comp.Pos.Y + comp.Radius*vg.Length(math.Sin(a))}))
			}
		case vg.CurveComp:
			x, y := c.at(comp.Pos)
			switch len(comp.Control) {
			case 1:
				cx, cy := c.at(comp.Control[0])
				c.doc.CurveTo(cx, cy, x, y)
			case 2:
				cx, cy := c.at(comp.Control[0])
				dx, dy := c.at(comp.Control[1])
				c.doc.CurveBezierCubicTo(cx, cy, dx, dy, x, y)
			}
		case vg.CloseComp:
			c.doc.LineTo(c.at(start))
			c.doc.ClosePath()
		}
	}
	c.doc.DrawPath(style)
}

// FillString sets text with its baseline's left end at p, in the
// document's Liberation Sans (bold where gonum asks for it).
func (c *pdfCanvas) FillString(f font.Face, p vg.Point, s string) {
	if f.Font.Size == 0 {
		return
	}
	style := ""
	if f.Font.Weight >= stdfont.WeightBold {
		style = "B"
	}
	size := float64(f.Font.Size)
	c.doc.SetFont("sans", style, size)
	// Tf again: a Pop may have restored an older font that fpdf,
	// unaware, still thinks is replaced.
	c.doc.SetFontSize(size)
	x, y := c.at(p)
	c.doc.Text(x, y, s)
}

// DrawImage is not needed: the charts of the reports have no images.
func (c *pdfCanvas) DrawImage(vg.Rectangle, image.Image) {}
