package render

import (
	"image"
	"image/color"
	"math"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// TestBuildOnTwoCoresMatchesOneCore: a batch built on both cores holds the
// same subpaths in the same order as one built in a single pass, so it
// rasterises to the same bits.
func TestBuildOnTwoCoresMatchesOneCore(t *testing.T) {
	var rings [][]orb.Point
	for i := range 1000 {
		cx, cy := float64(i%40)*25+10, float64(i/40)*20+10
		var r []orb.Point
		for k := range 7 {
			a := float64(k) * 2 * math.Pi / 7
			r = append(r, orb.Point{cx + 9*math.Cos(a), cy + 7*math.Sin(a)})
		}
		rings = append(rings, r)
	}
	add := func(c *canvas, i int) {
		c.ring(rings[i], 0.5, 0.25)
		c.stroke(rings[i], 1.2, 0.5, 0.25)
	}
	for _, n := range []int{10, buildParallelMin, len(rings)} {
		img1 := image.NewRGBA(image.Rect(0, 0, 1000, 520))
		img2 := image.NewRGBA(img1.Rect)
		one, two := newCanvas(img1), newCanvas(img2)
		for i := range n {
			add(one, i)
		}
		two.build(n, add)
		if !slices.Equal(one.xy, two.xy) || !slices.Equal(one.start, two.start) || !slices.Equal(one.boxes, two.boxes) {
			t.Fatalf("n=%d: the batches differ", n)
		}
		if one.minX != two.minX || one.minY != two.minY || one.maxX != two.maxX || one.maxY != two.maxY {
			t.Fatalf("n=%d: bounds differ", n)
		}
		col := color.NRGBA{200, 30, 60, 180}
		one.flush(col)
		two.flush(col)
		if !slices.Equal(img1.Pix, img2.Pix) {
			t.Fatalf("n=%d: the pictures differ", n)
		}
	}
}
