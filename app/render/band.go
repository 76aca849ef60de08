package render

import (
	"image/color"
	"math"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// A flow band reads in a still and in greyscale: it is opaque, edged in a
// darker shade of its colour, and it says which way the goods move and
// how firm its figure is without animation or colour:
//
//   - one way: chevrons along the band point the way, and the band ends
//     in a point; they move with the animation phase;
//   - both directions counted together: pairs of chevrons pointing apart
//     ("<>"), which never move;
//   - actual: a solid band; estimate: solid with pale pinstripes; plan: a
//     pale band hatched in the flow's colour; forecast: a pale band with
//     a broken edge.
//
// Every piece is cut to the picture and a margin first, so a band at a
// huge zoom costs what the picture shows, not its length in pixels.

// bandOutline is the width of the darker edge on each side of a band of
// width w.
func bandOutline(w, px float64) float64 { return max(0.9*px, 0.09*w) }

// BandOutline is the width, in device pixels, of the darker edge drawn on
// each side of a band w device pixels wide at the pixel scale px: a band
// covers w + 2·BandOutline(w, px).
func BandOutline(w, px float64) float64 { return bandOutline(w, px) }

// bandTint is the pale fill of a plan or forecast band: the flow's colour
// at a seventh over white, so the band stays opaque (nothing shows
// through it) and plainly not solid.
func bandTint(c color.NRGBA) color.NRGBA {
	mix := func(v uint8) uint8 { return uint8(255 - (255-float64(v))*0.16 + 0.5) }
	return color.NRGBA{mix(c.R), mix(c.G), mix(c.B), 0xFF}
}

// solidKind reports whether a figure kind is drawn as a solid band:
// actual and estimate are what happened; plan and forecast are hopes.
func solidKind(k data.FigureKind) bool { return k == data.Actual || k == data.Estimate }

// bandMarks are the sizes of a band's direction marks and patterns.
type bandMarks struct {
	period     float64 // between chevrons (or pairs), along the band
	half, deep float64 // a chevron's half-height across and depth along the band
	stroke     float64 // its line width
	thin       bool    // the band is narrower than its marks: marks are drawn in the edge colour, over it
}

func marksFor(w, px float64) bandMarks {
	if w < 7*px {
		return bandMarks{period: 30 * px, half: 3.6 * px, deep: 3 * px, stroke: 1.4 * px, thin: true}
	}
	return bandMarks{period: max(30*px, 4.2*w), half: 0.3 * w, deep: 0.3 * w, stroke: max(1.3*px, 0.11*w)}
}

// tipFor is the point a one-way band ends in: its half-width at the base
// and its length beyond the line's end.
func tipFor(w, px float64) (half, length float64) {
	return w/2 + max(1.5*px, 0.3*w), max(5*px, 0.9*w)
}

// run is a piece of a line inside a box, in image pixels, with the
// distance along the whole line at which it starts.
type run struct {
	pts        []orb.Point
	s0         float64
	start, end bool // the run holds the line's first / last point
}

// runsIn cuts a line in world pixels, moved by (dx, dy) to image pixels,
// to box: only what lies in it is kept, with each run's place along the
// whole line, so marks stay put on the line as the view pans. total is
// the whole line's length.
func runsIn(line []orb.Point, dx, dy float64, box orb.Bound) (runs []run, total float64) {
	var cur *run
	n := len(line)
	for i := 1; i < n; i++ {
		a := orb.Point{line[i-1][0] + dx, line[i-1][1] + dy}
		b := orb.Point{line[i][0] + dx, line[i][1] + dy}
		l := math.Hypot(b[0]-a[0], b[1]-a[1])
		t0, t1, ok := geo.ClipSegment(a, b, box)
		if ok && l > 0 {
			pa := orb.Point{a[0] + (b[0]-a[0])*t0, a[1] + (b[1]-a[1])*t0}
			pb := orb.Point{a[0] + (b[0]-a[0])*t1, a[1] + (b[1]-a[1])*t1}
			if cur == nil || t0 > 0 {
				runs = append(runs, run{pts: []orb.Point{pa}, s0: total + t0*l, start: i == 1 && t0 == 0})
				cur = &runs[len(runs)-1]
			}
			cur.pts = append(cur.pts, pb)
			if i == n-1 && t1 == 1 {
				cur.end = true
			}
			if t1 < 1 {
				cur = nil
			}
		} else if !ok {
			cur = nil
		}
		total += l
	}
	return runs, total
}

// along calls f at each distance s in the arithmetic series first, first
// + step, … that falls on the run, with the point there and the unit
// direction of the line.
func (r *run) along(first, step float64, f func(s float64, p, t orb.Point)) {
	if step <= 0 {
		return
	}
	s := r.s0
	k := math.Ceil((s - first) / step)
	next := first + k*step
	for i := 1; i < len(r.pts); i++ {
		a, b := r.pts[i-1], r.pts[i]
		l := math.Hypot(b[0]-a[0], b[1]-a[1])
		if l == 0 {
			continue
		}
		t := orb.Point{(b[0] - a[0]) / l, (b[1] - a[1]) / l}
		for next <= s+l {
			u := next - s
			f(next, orb.Point{a[0] + t[0]*u, a[1] + t[1]*u}, t)
			next += step
		}
		s += l
	}
}

// drawBands draws every flow with a band at the scene's year, the widest
// first so a narrow band that crosses it stays on top.
func (f *frame) drawBands(lines map[*FlowPath][]orb.Point) {
	m := (2*MaxBandWidth + 24) * f.px
	box := orb.Bound{Min: orb.Point{-m, -m}, Max: orb.Point{f.w + m, f.h + m}}
	for _, df := range f.s.drawnFlows() {
		line := lines[df.fp]
		if len(line) < 2 {
			continue
		}
		runs, total := runsIn(line, f.dx, f.dy, box)
		if len(runs) > 0 && df.fp == f.s.HighlightFlow {
			f.selectedBand(runs, df.w+2*bandOutline(df.w, f.px))
		}
		if len(runs) > 0 {
			f.band(runs, total, bandStyle{w: df.w, col: FlowColour(df.fp.Flow.ID, df.fp.Index), kind: df.kind,
				oneWay: !df.fp.Flow.TwoWay(), phase: f.s.Phase})
		}
	}
}

// selectedBand rims a selected flow's band (width w with its edge) with
// the selection's white casing and black dashes, drawn under the band.
func (f *frame) selectedBand(runs []run, w float64) {
	px := f.px
	pa := f.path()
	for _, r := range runs {
		pa.LineFrom(r.pts, 0, 0, r.s0)
	}
	f.p.Stroke(pa, Pen{Width: w + 10*px}, colHalo)
	f.p.Stroke(pa, Pen{Width: w + 6*px, Dash: []float64{6 * px, 4 * px}}, colSelect)
}

// bandStyle is how one band is drawn.
type bandStyle struct {
	w       float64 // device pixels
	col     color.NRGBA
	kind    data.FigureKind
	oneWay  bool
	phase   float64 // moves a one-way band's chevrons
	noMarks bool    // a legend swatch: no chevrons
}

// colKeyBand is the neutral band of the legend's keys that are about
// every flow (patterns, direction, widths).
var colKeyBand = rgb(0x55, 0x55, 0x55)

// band draws one band from its runs; total is the whole line's length.
func (f *frame) band(runs []run, total float64, st bandStyle) {
	px, w := f.px, st.w
	ow := bandOutline(w, px)
	col := st.col
	edge := FlowOutline(col)
	solid := solidKind(st.kind)
	fill := col
	if !solid {
		fill = bandTint(col)
	}
	oneWay := st.oneWay
	th, tl := tipFor(w, px)

	// The edge: a wider band under the fill (broken for a forecast), and
	// the point the band ends in.
	edgeCol := edge
	edgePen := Pen{Width: w + 2*ow}
	if st.kind == data.Forecast {
		edgeCol = col
		edgePen.Dash = []float64{max(6*px, 1.2*w), max(4*px, 0.6*w)}
	}
	lines, tips := f.path(), &f.tips
	tips.Reset()
	for _, r := range runs {
		lines.LineFrom(r.pts, 0, 0, r.s0)
		if oneWay && r.end {
			tips.Ring(tip(r.pts, th+ow, tl+1.6*ow, ow), 0, 0)
		}
	}
	f.p.Stroke(lines, edgePen, edgeCol)
	f.p.Fill(tips, edgeCol)
	tips.Reset()
	for _, r := range runs {
		if oneWay && r.end {
			tips.Ring(tip(r.pts, th, tl, 0), 0, 0)
		}
	}
	f.p.Stroke(lines, Pen{Width: w}, fill)
	f.p.Fill(tips, fill)

	// The pattern of an estimate or a plan: slanted strokes across the band.
	if st.kind == data.Estimate || st.kind == data.Plan {
		sp, sw, c := max(4.5*px, 0.5*w), max(0.9*px, 0.09*w), withAlpha(colHalo, 0.85)
		if st.kind == data.Plan {
			sp, sw, c = max(3.5*px, 0.33*w), max(1.1*px, 0.12*w), col
		}
		h := w/2 - sw/2
		pa := f.path()
		for i := range runs {
			runs[i].along(0, sp, func(_ float64, p, t orb.Point) {
				n := orb.Point{-t[1], t[0]}
				pa.Line([]orb.Point{{p[0] - n[0]*h - t[0]*h, p[1] - n[1]*h - t[1]*h}, {p[0] + n[0]*h + t[0]*h, p[1] + n[1]*h + t[1]*h}}, 0, 0)
			})
		}
		f.p.Stroke(pa, Pen{Width: sw}, c)
	}

	// Direction: chevrons along a one-way band, moving with the phase;
	// pairs pointing apart on a band that counts both ways, still.
	if st.noMarks {
		return
	}
	mk := marksFor(w, px)
	markCol := withAlpha(colHalo, 0.95)
	switch {
	case mk.thin:
		markCol = edge
	case !solid:
		// On a hatched or pale band the chevrons are the edge colour on
		// a white ground of their own, so the hatching cannot hide them.
		markCol = edge
	}
	keep := mk.period * 0.55 // no mark this near either end
	marks := func(m bandMarks) {
		for i := range runs {
			if oneWay {
				runs[i].along(st.phase*m.period, m.period, func(s float64, p, t orb.Point) {
					if s > keep && s < total-keep-tl {
						f.chevron(p, t, m, 1)
					}
				})
				continue
			}
			runs[i].along(m.period/2, m.period, func(s float64, p, t orb.Point) {
				if s > keep && s < total-keep {
					f.twoWayMark(p, t, m)
				}
			})
		}
	}
	if !solid && !mk.thin {
		ground := mk
		ground.stroke += 2.2 * px
		marks(ground)
		f.flushMarks(ground, colHalo)
	}
	marks(mk)
	f.flushMarks(mk, markCol)
}

// flushMarks strokes the chevrons added since the last flush.
func (f *frame) flushMarks(mk bandMarks, col color.NRGBA) {
	f.p.Stroke(&f.marks, Pen{Width: mk.stroke}, col)
	f.marks.Reset()
}

// chevron adds a ">" whose point is at p, pointing along t (or against
// it, dir −1), to the marks flushMarks draws.
func (f *frame) chevron(p, t orb.Point, mk bandMarks, dir float64) {
	n := orb.Point{-t[1], t[0]}
	bx, by := p[0]-t[0]*mk.deep*dir, p[1]-t[1]*mk.deep*dir
	f.marks.Line([]orb.Point{{bx + n[0]*mk.half, by + n[1]*mk.half}, p, {bx - n[0]*mk.half, by - n[1]*mk.half}}, 0, 0)
}

// twoWayMark adds a double-headed arrow "<->" centred on p along t: the
// flow's figure counts both directions.
func (f *frame) twoWayMark(p, t orb.Point, mk bandMarks) {
	g := mk.deep*1.6 + mk.stroke
	f.chevron(orb.Point{p[0] + t[0]*g, p[1] + t[1]*g}, t, mk, 1)
	f.chevron(orb.Point{p[0] - t[0]*g, p[1] - t[1]*g}, t, mk, -1)
	f.marks.Line([]orb.Point{{p[0] - t[0]*g, p[1] - t[1]*g}, {p[0] + t[0]*g, p[1] + t[1]*g}}, 0, 0)
}

// tip is the point a one-way band ends in, past the run's last point:
// a triangle of the given half-width at its base and length, its base
// moved back by back so an edge drawn under it shows all round.
func tip(pts []orb.Point, half, length, back float64) []orb.Point {
	n := len(pts)
	a, b := pts[n-2], pts[n-1]
	vx, vy := b[0]-a[0], b[1]-a[1]
	l := math.Hypot(vx, vy)
	if l == 0 {
		return nil
	}
	ux, uy := vx/l, vy/l
	bx, by := b[0]-ux*back, b[1]-uy*back
	tri := []orb.Point{{b[0] + ux*length, b[1] + uy*length}, {bx - uy*half, by + ux*half}, {bx + uy*half, by - ux*half}}
	if signedArea(tri) > 0 {
		tri[1], tri[2] = tri[2], tri[1]
	}
	return tri
}
