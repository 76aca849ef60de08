package shapes

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

func caspianConic(t testing.TB) *geo.Projection {
	p, ok := geo.ConicFor(geo.Views[0].Bound)
	if !ok {
		t.Fatal("no conic for the Caspian")
	}
	return p
}

func set(gs ...orb.Geometry) *Set {
	var fs []*geojson.Feature
	for _, g := range gs {
		fs = append(fs, geojson.NewFeature(g))
	}
	return New(fs, nil)
}

// TestVisibleIsTheProjection: a shape's vertices, at a level that keeps
// them all, are where the viewport puts their lon/lat, in both
// projections, and its bounds hold them.
func TestVisibleIsTheProjection(t *testing.T) {
	poly := orb.Polygon{{{47, 38}, {53, 38.5}, {54, 44}, {49, 45}, {46.5, 41}, {47, 38}}}
	line := orb.LineString{{40, 40}, {45, 42}, {50, 41}, {55, 43}}
	s := set(poly, line, orb.Point{51.2, 43.6})
	for _, p := range []*geo.Projection{geo.WebMercator, caspianConic(t)} {
		t.Run(p.Kind(), func(t *testing.T) {
			v := geo.Fit(p, geo.Views[0].Bound, 1600, 900, 1)
			got := s.Visible(v, 16)
			if len(got) != 3 {
				t.Fatalf("%d shapes", len(got))
			}
			check := func(ll, w orb.Point, sh Shape) {
				want := v.World(ll)
				// The level builder's Mercator is the same formula written
				// for speed: a few micropixels apart.
				if d := math.Hypot(w[0]-want[0], w[1]-want[1]); d > 1e-4 {
					t.Errorf("%v drawn at %v, the viewport has %v", ll, w, want)
				}
				if w[0] < sh.Min[0]-1e-9 || w[0] > sh.Max[0]+1e-9 || w[1] < sh.Min[1]-1e-9 || w[1] > sh.Max[1]+1e-9 {
					t.Errorf("%v outside the shape's bounds %v..%v", w, sh.Min, sh.Max)
				}
			}
			for k, ll := range poly[0] {
				// Outer rings are turned to wind the same way on screen.
				r := got[0].Polys[0][0]
				if signedArea(r) >= 0 {
					t.Fatalf("outer ring has area %g on screen", signedArea(r))
				}
				found := false
				for _, w := range r {
					want := v.World(ll)
					found = found || math.Hypot(w[0]-want[0], w[1]-want[1]) < 1e-4
				}
				if !found {
					t.Errorf("vertex %d %v missing", k, ll)
				}
			}
			for k, ll := range line {
				check(ll, got[1].Lines[0][k], got[1])
			}
			check(orb.Point{51.2, 43.6}, got[2].Points[0], got[2])
		})
	}
}

// TestSeamCutsPolygons: a polygon across the map's cut is drawn on both
// sides of it, each part within its side, never as a band around the
// world, in Web Mercator (cut at ±180°) and in a conic centred on the
// Caspian (cut at 134.5° W).
func TestSeamCutsPolygons(t *testing.T) {
	conic := caspianConic(t)
	for _, tc := range []struct {
		name  string
		p     *geo.Projection
		ring  orb.Ring
		parts int
	}{
		{"Chukotka in Mercator", geo.WebMercator, orb.Ring{{170, 60}, {180, 60}, {-170, 60}, {-170, 66}, {-180, 66}, {170, 66}, {170, 60}}, 2},
		{"Alaska in the conic", conic, orb.Ring{{-150, 58}, {-120, 58}, {-120, 64}, {-150, 64}, {-150, 58}}, 2},
		{"the Caspian in the conic", conic, orb.Ring{{47, 38}, {53, 38}, {53, 44}, {47, 44}, {47, 38}}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := set(orb.Polygon{tc.ring})
			v := geo.Viewport{Center: orb.Point{tc.p.CentralMeridian(), 40}, Zoom: 1, Width: 4000, Height: 4000, Scale: 1, Projection: tc.p}
			got := s.Visible(v, 1e9)
			if len(got) != 1 || len(got[0].Polys) != tc.parts {
				t.Fatalf("%d shapes, %v", len(got), got)
			}
			for _, poly := range got[0].Polys {
				lo, hi := math.Inf(1), math.Inf(-1)
				for _, q := range poly[0] {
					lo, hi = min(lo, q[0]), max(hi, q[0])
				}
				if hi-lo > v.WorldSize()/4 {
					t.Errorf("a part spans %.0f of %.0f world pixels", hi-lo, v.WorldSize())
				}
				// Every vertex back on the globe lies within the ring's
				// own longitudes (mod 360) and latitudes.
				for _, q := range poly[0] {
					ll := v.FromWorld(q)
					in := false
					for _, c := range tc.ring {
						in = in || math.Abs(math.Remainder(ll[0]-c[0], 360)) < 45
					}
					if !in || ll[1] < 57.9 && tc.ring[0][1] > 57 {
						t.Errorf("vertex %v (%v) strays from the ring", q, ll)
					}
				}
			}
		})
	}
}

// TestPolarRingKeepsItsCap: a ring round the south pole, written as
// Natural Earth writes Antarctica, fills the band between its edge and
// the bottom of the map and nothing north of it, in both projections.
func TestPolarRingKeepsItsCap(t *testing.T) {
	polar := orb.Ring{{-180, -70}, {-90, -72}, {0, -70}, {90, -72}, {179.9, -70}, {180, -85}, {-180, -85}, {-180, -70}}
	conic, ok := geo.Conic(-60, -40, 20)
	if !ok {
		t.Fatal("no southern conic")
	}
	for _, p := range []*geo.Projection{geo.WebMercator, conic} {
		t.Run(p.Kind(), func(t *testing.T) {
			s := set(orb.Polygon{polar})
			v := geo.Viewport{Center: orb.Point{20, -75}, Zoom: 2, Width: 2000, Height: 2000, Scale: 1, Projection: p}
			got := s.Visible(v, 1e9)
			if len(got) != 1 {
				t.Fatalf("%d shapes", len(got))
			}
			inside := func(ll orb.Point) bool {
				w := v.World(ll)
				n := 0
				for _, poly := range got[0].Polys {
					if planar.PolygonContains(toPolygon(poly), w) {
						n++
					}
				}
				return n > 0
			}
			for lon := -175.0; lon <= 175; lon += 25 {
				if !inside(orb.Point{lon, -78}) {
					t.Errorf("%g° -78: not filled", lon)
				}
				if inside(orb.Point{lon, -60}) {
					t.Errorf("%g° -60: filled", lon)
				}
			}
		})
	}
}

func toPolygon(rings [][]orb.Point) orb.Polygon {
	out := make(orb.Polygon, len(rings))
	for i, r := range rings {
		out[i] = r
	}
	return out
}

// TestPreparedPerProjection: each projection has its own prepared
// geometry, kept while it is among the last few used: switching back is
// no new preparation.
func TestPreparedPerProjection(t *testing.T) {
	s := set(orb.Polygon{{{47, 38}, {53, 38}, {53, 44}, {47, 38}}})
	conic := caspianConic(t)
	m1, c1 := s.Prepared(geo.WebMercator), s.Prepared(conic)
	if m1 == c1 {
		t.Fatal("two projections share their geometry")
	}
	if s.Prepared(geo.WebMercator) != m1 {
		t.Error("Web Mercator prepared again")
	}
	for _, b := range []orb.Bound{geo.Views[1].Bound, geo.Views[2].Bound, geo.Views[3].Bound} {
		p, _ := geo.ConicFor(b)
		s.Prepared(p)
	}
	if len(s.prepared) != maxProjections {
		t.Errorf("%d projections kept", len(s.prepared))
	}
}

// TestDistanceMatchesThePicture: inside a polygon, its drawn outline
// holds the pointer exactly when the planar test on the projected ring
// says so, in both projections, with and without the pick index.
func TestDistanceMatchesThePicture(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	// A long wiggly ring, indexed in chunks, with a hole.
	var outer orb.Ring
	for i := 0; i <= 400; i++ {
		a := float64(i) / 400 * 2 * math.Pi
		r := 4 + 0.8*math.Sin(7*a)
		outer = append(outer, orb.Point{50 + r*math.Cos(a)*1.3, 41 + r*math.Sin(a)})
	}
	outer[len(outer)-1] = outer[0]
	hole := orb.Ring{{49, 40}, {51, 40}, {51, 42}, {49, 42}, {49, 40}}
	poly := orb.Polygon{outer, hole}
	for _, p := range []*geo.Projection{geo.WebMercator, caspianConic(t)} {
		for _, indexed := range []bool{false, true} {
			s := set(poly)
			if indexed {
				s.Index()
			}
			v := geo.Fit(p, geo.Views[0].Bound, 1200, 800, 1)
			proj := make(orb.Polygon, 2)
			for k, r := range poly {
				for _, ll := range r {
					proj[k] = append(proj[k], v.ToPixel(ll))
				}
			}
			for range 2000 {
				px := orb.Point{rng.Float64() * 1200, rng.Float64() * 800}
				box := v.LonLatBound(orb.Bound{Min: orb.Point{px[0] - 7, px[1] - 7}, Max: orb.Point{px[0] + 7, px[1] + 7}})
				d, _ := s.Distance(NewProbe(v, px, box), 0, 5)
				want := planar.PolygonContains(proj, px)
				if (d == 0) != want {
					// On the outline itself either answer is right.
					if edge := math.Min(planar.DistanceFrom(proj[0], px), planar.DistanceFrom(proj[1], px)); edge > 0.01 {
						t.Fatalf("%s indexed=%v: %v is inside=%v, distance %g (%.2f px from the outline)", p.Kind(), indexed, px, want, d, edge)
					}
				}
				if d > 0 && d < 6 {
					edge := math.Min(planar.DistanceFrom(orb.LineString(proj[0]), px), planar.DistanceFrom(orb.LineString(proj[1]), px))
					if math.Abs(edge-d) > 1e-6 {
						t.Fatalf("%s: distance %g, the outline is %g px away", p.Kind(), d, edge)
					}
				}
			}
		}
	}
}
