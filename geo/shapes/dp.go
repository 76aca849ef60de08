package shapes

import (
	"math/bits"

	"github.com/paulmach/orb"
)

// Simplify simplifies pts in place by Douglas–Peucker with tolerance tol
// (in the units of pts) and returns the kept prefix. It is the algorithm
// and tie-breaking of orb/simplify's DouglasPeucker, which was two thirds
// of building the levels of the 107 MB benchmark layer against a target
// of half its parse time: orb calls planar.DistanceFromSegmentSquared per
// point, which divides by the segment's length every time. Here the
// distances of one segment are compared scaled by its squared length, so
// the inner loop has no call and no division. TestDouglasPeuckerMatchesOrb
// holds it to orb's result.
//
// Two guards bound what any input costs (TestDouglasPeuckerZigzag):
//   - the stack: the smaller part of a split is taken first, so at most
//     about log2(n) parts wait on it (orb's stack grows with n on lines
//     that split near an end every time);
//   - the time: Douglas–Peucker is quadratic when every split falls next
//     to an end, as on a zigzag of growing amplitude (3.6 MB of one took
//     46 s to export). Once the distances measured pass dpBudget per
//     point, the parts still to do are split in the middle instead of at
//     the farthest point: each round of splits then measures every point
//     once, and there are log2(n) rounds. A part is still dropped only
//     when all of it is within tol, so the result keeps the tolerance;
//     it keeps a few more points than the plain algorithm would.
//
// stack is scratch space, handed back for the next call.
func Simplify(pts []orb.Point, tol float64, stack []int) ([]orb.Point, []int) {
	kept, stack, _ := douglasPeuckerCost(pts, tol, stack)
	return kept, stack
}

// dpCost is what a simplification cost: the distances measured and the
// most parts waiting on the stack.
type dpCost struct{ distances, depth int }

func douglasPeuckerCost(pts []orb.Point, tol float64, stack []int) ([]orb.Point, []int, dpCost) {
	var cost dpCost
	n := len(pts)
	if n <= 2 {
		return pts, stack, cost
	}
	keep := make([]bool, n)
	keep[0], keep[n-1] = true, true
	tol2 := tol * tol
	budget := n * (dpBudget + 2*bits.Len(uint(n)))
	stack = append(stack[:0], 0, n-1)
	for len(stack) > 0 {
		start, end := stack[len(stack)-2], stack[len(stack)-1]
		stack = stack[:len(stack)-2]
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
		budget -= end - start - 1
		cost.distances += end - start - 1
		cost.depth = max(cost.depth, len(stack)/2+1)
		if best <= tol2*scale {
			continue
		}
		if budget < 0 {
			at = (start + end) / 2 // past the budget: balanced splits
		}
		keep[at] = true
		// The larger part waits; the smaller is taken next.
		if at-start >= end-at {
			stack = append(stack, start, at, at, end)
		} else {
			stack = append(stack, at, end, start, at)
		}
	}
	k := 0
	for i, p := range pts {
		if keep[i] {
			pts[k] = p
			k++
		}
	}
	return pts[:k], stack, cost
}

// dpBudget is the distances per point Douglas–Peucker may measure before
// it splits in the middle (plus two per level of a balanced split of the
// line): real lines (coasts, borders, routes) measure a few to twenty,
// a zigzag of n points n/2.
const dpBudget = 32
