package shapefile

import (
	"slices"

	"github.com/paulmach/orb"
)

// ring is one polygon part with what sorting it into shells needs.
type ring struct {
	pts   orb.Ring
	area  float64 // signed, shoelace: negative is clockwise
	bound orb.Bound
}

// polygons sorts a polygon record's rings into shells (clockwise in a
// Shapefile) and holes (counter-clockwise), each hole going to the
// smallest shell around it, and winds them as RFC 7946 asks. Unclosed
// rings are closed; rings of fewer than 3 positions are dropped.
// When no ring is clockwise (a writer that ignored the specification),
// nesting decides instead: a ring inside an even number of others is a
// shell.
func polygons(parts [][]orb.Point, _ []orb.Point, fix *repairs) orb.Geometry {
	rs := make([]ring, 0, len(parts))
	for _, p := range parts {
		if len(p) > 0 && p[0] != p[len(p)-1] {
			p = append(p[:len(p):len(p)], p[0])
			fix.closed++
		}
		if len(p) < 4 {
			fix.degenerate++
			continue
		}
		// A ring of no area (a sliver folded on itself) is kept as a shell,
		// as GDAL keeps it: it draws nothing, but the feature keeps its
		// geometry and place.
		rs = append(rs, ring{pts: orb.Ring(p), area: signedArea(p), bound: orb.MultiPoint(p).Bound()})
	}
	if len(rs) == 0 {
		return nil
	}
	anyCW := slices.ContainsFunc(rs, func(r ring) bool { return r.area < 0 })
	var shells, holes []*ring
	if anyCW {
		for i := range rs {
			if rs[i].area <= 0 {
				shells = append(shells, &rs[i])
			} else {
				holes = append(holes, &rs[i])
			}
		}
	} else {
		shells, holes = byNesting(rs)
	}
	polys := make([]orb.Polygon, len(shells))
	for i, s := range shells {
		polys[i] = orb.Polygon{ccw(s.pts)}
	}
	for _, h := range holes {
		best := -1
		for i, s := range shells {
			if !s.bound.Intersects(h.bound) {
				continue
			}
			if !ringContains(s.pts, h) {
				continue
			}
			if best < 0 || abs(s.area) < abs(shells[best].area) {
				best = i
			}
		}
		if best < 0 {
			// No shell holds it: GDAL makes it a shell of its own.
			fix.orphanHoles++
			polys = append(polys, orb.Polygon{ccw(h.pts)})
			continue
		}
		polys[best] = append(polys[best], cw(h.pts))
	}
	if len(polys) == 1 {
		return polys[0]
	}
	return orb.MultiPolygon(polys)
}

// byNesting splits rings by how many others contain them.
func byNesting(rs []ring) (shells, holes []*ring) {
	for i := range rs {
		depth := 0
		for j := range rs {
			if i != j && abs(rs[j].area) > abs(rs[i].area) && rs[j].bound.Contains(rs[i].pts[0]) && ringContains(rs[j].pts, &rs[i]) {
				depth++
			}
		}
		if depth%2 == 0 {
			shells = append(shells, &rs[i])
		} else {
			holes = append(holes, &rs[i])
		}
	}
	return shells, holes
}

// ringContains reports whether shell s contains ring h, tested at h's
// vertices: the first that is not on s's edge decides.
func ringContains(s orb.Ring, h *ring) bool {
	for _, p := range h.pts {
		in, on := pointInRing(s, p)
		if !on {
			return in
		}
	}
	return false
}

// pointInRing is the even-odd test, reporting a point on an edge apart.
func pointInRing(r orb.Ring, p orb.Point) (in, on bool) {
	for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
		a, b := r[j], r[i]
		if (a[1] > p[1]) != (b[1] > p[1]) {
			x := a[0] + (p[1]-a[1])*(b[0]-a[0])/(b[1]-a[1])
			if x == p[0] {
				return false, true
			}
			if p[0] < x {
				in = !in
			}
		} else if a[1] == p[1] && b[1] == p[1] && (a[0]-p[0])*(b[0]-p[0]) <= 0 {
			return false, true
		}
	}
	return in, false
}

func signedArea(p []orb.Point) float64 {
	s := 0.0
	for i := 0; i+1 < len(p); i++ {
		s += p[i][0]*p[i+1][1] - p[i+1][0]*p[i][1]
	}
	return s / 2
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// ccw returns r wound counter-clockwise (reversed in place if needed).
func ccw(r orb.Ring) orb.Ring {
	if signedArea(r) < 0 {
		slices.Reverse(r)
	}
	return r
}

// cw returns r wound clockwise.
func cw(r orb.Ring) orb.Ring {
	if signedArea(r) > 0 {
		slices.Reverse(r)
	}
	return r
}
