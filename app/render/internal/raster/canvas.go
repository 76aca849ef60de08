package raster

import (
	"cmp"
	"image"
	"image/color"
	"image/draw"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"
)

// Canvas batches closed subpaths of one colour and draws them in one pass
// of a rasteriser sized to the batch (Flush). Its buffers grow to the
// largest picture once and are reused, so drawing a frame allocates
// nothing once they have grown.
type Canvas struct {
	img  *image.RGBA
	clip image.Rectangle // drawing limit, usually img.Bounds()
	// ws are the rasterisers with their coverage masks, one per
	// goroutine drawing a batch.
	ws       []worker
	xy       []float32 // flattened points of all subpaths
	start    []int     // index in xy (in points) where each subpath starts
	boxes    []float32 // minX, minY, maxX, maxY of each subpath
	side     []orb.Point
	norm     []orb.Point
	bins     [][]int32 // subpaths per strip, reused
	clusters []cluster // rasterisations of a sparse batch, reused
	aux      []*Canvas // build the later pieces of a big batch (see Build)
	dash     dasher    // cuts dashed lines for this canvas's batches
	solo     bool      // draw on the calling goroutine only
	minX     float64
	minY     float64
	maxX     float64
	maxY     float64
}

// worker is a rasteriser and the coverage mask it draws into, reused.
type worker struct {
	z    coverage
	mask []uint8
}

// New returns a canvas drawing on img.
func New(img *image.RGBA) *Canvas {
	c := &Canvas{}
	c.Target(img, img.Bounds())
	return c
}

// Target points the canvas at img, drawing only inside clip, and empties
// the batch.
func (c *Canvas) Target(img *image.RGBA, clip image.Rectangle) {
	c.img, c.clip = img, clip.Intersect(img.Bounds())
	c.Reset()
}

// Clip is where the canvas draws, in image pixels.
func (c *Canvas) Clip() image.Rectangle { return c.clip }

// Image is the picture the canvas draws on.
func (c *Canvas) Image() *image.RGBA { return c.img }

// SetSolo keeps the canvas's work on the calling goroutine: set while
// other goroutines draw other bands of the same picture, which already
// keep every core busy.
func (c *Canvas) SetSolo(solo bool) { c.solo = solo }

// Reset empties the batch.
func (c *Canvas) Reset() {
	c.xy = c.xy[:0]
	c.start = c.start[:0]
	c.boxes = c.boxes[:0]
	c.minX, c.minY = math.Inf(1), math.Inf(1)
	c.maxX, c.maxY = math.Inf(-1), math.Inf(-1)
}

func (c *Canvas) begin() {
	c.start = append(c.start, len(c.xy)/2)
	c.boxes = append(c.boxes, float32(math.Inf(1)), float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.Inf(-1)))
}

func (c *Canvas) pt(x, y float64) {
	c.xy = append(c.xy, float32(x), float32(y))
	b := c.boxes[len(c.boxes)-4:]
	fx, fy := float32(x), float32(y)
	b[0], b[1] = min(b[0], fx), min(b[1], fy)
	b[2], b[3] = max(b[2], fx), max(b[3], fy)
	// The builtin min and max inline; math.Min and math.Max are calls.
	c.minX, c.minY = min(c.minX, x), min(c.minY, y)
	c.maxX, c.maxY = max(c.maxX, x), max(c.maxY, y)
}

// Ring adds a closed ring, offset by (dx, dy). Rings are filled by the
// non-zero rule: a hole must wind against its outer ring.
func (c *Canvas) Ring(r []orb.Point, dx, dy float64) {
	if len(r) < 3 {
		return
	}
	c.begin()
	for _, p := range r {
		c.pt(p[0]+dx, p[1]+dy)
	}
}

// Disc adds a circle of radius r, wound like the stroke pieces.
func (c *Canvas) Disc(x, y, r float64) {
	n := min(int(math.Ceil(r*2))+6, 64)
	c.begin()
	for i := 0; i < n; i++ {
		a := -2 * math.Pi * float64(i) / float64(n)
		c.pt(x+r*math.Cos(a), y+r*math.Sin(a))
	}
}

// Rect adds an axis-aligned rectangle, wound like the stroke pieces.
func (c *Canvas) Rect(x0, y0, x1, y1 float64) {
	c.begin()
	c.pt(x0, y1)
	c.pt(x1, y1)
	c.pt(x1, y0)
	c.pt(x0, y0)
}

// Build calls add(c, i) for i in [0, n), adding each item's paths to the
// batch. Many items are built by several goroutines, each into a canvas
// of its own, joined in order afterwards: the batch holds the same
// subpaths in the same order as when built in one go (and so rasterises
// to the same bits). Building the bands of a world layer's outlines was
// a fifth of its redraw on one core.
func (c *Canvas) Build(n int, add func(c *Canvas, i int)) {
	workers := 1
	if !c.solo {
		workers = min(runtime.GOMAXPROCS(0), n/(buildParallelMin/2))
	}
	if workers <= 1 {
		for i := range n {
			add(c, i)
		}
		return
	}
	for len(c.aux) < workers-1 {
		c.aux = append(c.aux, &Canvas{})
	}
	for _, a := range c.aux[:workers-1] {
		a.img, a.clip = c.img, c.clip
		a.Reset()
	}
	parallel(workers, func(k int) {
		cv := c
		if k > 0 {
			cv = c.aux[k-1]
		}
		for i := k * n / workers; i < (k+1)*n/workers; i++ {
			add(cv, i)
		}
	})
	for _, a := range c.aux[:workers-1] {
		base := len(c.xy) / 2
		c.xy = append(c.xy, a.xy...)
		for _, s := range a.start {
			c.start = append(c.start, s+base)
		}
		c.boxes = append(c.boxes, a.boxes...)
		c.minX, c.minY = min(c.minX, a.minX), min(c.minY, a.minY)
		c.maxX, c.maxY = max(c.maxX, a.maxX), max(c.maxY, a.maxY)
		a.Reset()
	}
}

// buildParallelMin is the number of items from which Build shares the
// work with a second goroutine.
const buildParallelMin = 256

// FillRect paints r in an opaque colour, as Rect and Flush would, without
// rasterising: the background of every frame.
func (c *Canvas) FillRect(r image.Rectangle, col color.NRGBA) {
	r = r.Intersect(c.clip)
	if r.Empty() {
		return
	}
	src := image.NewUniform(col)
	workers := 1
	if !c.solo && r.Dx()*r.Dy() >= ParallelArea {
		workers = min(runtime.GOMAXPROCS(0), r.Dy()/64)
	}
	if workers <= 1 {
		draw.Draw(c.img, r, src, image.Point{}, draw.Src)
		return
	}
	parallel(workers, func(k int) {
		band := r
		band.Min.Y, band.Max.Y = r.Min.Y+r.Dy()*k/workers, r.Min.Y+r.Dy()*(k+1)/workers
		draw.Draw(c.img, band, src, image.Point{}, draw.Src)
	})
}

// Flush draws everything added since the last flush in col (straight,
// not premultiplied, alpha) and empties the batch.
func (c *Canvas) Flush(col color.NRGBA) {
	defer c.Reset()
	if len(c.start) == 0 || col.A == 0 {
		return
	}
	r := image.Rect(int(math.Floor(c.minX)), int(math.Floor(c.minY)), int(math.Ceil(c.maxX))+1, int(math.Ceil(c.maxY))+1)
	r = r.Intersect(c.clip)
	if r.Empty() {
		return
	}
	// A draw writes and composites a mask of its whole area. A batch of
	// thin lines across the picture covers little of its bounds: draw it
	// strip by strip, each strip sized to the pieces in it.
	covered := 0.0
	for i := 0; i < len(c.boxes); i += 4 {
		covered += float64(c.boxes[i+2]-c.boxes[i]+1) * float64(c.boxes[i+3]-c.boxes[i+1]+1)
	}
	area := float64(r.Dx() * r.Dy())
	if area < 128*128 || covered > area/3 {
		// Dense: one rasterisation, or bands of at most denseBand rows
		// shared among the goroutines when big: the rasterisers' buffers
		// stay a few megabytes even for an 8K export (first touches of
		// fresh memory cost more than drawing on a virtual machine).
		if area < ParallelArea {
			c.worker(0).draw(c, r, nil, col)
			return
		}
		c.growWorkers(c.workers())
		InBands(r, denseBand, c.workers(), func(k int, band image.Rectangle) {
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
	// first, so the work is known: it is shared only when there is enough
	// of it to pay for waking other goroutines (a batch's bounds say
	// little: one cable across the map has big bounds and little to draw).
	// Clusters never overlap, so who draws which does not matter.
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
	workers := 1
	if work >= ParallelArea {
		workers = min(c.workers(), work/(ParallelArea/2))
	}
	if workers <= 1 {
		for _, cl := range c.clusters {
			c.worker(0).draw(c, cl.r, cl.ids, col)
		}
		return
	}
	c.growWorkers(workers)
	var next atomic.Int32
	parallel(workers, func(k int) {
		w := c.worker(k)
		for {
			i := int(next.Add(1)) - 1
			if i >= len(c.clusters) {
				return
			}
			w.draw(c, c.clusters[i].r, c.clusters[i].ids, col)
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

// ParallelArea is the area of work from which sharing it among
// goroutines pays for handing it over.
const ParallelArea = 512 * 512

// workers is how many goroutines may draw one batch: one on a solo
// canvas.
func (c *Canvas) workers() int {
	if c.solo {
		return 1
	}
	return runtime.GOMAXPROCS(0)
}

// growWorkers makes the rasterisers of n goroutines before they start:
// worker must not grow c.ws while other goroutines hold their own.
func (c *Canvas) growWorkers(n int) {
	for len(c.ws) < n {
		c.ws = append(c.ws, worker{})
	}
}

// worker returns the rasteriser of goroutine k (made by growWorkers when
// k > 0).
func (c *Canvas) worker(k int) *worker {
	c.growWorkers(k + 1)
	return &c.ws[k]
}

// parallel runs f(0) … f(n−1) at once, f(0) on the calling goroutine.
func parallel(n int, f func(k int)) {
	if n <= 1 {
		f(0)
		return
	}
	var wg sync.WaitGroup
	for k := 1; k < n; k++ {
		wg.Go(func() { f(k) })
	}
	f(0)
	wg.Wait()
}

// InBands cuts r into bands of at most rows rows (two at least) and has
// draw(k, band) called for each by one of workers goroutines (k names the
// goroutine), each taking the next band from a shared counter until none
// is left, so an uneven picture still keeps them all busy. The bands are
// the same whatever the number of workers.
func InBands(r image.Rectangle, rows, workers int, draw func(k int, band image.Rectangle)) {
	n := bandCount(r, rows)
	var next atomic.Int32
	parallel(min(workers, n), func(k int) {
		for {
			b := int(next.Add(1)) - 1
			if b >= n {
				return
			}
			draw(k, band(r, n, b))
		}
	})
}

// Bands are the bands InBands cuts r into.
func Bands(r image.Rectangle, rows int) []image.Rectangle {
	n := bandCount(r, rows)
	out := make([]image.Rectangle, n)
	for b := range out {
		out[b] = band(r, n, b)
	}
	return out
}

// bandCount is how many bands of at most rows rows (two at least) r is
// cut into.
func bandCount(r image.Rectangle, rows int) int { return max(2, (r.Dy()+rows-1)/rows) }

// band is band b of the n that r is cut into.
func band(r image.Rectangle, n, b int) image.Rectangle {
	r.Min.Y, r.Max.Y = r.Min.Y+r.Dy()*b/n, r.Min.Y+r.Dy()*(b+1)/n
	return r
}

// draw rasterises the given subpaths (all when ids is nil) clipped to r
// and composites them in col.
func (w *worker) draw(c *Canvas, r image.Rectangle, ids []int32, col color.NRGBA) {
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
	// Rasterise into a coverage mask, then composite only the covered
	// pixels.
	n := r.Dx() * r.Dy()
	if cap(w.mask) < n {
		w.mask = make([]uint8, n)
	}
	w.mask = w.mask[:n]
	w.z.Mask(w.mask)
	Composite(c.img, r, w.mask, col)
}

// farEdge is how far outside the rasteriser's area, in pixels, an edge
// may reach before it is clipped: an edge from a zoomed-in view's
// far-away vertex, fed whole, places its piece in each row of the area
// by float32 arithmetic on coordinates in the millions, which misses by
// whole pixels. Nearer edges go in as they are.
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
func feedClipped(z *coverage, ax, ay, bx, by, w, h float32) {
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
