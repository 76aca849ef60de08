package window

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// flyDuration is how long a fly-to takes, in seconds: long enough to
// follow where the map goes, short enough for a presenter's click.
const flyDuration = 1.0

// flight is a fly-to under way: the map moves from one viewport to
// another along a zoom-out-and-in path in the map's plane (van Wijk and Nuij's
// "smooth and efficient zooming and panning", the path d3's interpolateZoom
// takes), eased in and out, with the year interpolated along.
type flight struct {
	to      geo.Viewport
	path    func(s float64) (orb.Point, float64) // centre and zoom at s in [0, 1]
	y0, y1  geo.Year
	year    bool // whether the year moves
	elapsed float64
	dur     float64
}

// rho is the curvature of the zoom path: √2, van Wijk and Nuij's choice,
// which zooms out about as much as a person would to see both places.
const rho = math.Sqrt2

// zoomPath returns the centre and zoom at s (0..1) along the smooth
// zoom-and-pan path from viewport a to b, both in a's projection and the
// map's pixel size. Positions are worked in world units (0..1 across the
// projection's world), where the path is a curve of constant perceived
// speed.
func zoomPath(a, b geo.Viewport) func(s float64) (orb.Point, float64) {
	world := func(p orb.Point) orb.Point {
		w := a.World(p)
		return orb.Point{w[0] / a.WorldSize(), w[1] / a.WorldSize()}
	}
	lonLat := func(u orb.Point) orb.Point {
		return a.FromWorld(orb.Point{u[0] * a.WorldSize(), u[1] * a.WorldSize()})
	}
	// w is the width the map shows, in world units.
	span := func(v geo.Viewport) float64 { return float64(v.Width) / v.WorldSize() }
	zoomOf := func(w float64) float64 {
		return math.Log2(float64(a.Width) / (w * geo.TileSize * a.Scale))
	}
	u0, u1 := world(a.Center), world(b.Center)
	w0, w1 := span(a), span(b)
	dx, dy := u1[0]-u0[0], u1[1]-u0[1]
	d2 := dx*dx + dy*dy
	if d2 < 1e-24 || w0 <= 0 || w1 <= 0 {
		// The same place: a plain zoom, even in log scale.
		return func(s float64) (orb.Point, float64) {
			c := orb.Point{u0[0] + s*dx, u0[1] + s*dy}
			return lonLat(c), a.Zoom + s*(b.Zoom-a.Zoom)
		}
	}
	d1 := math.Sqrt(d2)
	r2, r4 := rho*rho, rho*rho*rho*rho
	b0 := (w1*w1 - w0*w0 + r4*d2) / (2 * w0 * r2 * d1)
	b1 := (w1*w1 - w0*w0 - r4*d2) / (2 * w1 * r2 * d1)
	q0 := math.Log(math.Sqrt(b0*b0+1) - b0)
	q1 := math.Log(math.Sqrt(b1*b1+1) - b1)
	S := (q1 - q0) / rho
	coshq0 := math.Cosh(q0)
	return func(s float64) (orb.Point, float64) {
		t := s * S
		u := w0 / (r2 * d1) * (coshq0*math.Tanh(rho*t+q0) - math.Sinh(q0))
		w := w0 * coshq0 / math.Cosh(rho*t+q0)
		return lonLat(orb.Point{u0[0] + u*dx, u0[1] + u*dy}), zoomOf(w)
	}
}

// easeInOut is a cubic ease: the map starts and lands gently.
func easeInOut(t float64) float64 {
	if t < 0.5 {
		return 4 * t * t * t
	}
	f := -2*t + 2
	return 1 - f*f*f/2
}

// flyToView starts a fly-to from the current view to v, moving the year to
// y when year is set. A new fly-to replaces one under way.
func (a *Atlas) flyToView(v geo.Viewport, y geo.Year, year bool) {
	from := a.mapv.View()
	if !from.Valid() {
		// Not laid out yet: go there directly.
		a.mapv.SetCenterZoom(v.Center, v.Zoom)
		if year {
			a.setYear(y)
		}
		return
	}
	v = v.Resize(from.Width, from.Height)
	v.Scale = from.Scale
	if v.Proj() != from.Proj() {
		// The flight runs in the projection it lands in: the map takes it
		// at once, keeping its centre and scale, and then moves.
		from = from.Reproject(v.Proj())
		a.mapv.SetView(from)
	}
	a.flight = &flight{to: v, path: zoomPath(from, v), y0: a.year, y1: y, year: year, dur: flyDuration}
	if year && a.timeline.playing {
		a.timeline.setPlaying(false)
	}
	a.anim.update(a)
}

// stepFlight moves a fly-to on by dt seconds; at the end it lands exactly
// on the target view and year.
func (a *Atlas) stepFlight(dt float64) {
	f := a.flight
	f.elapsed += dt
	if f.elapsed >= f.dur {
		a.flight = nil
		a.mapv.SetCenterZoom(f.to.Center, f.to.Zoom)
		if f.year {
			a.setYear(f.y1)
		}
		a.anim.update(a)
		return
	}
	s := easeInOut(f.elapsed / f.dur)
	c, z := f.path(s)
	a.mapv.SetCenterZoom(c, z)
	if f.year {
		a.setYear(f.y0 + geo.Year(s)*(f.y1-f.y0))
	}
}

// cancelFlight stops a fly-to where it is (the user took the map).
func (a *Atlas) cancelFlight() {
	if a.flight == nil {
		return
	}
	a.flight = nil
	a.anim.update(a)
}
