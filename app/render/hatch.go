package render

import (
	"image"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// hatch returns the pieces of parallel lines, spacing apart and at angle
// degrees from the horizontal, that lie inside the polygons (even-odd, so
// holes stay empty), as segments in world pixels. The lines are anchored
// to the world, not the picture, so a panned map scrolls its hatching with
// the land; only lines that meet view (world pixels) are made, and each is
// cut to it, so a continent seen up close costs what the picture shows.
//
// A hatch made of real line segments, rather than a pattern fill, is what
// a vector export can write as it is.
func hatch(polys [][][]orb.Point, spacing, angle float64, view orb.Bound) [][2]orb.Point {
	if spacing <= 0 {
		return nil
	}
	sin, cos := math.Sincos(angle * math.Pi / 180)
	// In the rotated frame (u along the lines, v across them) every hatch
	// line is v = k·spacing.
	rot := func(p orb.Point) (u, v float64) { return p[0]*cos + p[1]*sin, -p[0]*sin + p[1]*cos }
	back := func(u, v float64) orb.Point { return orb.Point{u*cos - v*sin, u*sin + v*cos} }
	umin, vmin := math.Inf(1), math.Inf(1)
	umax, vmax := math.Inf(-1), math.Inf(-1)
	for _, c := range []orb.Point{view.Min, view.Max, {view.Min[0], view.Max[1]}, {view.Max[0], view.Min[1]}} {
		u, v := rot(c)
		umin, umax = math.Min(umin, u), math.Max(umax, u)
		vmin, vmax = math.Min(vmin, v), math.Max(vmax, v)
	}
	k0, k1 := int(math.Ceil(vmin/spacing)), int(math.Floor(vmax/spacing))
	if k1 < k0 || k1-k0 > 1<<16 {
		return nil
	}
	// Crossings of each line, bucketed by line: every edge adds itself to
	// the lines it spans, so the work is edges plus crossings.
	cross := make([][]float64, k1-k0+1)
	for _, poly := range polys {
		for _, ring := range poly {
			n := len(ring)
			for i := 0; i < n; i++ {
				au, av := rot(ring[i])
				bu, bv := rot(ring[(i+1)%n])
				if av == bv {
					continue
				}
				lo, hi := math.Min(av, bv), math.Max(av, bv)
				// Half-open [lo, hi) so a vertex on a line counts once.
				ka := max(k0, int(math.Ceil(lo/spacing)))
				kb := min(k1, int(math.Ceil(hi/spacing))-1)
				for k := ka; k <= kb; k++ {
					v := float64(k) * spacing
					t := (v - av) / (bv - av)
					cross[k-k0] = append(cross[k-k0], au+t*(bu-au))
				}
			}
		}
	}
	var out [][2]orb.Point
	for i, us := range cross {
		if len(us) < 2 {
			continue
		}
		slices.Sort(us)
		v := float64(k0+i) * spacing
		for j := 0; j+1 < len(us); j += 2 {
			a, b := math.Max(us[j], umin), math.Min(us[j+1], umax)
			if b > a {
				out = append(out, [2]orb.Point{back(a, v), back(b, v)})
			}
		}
	}
	return out
}

// worldView is the part of the world a frame draws into, in world pixels,
// grown by margin on every side.
func (f *frame) worldView(clip image.Rectangle, margin float64) orb.Bound {
	return orb.Bound{
		Min: orb.Point{float64(clip.Min.X) - f.dx - margin, float64(clip.Min.Y) - f.dy - margin},
		Max: orb.Point{float64(clip.Max.X) - f.dx + margin, float64(clip.Max.Y) - f.dy + margin},
	}
}
