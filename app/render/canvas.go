package render

import (
	"image"
	"image/color"
	"math"

	"github.com/paulmach/orb"
	"golang.org/x/image/vector"
)

// canvas batches closed paths of one colour and draws them in one pass of
// a rasteriser sized to the batch's bounds.
type canvas struct {
	img   *image.RGBA
	clip  image.Rectangle // drawing limit, usually img.Bounds()
	z     vector.Rasterizer
	xy    []float32 // flattened points of all subpaths
	start []int     // index in xy (in points) where each subpath starts
	minX  float64
	minY  float64
	maxX  float64
	maxY  float64
}

func newCanvas(img *image.RGBA) *canvas {
	c := &canvas{img: img, clip: img.Bounds()}
	c.reset()
	return c
}

func (c *canvas) reset() {
	c.xy = c.xy[:0]
	c.start = c.start[:0]
	c.minX, c.minY = math.Inf(1), math.Inf(1)
	c.maxX, c.maxY = math.Inf(-1), math.Inf(-1)
}

func (c *canvas) begin() { c.start = append(c.start, len(c.xy)/2) }

func (c *canvas) pt(x, y float64) {
	c.xy = append(c.xy, float32(x), float32(y))
	c.minX = math.Min(c.minX, x)
	c.minY = math.Min(c.minY, y)
	c.maxX = math.Max(c.maxX, x)
	c.maxY = math.Max(c.maxY, y)
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
	c.z.Reset(r.Dx(), r.Dy())
	ox, oy := float32(r.Min.X), float32(r.Min.Y)
	for i, s := range c.start {
		e := len(c.xy) / 2
		if i+1 < len(c.start) {
			e = c.start[i+1]
		}
		c.z.MoveTo(c.xy[2*s]-ox, c.xy[2*s+1]-oy)
		for j := s + 1; j < e; j++ {
			c.z.LineTo(c.xy[2*j]-ox, c.xy[2*j+1]-oy)
		}
		c.z.ClosePath()
	}
	c.z.Draw(c.img, r, image.NewUniform(col), image.Point{})
}

// stroke adds the outline of a polyline of width w with round joins and
// caps. Every piece winds the same way as a ring with negative area.
func (c *canvas) stroke(pts []orb.Point, w, dx, dy float64) {
	if len(pts) == 0 || w <= 0 {
		return
	}
	hw := w / 2
	round := w >= 1.6 // below that, joins are invisible
	if len(pts) == 1 {
		c.disc(pts[0][0]+dx, pts[0][1]+dy, hw)
		return
	}
	for i := 1; i < len(pts); i++ {
		ax, ay := pts[i-1][0]+dx, pts[i-1][1]+dy
		bx, by := pts[i][0]+dx, pts[i][1]+dy
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
	if round {
		for _, p := range pts {
			c.disc(p[0]+dx, p[1]+dy, hw)
		}
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
	total := 0.0
	for _, p := range pattern {
		total += p
	}
	if len(pts) < 2 || total <= 0 {
		return append(out, pts)
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
	var cur []orb.Point
	if on {
		cur = []orb.Point{pts[0]}
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
				out = append(out, append(cur, p))
				cur = nil
			} else {
				cur = []orb.Point{p}
			}
			on = !on
			idx = (idx + 1) % len(pattern)
			left = pattern[idx]
		}
		left -= seg - pos
		if on {
			cur = append(cur, b)
		}
	}
	if on && len(cur) > 1 {
		out = append(out, cur)
	}
	return out
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
