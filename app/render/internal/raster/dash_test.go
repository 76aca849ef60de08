package raster

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestDashes(t *testing.T) {
	line := []orb.Point{{0, 0}, {10, 0}, {10, 10}}
	tests := []struct {
		name    string
		pattern []float64
		phase   float64
		pieces  int
		onLen   float64
	}{
		{"solid when no pattern", nil, 0, 1, 20},
		{"even dashes", []float64{2, 2}, 0, 5, 10},
		{"phase shifts", []float64{2, 2}, 1, 6, 10},
		{"dash across a corner", []float64{15, 5}, 0, 1, 15},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Dashes(line, tt.pattern, tt.phase)
			if len(got) != tt.pieces {
				t.Errorf("%d pieces, want %d: %v", len(got), tt.pieces, got)
			}
			total := 0.0
			for _, p := range got {
				for i := 1; i < len(p); i++ {
					total += math.Hypot(p[i][0]-p[i-1][0], p[i][1]-p[i-1][1])
				}
			}
			if math.Abs(total-tt.onLen) > 1e-9 {
				t.Errorf("dashed length %g, want %g", total, tt.onLen)
			}
		})
	}
}
