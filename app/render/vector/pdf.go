package vector

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"strings"
	"time"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"
	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/app/render"
)

// The PDF is written with fpdf (codeberg.org/go-pdf/fpdf, the maintained
// continuation of github.com/go-pdf/fpdf): it embeds TrueType fonts
// subset to the characters used, with a ToUnicode map (text is
// selectable and searchable), writes optional content groups (each
// layer and decoration is a layer in Acrobat's panel, and in
// Illustrator), and compresses the pages.
//
// tdewolff/canvas was measured against it on the default map, each
// drawing the same Painter calls (a throwaway Painter over canvas's
// Context; medians of 5 in one process, fonts read each time): canvas
// 139 ms and 288 kB, fpdf 75 ms and 292 kB. Canvas's PDF sets glyphs by
// id, which fpdf cannot, but it has no optional content groups, and as a
// dependency it brings a LaTeX typesetter and its fonts into the binary
// (a program that writes one PDF with it is 11.4 MB, with fpdf 4.4 MB)
// and raises the versions of go-text/typesetting and GLFW that Fyne is
// built with. fpdf sets text by characters: a glyph that shaping
// substituted is written as the character the face maps to it (U+FB01
// for "fi", an Arabic presentation form) with its source text as actual
// text, and one without such a character is drawn by its outline.

// pdfFamily is the name the faces are registered under.
const pdfFamily = "dejavu"

var pdfStyles = [...]string{render.Regular: "", render.Bold: "B", render.Italic: "I"}

// PDF is a PDF document of one or more pages, each holding pictures drawn
// through its Painter.
type PDF struct {
	f          *fpdf.Fpdf
	groupTitle func(string) string
	layers     map[string]int
}

// PDFOptions describe a document.
type PDFOptions struct {
	Title, Subject string
	// GroupTitle names a group in words (render.Scene.GroupTitle); the
	// document's layers carry these names.
	GroupTitle func(string) string
	// Created is the document's date (zero: now).
	Created time.Time
}

// NewPDF starts a document.
func NewPDF(o PDFOptions) *PDF {
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: 595.28, Ht: 841.89}})
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetCompression(true)
	f.SetCreator("Corridor Atlas", true)
	f.SetProducer("Corridor Atlas (fpdf)", true)
	if o.Title != "" {
		f.SetTitle(o.Title, true)
	}
	if o.Subject != "" {
		f.SetSubject(o.Subject, true)
	}
	if !o.Created.IsZero() {
		f.SetCreationDate(o.Created)
		f.SetModificationDate(o.Created)
	}
	for _, st := range render.FontStyles {
		f.AddUTF8FontFromBytes(pdfFamily, pdfStyles[st], render.FontFile(st))
	}
	gt := o.GroupTitle
	if gt == nil {
		gt = func(n string) string { return n }
	}
	return &PDF{f: f, groupTitle: gt, layers: map[string]int{}}
}

// SetGroupTitle sets how groups drawn from now on are named in words
// (each page's scene names its own layers).
func (d *PDF) SetGroupTitle(f func(string) string) { d.groupTitle = f }

// AddPage starts a page of w×h points.
func (d *PDF) AddPage(w, h float64) {
	d.f.AddPageFormat("P", fpdf.SizeType{Wd: w, Ht: h})
	d.f.SetLineJoinStyle("round")
}

// Bookmark adds an entry for the current page to the document outline.
func (d *PDF) Bookmark(title string) { d.f.Bookmark(title, 0, 0) }

// Close writes the document.
func (d *PDF) Close(w io.Writer) error {
	if err := d.f.Error(); err != nil {
		return fmt.Errorf("pdf: %v", err)
	}
	return d.f.Output(w)
}

// Painter draws a picture on the current page with its top-left corner
// at (x, y) points, k points per pixel, cut to its w×h pixels when clip
// is set. Finish it before drawing anything else on the page.
func (d *PDF) Painter(x, y, k, w, h float64, clip bool) *PDFPainter {
	p := &PDFPainter{d: d, f: d.f, ox: x, oy: y, k: k, alpha: -1, clip: clip,
		box: grow(orb.Bound{Max: orb.Point{w, h}}, 2)}
	if clip {
		d.f.ClipRect(x, y, w*k, h*k, false)
	}
	return p
}

// PDFPainter is a Painter drawing on a PDF page: each Fill and Stroke one
// path, text as text in the embedded faces with halos stroked from the
// letters' outlines (not text: a search finds each name once), each
// top-level group an optional content group.
type PDFPainter struct {
	d      *PDF
	f      *fpdf.Fpdf
	ox, oy float64
	k      float64
	box    orb.Bound
	clip   bool
	depth  int
	alpha  float64
	layer  bool
	st     []stroke
	segs   []render.Segment
}

// Finish ends the picture: the open groups and the clip.
func (p *PDFPainter) Finish() {
	for p.depth > 0 {
		p.End()
	}
	if p.clip {
		p.f.ClipEnd()
		p.alpha = -1
	}
}

// Begin opens a group: at the top level an optional content group of the
// group's title, shared by every page that draws the same group.
func (p *PDFPainter) Begin(name string) {
	p.depth++
	if p.depth > 1 {
		return
	}
	id, ok := p.d.layers[name]
	if !ok {
		title := p.d.groupTitle(name)
		if title == "" {
			title = name
		}
		id = p.f.AddLayer(title, true)
		p.d.layers[name] = id
	}
	p.f.BeginLayer(id)
	p.layer = true
}

// End closes the innermost group.
func (p *PDFPainter) End() {
	if p.depth == 0 {
		return
	}
	p.depth--
	if p.depth == 0 && p.layer {
		p.f.EndLayer()
		p.layer = false
	}
}

func (p *PDFPainter) setAlpha(a uint8) {
	v := math.Round(float64(a)/255*1000) / 1000
	if v != p.alpha {
		p.f.SetAlpha(v, "Normal")
		p.alpha = v
	}
}

// Fill paints the path's subpaths that show as one path.
func (p *PDFPainter) Fill(path *render.Path, col color.NRGBA) {
	if path.Empty() || col.A == 0 {
		return
	}
	s := pdfSink{p: p}
	fillPath(path, p.box, &s)
	if !s.any {
		return
	}
	p.f.SetFillColor(int(col.R), int(col.G), int(col.B))
	p.setAlpha(col.A)
	p.f.DrawPath("F")
}

// Stroke draws the outline of the path's subpaths with the pen, one path
// per dash phase.
func (p *PDFPainter) Stroke(path *render.Path, pen render.Pen, col color.NRGBA) {
	if path.Empty() || col.A == 0 || pen.Width <= 0 {
		return
	}
	p.st = strokePieces(path, grow(p.box, pen.Width), p.st[:0])
	if len(p.st) == 0 {
		return
	}
	p.f.SetDrawColor(int(col.R), int(col.G), int(col.B))
	p.setAlpha(col.A)
	p.f.SetLineWidth(pen.Width * p.k)
	if pen.Cap == render.ButtCap {
		p.f.SetLineCapStyle("butt")
	} else {
		p.f.SetLineCapStyle("round")
	}
	for _, phase := range phases(p.st, pen) {
		if pen.Dash != nil {
			dash := make([]float64, len(pen.Dash))
			for i, v := range pen.Dash {
				dash[i] = v * p.k
			}
			p.f.SetDashPattern(dash, phase*p.k)
		} else {
			p.f.SetDashPattern(nil, 0)
		}
		s := pdfSink{p: p}
		for i := range p.st {
			if pen.Dash == nil || p.st[i].phase == phase {
				sendStroke(&s, &p.st[i])
			}
		}
		p.f.DrawPath("D")
	}
	if pen.Dash != nil {
		p.f.SetDashPattern(nil, 0)
	}
	clear(p.st)
}

// Text sets the runs: the halo of all of them first, stroked from their
// outlines, then their letters.
func (p *PDFPainter) Text(runs []render.TextRun, dx, dy, halo float64, haloCol color.NRGBA) {
	if halo > 0 && haloCol.A > 0 {
		p.segs = outlines(runs, dx, dy, p.segs[:0])
		if len(p.segs) > 0 {
			s := pdfSink{p: p}
			sendOutline(&s, p.segs)
			p.f.SetDrawColor(int(haloCol.R), int(haloCol.G), int(haloCol.B))
			p.setAlpha(haloCol.A)
			p.f.SetLineWidth(haloWidth(halo) * p.k)
			p.f.SetLineCapStyle("round")
			p.f.SetDashPattern(nil, 0)
			p.f.DrawPath("D")
		}
	}
	for _, t := range runs {
		if t.Colour.A == 0 {
			continue
		}
		set, outlined := splitRun(t, dx, dy)
		p.setAlpha(t.Colour.A)
		for i := range set {
			p.setText(&set[i], t.Colour)
		}
		if len(outlined) > 0 {
			p.segs = p.segs[:0]
			for _, g := range outlined {
				p.segs = g.Outline(p.segs)
			}
			s := pdfSink{p: p}
			sendOutline(&s, p.segs)
			if s.any {
				p.f.SetFillColor(int(t.Colour.R), int(t.Colour.G), int(t.Colour.B))
				p.f.DrawPath("F")
			}
		}
	}
}

// setText writes a run of letters, a new string at each moved letter
// (fpdf places strings, not single glyphs).
func (p *PDFPainter) setText(r *setRun, col color.NRGBA) {
	p.f.SetFont(pdfFamily, pdfStyles[r.font], r.size*p.k)
	p.f.SetTextColor(int(col.R), int(col.G), int(col.B))
	// A substituted glyph is a piece of its own, marked with the text it
	// stands for (PDF's ActualText), so "ﬁ" is found and copied as "fi".
	cut := func(i int) bool { _, ok := r.actual[i]; return ok || r.shifted(i) }
	from := 0
	for i := 1; i <= len(r.runes); i++ {
		if i < len(r.runes) && !cut(i) && !cut(i-1) {
			continue
		}
		x, y := r.pos[from][0], r.pos[from][1]
		actual, ok := r.actual[from]
		if ok {
			p.f.RawWriteStr("/Span <</ActualText " + pdfText(actual) + ">> BDC")
		}
		p.f.Text(p.ox+x*p.k, p.oy+y*p.k, string(r.runes[from:i]))
		if ok {
			p.f.RawWriteStr("EMC")
		}
		from = i
	}
}

// pdfText is a PDF text string in UTF-16BE with its byte order mark, as
// a hex string.
func pdfText(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// Reuse draws: a PDF keeps nothing between pictures.
func (p *PDFPainter) Reuse(_ string, _ render.Box, draw func()) { draw() }

// pdfSink builds a path in fpdf, from pixels to the page's points.
type pdfSink struct {
	p   *PDFPainter
	cur orb.Point
	any bool
}

func (s *pdfSink) pt(q orb.Point) (float64, float64) {
	return s.p.ox + q[0]*s.p.k, s.p.oy + q[1]*s.p.k
}

func (s *pdfSink) moveTo(q orb.Point) {
	s.p.f.MoveTo(s.pt(q))
	s.cur, s.any = q, true
}

func (s *pdfSink) lineTo(q orb.Point) {
	s.p.f.LineTo(s.pt(q))
	s.cur = q
}

// quadTo is drawn as the cubic it equals.
func (s *pdfSink) quadTo(c, q orb.Point) {
	c1 := orb.Point{s.cur[0] + 2.0/3*(c[0]-s.cur[0]), s.cur[1] + 2.0/3*(c[1]-s.cur[1])}
	c2 := orb.Point{q[0] + 2.0/3*(c[0]-q[0]), q[1] + 2.0/3*(c[1]-q[1])}
	s.cubicTo(c1, c2, q)
}

func (s *pdfSink) cubicTo(c1, c2, q orb.Point) {
	ax, ay := s.pt(c1)
	bx, by := s.pt(c2)
	x, y := s.pt(q)
	s.p.f.CurveBezierCubicTo(ax, ay, bx, by, x, y)
	s.cur = q
}

func (s *pdfSink) closePath() { s.p.f.ClosePath() }

// kappa places a cubic's control points on a quarter circle.
const kappa = 0.5522847498

func (s *pdfSink) circle(c orb.Point, r float64) {
	k := kappa * r
	x, y := c[0], c[1]
	s.moveTo(orb.Point{x + r, y})
	s.cubicTo(orb.Point{x + r, y + k}, orb.Point{x + k, y + r}, orb.Point{x, y + r})
	s.cubicTo(orb.Point{x - k, y + r}, orb.Point{x - r, y + k}, orb.Point{x - r, y})
	s.cubicTo(orb.Point{x - r, y - k}, orb.Point{x - k, y - r}, orb.Point{x, y - r})
	s.cubicTo(orb.Point{x + k, y - r}, orb.Point{x + r, y - k}, orb.Point{x + r, y})
	s.closePath()
}

func (s *pdfSink) rect(b render.Box) {
	s.moveTo(orb.Point{b.X0, b.Y0})
	s.lineTo(orb.Point{b.X1, b.Y0})
	s.lineTo(orb.Point{b.X1, b.Y1})
	s.lineTo(orb.Point{b.X0, b.Y1})
	s.closePath()
}
