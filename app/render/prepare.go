package render

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/simplify"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// simplifyPx is the Douglas-Peucker tolerance in device pixels: a third of
// a pixel keeps anti-aliased edges indistinguishable from the full data.
const simplifyPx = 0.33

// shape is a feature projected to world pixels for one zoom and scale,
// simplified for it, with its bounds, so panning only offsets it.
type shape struct {
	f      *geojson.Feature
	polys  [][][]orb.Point // polygons: rings, outer first, oriented for x/image/vector
	lines  [][]orb.Point   // polylines (and polygon outlines for stroked overview layers)
	points []orb.Point
	min    orb.Point
	max    orb.Point
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

// prepareOne projects and simplifies one feature for v's zoom and scale;
// ok is false when nothing of it is left to draw.
func prepareOne(f *geojson.Feature, v geo.Viewport, dp *simplify.DouglasPeuckerSimplifier) (s shape, ok bool) {
	if f == nil || f.Geometry == nil {
		return s, false
	}
	s = shape{f: f, min: orb.Point{math.Inf(1), math.Inf(1)}, max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	s.add(f.Geometry, v, dp)
	return s, len(s.polys) > 0 || len(s.lines) > 0 || len(s.points) > 0
}

// prepared is a layer's geometry for one zoom: features are projected
// when first seen in a view and kept for every later frame at that zoom,
// so a pan projects only what scrolls into sight.
type prepared struct {
	shapes []shape
	state  []uint8 // 0 not yet prepared, 1 prepared, 2 nothing to draw
}

func (s *shape) grow(p orb.Point) {
	s.min[0] = math.Min(s.min[0], p[0])
	s.min[1] = math.Min(s.min[1], p[1])
	s.max[0] = math.Max(s.max[0], p[0])
	s.max[1] = math.Max(s.max[1], p[1])
}

func (s *shape) project(pts []orb.Point, v geo.Viewport) []orb.Point {
	out := make([]orb.Point, len(pts))
	for i, p := range pts {
		out[i] = v.World(p)
		s.grow(out[i])
	}
	return out
}

func (s *shape) add(g orb.Geometry, v geo.Viewport, dp *simplify.DouglasPeuckerSimplifier) {
	switch g := g.(type) {
	case orb.Point:
		w := v.World(g)
		s.grow(w)
		s.points = append(s.points, w)
	case orb.MultiPoint:
		for _, p := range g {
			s.add(p, v, dp)
		}
	case orb.LineString:
		for _, part := range splitAntimeridian(g) {
			ls := dp.LineString(orb.LineString(s.project(part, v)))
			if len(ls) >= 2 {
				s.lines = append(s.lines, ls)
			}
		}
	case orb.MultiLineString:
		for _, ls := range g {
			s.add(ls, v, dp)
		}
	case orb.Polygon:
		var rings [][]orb.Point
		for i, r := range g {
			pr := dp.Ring(orb.Ring(s.project(r, v)))
			if len(pr) < 4 {
				if i == 0 {
					return // the outer ring vanished at this zoom
				}
				continue
			}
			// x/image/vector fills by absolute winding: holes must wind
			// against their outer ring or they are filled in.
			a := signedArea(pr)
			if (i == 0 && a > 0) || (i > 0 && a < 0) {
				pr = reverse(pr)
			}
			rings = append(rings, pr)
		}
		if len(rings) > 0 {
			s.polys = append(s.polys, rings)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			s.add(p, v, dp)
		}
	case orb.Collection:
		for _, c := range g {
			s.add(c, v, dp)
		}
	case orb.Ring:
		s.add(orb.Polygon{g}, v, dp)
	case orb.Bound:
		s.add(g.ToPolygon(), v, dp)
	}
}

func reverse(r orb.Ring) orb.Ring {
	out := make(orb.Ring, len(r))
	for i, p := range r {
		out[len(r)-1-i] = p
	}
	return out
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
