package geo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
)

// TestClipSegmentAgreesWithOrb holds ClipSegment to orb/clip on random
// segments around a box, edge-on and axis-parallel ones included.
func TestClipSegmentAgreesWithOrb(t *testing.T) {
	box := orb.Bound{Min: orb.Point{10, 20}, Max: orb.Point{110, 70}}
	rng := rand.New(rand.NewPCG(1, 2))
	pt := func() orb.Point {
		switch rng.IntN(4) {
		case 0: // on an edge's line
			return orb.Point{box.Min[0], rng.Float64()*150 - 20}
		default:
			return orb.Point{rng.Float64()*160 - 20, rng.Float64()*110 - 20}
		}
	}
	cases := []struct {
		name string
		a, b orb.Point
	}{
		{"inside", orb.Point{20, 30}, orb.Point{100, 60}},
		{"across", orb.Point{0, 45}, orb.Point{200, 45}},
		{"outside", orb.Point{0, 0}, orb.Point{5, 100}},
		{"vertical through", orb.Point{50, 0}, orb.Point{50, 100}},
		{"corner to corner", orb.Point{0, 10}, orb.Point{120, 80}},
	}
	for i := range 2000 {
		a, b := pt(), pt()
		if rng.IntN(5) == 0 {
			b[1] = a[1] // horizontal
		}
		cases = append(cases, struct {
			name string
			a, b orb.Point
		}{"random " + itoa(i), a, b})
	}
	for _, c := range cases {
		t0, t1, ok := ClipSegment(c.a, c.b, box)
		got := orb.LineString{}
		if ok && t0 < t1 {
			at := func(t float64) orb.Point {
				return orb.Point{c.a[0] + (c.b[0]-c.a[0])*t, c.a[1] + (c.b[1]-c.a[1])*t}
			}
			got = orb.LineString{at(t0), at(t1)}
		}
		want := orb.LineString{}
		switch g := clip.Geometry(box, orb.LineString{c.a, c.b}).(type) {
		case orb.LineString:
			want = g
		case orb.MultiLineString:
			if len(g) == 1 {
				want = g[0]
			} else if len(g) > 1 {
				t.Errorf("%s: orb/clip cut one segment in %d", c.name, len(g))
			}
		}
		if len(want) == 2 && want[0] == want[1] {
			want = orb.LineString{}
		}
		if len(got) != len(want) {
			// A piece along the box's edge or through a corner is in or
			// out by rounding in either: only a real length is a fault.
			if l := length(got) + length(want); l > 1e-9 {
				t.Errorf("%s %v→%v: got %v, orb/clip %v", c.name, c.a, c.b, got, want)
			}
			continue
		}
		for k := range got {
			if math.Abs(got[k][0]-want[k][0]) > 1e-9 || math.Abs(got[k][1]-want[k][1]) > 1e-9 {
				t.Errorf("%s %v→%v: got %v, orb/clip %v", c.name, c.a, c.b, got, want)
				break
			}
		}
	}
}

func length(l orb.LineString) float64 {
	if len(l) < 2 {
		return 0
	}
	return math.Hypot(l[1][0]-l[0][0], l[1][1]-l[0][1])
}

func itoa(i int) string {
	const d = "0123456789"
	if i < 10 {
		return d[i : i+1]
	}
	return itoa(i/10) + d[i%10:i%10+1]
}
