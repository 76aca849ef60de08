package geo

import "github.com/paulmach/orb"

// ClipSegment returns the part of segment a→b inside box as parameters
// t0 ≤ t1 in [0, 1] along it (Liang–Barsky), and whether any of it is
// inside. The renderer cuts strokes, dashes and flow bands to the picture
// with it, and so do the vector writers: parameters, unlike orb/clip's
// cut lines, carry a dash's phase and a band's offset along the cut.
func ClipSegment(a, b orb.Point, box orb.Bound) (t0, t1 float64, ok bool) {
	t0, t1 = 0, 1
	d := orb.Point{b[0] - a[0], b[1] - a[1]}
	for k := range 2 {
		for _, e := range [2]struct{ p, q float64 }{{-d[k], a[k] - box.Min[k]}, {d[k], box.Max[k] - a[k]}} {
			if e.p == 0 {
				if e.q < 0 {
					return 0, 0, false
				}
				continue
			}
			r := e.q / e.p
			if e.p < 0 {
				t0 = max(t0, r)
			} else {
				t1 = min(t1, r)
			}
		}
	}
	return t0, t1, t0 <= t1
}
