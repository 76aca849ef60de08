package data

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

// repairClipBands takes out what clipping a polygon that crosses the
// antimeridian leaves behind when it was not split there first, as in the
// overview extract of world-atlas countries (see SOURCES.txt): Russia's
// rings jump from +180° to −180° and back, and Sutherland–Hodgman turned
// each jump into an edge across the whole clip box, from its east side to
// its west side, with a run of vertices down the west side and an edge
// back. Drawn, those are bands of false land and sea across the Arctic
// from lon −10° to 125°. A run of vertices on the box's west side entered
// and left by such edges is dropped, so the ring follows the east side as
// a proper clip would; a ring left without area goes. box is the clip
// box, the layer's own bounds.
func repairClipBands(feats []*geojson.Feature, box orb.Bound) {
	for _, f := range feats {
		if f == nil {
			continue
		}
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			if p := repairPolygon(g, box); len(p) > 0 {
				f.Geometry = p
			} else {
				f.Geometry = nil
			}
		case orb.MultiPolygon:
			var out orb.MultiPolygon
			for _, p := range g {
				if p = repairPolygon(p, box); len(p) > 0 {
					out = append(out, p)
				}
			}
			if len(out) > 0 {
				f.Geometry = out
			} else {
				f.Geometry = nil
			}
		}
	}
}

// repairPolygon repairs each ring (see repairClipBands); nil when the
// outer ring goes.
func repairPolygon(p orb.Polygon, box orb.Bound) orb.Polygon {
	var out orb.Polygon
	for i, r := range p {
		r = repairRing(r, box)
		if len(r) < 4 || planar.Area(r) == 0 {
			if i == 0 {
				return nil
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

func repairRing(r orb.Ring, box orb.Bound) orb.Ring {
	n := len(r) - 1 // closed: r[n] == r[0]
	if n < 3 {
		return r
	}
	west := func(i int) bool { return r[(i%n+n)%n][0] == box.Min[0] }
	east := func(i int) bool { return r[(i%n+n)%n][0] == box.Max[0] }
	drop := make([]bool, n)
	found := false
	for i := 0; i < n; i++ {
		if !west(i) || west(i-1) {
			continue // not the start of a run on the west side
		}
		e := i
		for e-i < n && west(e+1) {
			e++
		}
		if east(i-1) && east(e+1) {
			for k := i; k <= e; k++ {
				drop[k%n] = true
			}
			found = true
		}
	}
	if !found {
		return r
	}
	out := make(orb.Ring, 0, n+1)
	for i := 0; i < n; i++ {
		if !drop[i] {
			out = append(out, r[i])
		}
	}
	if len(out) == 0 {
		return nil
	}
	return append(out, out[0])
}
