package raster

import (
	"math"
	"math/bits"
)

// coverage is the rasteriser of the canvas's fills: it sums, cell by
// cell of a w×h grid, the signed area the edges of closed paths sweep,
// and turns the running sum along each row into an 8-bit coverage mask
// (non-zero winding, overlaps merged), as x/image/vector's Rasterizer
// does; TestCoverageMatchesVector holds the two together.
//
// It is our own because x/image/vector's floating-point accumulation
// (every area over 512 pixels a side, so every band of a slide or print)
// reloads the SSE control register twice for every four pixels, and on
// AMD EPYC that loop ran at 0.3 or 7 ns a pixel depending only on where
// the linker happened to place it (64-byte boundary): the same build
// tree redrew the 4K map in 32 or 120 ms on one core after an unrelated
// test file moved the code. This one is plain Go, and it keeps, per row,
// which blocks of cells an edge touched: between them the running sum
// holds still, so only those blocks are summed and cleared, where the
// library clears and sums the whole area on every draw.
type coverage struct {
	w, h int
	// cells hold each row's area contributions; touched has a bit for
	// each block of 1<<shift cells of a row that holds any, and cells
	// outside those blocks are zero.
	cells   []float32
	touched []uint64
	shift   uint
	penX    float32
	penY    float32
}

// Reset sizes the grid to w×h, empty.
func (c *coverage) Reset(w, h int) {
	c.clear()
	c.w, c.h = w, h
	if n := w * h; cap(c.cells) < n {
		c.cells = make([]float32, n)
	} else {
		c.cells = c.cells[:n]
	}
	if cap(c.touched) < h {
		c.touched = make([]uint64, h)
	}
	c.touched = c.touched[:h]
	// Blocks of 64 cells up to 4096 columns, wider beyond: a row's blocks
	// fit one word.
	c.shift = 6
	for w > 64<<c.shift {
		c.shift++
	}
}

// clear empties what a draw left unmasked (Mask empties as it reads).
func (c *coverage) clear() {
	for y, word := range c.touched {
		for ; word != 0; word &= word - 1 {
			x0 := bits.TrailingZeros64(word) << c.shift
			clear(c.cells[y*c.w+x0 : y*c.w+min(x0+1<<c.shift, c.w)])
		}
		c.touched[y] = 0
	}
}

// MoveTo lifts the pen to (x, y); it does not close the subpath before.
func (c *coverage) MoveTo(x, y float32) { c.penX, c.penY = x, y }

// LineTo adds the edge from the pen to (x, y) and moves the pen there.
func (c *coverage) LineTo(x, y float32) {
	c.edge(c.penX, c.penY, x, y)
	c.penX, c.penY = x, y
}

// add puts area a into cell x of row y and marks its block: area
// left of the grid belongs to its first column (the running sum reaches
// every pixel of the row), and area right of it to no pixel.
func (c *coverage) add(y int, x int32, a float32) {
	if x >= int32(c.w) {
		return
	}
	x = max(x, 0)
	c.cells[y*c.w+int(x)] += a
	c.touched[y] |= 1 << (uint(x) >> c.shift)
}

// edge adds the area the edge a→b sweeps in each row it crosses. Within
// a row, a piece of height d (signed by the edge's direction) running
// from x0 to x1 covers pixel column i by d times the mean, along the
// piece, of how much of [i, i+1] lies right of it; a cell holds the
// difference of that between column i and column i−1, so the running
// sum along the row gives each pixel its coverage.
func (c *coverage) edge(ax, ay, bx, by float32) {
	dir := float32(1)
	if ay > by {
		dir, ax, ay, bx, by = -1, bx, by, ax, ay
	}
	// Nearly horizontal edges sweep next to no area, and the slope of one
	// is not worth trusting.
	if by-ay <= 1e-6 {
		return
	}
	dxdy := (bx - ax) / (by - ay)
	y0 := max(int(math.Floor(float64(ay))), 0)
	y1 := min(int(math.Ceil(float64(by))), c.h)
	for y := y0; y < y1; y++ {
		top := max(float32(y), ay)
		bot := min(float32(y+1), by)
		d := (bot - top) * dir
		xa := ax + (top-ay)*dxdy
		xb := ax + (bot-ay)*dxdy
		c.piece(y, min(xa, xb), max(xa, xb), d)
	}
}

// piece adds a row's piece of an edge running between x0 ≤ x1 with
// signed height d.
func (c *coverage) piece(y int, x0, x1, d float32) {
	j0 := int32(math.Floor(float64(x0)))
	j1 := int32(math.Ceil(float64(x1))) - 1 // the column x1 ends in
	if j1 <= j0 {
		// Within one column: the mean reach into it is its middle's.
		m := (x0+x1)/2 - float32(j0)
		c.add(y, j0, d*(1-m))
		c.add(y, j0+1, d*m)
		return
	}
	// right(i) is the integral over [x0, x1] of how much of [i, i+1]
	// lies right of x: whole for x ≤ i, a triangle's slice in [i, i+1].
	right := func(i int32) float32 {
		fi := float32(i)
		r := max(min(x1, fi)-x0, 0)
		if a, b := max(x0, fi), min(x1, fi+1); a < b {
			r += ((fi+1-a)*(fi+1-a) - (fi+1-b)*(fi+1-b)) / 2
		}
		return r
	}
	s := d / (x1 - x0)
	// Columns left of the grid all add to its first; those right of it
	// add to no pixel.
	prev := float32(0)
	if j0 < 0 {
		prev = right(min(-1, j1))
		c.add(y, 0, s*prev)
	}
	last := min(j1, int32(c.w)-1)
	for i := max(j0, 0); i <= last; i++ {
		var r float32
		if i <= j0+1 || i >= j1-1 {
			r = right(i)
		} else {
			r = prev + 1 // a column the piece crosses whole
		}
		c.add(y, i, s*(r-prev))
		prev = r
	}
	if last == j1 || j1 < 0 {
		c.add(y, j1+1, d-s*prev)
	}
}

// Mask writes the coverage of every pixel, 0–255, into mask (w×h, rows
// of w) and empties the grid. Between touched blocks the running sum
// holds still, so those pixels are one level, set at memory speed.
func (c *coverage) Mask(mask []uint8) {
	w, blk := c.w, 1<<c.shift
	for y := range c.h {
		row := mask[y*w : y*w+w]
		cells := c.cells[y*w : y*w+w]
		var sum float32
		x := 0
		for word := c.touched[y]; word != 0; word &= word - 1 {
			x0 := bits.TrailingZeros64(word) << c.shift
			x1 := min(x0+blk, w)
			fill(row[x:x0], level(sum))
			in, out := cells[x0:x1], row[x0:x1]
			out = out[:len(in)]
			for i, v := range in {
				sum += v
				out[i] = level(sum)
			}
			clear(in)
			x = x1
		}
		fill(row[x:], level(sum))
		c.touched[y] = 0
	}
}

// fill sets every byte of b to v.
func fill(b []uint8, v uint8) {
	if v == 0 || len(b) == 0 {
		clear(b)
		return
	}
	b[0] = v
	for n := 1; n < len(b); n *= 2 {
		copy(b[n:], b[:n])
	}
}

// level is the 8-bit coverage of a running sum: winding either way
// covers, and overlaps cover once.
func level(sum float32) uint8 {
	a := math.Float32frombits(math.Float32bits(sum) &^ (1 << 31))
	if a > 1 {
		a = 1
	}
	return uint8(a * 255.99998)
}
