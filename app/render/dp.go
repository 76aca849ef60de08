package render

import "github.com/paulmach/orb"

// douglasPeucker simplifies pts in place with tolerance tol (in the units
// of pts) and returns the kept prefix. It is the algorithm, stack and
// tie-breaking of orb/simplify's DouglasPeucker, which this package used
// until a measurement on the 107 MB benchmark layer put it at 37 ms of the
// 55 ms level build against a 58 ms target for the whole: orb calls
// planar.DistanceFromSegmentSquared per point, which divides by the
// segment's length every time. Here the distances of one segment are
// compared scaled by its squared length, so the inner loop has no call
// and no division. TestDouglasPeuckerMatchesOrb holds it to orb's result.
func douglasPeucker(pts []orb.Point, tol float64, stack []int) ([]orb.Point, []int) {
	n := len(pts)
	if n <= 2 {
		return pts, stack
	}
	keep := make([]bool, n)
	keep[0], keep[n-1] = true, true
	tol2 := tol * tol
	stack = append(stack[:0], 0, n-1)
	for len(stack) > 0 {
		start, end := stack[len(stack)-2], stack[len(stack)-1]
		a, b := pts[start], pts[end]
		dx, dy := b[0]-a[0], b[1]-a[1]
		l2 := dx*dx + dy*dy
		// Every distance below is the squared distance to the segment
		// times l2 (times 1 for a zero-length segment).
		scale := l2
		if l2 == 0 {
			scale = 1
		}
		best, at := 0.0, 0
		for i := start + 1; i < end; i++ {
			p := pts[i]
			px, py := p[0]-a[0], p[1]-a[1]
			t := px*dx + py*dy
			var d float64
			switch {
			case l2 == 0 || t <= 0:
				d = (px*px + py*py) * scale
			case t >= l2:
				qx, qy := p[0]-b[0], p[1]-b[1]
				d = (qx*qx + qy*qy) * l2
			default:
				c := px*dy - py*dx
				d = c * c
			}
			if d > best {
				best, at = d, i
			}
		}
		if best > tol2*scale {
			keep[at] = true
			stack[len(stack)-1] = at
			stack = append(stack, at, end)
		} else {
			stack = stack[:len(stack)-2]
		}
	}
	k := 0
	for i, p := range pts {
		if keep[i] {
			pts[k] = p
			k++
		}
	}
	return pts[:k], stack
}
