package raster

import (
	"math"

	"github.com/paulmach/orb"
)

// Cap is how a stroke ends.
type Cap int

// Caps.
const (
	// RoundCap ends a stroke in a half disc (a thin stroke, whose caps and
	// joins cannot be seen, in half a width of square end).
	RoundCap Cap = iota
	// ButtCap ends a stroke at its end points (hatching cut to an area).
	ButtCap
)

// roundMin is the width from which strokes get round joins and caps;
// below it they cannot be told from mitres and square ends.
const roundMin = 1.6

// Stroke adds the outline of a polyline of width w, offset by (dx, dy),
// with round joins and the given caps. Every piece winds the same way as
// a ring with negative area. Segments and joins that cannot touch the
// canvas's clip are left out, so drawing a strip of a panned view costs
// little more than the strip.
func (c *Canvas) Stroke(pts []orb.Point, w, dx, dy float64, cp Cap) {
	if len(pts) == 0 || w <= 0 {
		return
	}
	hw := w / 2
	cx0, cy0 := float64(c.clip.Min.X)-hw-1, float64(c.clip.Min.Y)-hw-1
	cx1, cy1 := float64(c.clip.Max.X)+hw+1, float64(c.clip.Max.Y)+hw+1
	outside := func(ax, ay, bx, by float64) bool {
		return math.Max(ax, bx) < cx0 || math.Min(ax, bx) > cx1 || math.Max(ay, by) < cy0 || math.Min(ay, by) > cy1
	}
	if len(pts) == 1 {
		x, y := pts[0][0]+dx, pts[0][1]+dy
		if cp == RoundCap && !outside(x, y, x, y) {
			c.Disc(x, y, hw)
		}
		return
	}
	if w < roundMin {
		c.thinStroke(pts, hw, dx, dy, cp, outside)
		return
	}
	for i := 1; i < len(pts); i++ {
		ax, ay := pts[i-1][0]+dx, pts[i-1][1]+dy
		bx, by := pts[i][0]+dx, pts[i][1]+dy
		if outside(ax, ay, bx, by) {
			continue
		}
		vx, vy := bx-ax, by-ay
		l := math.Hypot(vx, vy)
		if l == 0 {
			continue
		}
		nx, ny := -vy/l*hw, vx/l*hw
		c.begin()
		c.pt(ax+nx, ay+ny)
		c.pt(bx+nx, by+ny)
		c.pt(bx-nx, by-ny)
		c.pt(ax-nx, ay-ny)
	}
	// Round caps at the ends; at a join only the sector of the round join
	// that the two segments' rectangles leave open, on the outside of the
	// turn. A whole disc per vertex was two thirds of a flow band's points
	// and most of its drawing.
	n := len(pts)
	for i, p := range pts {
		x, y := p[0]+dx, p[1]+dy
		if outside(x, y, x, y) {
			continue
		}
		if i == 0 || i == n-1 {
			if cp == RoundCap {
				c.Disc(x, y, hw)
			}
			continue
		}
		d1x, d1y := p[0]-pts[i-1][0], p[1]-pts[i-1][1]
		d2x, d2y := pts[i+1][0]-p[0], pts[i+1][1]-p[1]
		l1, l2 := math.Hypot(d1x, d1y), math.Hypot(d2x, d2y)
		if l1 == 0 || l2 == 0 {
			c.Disc(x, y, hw) // a repeated point: no direction to join
			continue
		}
		c.joinSector(x, y, d1x/l1, d1y/l1, d2x/l2, d2y/l2, hw)
	}
}

// joinSector adds the part of a round join at (x, y) between a segment
// arriving in unit direction d1 and one leaving in d2 that their
// rectangles of half-width hw do not cover: the circular sector between
// their normals on the outside of the turn, wound like the other pieces.
func (c *Canvas) joinSector(x, y, d1x, d1y, d2x, d2y, hw float64) {
	turn := math.Atan2(d1x*d2y-d1y*d2x, d1x*d2x+d1y*d2y) // signed, −π..π
	if math.Abs(turn)*hw < 0.05 {
		return // a gap narrower than a twentieth of a pixel
	}
	// The outer normal of d1: the side the turn leaves open.
	ux, uy := d1y, -d1x
	if turn < 0 {
		ux, uy = -d1y, d1x
	}
	a0 := math.Atan2(uy, ux)
	k := max(1, int(math.Ceil(math.Abs(turn)/(math.Pi/16))))
	c.begin()
	c.pt(x, y)
	for j := 0; j <= k; j++ {
		a := a0 + turn*float64(j)/float64(k)
		c.pt(x+hw*math.Cos(a), y+hw*math.Sin(a))
	}
	c.windLast()
}

// thinStroke outlines a thin polyline as one band per run of segments
// that meet the clip: its left edge forward and its right edge back, with
// mitred joins (the miter capped at twice the half-width). That is two
// edges per vertex where a quad per segment costs five, and thin lines
// (coasts, rivers, borders, the outlines of a user's polygons) are most of
// what a map strokes. Where a sharp turn folds the band, the fold fills by
// absolute winding like the rest, which at these widths cannot be seen.
func (c *Canvas) thinStroke(pts []orb.Point, hw, dx, dy float64, cp Cap, outside func(ax, ay, bx, by float64) bool) {
	n := len(pts)
	start := 0
	for start < n-1 {
		// Skip segments wholly outside the clip.
		for start < n-1 && outside(pts[start][0]+dx, pts[start][1]+dy, pts[start+1][0]+dx, pts[start+1][1]+dy) {
			start++
		}
		if start >= n-1 {
			return
		}
		end := start + 1
		for end < n-1 && !outside(pts[end][0]+dx, pts[end][1]+dy, pts[end+1][0]+dx, pts[end+1][1]+dy) {
			end++
		}
		// Long runs go in pieces of bandPiece points, sharing their end
		// vertices: a piece's bounds stay small, so a batch of outlines
		// is rasterised only around its pieces (see Flush), not over the
		// bounds of a whole coastline. Pieces are cut at fixed vertices of
		// the line, so a strip of a panned view cuts where the full
		// picture does, and both pieces end on the mitre there: together
		// they cover exactly what one band would.
		for a := start; a < end; {
			b := min(end, (a/(bandPiece-1)+1)*(bandPiece-1))
			c.band(pts, a, b, a == start, b == end, cp, hw, dx, dy)
			a = b
		}
		start = end
	}
}

// bandPiece is the most points of one band subpath.
const bandPiece = 24

// band adds the outline of pts[a..b], a piece of one run of a thin
// polyline (see thinStroke). An end that is the run's own gets a cap; an
// end where the run was cut into pieces gets the mitre of the segments
// meeting there, shared with the next piece.
func (c *Canvas) band(pts []orb.Point, a, b int, capA, capB bool, cp Cap, hw, dx, dy float64) {
	n := b - a + 1
	if cap(c.side) < 2*n {
		c.side = make([]orb.Point, 2*n)
	}
	if cap(c.norm) < n+1 {
		c.norm = make([]orb.Point, n+1)
	}
	side := c.side[:2*n]
	// dir[k] is the unit direction of the segment from pts[a+k-1] to
	// pts[a+k] (zero for a repeated point, or beyond a capped end).
	dir := c.norm[:n+1]
	for k := range dir {
		dir[k] = orb.Point{}
		i := a + k
		if (k == 0 && capA) || (k == n && capB) || i < 1 || i >= len(pts) {
			continue
		}
		vx, vy := pts[i][0]-pts[i-1][0], pts[i][1]-pts[i-1][1]
		if l := math.Sqrt(vx*vx + vy*vy); l > 0 {
			dir[k] = orb.Point{vx / l, vy / l}
		}
	}
	var last orb.Point // the last non-zero normal, for repeated points
	for i := 0; i < n; i++ {
		in := orb.Point{-dir[i][1], dir[i][0]}
		out := orb.Point{-dir[i+1][1], dir[i+1][0]}
		okIn, okOut := in != (orb.Point{}), out != (orb.Point{})
		nm := last
		switch {
		case okIn && okOut:
			mx, my := in[0]+out[0], in[1]+out[1]
			if ml := math.Sqrt(mx*mx + my*my); ml < 1e-9 {
				nm = out // a full turn back: no miter
			} else {
				// Miter length 1/cos(half the turn) = 2/|in+out|, capped at 2.
				k := min(2, 2/ml) / ml
				nm = orb.Point{mx * k, my * k}
			}
		case okIn:
			nm = in
		case okOut:
			nm = out
		}
		if okIn || okOut {
			last = nm
		}
		x, y := pts[a+i][0]+dx, pts[a+i][1]+dy
		// Round caps of a thin line are half a width of square end, so
		// joined runs and dashes have no gaps.
		if cp == RoundCap {
			if i == 0 && capA && okOut {
				x, y = x-dir[1][0]*hw, y-dir[1][1]*hw
			}
			if i == n-1 && capB && okIn {
				x, y = x+dir[n-1][0]*hw, y+dir[n-1][1]*hw
			}
		}
		side[i] = orb.Point{x + nm[0]*hw, y + nm[1]*hw}
		side[2*n-1-i] = orb.Point{x - nm[0]*hw, y - nm[1]*hw}
	}
	c.begin()
	for _, p := range side {
		c.pt(p[0], p[1])
	}
}

// windLast reverses the last subpath if it winds against the stroke
// pieces (whose signed area is negative).
func (c *Canvas) windLast() {
	pts := c.xy[2*c.start[len(c.start)-1]:]
	a := float32(0)
	for i := 0; i < len(pts); i += 2 {
		j := (i + 2) % len(pts)
		a += pts[i]*pts[j+1] - pts[j]*pts[i+1]
	}
	if a <= 0 {
		return
	}
	for i, j := 0, len(pts)-2; i < j; i, j = i+2, j-2 {
		pts[i], pts[i+1], pts[j], pts[j+1] = pts[j], pts[j+1], pts[i], pts[i+1]
	}
}
