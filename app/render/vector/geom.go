package vector

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// sink receives a path's geometry in picture pixels, subpath by subpath.
type sink interface {
	moveTo(p orb.Point)
	lineTo(p orb.Point)
	quadTo(c, p orb.Point)
	cubicTo(c1, c2, p orb.Point)
	closePath()
	circle(c orb.Point, r float64)
	rect(b render.Box)
}

// fillPath sends the subpaths of p that meet box to s, rings cut to it:
// a country far larger than the page keeps only the part that shows
// (plus the box's margin), and its fill looks the same.
func fillPath(p *render.Path, box orb.Bound, s sink) {
	for i := range p.Subpaths {
		sp := &p.Subpaths[i]
		switch sp.Kind {
		case render.LineSubpath, render.RingSubpath:
			ring := moved(sp.Points, sp.DX, sp.DY)
			if len(ring) < 3 {
				continue
			}
			b := orb.MultiPoint(ring).Bound()
			if !b.Intersects(box) {
				continue
			}
			if !contains(box, b) {
				if ring[0] != ring[len(ring)-1] {
					ring = append(ring, ring[0])
				}
				ring = clip.Ring(box, orb.Ring(ring))
				if len(ring) < 3 {
					continue
				}
			}
			polygon(s, ring)
		case render.CircleSubpath:
			if boxBound(sp.Box).Intersects(box) {
				c, r := circleOf(sp.Box)
				s.circle(c, r)
			}
		case render.RectSubpath:
			if boxBound(sp.Box).Intersects(box) {
				s.rect(sp.Box)
			}
		}
	}
}

// polygon sends a closed ring, without repeating its first point.
func polygon(s sink, ring []orb.Point) {
	n := len(ring)
	if n > 1 && ring[0] == ring[n-1] {
		n--
	}
	s.moveTo(ring[0])
	for _, p := range ring[1:n] {
		s.lineTo(p)
	}
	s.closePath()
}

// stroke is a piece of a stroked path: a polyline (closed when it is a
// whole ring), or a circle or rectangle, with the dash phase it starts at.
type stroke struct {
	pts    []orb.Point
	closed bool
	phase  float64
	circle bool
	box    render.Box
}

// strokePieces cuts the subpaths of p to box (grown by the pen's reach
// by the caller) and returns the pieces that show. A line leaving the box
// and coming back becomes two pieces, the second starting as far into
// the dash pattern as the line had come, so dashes fall where the PNG's
// do.
func strokePieces(p *render.Path, box orb.Bound, out []stroke) []stroke {
	for i := range p.Subpaths {
		sp := &p.Subpaths[i]
		switch sp.Kind {
		case render.LineSubpath, render.RingSubpath:
			pts := moved(sp.Points, sp.DX, sp.DY)
			if len(pts) < 2 {
				continue
			}
			ring := sp.Kind == render.RingSubpath
			b := orb.MultiPoint(pts).Bound()
			if !b.Intersects(box) {
				continue
			}
			if contains(box, b) {
				if ring && pts[0] == pts[len(pts)-1] {
					pts = pts[:len(pts)-1]
				}
				out = append(out, stroke{pts: pts, closed: ring, phase: sp.Phase})
				continue
			}
			if ring && pts[0] != pts[len(pts)-1] {
				pts = append(pts, pts[0])
			}
			out = cutLine(pts, box, sp.Phase, out)
		case render.CircleSubpath, render.RectSubpath:
			if boxBound(sp.Box).Intersects(box) {
				out = append(out, stroke{circle: sp.Kind == render.CircleSubpath, box: sp.Box, closed: true})
			}
		}
	}
	return out
}

// cutLine appends the runs of the polyline inside box, each with the
// phase it starts at.
func cutLine(pts []orb.Point, box orb.Bound, phase float64, out []stroke) []stroke {
	var cur *stroke
	s := phase
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		l := math.Hypot(b[0]-a[0], b[1]-a[1])
		t0, t1, ok := geo.ClipSegment(a, b, box)
		if ok && t0 < t1 {
			pa := orb.Point{a[0] + (b[0]-a[0])*t0, a[1] + (b[1]-a[1])*t0}
			pb := orb.Point{a[0] + (b[0]-a[0])*t1, a[1] + (b[1]-a[1])*t1}
			if cur == nil || t0 > 0 {
				out = append(out, stroke{pts: []orb.Point{pa}, phase: s + t0*l})
				cur = &out[len(out)-1]
			}
			cur.pts = append(cur.pts, pb)
			if t1 < 1 {
				cur = nil
			}
		} else {
			cur = nil
		}
		s += l
	}
	return out
}

// sendStroke sends one piece to s.
func sendStroke(s sink, st *stroke) {
	switch {
	case st.circle:
		c, r := circleOf(st.box)
		s.circle(c, r)
	case st.pts == nil:
		s.rect(st.box)
	default:
		s.moveTo(st.pts[0])
		for _, p := range st.pts[1:] {
			s.lineTo(p)
		}
		if st.closed {
			s.closePath()
		}
	}
}

// sendOutline sends glyph outline segments to s.
func sendOutline(s sink, segs []render.Segment) {
	open := false
	for _, sg := range segs {
		switch sg.Op {
		case render.MoveTo:
			if open {
				s.closePath()
			}
			s.moveTo(sg.Pts[0])
			open = true
		case render.LineTo:
			s.lineTo(sg.Pts[0])
		case render.QuadTo:
			s.quadTo(sg.Pts[0], sg.Pts[1])
		case render.CubicTo:
			s.cubicTo(sg.Pts[0], sg.Pts[1], sg.Pts[2])
		}
	}
	if open {
		s.closePath()
	}
}

func moved(pts []orb.Point, dx, dy float64) []orb.Point {
	out := make([]orb.Point, len(pts))
	for i, p := range pts {
		out[i] = orb.Point{p[0] + dx, p[1] + dy}
	}
	return out
}

func contains(outer, inner orb.Bound) bool {
	return inner.Min[0] >= outer.Min[0] && inner.Min[1] >= outer.Min[1] && inner.Max[0] <= outer.Max[0] && inner.Max[1] <= outer.Max[1]
}

func boxBound(b render.Box) orb.Bound {
	return orb.Bound{Min: orb.Point{b.X0, b.Y0}, Max: orb.Point{b.X1, b.Y1}}
}

func circleOf(b render.Box) (orb.Point, float64) {
	return orb.Point{(b.X0 + b.X1) / 2, (b.Y0 + b.Y1) / 2}, (b.X1 - b.X0) / 2
}

// grow is box grown by d on every side.
func grow(b orb.Bound, d float64) orb.Bound {
	return orb.Bound{Min: orb.Point{b.Min[0] - d, b.Min[1] - d}, Max: orb.Point{b.Max[0] + d, b.Max[1] + d}}
}
