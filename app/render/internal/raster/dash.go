package raster

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// Dashed strokes the "on" pieces of a dash pattern (lengths in pixels,
// alternating on and off) along pts, starting phase pixels into the
// pattern, width w, offset by (dx, dy). Only what lies within the
// canvas's clip, plus the stroke's reach, is cut into dashes: a dashed
// border or flow band runs thousands of screens past a zoomed-in
// picture, and cutting all of it took gigabytes for a 0.0001° box.
func (c *Canvas) Dashed(pts []orb.Point, w float64, pattern []float64, phase, dx, dy float64, cp Cap) {
	m := w/2 + 2
	box := orb.Bound{
		Min: orb.Point{float64(c.clip.Min.X) - dx - m, float64(c.clip.Min.Y) - dy - m},
		Max: orb.Point{float64(c.clip.Max.X) - dx + m, float64(c.clip.Max.Y) - dy + m},
	}
	for _, p := range c.dash.cutIn(pts, pattern, phase, box) {
		c.Stroke(p, w, dx, dy, cp)
	}
}

// Dashes cuts a polyline into the "on" pieces of a dash pattern starting
// phase pixels into it.
func Dashes(pts []orb.Point, pattern []float64, phase float64) [][]orb.Point {
	var d dasher
	return d.cut(pts, pattern, phase)
}

// dasher cuts lines into dashes with reusable buffers: the pieces of one
// cut are runs of one flat slice, so a frame of dashed borders and cables
// allocates nothing once the buffers have grown (they were half a
// megabyte a frame, and the garbage collections it caused the slowest
// zoom steps).
type dasher struct {
	pieces [][]orb.Point
	flat   []orb.Point
}

// cut appends the "on" pieces of pts to d.pieces (emptied first) and
// returns them; they stay valid until the next cut.
func (d *dasher) cut(pts []orb.Point, pattern []float64, phase float64) [][]orb.Point {
	out := d.pieces[:0]
	flat := d.flat[:0]
	defer func() { d.pieces, d.flat = out, flat }()
	total := 0.0
	for _, p := range pattern {
		total += p
	}
	if len(pts) < 2 || total <= 0 {
		out = append(out, pts)
		return out
	}
	phase = math.Mod(phase, total)
	if phase < 0 {
		phase += total
	}
	// Find where in the pattern we start.
	idx, left := 0, pattern[0]
	for phase > 0 {
		if phase < left {
			left -= phase
			phase = 0
		} else {
			phase -= left
			idx = (idx + 1) % len(pattern)
			left = pattern[idx]
		}
	}
	on := idx%2 == 0
	// The current piece is flat[start:]. Appending to flat never changes
	// what earlier pieces hold, even when it moves to a bigger array.
	start := 0
	if on {
		flat = append(flat, pts[0])
	}
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		seg := math.Hypot(b[0]-a[0], b[1]-a[1])
		pos := 0.0
		for seg-pos > left {
			pos += left
			t := pos / seg
			p := orb.Point{a[0] + (b[0]-a[0])*t, a[1] + (b[1]-a[1])*t}
			if on {
				flat = append(flat, p)
				out = append(out, flat[start:len(flat):len(flat)])
			}
			start = len(flat)
			if !on {
				flat = append(flat, p)
			}
			on = !on
			idx = (idx + 1) % len(pattern)
			left = pattern[idx]
		}
		left -= seg - pos
		if on {
			flat = append(flat, b)
		}
	}
	if on && len(flat)-start > 1 {
		out = append(out, flat[start:len(flat):len(flat)])
	}
	return out
}

// cutIn is cut for the part of pts inside box: a line wholly inside is
// cut as cut does; otherwise the parts outside only move the pattern on
// (in constant time each) and the dashes within are cut where the line
// enters the box, so the work is the line's vertices and the dashes
// that can be seen.
func (d *dasher) cutIn(pts []orb.Point, pattern []float64, phase float64, box orb.Bound) [][]orb.Point {
	if len(pts) < 2 || within(pts, box) {
		return d.cut(pts, pattern, phase)
	}
	total := 0.0
	for _, p := range pattern {
		total += p
	}
	if total <= 0 {
		return d.cut(pts, pattern, phase)
	}
	out := d.pieces[:0]
	flat := d.flat[:0]
	defer func() { d.pieces, d.flat = out, flat }()
	n := len(pattern)
	idx, left := 0, pattern[0]
	// skip moves the pattern on by l without drawing.
	skip := func(l float64) {
		if l < left {
			left -= l
			return
		}
		l -= left
		idx = (idx + 1) % n
		l = math.Mod(l, total) // whole periods change nothing
		for l >= pattern[idx] {
			l -= pattern[idx]
			idx = (idx + 1) % n
		}
		left = pattern[idx] - l
	}
	skip(math.Mod(math.Mod(phase, total)+total, total))
	start, open := 0, false // the piece being drawn is flat[start:], when open
	end := func() {
		if open && len(flat)-start > 1 {
			out = append(out, flat[start:len(flat):len(flat)])
		}
		open = false
	}
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		seg := math.Hypot(b[0]-a[0], b[1]-a[1])
		t0, t1, ok := geo.ClipSegment(a, b, box)
		if !ok {
			end()
			skip(seg)
			continue
		}
		if t0 > 0 {
			end()
			skip(seg * t0)
		}
		p0 := orb.Point{a[0] + (b[0]-a[0])*t0, a[1] + (b[1]-a[1])*t0}
		p1 := orb.Point{a[0] + (b[0]-a[0])*t1, a[1] + (b[1]-a[1])*t1}
		in := seg * (t1 - t0)
		if idx%2 == 0 && !open {
			start, open = len(flat), true
			flat = append(flat, p0)
		}
		pos := 0.0
		for in-pos > left {
			pos += left
			t := pos / in
			p := orb.Point{p0[0] + (p1[0]-p0[0])*t, p0[1] + (p1[1]-p0[1])*t}
			if open {
				flat = append(flat, p)
				end()
			} else {
				start, open = len(flat), true
				flat = append(flat, p)
			}
			idx = (idx + 1) % n
			left = pattern[idx]
		}
		left -= in - pos
		if open {
			flat = append(flat, p1)
		}
		if t1 < 1 {
			end()
			skip(seg * (1 - t1))
		}
	}
	end()
	return out
}

// within reports whether every point of pts lies in box.
func within(pts []orb.Point, box orb.Bound) bool {
	for _, p := range pts {
		if p[0] < box.Min[0] || p[0] > box.Max[0] || p[1] < box.Min[1] || p[1] > box.Max[1] {
			return false
		}
	}
	return true
}
