package render

import "github.com/paulmach/orb"

// ringClipper clips closed rings to a box: Sutherland–Hodgman, edge by
// edge, with the order, tests and intersection formulas of orb/clip's
// Ring, which it replaces on the label path. orb's allocates the output
// (and needs a copy of the input, as it clips in place) on every call:
// placing country names at every zoom step allocated 0.65 MB a frame, and
// the garbage collections that caused were the slowest zoom steps. This
// one reuses two buffers. TestRingClipperMatchesOrb holds it to orb's.
type ringClipper struct {
	a, b []orb.Point
}

// clip returns r clipped to box, closed, in the clipper's buffer (valid
// until the next call); nil when nothing is left.
func (c *ringClipper) clip(box orb.Bound, r []orb.Point) []orb.Point {
	if len(r) == 0 {
		return nil
	}
	closed := r[0] == r[len(r)-1]
	in := append(c.a[:0], r...)
	out := c.b[:0]
	for edge := 1; edge <= 8; edge <<= 1 {
		out = out[:0]
		prev := in[len(in)-1]
		if !closed {
			prev = in[0]
		}
		prevIn := outcode(box, prev)&edge == 0
		for _, p := range in {
			inside := outcode(box, p)&edge == 0
			if inside != prevIn {
				out = append(out, crossing(box, edge, prev, p))
			}
			if inside {
				out = append(out, p)
			}
			prev, prevIn = p, inside
		}
		if len(out) == 0 {
			c.a, c.b = in, out
			return nil
		}
		in, out = out, in
	}
	if closed && in[0] != in[len(in)-1] {
		in = append(in, in[0])
	}
	c.a, c.b = in, out
	return in
}

// outcode says on which sides of box p lies: 1 left, 2 right, 4 below,
// 8 above.
func outcode(b orb.Bound, p orb.Point) int {
	code := 0
	if p[0] < b.Min[0] {
		code |= 1
	} else if p[0] > b.Max[0] {
		code |= 2
	}
	if p[1] < b.Min[1] {
		code |= 4
	} else if p[1] > b.Max[1] {
		code |= 8
	}
	return code
}

// crossing is where segment a–b crosses the box's side edge.
func crossing(box orb.Bound, edge int, a, b orb.Point) orb.Point {
	switch {
	case edge&8 != 0:
		return orb.Point{a[0] + (b[0]-a[0])*(box.Max[1]-a[1])/(b[1]-a[1]), box.Max[1]}
	case edge&4 != 0:
		return orb.Point{a[0] + (b[0]-a[0])*(box.Min[1]-a[1])/(b[1]-a[1]), box.Min[1]}
	case edge&2 != 0:
		return orb.Point{box.Max[0], a[1] + (b[1]-a[1])*(box.Max[0]-a[0])/(b[0]-a[0])}
	default:
		return orb.Point{box.Min[0], a[1] + (b[1]-a[1])*(box.Min[0]-a[0])/(b[0]-a[0])}
	}
}
