package render

import (
	"cmp"
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"math"
	"slices"

	"github.com/paulmach/orb"
	"golang.org/x/image/vector"
)

// canvas batches closed paths of one colour and draws them in one pass of
// a rasteriser sized to the batch's bounds.
type canvas struct {
	img  *image.RGBA
	clip image.Rectangle // drawing limit, usually img.Bounds()
	// Two rasterisers with their coverage masks: big batches are drawn in
	// two halves at once, one per core.
	ws       [2]worker
	xy       []float32   // flattened points of all subpaths
	start    []int       // index in xy (in points) where each subpath starts
	boxes    []float32   // minX, minY, maxX, maxY of each subpath
	side     []orb.Point // scratch for thin-line bands
	norm     []orb.Point // scratch: segment directions of a band
	bins     [][]int32   // subpaths per strip, reused
	clusters []cluster   // rasterisations of a sparse batch, reused
	aux      *canvas     // builds the second half of a big batch (see build)
	// solo keeps the canvas on its goroutine's core: set while the other
	// core draws another band of the same picture.
	solo   bool
	dash   dasher  // cuts dashed lines for this canvas's batches
	shapes []shape // the shapes of the strip being drawn (frame.visibleShapes)
	minX   float64
	minY   float64
	maxX   float64
	maxY   float64
}

// worker is a rasteriser and the coverage mask it draws into, reused.
type worker struct {
	z    vector.Rasterizer
	mask image.Alpha
}

func newCanvas(img *image.RGBA) *canvas {
	c := &canvas{img: img, clip: img.Bounds()}
	c.reset()
	return c
}

func (c *canvas) reset() {
	c.xy = c.xy[:0]
	c.start = c.start[:0]
	c.boxes = c.boxes[:0]
	c.minX, c.minY = math.Inf(1), math.Inf(1)
	c.maxX, c.maxY = math.Inf(-1), math.Inf(-1)
}

func (c *canvas) begin() {
	c.start = append(c.start, len(c.xy)/2)
	c.boxes = append(c.boxes, float32(math.Inf(1)), float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.Inf(-1)))
}

func (c *canvas) pt(x, y float64) {
	c.xy = append(c.xy, float32(x), float32(y))
	b := c.boxes[len(c.boxes)-4:]
	fx, fy := float32(x), float32(y)
	b[0], b[1] = min(b[0], fx), min(b[1], fy)
	b[2], b[3] = max(b[2], fx), max(b[3], fy)
	// The builtin min and max inline; math.Min and math.Max are calls.
	c.minX, c.minY = min(c.minX, x), min(c.minY, y)
	c.maxX, c.maxY = max(c.maxX, x), max(c.maxY, y)
}

// ring adds a closed ring, offset by (dx, dy).
func (c *canvas) ring(r []orb.Point, dx, dy float64) {
	if len(r) < 3 {
		return
	}
	c.begin()
	for _, p := range r {
		c.pt(p[0]+dx, p[1]+dy)
	}
}

// build calls add(c, i) for i in [0, n), adding each item's paths to the
// batch. Many items are built on both cores: the second half into an
// auxiliary canvas, appended after the first, so the batch holds the same
// subpaths in the same order as when built in one go (and so rasterises
// to the same bits). Building the bands of a world layer's outlines took
// 6 ms of a 34 ms redraw on one core.
func (c *canvas) build(n int, add func(c *canvas, i int)) {
	if n < buildParallelMin || c.solo {
		for i := range n {
			add(c, i)
		}
		return
	}
	if c.aux == nil {
		c.aux = newCanvas(c.img)
	}
	a := c.aux
	a.img, a.clip = c.img, c.clip
	a.reset()
	half := n / 2
	c.parallel(func(k int) {
		if k == 0 {
			for i := range half {
				add(c, i)
			}
			return
		}
		for i := half; i < n; i++ {
			add(a, i)
		}
	})
	base := len(c.xy) / 2
	c.xy = append(c.xy, a.xy...)
	for _, s := range a.start {
		c.start = append(c.start, s+base)
	}
	c.boxes = append(c.boxes, a.boxes...)
	c.minX, c.minY = min(c.minX, a.minX), min(c.minY, a.minY)
	c.maxX, c.maxY = max(c.maxX, a.maxX), max(c.maxY, a.maxY)
	a.reset()
}

// buildParallelMin is the number of items from which build uses both
// cores.
const buildParallelMin = 256

// flush draws everything added since the last flush in col (straight,
// not premultiplied, alpha) and empties the batch.
func (c *canvas) flush(col color.NRGBA) {
	defer c.reset()
	if len(c.start) == 0 || col.A == 0 {
		return
	}
	r := image.Rect(int(math.Floor(c.minX)), int(math.Floor(c.minY)), int(math.Ceil(c.maxX))+1, int(math.Ceil(c.maxY))+1)
	r = r.Intersect(c.clip)
	if r.Empty() {
		return
	}
	// x/image/vector clears and accumulates its whole area on every Draw.
	// A batch of thin lines across the picture covers little of its bounds:
	// draw it strip by strip, each strip sized to the pieces in it.
	covered := 0.0
	for i := 0; i < len(c.boxes); i += 4 {
		covered += float64(c.boxes[i+2]-c.boxes[i]+1) * float64(c.boxes[i+3]-c.boxes[i+1]+1)
	}
	area := float64(r.Dx() * r.Dy())
	if area < 128*128 || covered > area/3 {
		// Dense: one rasterisation, split in two halves when big.
		if area < parallelArea {
			c.ws[0].draw(c, r, nil, col)
			return
		}
		// Bands of at most denseBand rows, shared by the two cores: the
		// rasterisers' buffers stay a few megabytes even for an 8K
		// export (first touches of fresh memory cost more than drawing on
		// this machine's virtual memory). Dealt out in turn instead of
		// taken from a counter (inBands), three bands left one core idle
		// for a third of a world map's outlines.
		inBands(r, denseBand, c.parallel, func(k int, band image.Rectangle) {
			c.worker(k).draw(c, band, nil, col)
		})
		return
	}
	const strip = 32
	n := (r.Dy() + strip - 1) / strip
	for len(c.bins) < n {
		c.bins = append(c.bins, nil)
	}
	for i := range c.bins[:n] {
		c.bins[i] = c.bins[i][:0]
	}
	for i := 0; i < len(c.start); i++ {
		b := c.boxes[4*i:]
		s0 := max(0, (int(math.Floor(float64(b[1])))-r.Min.Y)/strip)
		s1 := min(n-1, (int(math.Ceil(float64(b[3])))-r.Min.Y)/strip)
		for s := s0; s <= s1; s++ {
			c.bins[s] = append(c.bins[s], int32(i))
		}
	}
	// Within a strip, subpaths are drawn in clusters of overlapping x
	// ranges: outlines spread across the picture leave most of a strip
	// empty, and the rasteriser's cost is its area. The clusters are found
	// first, so the work is known: it is shared between the cores by area
	// only when there is enough of it to pay for waking the second one
	// (a batch's bounds say little: one cable across the map has big
	// bounds and little to draw).
	c.clusters = c.clusters[:0]
	work := 0
	for s := range n {
		ids := c.bins[s]
		if len(ids) == 0 {
			continue
		}
		slices.SortFunc(ids, func(a, b int32) int { return cmp.Compare(c.boxes[4*a], c.boxes[4*b]) })
		for k := 0; k < len(ids); {
			x0, x1 := c.boxes[4*ids[k]], c.boxes[4*ids[k]+2]
			e := k + 1
			for e < len(ids) && c.boxes[4*ids[e]] <= x1+clusterGap {
				x1 = max(x1, c.boxes[4*ids[e]+2])
				e++
			}
			sr := image.Rect(int(math.Floor(float64(x0))), r.Min.Y+s*strip, int(math.Ceil(float64(x1)))+1, r.Min.Y+(s+1)*strip).Intersect(r)
			if !sr.Empty() {
				c.clusters = append(c.clusters, cluster{sr, ids[k:e]})
				work += sr.Dx() * sr.Dy()
			}
			k = e
		}
	}
	drawClusters := func(w *worker, cs []cluster) {
		for _, cl := range cs {
			w.draw(c, cl.r, cl.ids, col)
		}
	}
	if work < parallelArea {
		drawClusters(&c.ws[0], c.clusters)
		return
	}
	half, acc := len(c.clusters), 0
	for i, cl := range c.clusters {
		if acc += cl.r.Dx() * cl.r.Dy(); acc >= work/2 {
			half = i + 1
			break
		}
	}
	c.parallel(func(k int) {
		if k == 0 {
			drawClusters(&c.ws[0], c.clusters[:half])
		} else {
			drawClusters(c.worker(1), c.clusters[half:])
		}
	})
}

// cluster is one rasterisation of a sparse batch: subpaths near each other
// in one strip.
type cluster struct {
	r   image.Rectangle
	ids []int32
}

// clusterGap is the widest gap, in pixels, inside one cluster of a strip:
// a separate rasterisation costs about as much as this many empty columns.
const clusterGap = 24

// denseBand is the most rows a dense batch is rasterised at once.
const denseBand = 192

// parallelArea is the batch area from which drawing on two cores pays for
// the goroutine hand-over.
const parallelArea = 512 * 512

// worker returns the rasteriser for core k; a solo canvas draws both
// halves one after the other and needs only one (its buffers are a few
// megabytes of memory touched for nothing otherwise).
func (c *canvas) worker(k int) *worker {
	if c.solo {
		return &c.ws[0]
	}
	return &c.ws[k]
}

// parallel runs f(0) and f(1) at once (one after the other on a solo
// canvas). The two halves write disjoint rows of the picture, so they
// need no locking.
func (c *canvas) parallel(f func(k int)) {
	if c.solo {
		f(0)
		f(1)
		return
	}
	onBoth(func() { f(0) }, func() { f(1) })
}

// draw rasterises the given subpaths (all when ids is nil) clipped to r
// and composites them in col.
func (w *worker) draw(c *canvas, r image.Rectangle, ids []int32, col color.NRGBA) {
	w.z.Reset(r.Dx(), r.Dy())
	ox, oy := float32(r.Min.X), float32(r.Min.Y)
	h, fw := float32(r.Dy()), float32(r.Dx())
	// Coverage is the sum of each edge's own contribution to the rows it
	// spans, so edges wholly above or below r are left out and the pen
	// jumps over them: a subpath crossing several bands costs each band
	// only its own edges. (The rasteriser would walk every row above r of
	// such an edge.) The closing edge is added the same way.
	sub := func(i int) {
		s := c.start[i]
		e := len(c.xy) / 2
		if i+1 < len(c.start) {
			e = c.start[i+1]
		}
		px, py := c.xy[2*s]-ox, c.xy[2*s+1]-oy
		at := false // whether the rasteriser's pen is at (px, py)
		for j := s + 1; j <= e; j++ {
			k := j
			if j == e {
				k = s // the closing edge
			}
			x, y := c.xy[2*k]-ox, c.xy[2*k+1]-oy
			switch {
			case (py < 0 && y < 0) || (py > h && y > h):
				at = false
			case far(px, py, fw, h) || far(x, y, fw, h):
				feedClipped(&w.z, px, py, x, y, fw, h)
				at = false
			default:
				if !at {
					w.z.MoveTo(px, py)
				}
				w.z.LineTo(x, y)
				at = true
			}
			px, py = x, y
		}
	}
	if ids == nil {
		// A closed subpath wholly outside r adds nothing to any pixel of r
		// (its edges cancel), so only those that meet r are fed to the
		// rasteriser: a strip of a panned view then costs its own area.
		x0, y0, x1, y1 := float32(r.Min.X), float32(r.Min.Y), float32(r.Max.X), float32(r.Max.Y)
		for i := range c.start {
			b := c.boxes[4*i:]
			if b[2] < x0 || b[0] > x1 || b[3] < y0 || b[1] > y1 {
				continue
			}
			sub(i)
		}
	} else {
		for _, i := range ids {
			sub(int(i))
		}
	}
	// Rasterise into a coverage mask (x/image/vector's SIMD fast path), then
	// composite only the covered pixels. vector's own RGBA compositing
	// visits every pixel of the area with a divide per channel: measured at
	// 60 % of a full base render (see BenchmarkRenderWarm), most of it on
	// pixels a thin line never touches.
	mw, mh := r.Dx(), r.Dy()
	if cap(w.mask.Pix) < mw*mh {
		w.mask.Pix = make([]uint8, mw*mh)
	}
	w.mask.Pix = w.mask.Pix[:mw*mh]
	w.mask.Stride = mw
	w.mask.Rect = image.Rect(0, 0, mw, mh)
	w.z.DrawOp = draw.Src
	w.z.Draw(&w.mask, w.mask.Rect, image.Opaque, image.Point{})
	composite(c.img, r, w.mask.Pix, col)
}

// farEdge is how far outside the rasteriser's area, in pixels, an edge
// may reach before it is clipped: x/image/vector walks every row from an
// edge's top and every column it crosses in a row, inside its area or
// not, so an edge from a zoomed-in view's far-away vertex would cost
// millions of steps. Nearer edges go in as they are, so ordinary
// pictures are drawn bit for bit as before.
const farEdge = 2048

func far(x, y, w, h float32) bool {
	return x < -farEdge || x > w+farEdge || y < -farEdge || y > h+farEdge
}

// feedClipped adds the edge a→b to z with the same coverage inside the
// area [0,w]×[0,h] but no reach outside it: the rows above and below are
// cut off (they add nothing to the rows inside), and the parts left or
// right of the area become vertical edges just outside it, where they
// add to the rows inside exactly what the whole part would (all of a
// row's coverage left of the area lands in its first column, and nothing
// right of it shows).
func feedClipped(z *vector.Rasterizer, ax, ay, bx, by, w, h float32) {
	if ay == by {
		return // a horizontal edge adds no coverage
	}
	at := func(t float32) (float32, float32) { return ax + (bx-ax)*t, ay + (by-ay)*t }
	t0, t1 := -ay/(by-ay), (h-ay)/(by-ay)
	if t0 > t1 {
		t0, t1 = t1, t0
	}
	t0, t1 = max(t0, 0), min(t1, 1)
	if t1 <= t0 {
		return
	}
	cuts := [4]float32{t0, t1, t1, t1}
	n := 1
	if bx != ax {
		for _, v := range [2]float32{-1, w + 1} {
			if t := (v - ax) / (bx - ax); t > t0 && t < t1 {
				cuts[n] = t
				n++
			}
		}
	}
	cuts[n] = t1
	if n == 3 && cuts[1] > cuts[2] {
		cuts[1], cuts[2] = cuts[2], cuts[1]
	}
	for i := 0; i < n; i++ {
		s, e := cuts[i], cuts[i+1]
		sx, sy := at(s)
		ex, ey := at(e)
		switch mx, _ := at((s + e) / 2); {
		case mx < 0:
			sx, ex = -1, -1
		case mx > w:
			sx, ex = w+1, w+1
		}
		z.MoveTo(sx, sy)
		z.LineTo(ex, ey)
	}
}

// composite blends col into dst through an 8-bit coverage mask the size
// of r, skipping uncovered pixels eight at a time.
func composite(dst *image.RGBA, r image.Rectangle, mask []uint8, col color.NRGBA) {
	compositeStride(dst, r, mask, r.Dx(), col)
}

// compositeStride is composite with a mask whose rows are stride bytes
// apart.
func compositeStride(dst *image.RGBA, r image.Rectangle, mask []uint8, stride int, col color.NRGBA) {
	w := r.Dx()
	sa := uint32(col.A)
	sr, sg, sb := uint32(col.R), uint32(col.G), uint32(col.B)
	// Fully covered pixels of a translucent colour (a layer's fill at 30 %
	// over a whole continent) all blend with the same weights: look the
	// result up per destination value instead of multiplying.
	var lut [3][256]uint8
	if sa < 255 {
		inv := 255 - sa
		for v := uint32(0); v < 256; v++ {
			lut[0][v] = uint8(div255(sr*sa + v*inv))
			lut[1][v] = uint8(div255(sg*sa + v*inv))
			lut[2][v] = uint8(div255(sb*sa + v*inv))
		}
	}
	// Eight opaque pixels at once, for the insides of opaque fills (land).
	var solid [32]byte
	for i := 0; i < 32; i += 4 {
		solid[i], solid[i+1], solid[i+2], solid[i+3] = col.R, col.G, col.B, 0xFF
	}
	// A translucent fill over a plain background (a layer over the no-data
	// grey, or over open water) meets the same eight pixels again and
	// again: the last eight blended are remembered and copied. On the
	// peer benchmark's 4K export this halved compositing.
	var seen, blended [32]byte
	seenOK := false
	for y := 0; y < r.Dy(); y++ {
		row := mask[y*stride : y*stride+w]
		pix := dst.Pix[dst.PixOffset(r.Min.X, r.Min.Y+y):]
		x := 0
		for x < w {
			if x+8 <= w {
				switch binary.LittleEndian.Uint64(row[x:]) {
				case 0:
					x += 8
					continue
				case ^uint64(0):
					block := pix[4*x : 4*x+32]
					if sa == 255 {
						copy(block, solid[:])
						x += 8
						continue
					}
					if seenOK && [32]byte(block) == seen {
						copy(block, blended[:])
						x += 8
						continue
					}
					if opaque8(block) {
						seen, seenOK = [32]byte(block), true
						for i := 0; i < 32; i += 4 {
							block[i], block[i+1], block[i+2] = lut[0][block[i]], lut[1][block[i+1]], lut[2][block[i+2]]
						}
						blended = [32]byte(block)
						x += 8
						continue
					}
				}
			}
			m := uint32(row[x])
			if m == 0 {
				x++
				continue
			}
			i := 4 * x
			switch {
			case m == 255 && sa == 255:
				pix[i], pix[i+1], pix[i+2], pix[i+3] = col.R, col.G, col.B, 0xFF
			case m == 255 && pix[i+3] == 0xFF:
				pix[i], pix[i+1], pix[i+2] = lut[0][pix[i]], lut[1][pix[i+1]], lut[2][pix[i+2]]
			default:
				a := div255(m * sa) // coverage × alpha, 0..255
				inv := 255 - a
				pix[i] = uint8(div255(sr*a + uint32(pix[i])*inv))
				pix[i+1] = uint8(div255(sg*a + uint32(pix[i+1])*inv))
				pix[i+2] = uint8(div255(sb*a + uint32(pix[i+2])*inv))
				pix[i+3] = uint8(div255(255*a + uint32(pix[i+3])*inv))
			}
			x++
		}
	}
}

// opaque8 reports whether eight RGBA pixels are all opaque.
func opaque8(b []byte) bool {
	return b[3]&b[7]&b[11]&b[15]&b[19]&b[23]&b[27]&b[31] == 0xFF
}

// div255 is x/255 rounded, exact for x ≤ 65535, without a division.
func div255(x uint32) uint32 {
	x += 128
	return (x + x>>8) >> 8
}

// stroke adds the outline of a polyline of width w with round joins and
// caps. Every piece winds the same way as a ring with negative area.
// Segments and joins that cannot touch the canvas's clip are left out, so
// drawing a strip of a panned view costs little more than the strip.
func (c *canvas) stroke(pts []orb.Point, w, dx, dy float64) {
	if len(pts) == 0 || w <= 0 {
		return
	}
	hw := w / 2
	round := w >= 1.6 // below that, joins are invisible
	cx0, cy0 := float64(c.clip.Min.X)-hw-1, float64(c.clip.Min.Y)-hw-1
	cx1, cy1 := float64(c.clip.Max.X)+hw+1, float64(c.clip.Max.Y)+hw+1
	outside := func(ax, ay, bx, by float64) bool {
		return math.Max(ax, bx) < cx0 || math.Min(ax, bx) > cx1 || math.Max(ay, by) < cy0 || math.Min(ay, by) > cy1
	}
	if len(pts) == 1 {
		x, y := pts[0][0]+dx, pts[0][1]+dy
		if !outside(x, y, x, y) {
			c.disc(x, y, hw)
		}
		return
	}
	if !round {
		c.thinStroke(pts, hw, dx, dy, outside)
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
		if !round {
			// Extend thin segments by half a width so joins have no gaps.
			ex, ey := vx/l*hw, vy/l*hw
			ax, ay, bx, by = ax-ex, ay-ey, bx+ex, by+ey
		}
		c.begin()
		c.pt(ax+nx, ay+ny)
		c.pt(bx+nx, by+ny)
		c.pt(bx-nx, by-ny)
		c.pt(ax-nx, ay-ny)
	}
	if !round {
		return
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
			c.disc(x, y, hw)
			continue
		}
		d1x, d1y := p[0]-pts[i-1][0], p[1]-pts[i-1][1]
		d2x, d2y := pts[i+1][0]-p[0], pts[i+1][1]-p[1]
		l1, l2 := math.Hypot(d1x, d1y), math.Hypot(d2x, d2y)
		if l1 == 0 || l2 == 0 {
			c.disc(x, y, hw) // a repeated point: no direction to join
			continue
		}
		c.joinSector(x, y, d1x/l1, d1y/l1, d2x/l2, d2y/l2, hw)
	}
}

// joinSector adds the part of a round join at (x, y) between a segment
// arriving in unit direction d1 and one leaving in d2 that their
// rectangles of half-width hw do not cover: the circular sector between
// their normals on the outside of the turn, wound like the other pieces.
func (c *canvas) joinSector(x, y, d1x, d1y, d2x, d2y, hw float64) {
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
func (c *canvas) thinStroke(pts []orb.Point, hw, dx, dy float64, outside func(ax, ay, bx, by float64) bool) {
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
		// is rasterised only around its pieces (see flush), not over the
		// bounds of a whole coastline.
		// Pieces are cut at fixed vertices of the line, so a strip of a
		// panned view cuts where the full picture does, and both pieces
		// end on the mitre there: together they cover exactly what one
		// band would.
		for a := start; a < end; {
			b := min(end, (a/(bandPiece-1)+1)*(bandPiece-1))
			c.band(pts, a, b, a == start, b == end, hw, dx, dy)
			a = b
		}
		start = end
	}
}

// bandPiece is the most points of one band subpath.
const bandPiece = 24

// band adds the outline of pts[a..b], a piece of one run of a thin
// polyline (see thinStroke). An end that is the run's own gets a square
// cap; an end where the run was cut into pieces gets the mitre of the
// segments meeting there, shared with the next piece.
func (c *canvas) band(pts []orb.Point, a, b int, capA, capB bool, hw, dx, dy float64) {
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
		// Extend the run's own ends by half a width, like a square cap,
		// so joined runs and dashes have no gaps.
		if i == 0 && capA && okOut {
			x, y = x-dir[1][0]*hw, y-dir[1][1]*hw
		}
		if i == n-1 && capB && okIn {
			x, y = x+dir[n-1][0]*hw, y+dir[n-1][1]*hw
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
func (c *canvas) windLast() {
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

// disc adds a circle of radius r, wound like the stroke pieces.
func (c *canvas) disc(x, y, r float64) {
	n := int(math.Ceil(r*2)) + 6
	if n > 64 {
		n = 64
	}
	c.begin()
	for i := 0; i < n; i++ {
		a := -2 * math.Pi * float64(i) / float64(n)
		c.pt(x+r*math.Cos(a), y+r*math.Sin(a))
	}
}

// rect adds an axis-aligned rectangle, wound like the stroke pieces.
func (c *canvas) rect(x0, y0, x1, y1 float64) {
	c.begin()
	c.pt(x0, y1)
	c.pt(x1, y1)
	c.pt(x1, y0)
	c.pt(x0, y0)
}

// dashes cuts a polyline into the "on" pieces of a dash pattern (lengths
// in pixels, alternating on and off) starting phase pixels into it.
func dashes(pts []orb.Point, pattern []float64, phase float64, out [][]orb.Point) [][]orb.Point {
	d := dasher{pieces: out}
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

// dashed strokes the "on" pieces of a dash pattern along pts (see cut),
// width w, offset by (dx, dy). Only what lies within the canvas's clip,
// plus the stroke's reach, is cut into dashes: a dashed border or flow
// band runs thousands of screens past a zoomed-in picture, and cutting
// all of it took gigabytes for a 0.0001° box.
func (c *canvas) dashed(pts []orb.Point, w float64, pattern []float64, phase, dx, dy float64) {
	m := w/2 + 2
	box := orb.Bound{
		Min: orb.Point{float64(c.clip.Min.X) - dx - m, float64(c.clip.Min.Y) - dy - m},
		Max: orb.Point{float64(c.clip.Max.X) - dx + m, float64(c.clip.Max.Y) - dy + m},
	}
	for _, p := range c.dash.cutIn(pts, pattern, phase, box) {
		c.stroke(p, w, dx, dy)
	}
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
		t0, t1, ok := clipSegment(a, b, box)
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

// clipSegment returns the part [t0, t1] of the segment a→b inside box
// (Liang–Barsky); ok is false when none of it is.
func clipSegment(a, b orb.Point, box orb.Bound) (t0, t1 float64, ok bool) {
	t0, t1 = 0, 1
	dx, dy := b[0]-a[0], b[1]-a[1]
	for _, e := range [4][2]float64{{-dx, a[0] - box.Min[0]}, {dx, box.Max[0] - a[0]}, {-dy, a[1] - box.Min[1]}, {dy, box.Max[1] - a[1]}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return 0, 0, false
			}
			continue
		}
		r := q / p
		if p < 0 {
			if r > t1 {
				return 0, 0, false
			}
			t0 = max(t0, r)
		} else {
			if r < t0 {
				return 0, 0, false
			}
			t1 = min(t1, r)
		}
	}
	return t0, t1, t1 >= t0
}

// signedArea is the shoelace area of a ring in screen coordinates.
func signedArea(r []orb.Point) float64 {
	a := 0.0
	for i := range r {
		j := (i + 1) % len(r)
		a += r[i][0]*r[j][1] - r[j][0]*r[i][1]
	}
	return a / 2
}
