package render

import (
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// simplifyPx is the largest Douglas-Peucker tolerance a zoom may use, in
// device pixels: levels come in powers of two, so the tolerance in use is
// between a quarter and half a pixel, where anti-aliased edges stay
// indistinguishable from the full data.
const simplifyPx = 0.5

// shape is a feature projected to world pixels for one zoom and scale,
// simplified for it, with its bounds, so panning only offsets it.
type shape struct {
	f      *geojson.Feature
	polys  [][][]orb.Point // polygons: rings, outer first, oriented for x/image/vector
	lines  [][]orb.Point   // polylines (and polygon outlines for stroked overview layers)
	points []orb.Point
	min    orb.Point
	max    orb.Point
	tol    float64 // simplification tolerance in metres, while building
	wide   bool    // the feature spans over 180° of longitude: it may cross ±180°
	idx    int32   // the feature's index in the layer's list for the level of detail
	// scratch buffers of the goroutine building the shape
	buf   []orb.Point
	stack []int
}

// zoomKey identifies one preparation: geometry projected for a zoom and
// pixel scale at one level of detail.
type zoomKey struct {
	zoom     float64
	scale    float64
	detailed bool
}

func keyFor(v geo.Viewport, detailed bool) zoomKey {
	return zoomKey{zoom: math.Round(v.Zoom*1e6) / 1e6, scale: v.Scale, detailed: detailed}
}

// Simplification levels. Geometry is projected to Web Mercator metres and
// simplified once per level, level L with a tolerance of 2^L metres; a zoom
// uses the coarsest level whose tolerance is within simplifyPx of its
// pixel, then only scales and shifts the vertices. So a zoom step costs a
// multiply-add per kept vertex, not a projection and a Douglas–Peucker
// pass over the full data, and one level serves a factor-two range of
// zooms.
func levelFor(v geo.Viewport) int {
	metresPerPx := geo.MercatorWorld / v.WorldSize()
	return int(math.Floor(math.Log2(simplifyPx * metresPerPx)))
}

// simplifyLevel projects and simplifies one feature for a level; ok is
// false when nothing of it is left at that tolerance.
// Scratch is the goroutine's reusable buffers, handed back for the next
// feature so a level build allocates only what it keeps.
func simplifyLevel(f *geojson.Feature, i int, b orb.Bound, level int, scratch *shape) (s shape, ok bool) {
	if f == nil || f.Geometry == nil {
		return s, false
	}
	tol := math.Exp2(float64(level))
	s = shape{f: f, idx: int32(i), tol: tol, min: orb.Point{math.Inf(1), math.Inf(1)}, max: orb.Point{math.Inf(-1), math.Inf(-1)},
		buf: scratch.buf, stack: scratch.stack, wide: b.Max[0]-b.Min[0] > 180}
	s.add(f.Geometry)
	scratch.buf, scratch.stack = s.buf, s.stack
	s.buf, s.stack = nil, nil
	return s, len(s.polys) > 0 || len(s.lines) > 0 || len(s.points) > 0
}

// toWorld maps a shape in Mercator metres to world pixels at v's zoom.
func (m *shape) toWorld(v geo.Viewport) shape {
	k := v.WorldSize() / geo.MercatorWorld
	half := geo.MercatorWorld / 2
	conv := func(p orb.Point) orb.Point { return orb.Point{(p[0] + half) * k, (half - p[1]) * k} }
	line := func(pts []orb.Point) []orb.Point {
		out := make([]orb.Point, len(pts))
		for i, p := range pts {
			out[i] = conv(p)
		}
		return out
	}
	s := shape{f: m.f, idx: m.idx, min: conv(orb.Point{m.min[0], m.max[1]}), max: conv(orb.Point{m.max[0], m.min[1]})}
	if len(m.points) > 0 {
		s.points = line(m.points)
	}
	if len(m.lines) > 0 {
		s.lines = make([][]orb.Point, len(m.lines))
		for i, l := range m.lines {
			s.lines[i] = line(l)
		}
	}
	if len(m.polys) > 0 {
		s.polys = make([][][]orb.Point, 0, len(m.polys))
		for _, poly := range m.polys {
			// Islands and holes smaller than a pixel at this zoom are left
			// out: they cannot be seen, and a world layer has thousands.
			if tiny(poly[0], k) {
				continue
			}
			rings := make([][]orb.Point, 0, len(poly))
			for _, r := range poly {
				if len(rings) > 0 && tiny(r, k) {
					continue
				}
				rings = append(rings, line(r))
			}
			s.polys = append(s.polys, rings)
		}
	}
	return s
}

// tiny reports whether a ring in metres spans under half a pixel at k
// pixels per metre.
func tiny(r []orb.Point, k float64) bool {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range r {
		minX, maxX = math.Min(minX, p[0]), math.Max(maxX, p[0])
		minY, maxY = math.Min(minY, p[1]), math.Max(maxY, p[1])
	}
	return (maxX-minX)*k < 0.5 && (maxY-minY)*k < 0.5
}

// prepared is a layer's geometry for one zoom, or (in metres) for one
// simplification level: features are prepared when first seen in a view
// and kept, so a pan prepares only what scrolls into sight.
type prepared struct {
	shapes []shape
	state  []uint8 // 0 not yet prepared, 1 prepared, 2 nothing to draw
}

func newPrepared(n int) *prepared {
	return &prepared{shapes: make([]shape, n), state: make([]uint8, n)}
}

func (s *shape) grow(p orb.Point) {
	s.min[0], s.min[1] = min(s.min[0], p[0]), min(s.min[1], p[1])
	s.max[0], s.max[1] = max(s.max[0], p[0]), max(s.max[1], p[1])
}

// project converts a run of lon/lat points to Mercator metres. Points
// closer than the level's tolerance to the last kept one are dropped
// first (the radial pre-pass simplify.js makes before Douglas–Peucker),
// measured in lon/lat scaled to local Mercator metres: at coarse levels
// most vertices of detailed data go before paying for a projection and a
// Douglas–Peucker pass. Building the levels of the 107 MB benchmark layer
// took four times its parse time without this pass, 95 ms with half the
// tolerance, and keeps 18 % of its vertices with the whole one. A dropped
// vertex lies within one tolerance of a kept one, so the drawn outline
// stays within two tolerances (at most a pixel) of the data.
//
// The result is in s.buf, valid until the next call.
func (s *shape) project(pts []orb.Point) []orb.Point {
	out := s.buf[:0]
	const m = math.Pi / 180 * orb.EarthRadius // metres per degree at the equator
	var last orb.Point
	ky := 0.0 // metres per degree of latitude in Mercator at last
	lim := s.tol * s.tol
	for i, p := range pts {
		if i > 0 && i < len(pts)-1 && lim > 0 {
			dx := (p[0] - last[0]) * m
			dy := (p[1] - last[1]) * ky
			if dx*dx+dy*dy < lim {
				continue
			}
		}
		last = p
		var q orb.Point
		if s.tol >= coarseTol {
			q, ky = mercatorCoarse(p)
		} else {
			q, ky = mercatorScaled(p)
		}
		out = append(out, q)
	}
	s.buf = out
	return out
}

// simplified runs Douglas–Peucker over points in s.buf and copies what is
// kept out of it, growing the bounds by it.
func (s *shape) simplified(pts []orb.Point) []orb.Point {
	pts, s.stack = douglasPeucker(pts, s.tol, s.stack)
	out := make([]orb.Point, len(pts))
	copy(out, pts)
	for _, p := range out {
		s.grow(p)
	}
	return out
}

// coarseTol is the simplification tolerance, in metres, from which
// vertices are projected with mercatorCoarse: its error, under 2 m even
// at 85° of latitude, is then below a hundredth of the tolerance.
const coarseTol = 256

// mercatorCoarse is mercatorScaled interpolated in a table of latitudes
// 1/128° apart. The exact form's logarithm and sine were still half of
// building the coarse levels of the 107 MB benchmark layer (40 ms against
// a budget of 56), where every kept vertex is projected and then mostly
// simplified away; TestMercatorCoarse bounds the difference.
func mercatorCoarse(p orb.Point) (orb.Point, float64) {
	const m = math.Pi / 180 * orb.EarthRadius
	t := mercatorTable()
	lat := math.Max(-geo.MaxLat, math.Min(geo.MaxLat, p[1]))
	f := (lat + mercatorTableEdge) * mercatorTableStep
	i := int(f)
	i = min(i, len(t)-2)
	frac := f - float64(i)
	y0, y1 := t[i], t[i+1]
	return orb.Point{p[0] * m, y0 + (y1-y0)*frac}, (y1 - y0) * mercatorTableStep
}

const (
	mercatorTableStep = 128  // entries per degree
	mercatorTableEdge = 85.1 // the table covers ±this latitude
)

// mercatorTable holds Web Mercator y in metres from −85.1° north in steps
// of 1/128°.
var mercatorTable = sync.OnceValue(func() []float64 {
	n := int(math.Ceil(2*mercatorTableEdge*mercatorTableStep)) + 2
	t := make([]float64, n)
	for i := range t {
		lat := float64(i)/mercatorTableStep - mercatorTableEdge
		sin := math.Sin(lat * math.Pi / 180)
		t[i] = 0.5 * orb.EarthRadius * math.Log((1+sin)/(1-sin))
	}
	return t
})

// mercatorScaled projects p to Web Mercator metres and also returns the
// local scale of latitude there, metres per degree, from one sine: the
// textbook log(tan(π/4+φ/2)) that orb's projection uses plus a separate
// cosine for the scale cost 36 ns a vertex against 26 here, on the path
// every kept vertex of a level takes. The two forms agree to 1e-7 m.
func mercatorScaled(p orb.Point) (orb.Point, float64) {
	const m = math.Pi / 180 * orb.EarthRadius
	lat := math.Max(-geo.MaxLat, math.Min(geo.MaxLat, p[1]))
	sin := math.Sin(lat * math.Pi / 180)
	y := 0.5 * orb.EarthRadius * math.Log((1+sin)/(1-sin))
	return orb.Point{p[0] * m, y}, m / math.Sqrt(1-sin*sin)
}

// add projects g to Web Mercator metres and simplifies it.
func (s *shape) add(g orb.Geometry) {
	switch g := g.(type) {
	case orb.Point:
		w := geo.Mercator(g)
		s.grow(w)
		s.points = append(s.points, w)
	case orb.MultiPoint:
		for _, p := range g {
			s.add(p)
		}
	case orb.LineString:
		for _, part := range splitAntimeridian(g) {
			ls := s.simplified(s.project(part))
			if len(ls) >= 2 {
				s.lines = append(s.lines, ls)
			}
		}
	case orb.MultiLineString:
		for _, ls := range g {
			s.add(ls)
		}
	case orb.Polygon:
		crosses := s.wide && crossesAntimeridian(g)
		if crosses {
			g = unwrap(g)
		}
		var rings [][]orb.Point
		for i, r := range g {
			pr := orb.Ring(s.simplified(s.project(r)))
			if len(pr) < 4 {
				if i == 0 {
					return // the outer ring vanished at this zoom
				}
				continue
			}
			// x/image/vector fills by absolute winding: holes must wind
			// against their outer ring or they are filled in. In metres
			// (y up) outer rings wind positive; on screen (y down) that
			// becomes the negative area the stroke pieces have too.
			a := signedArea(pr)
			if (i == 0 && a < 0) || (i > 0 && a > 0) {
				slices.Reverse(pr)
			}
			rings = append(rings, pr)
		}
		if len(rings) > 0 {
			s.polys = append(s.polys, rings)
			if crosses {
				s.wrapped(rings)
			}
		}
	case orb.MultiPolygon:
		for _, p := range g {
			s.add(p)
		}
	case orb.Collection:
		for _, c := range g {
			s.add(c)
		}
	case orb.Ring:
		s.add(orb.Polygon{g})
	case orb.Bound:
		s.add(g.ToPolygon())
	}
}

// crossesAntimeridian reports whether a polygon's outer ring jumps across
// the antimeridian (a longitude step over 180°) an even number of times:
// a ring like Chukotka's or Fiji's written in RFC 7946's ±180 range
// instead of split there, which drawn as is becomes a band around the
// world. An odd number of jumps is a ring around a pole (Antarctica),
// which is drawn as it is.
func crossesAntimeridian(g orb.Polygon) bool {
	if len(g) == 0 {
		return false
	}
	jumps := 0
	r := g[0]
	for i := 1; i < len(r); i++ {
		if math.Abs(r[i][0]-r[i-1][0]) > 180 {
			jumps++
		}
	}
	return jumps > 0 && jumps%2 == 0
}

// unwrap returns the polygon with continuous longitudes: each position
// within 180° of the one before, and every ring starting within 180° of
// the outer ring's start, so parts of it lie beyond ±180°. The whole is
// then moved by a turn if that brings the middle of its outer ring within
// ±180°: the copy drawn as it is (the one labels use) is the one mostly
// on the map, and the wrapped copy only adds the overhang.
func unwrap(g orb.Polygon) orb.Polygon {
	out := make(orb.Polygon, len(g))
	ref := g[0][0][0]
	for i, r := range g {
		u := make(orb.Ring, len(r))
		prev := ref
		for k, p := range r {
			p[0] += 360 * math.Round((prev-p[0])/360)
			u[k], prev = p, p[0]
		}
		out[i] = u
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range out[0] {
		lo, hi = min(lo, p[0]), max(hi, p[0])
	}
	if turn := 360 * math.Round((lo+hi)/2/360); turn != 0 {
		for _, r := range out {
			for k := range r {
				r[k][0] -= turn
			}
		}
	}
	return out
}

// wrapped adds the copy of an unwrapped polygon (in Mercator metres) that
// shows at the other edge of the world.
func (s *shape) wrapped(rings [][]orb.Point) {
	minX, maxX := math.Inf(1), math.Inf(-1)
	for _, p := range rings[0] {
		minX, maxX = min(minX, p[0]), max(maxX, p[0])
	}
	half := geo.MercatorWorld / 2
	var shift float64
	switch {
	case maxX > half:
		shift = -geo.MercatorWorld
	case minX < -half:
		shift = geo.MercatorWorld
	default:
		return
	}
	cp := make([][]orb.Point, len(rings))
	for i, r := range rings {
		cp[i] = make([]orb.Point, len(r))
		for k, p := range r {
			cp[i][k] = orb.Point{p[0] + shift, p[1]}
			s.grow(cp[i][k])
		}
	}
	s.polys = append(s.polys, cp)
}

// splitAntimeridian cuts a line where it jumps more than 180° in
// longitude, so a route across the date line is not drawn around the world.
func splitAntimeridian(ls orb.LineString) []orb.LineString {
	start := 0
	var parts []orb.LineString
	for i := 1; i < len(ls); i++ {
		if math.Abs(ls[i][0]-ls[i-1][0]) > 180 {
			parts = append(parts, ls[start:i])
			start = i
		}
	}
	return append(parts, ls[start:])
}

// visible reports whether the shape's bounds meet the view rectangle
// (world pixels) grown by margin.
func (s *shape) visible(o orb.Point, w, h, margin float64) bool {
	return s.max[0] >= o[0]-margin && s.min[0] <= o[0]+w+margin &&
		s.max[1] >= o[1]-margin && s.min[1] <= o[1]+h+margin
}
