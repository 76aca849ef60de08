package render

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
)

// TestRingClipperMatchesOrb: the label path's ring clipper gives orb/clip's
// result, point for point, for rings inside, across and outside the box.
func TestRingClipperMatchesOrb(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	star := func(cx, cy, r float64, n int) []orb.Point {
		var pts []orb.Point
		for k := range n {
			a := float64(k) * 2 * math.Pi / float64(n)
			rr := r * (0.5 + rng.Float64())
			pts = append(pts, orb.Point{cx + rr*math.Cos(a), cy + rr*math.Sin(a)})
		}
		return append(pts, pts[0])
	}
	box := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{100, 60}}
	tests := []struct {
		name string
		ring []orb.Point
	}{
		{"inside", star(50, 30, 10, 40)},
		{"across the left edge", star(0, 30, 25, 80)},
		{"across a corner", star(100, 60, 30, 200)},
		{"around the box", star(50, 30, 200, 50)},
		{"outside", star(300, 300, 10, 20)},
		{"open ring", star(90, 10, 30, 30)[:30]},
	}
	var c ringClipper
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := clip.Ring(box, orb.Ring(tt.ring).Clone())
			got := c.clip(box, tt.ring)
			if len(want) == 0 && len(got) == 0 {
				return
			}
			if !slices.Equal(got, []orb.Point(want)) {
				t.Fatalf("got %d points, orb %d; differ", len(got), len(want))
			}
		})
	}
}
