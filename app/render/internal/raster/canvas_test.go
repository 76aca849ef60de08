package raster

import (
	"image"
	"image/color"
	"math"
	"runtime"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// TestBuildInPiecesMatchesOnePass: a batch built on both cores holds the
// same subpaths in the same order as one built in a single pass, so it
// rasterises to the same bits.
func TestBuildInPiecesMatchesOnePass(t *testing.T) {
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
	add := func(c *Canvas, i int) {
		c.Ring(rings[i], 0.5, 0.25)
		c.Stroke(rings[i], 1.2, 0.5, 0.25, RoundCap)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 3, 8} {
		runtime.GOMAXPROCS(procs)
		for _, n := range []int{10, buildParallelMin, len(rings)} {
			img1 := image.NewRGBA(image.Rect(0, 0, 1000, 520))
			img2 := image.NewRGBA(img1.Rect)
			one, two := New(img1), New(img2)
			for i := range n {
				add(one, i)
			}
			two.Build(n, add)
			if !slices.Equal(one.xy, two.xy) || !slices.Equal(one.start, two.start) || !slices.Equal(one.boxes, two.boxes) {
				t.Fatalf("GOMAXPROCS %d, n=%d: the batches differ", procs, n)
			}
			if one.minX != two.minX || one.minY != two.minY || one.maxX != two.maxX || one.maxY != two.maxY {
				t.Fatalf("n=%d: bounds differ", n)
			}
			col := color.NRGBA{200, 30, 60, 180}
			one.Flush(col)
			two.Flush(col)
			if !slices.Equal(img1.Pix, img2.Pix) {
				t.Fatalf("n=%d: the pictures differ", n)
			}
		}
	}
}

// TestCompositeMatchesPerPixelBlend holds composite's fast paths (eight
// uncovered, eight opaque, the remembered block of a translucent fill) to
// the plain source-over blend of each pixel.
func TestCompositeMatchesPerPixelBlend(t *testing.T) {
	const w, h = 67, 9
	r := image.Rect(3, 2, 3+w, 2+h)
	mask := make([]uint8, w*h)
	for i := range mask {
		switch {
		case i%w < 24: // fully covered run over a plain background
			mask[i] = 255
		case i%w < 40:
			mask[i] = uint8(i * 37)
		case i%w < 48:
			mask[i] = 0
		default:
			mask[i] = 255
		}
	}
	for _, col := range []color.NRGBA{{200, 30, 60, 255}, {200, 30, 60, 77}, {10, 240, 90, 1}} {
		dst := image.NewRGBA(image.Rect(0, 0, 80, 16))
		for i := 0; i < len(dst.Pix); i += 4 {
			x := (i / 4) % 80
			v := uint8(230)
			if x > 55 { // varied background under the last covered run
				v = uint8(i * 13)
			}
			dst.Pix[i], dst.Pix[i+1], dst.Pix[i+2], dst.Pix[i+3] = v, v-3, v+7, 255
			if x == 60 {
				dst.Pix[i+3] = 128 // one translucent destination column
			}
		}
		want := image.NewRGBA(dst.Rect)
		copy(want.Pix, dst.Pix)
		for y := range h {
			for x := range w {
				m := uint32(mask[y*w+x])
				if m == 0 {
					continue
				}
				a := Div255(m * uint32(col.A))
				inv := 255 - a
				i := want.PixOffset(r.Min.X+x, r.Min.Y+y)
				p := want.Pix[i : i+4]
				p[0] = uint8(Div255(uint32(col.R)*a + uint32(p[0])*inv))
				p[1] = uint8(Div255(uint32(col.G)*a + uint32(p[1])*inv))
				p[2] = uint8(Div255(uint32(col.B)*a + uint32(p[2])*inv))
				p[3] = uint8(Div255(255*a + uint32(p[3])*inv))
			}
		}
		Composite(dst, r, mask, col)
		if !slices.Equal(dst.Pix, want.Pix) {
			t.Errorf("colour %v: composite differs from the per-pixel blend", col)
		}
	}
}

// TestRoundStrokeIsTheLineGrown: a wide stroke with round joins and caps
// covers exactly the points within half its width of the line: every
// pixel whose centre is more than a pixel inside is fully painted, every
// one more than a pixel outside is untouched (the joins are the sectors
// the segments leave open, not whole discs).
func TestRoundStrokeIsTheLineGrown(t *testing.T) {
	lines := []struct {
		name string
		pts  []orb.Point
	}{
		{"zigzag", []orb.Point{{20, 80}, {60, 20}, {100, 80}, {140, 20}, {180, 80}}},
		{"gentle arc", []orb.Point{{20, 60}, {60, 50}, {100, 46}, {140, 50}, {180, 60}}},
		{"hairpin", []orb.Point{{20, 30}, {170, 40}, {20, 52}}},
		{"right angle", []orb.Point{{40, 20}, {40, 80}, {160, 80}}},
		{"repeated point", []orb.Point{{30, 50}, {90, 50}, {90, 50}, {150, 20}}},
	}
	const w = 14.0
	for _, tt := range lines {
		t.Run(tt.name, func(t *testing.T) {
			img := image.NewRGBA(image.Rect(0, 0, 200, 100))
			c := New(img)
			c.Stroke(tt.pts, w, 0, 0, RoundCap)
			c.Flush(color.NRGBA{255, 255, 255, 255})
			for y := range 100 {
				for x := range 200 {
					p := orb.Point{float64(x) + 0.5, float64(y) + 0.5}
					d := math.Inf(1)
					for i := 1; i < len(tt.pts); i++ {
						d = math.Min(d, planar.DistanceFromSegment(tt.pts[i-1], tt.pts[i], p))
					}
					v := img.Pix[img.PixOffset(x, y)]
					switch {
					case d < w/2-1 && v < 250:
						t.Fatalf("(%d,%d), %.2f inside the edge, has %d", x, y, w/2-d, v)
					case d > w/2+1 && v != 0:
						t.Fatalf("(%d,%d), %.2f outside the edge, has %d", x, y, d-w/2, v)
					}
				}
			}
		})
	}
}

// TestCompositeTwoMatchesTwoPasses: a label's halo and text blended in one
// pass give the pixels of two composite passes, halo first.
func TestCompositeTwoMatchesTwoPasses(t *testing.T) {
	const w, h, stride = 37, 11, 41
	ma, mb := make([]uint8, stride*h), make([]uint8, stride*h)
	for i := range ma {
		x := i % stride
		switch {
		case x < 9: // both empty: the eight-at-a-time skip
		case x < 20:
			ma[i], mb[i] = 255, uint8(i*29)
		default:
			ma[i], mb[i] = uint8(i*53), uint8(i*7)%3*120
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, 50, 20))
	for i := range dst.Pix {
		dst.Pix[i] = uint8(i * 31)
	}
	for i := 3; i < len(dst.Pix); i += 4 {
		dst.Pix[i] = 255
	}
	want := image.NewRGBA(dst.Rect)
	copy(want.Pix, dst.Pix)
	r := image.Rect(5, 4, 5+w, 4+h)
	halo, text := color.NRGBA{255, 255, 255, 230}, color.NRGBA{20, 20, 20, 255}
	CompositeStride(want, r, ma, stride, halo)
	CompositeStride(want, r, mb, stride, text)
	CompositeTwo(dst, r, ma, mb, stride, halo, text)
	if !slices.Equal(dst.Pix, want.Pix) {
		t.Error("one pass differs from two")
	}
}

// TestButtCapsEndAtTheEnds: a butt-capped stroke, wide or thin, paints
// nothing beyond its end points, where a round cap reaches half a width
// further.
func TestButtCapsEndAtTheEnds(t *testing.T) {
	for _, w := range []float64{10, 1.2} {
		for _, tc := range []struct {
			name  string
			cp    Cap
			reach float64 // how far past the ends paint may go
		}{{"butt", ButtCap, 0.5}, {"round", RoundCap, w/2 + 0.5}} {
			img := image.NewRGBA(image.Rect(0, 0, 100, 40))
			c := New(img)
			c.Stroke([]orb.Point{{20, 20}, {50, 21}, {80, 20}}, w, 0, 0, tc.cp)
			c.Flush(color.NRGBA{255, 255, 255, 255})
			lo, hi := 100, -1
			for y := range 40 {
				for x := range 100 {
					if img.Pix[img.PixOffset(x, y)] != 0 {
						lo, hi = min(lo, x), max(hi, x)
					}
				}
			}
			if float64(lo) < 20-tc.reach-1 || float64(hi) > 80+tc.reach {
				t.Errorf("width %g, %s caps: paint from x=%d to %d", w, tc.name, lo, hi)
			}
			if tc.cp == RoundCap && w > roundMin && float64(lo) > 20-w/2+1 {
				t.Errorf("width %g: a round cap should reach x=%g, paint starts at %d", w, 20-w/2, lo)
			}
		}
	}
}
