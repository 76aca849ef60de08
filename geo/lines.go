package geo

import (
	"iter"

	"github.com/paulmach/orb"
)

// Lines yields every line of g, in order: its line strings and the rings
// of its polygons (points have none), through multi-geometries and
// collections.
func Lines(g orb.Geometry) iter.Seq[orb.LineString] {
	return func(yield func(orb.LineString) bool) { eachLine(g, yield) }
}

func eachLine(g orb.Geometry, yield func(orb.LineString) bool) bool {
	switch g := g.(type) {
	case orb.LineString:
		return yield(g)
	case orb.Ring:
		return yield(orb.LineString(g))
	case orb.MultiLineString:
		for _, ls := range g {
			if !yield(ls) {
				return false
			}
		}
	case orb.Polygon:
		for _, r := range g {
			if !yield(orb.LineString(r)) {
				return false
			}
		}
	case orb.MultiPolygon:
		for _, p := range g {
			if !eachLine(p, yield) {
				return false
			}
		}
	case orb.Collection:
		for _, c := range g {
			if !eachLine(c, yield) {
				return false
			}
		}
	}
	return true
}
