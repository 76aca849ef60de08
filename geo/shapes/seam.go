package shapes

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// The map is cut along the antimeridian of its central meridian: ±180°
// in Web Mercator, 180° from the conic's central meridian. A polygon
// written across the cut in ±180° longitudes (Chukotka and Fiji in
// Natural Earth derivatives, or anything across the Pacific for a conic
// centred on the Caspian) would, drawn as it is, become a band around the
// world; it is unwrapped, cut at the seam and each side drawn where it
// belongs. A ring around a pole crosses the cut once, and is closed along
// the pole's edge of the map first.

// jumps counts the edges of a ring that jump across the cut: a change of
// longitude east of the central meridian of more than 180°.
func (b *builder) jumps(r []orb.Point) int {
	n := 0
	for i := 1; i < len(r); i++ {
		if math.Abs(b.dlon(r[i][0])-b.dlon(r[i-1][0])) > 180 {
			n++
		}
	}
	return n
}

// acrossSeam draws a polygon whose outer ring crosses the cut: its rings
// unwrapped to continuous longitudes east of the central meridian, a ring
// round a pole (polar) closed along the pole's edge, then cut at the
// seam into the part within ±180° and the overhang, which is moved by a
// turn to the other side.
func (b *builder) acrossSeam(g orb.Polygon, polar bool) {
	rings := b.rel[:0]
	ref := b.dlon(g[0][0][0])
	for _, r := range g {
		u := make([]orb.Point, len(r))
		prev := ref
		for k, p := range r {
			d := b.dlon(p[0])
			d += 360 * math.Round((prev-d)/360)
			u[k], prev = orb.Point{d, p[1]}, d
		}
		rings = append(rings, u)
	}
	b.rel = rings
	outer := rings[0]
	if polar {
		// The ring goes once round the pole nearer its middle: close it
		// along that pole's edge of the map.
		lat := 0.0
		for _, p := range outer {
			lat += p[1]
		}
		pole := geo.MaxLat
		if lat < 0 {
			pole = -geo.MaxLat
		}
		first, last := outer[0], outer[len(outer)-1]
		outer = append(outer, orb.Point{last[0], pole}, orb.Point{first[0], pole}, first)
		rings[0] = outer
	}
	// The copy mostly on the map is the one drawn as it is (and the one
	// labels use); the overhang is the other side's.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range outer {
		lo, hi = min(lo, p[0]), max(hi, p[0])
	}
	if turn := 360 * math.Round((lo+hi)/2/360); turn != 0 {
		for _, r := range rings {
			for k := range r {
				r[k][0] -= turn
			}
		}
		lo, hi = lo-turn, hi-turn
	}
	b.piece(rings, -180, 180, 0)
	if hi > 180 {
		b.piece(rings, 180, math.Inf(1), -360)
	}
	if lo < -180 {
		b.piece(rings, math.Inf(-1), -180, 360)
	}
	for i := range b.rel {
		b.rel[i] = nil
	}
}

// piece draws the part of the rings between longitudes lo and hi (east
// of the central meridian), moved by shift.
func (b *builder) piece(rings [][]orb.Point, lo, hi, shift float64) {
	var cut [][]orb.Point
	for i, r := range rings {
		c := clipLon(clipLon(r, lo, true), hi, false)
		if len(c) < 4 {
			if i == 0 {
				return
			}
			continue
		}
		for k := range c {
			c[k][0] += shift
		}
		cut = append(cut, c)
	}
	polygon(b, cut, false)
}

// clipLon cuts a closed ring to the side of the meridian x = at where
// x ≥ at (east) or x ≤ at (Sutherland–Hodgman); the result is closed.
func clipLon(r []orb.Point, at float64, east bool) []orb.Point {
	if math.IsInf(at, 0) || len(r) == 0 {
		return r
	}
	in := func(p orb.Point) bool {
		if east {
			return p[0] >= at
		}
		return p[0] <= at
	}
	var out []orb.Point
	for i := range r {
		a, c := r[i], r[(i+1)%len(r)]
		if in(a) {
			out = append(out, a)
		}
		if in(a) != in(c) && a[0] != c[0] {
			t := (at - a[0]) / (c[0] - a[0])
			out = append(out, orb.Point{at, a[1] + (c[1]-a[1])*t})
		}
	}
	if len(out) > 0 && out[0] != out[len(out)-1] {
		out = append(out, out[0])
	}
	return out
}
