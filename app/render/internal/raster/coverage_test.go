package raster

import (
	"fmt"
	"image"
	"math/rand/v2"
	"testing"

	"golang.org/x/image/vector"
)

// TestCoverageMatchesVector: our rasteriser's masks are x/image/vector's,
// to within a level of 255 at every pixel, for random closed paths that
// overlap, wind either way, cross themselves and reach outside the area
// on every side. The library fills areas up to 512 pixels a side in
// fixed point, which misses by far more with such paths: it is asked
// for a wider area, whose left columns are the same pixels (a pixel's
// coverage depends on nothing right of it).
func TestCoverageMatchesVector(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, size := range [][2]int{{40, 30}, {200, 90}, {700, 64}, {1300, 3}} {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			var ours coverage
			got := make([]uint8, w*h)
			worst, differ := 0, 0
			for k := range 150 {
				var lib vector.Rasterizer
				lw := max(w, 513)
				lib.Reset(lw, h)
				ours.Reset(w, h)
				spread := []float64{0.8, 1.5, 4}[k%3]
				for range 1 + k%4 {
					n := 3 + rng.IntN(9)
					var ring [][2]float32
					for range n {
						x := float64(w) * (0.5 + spread*(rng.Float64()-0.5))
						y := float64(h) * (0.5 + spread*(rng.Float64()-0.5))
						if k%5 == 0 {
							x, y = float64(int(x)), float64(int(y)) // on pixel edges
						}
						ring = append(ring, [2]float32{float32(x), float32(y)})
					}
					for i := range ring {
						a, b := ring[i], ring[(i+1)%len(ring)]
						lib.MoveTo(a[0], a[1])
						lib.LineTo(b[0], b[1])
						ours.MoveTo(a[0], a[1])
						ours.LineTo(b[0], b[1])
					}
				}
				want := image.NewAlpha(image.Rect(0, 0, lw, h))
				lib.DrawOp = 1 // draw.Src
				lib.Draw(want, want.Rect, image.Opaque, image.Point{})
				ours.Mask(got)
				for i := range got {
					d := int(got[i]) - int(want.Pix[i/w*lw+i%w])
					if d != 0 {
						differ++
					}
					worst = max(worst, d, -d)
				}
			}
			t.Logf("worst difference %d, %d pixels of %d differ", worst, differ, 150*w*h)
			if worst > 1 {
				t.Errorf("masks differ by up to %d levels", worst)
			}
		})
	}
}

// TestCoverageEmptiesItself: a mask leaves the grid empty, and a Reset
// empties what was added but never masked, so the next draw starts clean.
func TestCoverageEmptiesItself(t *testing.T) {
	var c coverage
	square := func() {
		c.MoveTo(2, 2)
		c.LineTo(8, 2)
		c.LineTo(8, 8)
		c.LineTo(2, 8)
		c.LineTo(2, 2)
	}
	m := make([]uint8, 100)
	c.Reset(10, 10)
	square()
	c.Mask(m)
	first := string(m)
	c.Reset(10, 10)
	square()
	c.Reset(10, 10) // abandoned without a mask
	square()
	c.Mask(m)
	if string(m) != first {
		t.Error("a draw after an unmasked one differs")
	}
	for _, v := range c.cells {
		if v != 0 {
			t.Fatal("the grid is not empty after a mask")
		}
	}
}

// BenchmarkCoverage: a band of a 4K picture (3840×192) across a
// coastline-like polygon of 4,000 vertices, filled: edges, mask.
func BenchmarkCoverage(b *testing.B) {
	const w, h = 3840, 192
	rng := rand.New(rand.NewPCG(1, 2))
	var ring [][2]float32
	for i := range 2000 {
		ring = append(ring, [2]float32{float32(i) * w / 2000, float32(40 + 30*rng.Float64())})
	}
	for i := range 2000 {
		ring = append(ring, [2]float32{w - float32(i)*w/2000, float32(150 + 30*rng.Float64())})
	}
	var c coverage
	m := make([]uint8, w*h)
	for b.Loop() {
		c.Reset(w, h)
		for i := range ring {
			a, e := ring[i], ring[(i+1)%len(ring)]
			c.MoveTo(a[0], a[1])
			c.LineTo(e[0], e[1])
		}
		c.Mask(m)
	}
}
