package render

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

func TestScaleBarMatchesGeodesic(t *testing.T) {
	for _, v := range geo.Views {
		for _, scale := range []float64{1, 2, 300.0 / 96} {
			vp := geo.Fit(v.Bound, 1920, 1080, scale)
			t.Run(v.Name, func(t *testing.T) {
				km, length := ScaleBarLength(vp, 140*scale)
				if km <= 0 || length < 60*scale || length > 140*scale {
					t.Fatalf("bar %v over %g px", km, length)
				}
				c := orb.Point{float64(vp.Width) / 2, float64(vp.Height) / 2}
				a := vp.ToLonLat(orb.Point{c[0] - length/2, c[1]})
				b := vp.ToLonLat(orb.Point{c[0] + length/2, c[1]})
				if d := geo.Distance(a, b); math.Abs(float64(d/km)-1) > 0.01 {
					t.Errorf("bar says %v, s2 distance across it is %v", km, d)
				}
			})
		}
	}
}

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
			got := dashes(line, tt.pattern, tt.phase, nil)
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

func TestHolesStayOpen(t *testing.T) {
	// A square with a square hole, both wound the same way as GeoJSON
	// often has them: the hole must not be filled.
	outer := orb.Ring{{49, 39}, {53, 39}, {53, 43}, {49, 43}, {49, 39}}
	hole := orb.Ring{{50, 40}, {52, 40}, {52, 42}, {50, 42}, {50, 40}}
	l := NewUserLayer("sq", "sq", nil, orb.Bound{}, 0)
	l.Detailed = append(l.Detailed, newFeature(orb.Polygon{outer, hole}))
	vp := geo.Fit(orb.Bound{Min: orb.Point{48, 38}, Max: orb.Point{54, 44}}, 200, 200, 1)
	img := New().Render(&Scene{View: vp, Layers: []*Layer{l}})
	in := vp.ToPixel(orb.Point{51, 41})
	ring := vp.ToPixel(orb.Point{49.5, 41})
	if c := img.RGBAAt(int(in[0]), int(in[1])); c != img.RGBAAt(2, 100) {
		t.Errorf("hole is filled: %v", c)
	}
	if c := img.RGBAAt(int(ring[0]), int(ring[1])); c == img.RGBAAt(2, 100) {
		t.Errorf("polygon is not filled: %v", c)
	}
}

// TestAntimeridianPolygon: a polygon written across ±180° (as Natural
// Earth derivatives write Chukotka and Fiji) is drawn at both edges of a
// world view, and not as a band around the world; a ring around the pole
// keeps its cap.
func TestAntimeridianPolygon(t *testing.T) {
	across := orb.Ring{{170, 60}, {180, 60}, {-170, 60}, {-170, 66}, {-180, 66}, {170, 66}, {170, 60}}
	polar := orb.Ring{{-180, -70}, {-90, -72}, {0, -70}, {90, -72}, {179.9, -70}, {180, -85}, {-180, -85}, {-180, -70}}
	l := NewUserLayer("x", "x", nil, orb.Bound{}, 0)
	l.Detailed = append(l.Detailed, newFeature(orb.Polygon{across}), newFeature(orb.Polygon{polar}))
	vp := geo.Fit(orb.Bound{Min: orb.Point{-180, -80}, Max: orb.Point{180, 80}}, 720, 720, 1)
	img := New().Render(&Scene{View: vp, Layers: []*Layer{l}})
	empty := New().Render(&Scene{View: vp})
	for _, tt := range []struct {
		name   string
		at     orb.Point
		filled bool
	}{
		{"east of 180", orb.Point{175, 63}, true},
		{"west of -180", orb.Point{-175, 63}, true},
		{"no band at 0", orb.Point{0, 63}, false},
		{"no band at 90W", orb.Point{-90, 63}, false},
		{"polar cap", orb.Point{30, -78}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := vp.ToPixel(tt.at)
			c, bg := img.RGBAAt(int(p[0]), int(p[1])), empty.RGBAAt(int(p[0]), int(p[1]))
			if (c != bg) != tt.filled {
				t.Errorf("at %v: %v (background %v), want filled=%v", tt.at, c, bg, tt.filled)
			}
		})
	}
}

// TestUnwrapKeepsTheBulkOnTheMap: a ring written from its eastern tip
// (lon −179) westwards across ±180° unwraps to the copy that lies mostly
// within ±180°, the one labels are placed on.
func TestUnwrapKeepsTheBulkOnTheMap(t *testing.T) {
	ring := orb.Ring{{-179, 65}, {180, 70}, {100, 72}, {30, 60}, {100, 50}, {180, 60}, {-179, 65}}
	u := unwrap(orb.Polygon{ring})
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range u[0] {
		lo, hi = min(lo, p[0]), max(hi, p[0])
	}
	if lo != 30 || hi != 181 {
		t.Errorf("unwrapped to lon %g..%g, want 30..181", lo, hi)
	}
}

// TestScrolledPanMatchesFullRender: a pan by whole pixels reuses the
// previous geometry; the picture must equal a fresh render of the new view.
func TestScrolledPanMatchesFullRender(t *testing.T) {
	s := testScene(t, 640, 400)
	r := New()
	r.fresh = true // labels placed afresh, as in the new picture
	r.Render(s)
	// The first frame draws geometry and labels straight into the base;
	// the first pan draws the label-free geometry that later pans scroll.
	s.View = s.View.Pan(3, 0)
	r.Render(s)
	for _, d := range [][2]float64{{37, -21}, {-5, 0}, {0, 64}, {-200, -150}} {
		s.View = s.View.Pan(d[0], d[1])
		got := r.Render(s)
		want := New().Render(s)
		// A strip is rasterised from its own left edge, so float32 sums of
		// edge coverage run in another order: a few levels of anti-aliasing
		// may differ on an odd pixel, nothing more.
		diff, worst := 0, 0
		for i := range got.Pix {
			v := int(got.Pix[i]) - int(want.Pix[i])
			v = max(v, -v)
			worst = max(worst, v)
			if v > 2 {
				diff++
			}
		}
		if diff > 8 || worst > 16 {
			t.Errorf("pan %v: %d bytes differ from a full render by more than 2 (worst %d)", d, diff, worst)
		}
	}
	if r.Stats.Scrolls != 4 || r.Stats.Full != 2 {
		t.Errorf("stats %+v: want 2 full renders and 4 scrolls", r.Stats)
	}
}

// TestFrameReusesBase: a new phase, or a year within the same whole
// year, redraws only the overlay; a new whole year lays the picture out
// again (its flows, labels and legend change) on the same geometry.
func TestFrameReusesBase(t *testing.T) {
	s := testScene(t, 640, 400)
	r := New()
	r.Render(s)
	for i := 0; i < 5; i++ {
		s.Phase = float64(i) / 5
		s.Year = geo.Year(2023.1 + 0.15*float64(i))
		r.Render(s)
	}
	if r.Stats.Full != 1 || r.Stats.Labels != 1 || r.Stats.Frames != 6 {
		t.Errorf("within a year: stats %+v: want one geometry and one label pass for six frames", r.Stats)
	}
	for i := 0; i < 3; i++ {
		s.Year = geo.Year(2024 + i)
		r.Render(s)
	}
	// The label-free geometry is drawn once, when the labels first change.
	if r.Stats.Full != 2 || r.Stats.Labels != 4 {
		t.Errorf("three new years: stats %+v: want two geometry and four label passes", r.Stats)
	}
}

func testScene(t *testing.T, w, h int) *Scene {
	t.Helper()
	s := corridorScene(t, "caspian", w, h)
	s.ScaleBar = true
	return s
}

// TestPanKeepsLabels: a pan moves the flows' labels and the legend with
// the map instead of placing them afresh, so nothing jumps while the map
// is dragged.
func TestPanKeepsLabels(t *testing.T) {
	s := corridorScene(t, "caspian", 1280, 720)
	s.Legend = true
	r := New()
	r.Render(s)
	before := map[*FlowPath]Box{}
	var legend Box
	for _, l := range r.lay.Labels {
		if l.Flow != nil {
			before[l.Flow] = l.Box
		}
	}
	for _, p := range r.lay.Panels {
		if p.Kind == LegendPanel {
			legend = p.Box
		}
	}
	if len(before) == 0 {
		t.Fatal("no flow labels")
	}
	s.View = s.View.Pan(-17, 9)
	r.Render(s)
	for _, l := range r.lay.Labels {
		if b, ok := before[l.Flow]; ok {
			if math.Abs(l.Box.X0-(b.X0-17)) > 1e-6 || math.Abs(l.Box.Y0-(b.Y0+9)) > 1e-6 {
				t.Errorf("%s label moved from %v to %v, not with the map", l.Flow.Flow.ID, b, l.Box)
			}
		}
	}
	for _, p := range r.lay.Panels {
		if p.Kind == LegendPanel && p.Box != legend {
			t.Errorf("legend moved from %v to %v", legend, p.Box)
		}
	}
}
