package raster

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// maxDiff is the largest difference of any channel between two pictures.
func maxDiff(a, b *image.RGBA) int {
	worst := 0
	for i := range a.Pix {
		d := int(a.Pix[i]) - int(b.Pix[i])
		worst = max(worst, d, -d)
	}
	return worst
}

// TestDashedClipMatchesWholeLine: dashes cut only inside the picture draw
// what cutting the whole line draws, for lines that leave the picture
// and come back, start and end far away, or stay inside.
func TestDashedClipMatchesWholeLine(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const w, h = 160, 120
	for k := range 40 {
		var line []orb.Point
		spread := []float64{100, 2000, 20000}[k%3]
		for range 2 + k%7 {
			line = append(line, orb.Point{w/2 + spread*(rng.Float64()-0.5), h/2 + spread*(rng.Float64()-0.5)})
		}
		pattern := []float64{1 + 20*rng.Float64(), 1 + 10*rng.Float64()}
		phase := 50 * rng.Float64()
		width := 1 + 5*rng.Float64()
		whole := image.NewRGBA(image.Rect(0, 0, w, h))
		clipped := image.NewRGBA(whole.Rect)
		cw, cc := New(whole), New(clipped)
		for _, p := range Dashes(line, pattern, phase) {
			cw.Stroke(p, width, 0.5, 0.25, RoundCap)
		}
		cc.Dashed(line, width, pattern, phase, 0.5, 0.25, RoundCap)
		col := color.NRGBA{20, 40, 200, 255}
		cw.Flush(col)
		cc.Flush(col)
		if d := maxDiff(whole, clipped); d > 2 {
			t.Fatalf("line %d (%v, pattern %v, phase %g): pictures differ by %d", k, line, pattern, phase, d)
		}
	}
}

// TestDashedWorkIsWhatShows: a dashed line a trillion pixels long across
// a small picture is cut into the dashes the picture shows, not into
// the hundreds of billions along it.
func TestDashedWorkIsWhatShows(t *testing.T) {
	var d dasher
	line := []orb.Point{{-1e12, 50}, {1e12, 60}}
	box := orb.Bound{Min: orb.Point{-10, -10}, Max: orb.Point{210, 110}}
	pieces := d.cutIn(line, []float64{3, 2}, 0, box)
	if len(pieces) < 40 || len(pieces) > 50 {
		t.Errorf("%d pieces for a 220-pixel stretch of 5-pixel periods", len(pieces))
	}
	for _, p := range pieces {
		for _, pt := range p {
			if pt[0] < box.Min[0]-1e-6 || pt[0] > box.Max[0]+1e-6 {
				t.Fatalf("a dash point %v outside the box", pt)
			}
		}
	}
}

// TestFarEdgesClipped: edges from vertices thousands of pixels outside
// the rasteriser's area, clipped, cover each pixel of the area as the
// polygon does (found by sampling each pixel), at least as closely as
// the whole edges do (fed whole, float32 places them by arithmetic on
// far-away coordinates), in a small area and a wide one.
func TestFarEdgesClipped(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const w, h = 48, 32
	for _, size := range []int{w, 600} {
		worstWhole, worstClipped := 0.0, 0.0
		for k := range 100 {
			// A triangle with an edge across the area, running thousands
			// of pixels out on both sides, and its third corner far away.
			px, py := w*rng.Float64(), h*rng.Float64()
			ang := math.Pi * rng.Float64()
			ux, uy := math.Cos(ang), math.Sin(ang)
			far1, far2 := []float64{3000, 6000}[k%2]*(0.5+rng.Float64()), 5000*(0.5+rng.Float64())
			side := 1.0
			if k%4 < 2 {
				side = -1
			}
			ring := [][2]float32{
				{float32(px - ux*far1), float32(py - uy*far1)},
				{float32(px + ux*far2), float32(py + uy*far2)},
				{float32(px - uy*side*4000), float32(py + ux*side*4000)},
			}
			draw := func(clip bool) []uint8 {
				var z coverage
				z.Reset(size, h)
				for i := range ring {
					a, b := ring[i], ring[(i+1)%len(ring)]
					if clip {
						feedClipped(&z, a[0], a[1], b[0], b[1], float32(size), h)
					} else {
						z.MoveTo(a[0], a[1])
						z.LineTo(b[0], b[1])
					}
				}
				m := make([]uint8, size*h)
				z.Mask(m)
				return m
			}
			whole, clipped := draw(false), draw(true)
			for y := range h {
				for x := range w {
					want := sampledCoverage(ring, x, y)
					worstWhole = max(worstWhole, math.Abs(float64(whole[y*size+x])/255-want))
					worstClipped = max(worstClipped, math.Abs(float64(clipped[y*size+x])/255-want))
				}
			}
		}
		t.Logf("size %d: worst coverage error %.3f whole, %.3f clipped", size, worstWhole, worstClipped)
		if worstClipped > worstWhole+0.01 || worstClipped > 0.08 {
			t.Errorf("size %d: clipped edges miss by %.3f, whole ones by %.3f", size, worstClipped, worstWhole)
		}
	}
}

// sampledCoverage is the share of 16×16 points of pixel (x, y) inside
// ring by the non-zero rule, as x/image/vector fills.
func sampledCoverage(ring [][2]float32, x, y int) float64 {
	in := 0
	for i := range 16 {
		for j := range 16 {
			px, py := float64(x)+(float64(i)+0.5)/16, float64(y)+(float64(j)+0.5)/16
			wind := 0
			for k := range ring {
				a, b := ring[k], ring[(k+1)%len(ring)]
				ax, ay, bx, by := float64(a[0]), float64(a[1]), float64(b[0]), float64(b[1])
				if (ay <= py) != (by <= py) && ax+(py-ay)*(bx-ax)/(by-ay) > px {
					if by > ay {
						wind++
					} else {
						wind--
					}
				}
			}
			if wind != 0 {
				in++
			}
		}
	}
	return float64(in) / 256
}
