package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		name string
		a, b orb.Point
		want Km
		tol  Km
	}{
		{"one degree on the equator", orb.Point{0, 0}, orb.Point{1, 0}, 111.195, 0.01},
		{"pole to equator", orb.Point{0, 90}, orb.Point{10, 0}, 10007.5, 0.5},
		// Baku–Tbilisi is about 450 km as the crow flies.
		{"Baku to Tbilisi", orb.Point{49.892, 40.378}, orb.Point{44.834, 41.694}, 450, 10},
		{"same point", orb.Point{51, 43}, orb.Point{51, 43}, 0, 1e-9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Distance(tt.a, tt.b); math.Abs(float64(got-tt.want)) > float64(tt.tol) {
				t.Errorf("Distance = %v, want %v ± %v", got, tt.want, tt.tol)
			}
		})
	}
}

func TestGreatCircleKeepsLength(t *testing.T) {
	a, b := orb.Point{51.2, 43.6}, orb.Point{35.9, 36.9}
	gc := GreatCircle(a, b, 25)
	if len(gc) < 40 {
		t.Fatalf("only %d points", len(gc))
	}
	if d := math.Abs(float64(Length(gc) - Distance(a, b))); d > 0.01 {
		t.Errorf("densified length differs by %g km", d)
	}
	if !gc[0].Equal(a) || !gc[len(gc)-1].Equal(b) {
		t.Error("endpoints changed")
	}
	mid := Interpolate(a, b, 0.5)
	if d := math.Abs(float64(Distance(a, mid) - Distance(mid, b))); d > 1e-6 {
		t.Errorf("midpoint off by %g km", d)
	}
}

func TestPointAlong(t *testing.T) {
	ls := orb.LineString{{0, 0}, {1, 0}, {2, 0}}
	p, ok := PointAlong(ls, 111.195*1.5)
	if !ok || math.Abs(p[0]-1.5) > 1e-3 {
		t.Errorf("PointAlong = %v %v", p, ok)
	}
	if _, ok := PointAlong(ls, 1e6); ok {
		t.Error("beyond the end should fail")
	}
}
