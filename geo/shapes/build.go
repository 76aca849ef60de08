package shapes

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// builder projects and simplifies features for one level, with the
// scratch buffers of the goroutine it runs on, so a level build
// allocates only what it keeps.
type builder struct {
	proj *geo.Projection
	tol  float64 // simplification tolerance in plane metres
	// lon0 is subtracted from longitudes to get them east of the central
	// meridian; wrap asks for the whole reduction into ±180° instead,
	// for features that reach past the map's cut.
	lon0 float64
	wrap bool
	s    *Shape
	buf  []orb.Point
	stk  []int
	rel  [][]orb.Point // unwrapped rings of a polygon across the cut
}

// build projects and simplifies feature f (index i, lon/lat bounds fb);
// ok is false when nothing of it is left at the level's tolerance.
func (b *builder) build(f *geojson.Feature, i int, fb orb.Bound) (s Shape, ok bool) {
	if f == nil || f.Geometry == nil {
		return s, false
	}
	s = Shape{Feature: f, Index: int32(i), Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	b.s = &s
	b.lon0 = b.proj.CentralMeridian()
	// Within 180° of the central meridian either way, a longitude east
	// of it is a subtraction; a feature reaching past the cut needs the
	// reduction, and its polygons the seam's treatment.
	b.wrap = fb.Min[0]-b.lon0 < -180 || fb.Max[0]-b.lon0 > 180
	seam := b.wrap || fb.Max[0]-fb.Min[0] > 180 || fb.Min[0]-b.lon0 <= -180 || fb.Max[0]-b.lon0 >= 180
	b.add(f.Geometry, seam)
	b.s = nil
	return s, len(s.Polys) > 0 || len(s.Lines) > 0 || len(s.Points) > 0
}

// dlon is a longitude east of the central meridian.
func (b *builder) dlon(lon float64) float64 {
	if b.wrap {
		return b.proj.Relative(lon)
	}
	return lon - b.lon0
}

func (b *builder) grow(p orb.Point) {
	s := b.s
	s.Min[0], s.Min[1] = min(s.Min[0], p[0]), min(s.Min[1], p[1])
	s.Max[0], s.Max[1] = max(s.Max[0], p[0]), max(s.Max[1], p[1])
}

// add projects g to plane metres and simplifies it; seam says whether
// its polygons may cross the map's cut.
func (b *builder) add(g orb.Geometry, seam bool) {
	switch g := g.(type) {
	case orb.Point:
		q := b.proj.Forward(g)
		b.grow(q)
		b.s.Points = append(b.s.Points, q)
	case orb.MultiPoint:
		for _, p := range g {
			b.add(p, seam)
		}
	case orb.LineString:
		// A line is cut where it jumps across the map's cut, so a route
		// over the date line is not drawn around the world.
		start := 0
		for i := 1; i <= len(g); i++ {
			if i < len(g) && math.Abs(b.dlon(g[i][0])-b.dlon(g[i-1][0])) <= 180 {
				continue
			}
			if ls := b.simplified(b.project(g[start:i], true)); len(ls) >= 2 {
				b.s.Lines = append(b.s.Lines, ls)
			}
			start = i
		}
	case orb.MultiLineString:
		for _, ls := range g {
			b.add(ls, seam)
		}
	case orb.Polygon:
		if len(g) == 0 {
			return
		}
		if seam {
			if jumps := b.jumps(g[0]); jumps > 0 {
				b.acrossSeam(g, jumps%2 == 1)
				return
			}
		}
		polygon(b, g, true)
	case orb.MultiPolygon:
		for _, p := range g {
			b.add(p, seam)
		}
	case orb.Collection:
		for _, c := range g {
			b.add(c, seam)
		}
	case orb.Ring:
		b.add(orb.Polygon{g}, seam)
	case orb.Bound:
		b.add(g.ToPolygon(), seam)
	}
}

// polygon projects, simplifies and orients a polygon's rings, given in
// lon/lat (lonlat) or already as longitudes east of the central meridian.
func polygon[R ~[]orb.Point](b *builder, g []R, lonlat bool) {
	var rings [][]orb.Point
	for i, r := range g {
		pr := b.simplified(b.project(r, lonlat))
		if len(pr) < 4 {
			if i == 0 {
				return // the outer ring vanished at this zoom
			}
			continue
		}
		// Filling is by the non-zero rule: holes must wind against their
		// outer ring or they are filled in. In metres (y up) outer rings
		// wind positive; on screen (y down) that becomes the negative
		// area stroke pieces have too.
		a := signedArea(pr)
		if (i == 0 && a < 0) || (i > 0 && a > 0) {
			slices.Reverse(pr)
		}
		rings = append(rings, pr)
	}
	if len(rings) > 0 {
		b.s.Polys = append(b.s.Polys, rings)
	}
}

// project converts a run of points to plane metres: lon/lat, or (lonlat
// false) longitudes east of the central meridian taken as they are.
// Points closer than the level's tolerance to the last kept one are
// dropped first (the radial pre-pass simplify.js makes before
// Douglas–Peucker), measured in degrees scaled to local plane metres: at
// coarse levels most vertices of detailed data go before paying for a
// projection and a Douglas–Peucker pass. A dropped vertex lies within one
// tolerance of a kept one, so the drawn outline stays within two
// tolerances (at most a pixel) of the data.
//
// The result is in b.buf, valid until the next call.
func (b *builder) project(pts []orb.Point, lonlat bool) []orb.Point {
	out := b.buf[:0]
	var last orb.Point
	kx, ky := 0.0, 0.0 // plane metres per degree at last
	lim := b.tol * b.tol
	for i, p := range pts {
		if i > 0 && i < len(pts)-1 && lim > 0 {
			dx := (p[0] - last[0]) * kx
			dy := (p[1] - last[1]) * ky
			if dx*dx+dy*dy < lim {
				continue
			}
		}
		last = p
		d := p[0]
		if lonlat {
			d = b.dlon(d)
		}
		var q orb.Point
		q, kx, ky = b.proj.ForwardFast(d, p[1], b.tol)
		out = append(out, q)
	}
	b.buf = out
	return out
}

// simplified runs Douglas–Peucker over points in b.buf and copies what is
// kept out of it, growing the bounds by it.
func (b *builder) simplified(pts []orb.Point) []orb.Point {
	pts, b.stk = Simplify(pts, b.tol, b.stk)
	out := make([]orb.Point, len(pts))
	copy(out, pts)
	for _, p := range out {
		b.grow(p)
	}
	return out
}

// signedArea is the shoelace area of a ring.
func signedArea(r []orb.Point) float64 {
	a := 0.0
	for i := range r {
		j := (i + 1) % len(r)
		a += r[i][0]*r[j][1] - r[j][0]*r[i][1]
	}
	return a / 2
}
