package render

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestHatchFillsInsideOnly(t *testing.T) {
	square := [][]orb.Point{{{5, 5}, {105, 5}, {105, 105}, {5, 105}}}
	hole := []orb.Point{{45, 45}, {65, 45}, {65, 65}, {45, 65}}
	withHole := [][]orb.Point{square[0], hole}
	view := orb.Bound{Min: orb.Point{-50, -50}, Max: orb.Point{150, 150}}
	tests := []struct {
		name    string
		polys   [][][]orb.Point
		angle   float64
		wantLen float64 // total length of the hatch
	}{
		// Lines at v = 10, 20 … 100 across a 100-wide square: 10 × 100.
		{"horizontal", [][][]orb.Point{square}, 0, 1000},
		// The hole takes 20 off the two lines through it, v = 50 and 60.
		{"with a hole", [][][]orb.Point{withHole}, 0, 1000 - 2*20},
		// At 90° the same by symmetry.
		{"vertical", [][][]orb.Point{square}, 90, 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs := hatch(tt.polys, 10, tt.angle, view)
			total := 0.0
			for _, s := range segs {
				total += math.Hypot(s[1][0]-s[0][0], s[1][1]-s[0][1])
				for _, p := range s {
					if p[0] < 5-1e-6 || p[0] > 105+1e-6 || p[1] < 5-1e-6 || p[1] > 105+1e-6 {
						t.Errorf("segment end %v outside the square", p)
					}
				}
			}
			if math.Abs(total-tt.wantLen) > 1e-6 {
				t.Errorf("total hatch length %v, want %v", total, tt.wantLen)
			}
		})
	}
	// A diagonal hatch of the square covers it: total length is its area
	// over the spacing, within a line's worth.
	segs := hatch([][][]orb.Point{square}, 5, 45, view)
	total := 0.0
	for _, s := range segs {
		total += math.Hypot(s[1][0]-s[0][0], s[1][1]-s[0][1])
	}
	if math.Abs(total-10000/5.0) > 150 {
		t.Errorf("45° hatch length %v, want about %v", total, 10000/5.0)
	}
	// Only what the view shows is made.
	small := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{20, 20}}
	for _, s := range hatch([][][]orb.Point{square}, 10, 0, small) {
		if s[0][0] < -1e-6 || s[1][0] > 20+1e-6 {
			t.Errorf("segment %v reaches beyond the view", s)
		}
	}
}
