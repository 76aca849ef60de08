package geo

import (
	"testing"

	"github.com/paulmach/orb"
)

func TestLines(t *testing.T) {
	ls := orb.LineString{{0, 0}, {1, 1}}
	ring := orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 0}}
	tests := []struct {
		name string
		g    orb.Geometry
		want int
	}{
		{"point", orb.Point{1, 2}, 0},
		{"line", ls, 1},
		{"ring", ring, 1},
		{"multi-line", orb.MultiLineString{ls, ls}, 2},
		{"polygon with a hole", orb.Polygon{ring, ring}, 2},
		{"multi-polygon", orb.MultiPolygon{{ring}, {ring, ring}}, 3},
		{"collection", orb.Collection{ls, orb.Point{0, 0}, orb.Polygon{ring}}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 0
			for l := range Lines(tt.g) {
				if len(l) < 2 {
					t.Errorf("line of %d points", len(l))
				}
				n++
			}
			if n != tt.want {
				t.Errorf("%d lines, want %d", n, tt.want)
			}
		})
	}
	// Stopping early stops the walk.
	n := 0
	for range Lines(orb.MultiPolygon{{ring}, {ring, ring}}) {
		n++
		break
	}
	if n != 1 {
		t.Errorf("broke after %d lines", n)
	}
}
