package render

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// pickScene is the corridor at the btc view with every embedded layer and
// flow, plus a user layer holding a square and a point.
func pickScene(t testing.TB) *Scene {
	t.Helper()
	s := corridorScene(t, "btc", 1200, 800)
	square := newFeature(orb.Polygon{{{36, 37}, {37, 37}, {37, 38}, {36, 38}, {36, 37}}})
	square.Properties["name"] = "square"
	dot := newFeature(orb.Point{45, 37.5})
	dot.Properties["name"] = "dot"
	s.Layers = append(s.Layers, NewUserLayer("mine", "Mine", []*geojson.Feature{square, dot}, orb.Bound{}, 0))
	s.Year = 2024
	return s
}

func lineOf(t testing.TB, s *Scene, id string) orb.LineString {
	t.Helper()
	for _, l := range s.Layers {
		for _, f := range l.Detailed {
			if FeatureID(f) == id {
				return f.Geometry.(orb.LineString)
			}
		}
	}
	t.Fatalf("no feature %q", id)
	return nil
}

func pointOf(t testing.TB, s *Scene, id string) orb.Point {
	t.Helper()
	for _, l := range s.Layers {
		for _, f := range l.Detailed {
			if FeatureID(f) == id {
				return f.Geometry.(orb.Point)
			}
		}
	}
	t.Fatalf("no feature %q", id)
	return orb.Point{}
}

func TestPick(t *testing.T) {
	s := pickScene(t)
	btc := lineOf(t, s, "btc-pipeline")
	mid := s.View.ToPixel(geo.Interpolate(btc[len(btc)*2/3-1], btc[len(btc)*2/3], 0.5))
	ceyhan := s.View.ToPixel(pointOf(t, s, "terminal-ceyhan"))
	tests := []struct {
		name string
		px   orb.Point
		want string // feature id, or "" for nothing
	}{
		{"on the pipeline", mid, "btc-pipeline"},
		{"beside the pipeline", orb.Point{mid[0] + 3, mid[1] - 3}, "btc-pipeline"},
		{"on a terminal at the pipeline's end", ceyhan, "terminal-ceyhan"},
		{"inside a user polygon", s.View.ToPixel(orb.Point{36.5, 37.5}), "square"},
		{"on a user point", s.View.ToPixel(orb.Point{45, 37.5}), "dot"},
		{"a city (basemap is not picked)", s.View.ToPixel(orb.Point{32.85, 39.93}), ""},
		{"open sea", s.View.ToPixel(orb.Point{35, 42.2}), ""},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, f, ok := r.Pick(s, tt.px, 6)
			got := ""
			if ok {
				got = FeatureID(f)
				if got == "" {
					got, _ = f.Properties["name"].(string)
				}
			}
			if got != tt.want {
				t.Errorf("Pick at %v = %q, want %q", tt.px, got, tt.want)
			}
		})
	}
}

func TestPickFlow(t *testing.T) {
	s := pickScene(t)
	s.Layers = nil // flows are drawn from their own lines
	// The TITR total is drawn across the Caspian only; the crude's tanker
	// lane runs east of it, so the tests lean west (the line runs south,
	// and its normal below points west).
	titr := lineOf(t, pickScene(t), "titr-ferry-aktau-alat")
	a, b := s.View.ToPixel(titr[5]), s.View.ToPixel(titr[6])
	mid := orb.Point{(a[0] + b[0]) / 2, (a[1] + b[1]) / 2}
	half := BandWidth(4.484, WidthScales(s.Flows)["Mt/yr"], 1) / 2
	tests := []struct {
		name string
		year geo.Year
		off  float64 // pixels off the line, across it
		want string
	}{
		{"centre of the band", 2024, 0, "titr-cargo"},
		{"edge of the band", 2024, half - 1, "titr-cargo"},
		{"beyond the band and the radius", 2024, half + 12, ""},
		{"before the flow's first year", 2018, 0, ""},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.Year = tt.year
			// Across the line: along its normal.
			dx, dy := b[0]-a[0], b[1]-a[1]
			n := orb.Point{-dy, dx}
			k := tt.off / math.Hypot(n[0], n[1])
			px := orb.Point{mid[0] + n[0]*k, mid[1] + n[1]*k}
			fp, ok := r.PickFlow(s, px, 6)
			got := ""
			if ok {
				got = fp.Flow.ID
			}
			if got != tt.want {
				t.Errorf("PickFlow = %q, want %q", got, tt.want)
			}
		})
	}
}

// BenchmarkPick is a hover pick at the corridor view: it must stay far
// under a millisecond to follow the pointer.
func BenchmarkPick(b *testing.B) {
	s := pickScene(b)
	v, _ := geo.ViewByName("corridor")
	s.View = geo.Fit(v.Bound, 1920, 1080, 1)
	r := New()
	px := s.View.ToPixel(orb.Point{50, 41})
	for b.Loop() {
		r.Pick(s, px, 6)
	}
}

// TestPickFlowWhereDrawn: a band moved off its route beside another is
// picked where it is drawn, not where its route runs.
func TestPickFlowWhereDrawn(t *testing.T) {
	s := corridorScene(t, "aktau-baku", 1280, 720)
	s.Year = 2024
	r := New()
	r.Render(s)
	lay := r.Layout(s)
	for _, b := range lay.Bands {
		if b.Flow.Flow.ID != "kz-oil-btc" {
			continue
		}
		// The drawn line's point furthest from the route, in the frame.
		route := r.flowLine(b.Flow, s.View)
		o := s.View.Origin()
		best, far := orb.Point{}, 0.0
		for _, p := range b.Line {
			if p[0] < 0 || p[1] < 0 || p[0] > 1280 || p[1] > 720 {
				continue
			}
			d := math.Inf(1)
			for i := 1; i < len(route); i++ {
				d = math.Min(d, segmentDistance(orb.Point{route[i-1][0] - o[0], route[i-1][1] - o[1]}, orb.Point{route[i][0] - o[0], route[i][1] - o[1]}, p))
			}
			if d > far {
				best, far = p, d
			}
		}
		if far < 12 {
			t.Skipf("the crude runs within %.1f px of its route here", far)
		}
		fp, ok := r.PickFlow(s, best, 2)
		if !ok || fp.Flow.ID != "kz-oil-btc" {
			t.Errorf("pick on the crude band, %.0f px off its route: got %v", far, fp)
		}
		return
	}
	t.Fatal("no crude band drawn")
}
