package render

import (
	"math"

	"github.com/paulmach/orb"
)

// occupancy is what the label placer keeps clear: the map frame's edge,
// the boxes already taken (panels, labels, symbols) and the flow bands
// (segments with a half-width). A hash grid keeps each test to the few
// things near it.
type occupancy struct {
	frame  Box
	panels []Box // what the labels must not meet, and what hides a band
	cell   float64
	boxes  []Box
	bands  []bandSeg
	grid   map[[2]int][]int32 // index into boxes (≥ 0) or bands (−1 − i)
	// lines are the corridor's drawn lines (rail, pipeline, lanes,
	// cables), which a flow label keeps off when it finds room to: a
	// figure crossed by a railway is misread.
	lines *occupancy
}

type bandSeg struct {
	a, b orb.Point
	half float64
}

func newOccupancy(frame Box, cell float64) *occupancy {
	o := &occupancy{frame: frame, cell: max(cell, 8), grid: map[[2]int][]int32{}}
	o.lines = &occupancy{frame: frame, cell: o.cell, grid: map[[2]int][]int32{}}
	return o
}

// clearOfLines reports whether b keeps off the corridor's lines.
func (o *occupancy) clearOfLines(b Box) bool { return o.lines.free(b, true) }

func (o *occupancy) cells(b Box, f func(k [2]int)) {
	x0, y0 := int(math.Floor(b.X0/o.cell)), int(math.Floor(b.Y0/o.cell))
	x1, y1 := int(math.Floor(b.X1/o.cell)), int(math.Floor(b.Y1/o.cell))
	// Anything larger than the frame is clamped to it: a panel is a box
	// the size of a picture at most.
	fx0, fy0 := int(math.Floor((o.frame.X0-o.cell)/o.cell)), int(math.Floor((o.frame.Y0-o.cell)/o.cell))
	fx1, fy1 := int(math.Floor((o.frame.X1+o.cell)/o.cell)), int(math.Floor((o.frame.Y1+o.cell)/o.cell))
	x0, y0, x1, y1 = max(x0, fx0), max(y0, fy0), min(x1, fx1), min(y1, fy1)
	for x := x0; x <= x1; x++ {
		for y := y0; y <= y1; y++ {
			f([2]int{x, y})
		}
	}
}

// claim takes a box.
func (o *occupancy) claim(b Box) {
	i := int32(len(o.boxes))
	o.boxes = append(o.boxes, b)
	o.cells(b, func(k [2]int) { o.grid[k] = append(o.grid[k], i) })
}

// addBand takes the band along a line (image pixels) with the given
// half-width.
func (o *occupancy) addBand(pts []orb.Point, half float64) {
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		bb := Box{min(a[0], b[0]) - half, min(a[1], b[1]) - half, max(a[0], b[0]) + half, max(a[1], b[1]) + half}
		if !bb.Overlaps(o.frame) {
			continue
		}
		k := int32(-1 - len(o.bands))
		o.bands = append(o.bands, bandSeg{a, b, half})
		o.cells(bb, func(c [2]int) { o.grid[c] = append(o.grid[c], k) })
	}
}

// free reports whether a box lies in the frame clear of everything taken;
// with bands false, flow bands do not count.
func (o *occupancy) free(b Box, bands bool) bool {
	if b.X0 < o.frame.X0 || b.Y0 < o.frame.Y0 || b.X1 > o.frame.X1 || b.Y1 > o.frame.Y1 {
		return false
	}
	ok := true
	o.cells(b, func(k [2]int) {
		if !ok {
			return
		}
		for _, i := range o.grid[k] {
			if i >= 0 {
				if o.boxes[i].Overlaps(b) {
					ok = false
					return
				}
				continue
			}
			if !bands {
				continue
			}
			s := o.bands[-1-i]
			// The grown box is a quick test; its corners reach further
			// than the band, so a hit is measured.
			if segmentMeetsBox(s.a, s.b, b.Grow(s.half)) && boxSegmentDistance(b, s.a, s.b) < s.half {
				ok = false
				return
			}
		}
	})
	return ok
}

// segmentMeetsBox reports whether segment ab meets box b.
func segmentMeetsBox(a, c orb.Point, b Box) bool {
	return segmentMeets(a, c, orb.Bound{Min: orb.Point{b.X0, b.Y0}, Max: orb.Point{b.X1, b.Y1}})
}
