package vector

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/app/render"
)

// TestCutLinePhases: a line cut to a box keeps the pieces inside, each
// starting as far into the dash pattern as the line had come.
func TestCutLinePhases(t *testing.T) {
	box := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{10, 10}}
	tests := []struct {
		name   string
		pts    []orb.Point
		phase  float64
		pieces [][2]orb.Point // first and last point of each piece
		phases []float64
	}{
		{"inside", []orb.Point{{1, 1}, {9, 1}}, 2, [][2]orb.Point{{{1, 1}, {9, 1}}}, []float64{2}},
		{"enters", []orb.Point{{-5, 5}, {5, 5}}, 0, [][2]orb.Point{{{0, 5}, {5, 5}}}, []float64{5}},
		{"leaves and comes back", []orb.Point{{5, 5}, {5, 20}, {8, 20}, {8, 5}}, 1,
			[][2]orb.Point{{{5, 5}, {5, 10}}, {{8, 10}, {8, 5}}}, []float64{1, 1 + 15 + 3 + 10}},
		{"outside", []orb.Point{{-5, -5}, {-1, -5}}, 0, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cutLine(tt.pts, box, tt.phase, nil)
			if len(got) != len(tt.pieces) {
				t.Fatalf("%d pieces, want %d: %v", len(got), len(tt.pieces), got)
			}
			for i, g := range got {
				if g.pts[0] != tt.pieces[i][0] || g.pts[len(g.pts)-1] != tt.pieces[i][1] {
					t.Errorf("piece %d runs %v…%v, want %v…%v", i, g.pts[0], g.pts[len(g.pts)-1], tt.pieces[i][0], tt.pieces[i][1])
				}
				if math.Abs(g.phase-tt.phases[i]) > 1e-9 {
					t.Errorf("piece %d starts at phase %g, want %g", i, g.phase, tt.phases[i])
				}
			}
		})
	}
}

// TestFillPathCutsToTheBox: a ring far larger than the page keeps only
// what the box holds; one inside is kept whole; one outside is dropped.
func TestFillPathCutsToTheBox(t *testing.T) {
	box := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{100, 100}}
	var p render.Path
	p.Ring([]orb.Point{{-1e6, -1e6}, {1e6, -1e6}, {1e6, 1e6}, {-1e6, 1e6}}, 0, 0)
	p.Ring([]orb.Point{{10, 10}, {20, 10}, {20, 20}}, 5, 5)
	p.Ring([]orb.Point{{200, 200}, {300, 200}, {300, 300}}, 0, 0)
	p.Circle(50, 50, 4)
	var rec recorder
	fillPath(&p, box, &rec)
	if rec.bound.Min[0] < 0 || rec.bound.Max[0] > 100 || rec.bound.Min[1] < 0 || rec.bound.Max[1] > 100 {
		t.Errorf("geometry outside the box: %v", rec.bound)
	}
	if rec.subpaths != 3 || rec.circles != 1 {
		t.Errorf("%d subpaths (%d circles), want 3 (1)", rec.subpaths, rec.circles)
	}
	if rec.points[1] != (orb.Point{15, 15}) {
		t.Errorf("the small ring starts at %v, want it moved to (15, 15)", rec.points[1])
	}
}

// recorder notes what a sink is sent.
type recorder struct {
	subpaths, circles int
	points            []orb.Point // each subpath's first point
	bound             orb.Bound
	started           bool
}

func (r *recorder) add(p orb.Point) {
	if !r.started {
		r.bound, r.started = orb.Bound{Min: p, Max: p}, true
	}
	r.bound = r.bound.Extend(p)
}
func (r *recorder) moveTo(p orb.Point) {
	r.subpaths++
	r.points = append(r.points, p)
	r.add(p)
}
func (r *recorder) lineTo(p orb.Point)        { r.add(p) }
func (r *recorder) quadTo(c, p orb.Point)     { r.add(p) }
func (r *recorder) cubicTo(a, b, p orb.Point) { r.add(p) }
func (r *recorder) closePath()                {}
func (r *recorder) circle(c orb.Point, _ float64) {
	r.subpaths++
	r.circles++
	r.points = append(r.points, c)
	r.add(c)
}
func (r *recorder) rect(b render.Box) { r.moveTo(orb.Point{b.X0, b.Y0}); r.add(orb.Point{b.X1, b.Y1}) }

// TestSVGPathData: numbers are written short and exact, each step from
// the rounded point before it, so a long line does not drift.
func TestSVGPathData(t *testing.T) {
	tests := []struct {
		name string
		draw func(s *svgPath)
		want string
	}{
		{"line", func(s *svgPath) {
			s.moveTo(orb.Point{10.04, 20.06})
			s.lineTo(orb.Point{10.55, 19.5})
			s.lineTo(orb.Point{12, 19.5})
			s.closePath()
		}, "M10 20.1l.6-.6 1.4 0z"},
		{"repeated point dropped", func(s *svgPath) {
			s.moveTo(orb.Point{0, 0})
			s.lineTo(orb.Point{0.01, 0.01})
			s.lineTo(orb.Point{1, 0})
		}, "M0 0l1 0"},
		{"circle", func(s *svgPath) { s.circle(orb.Point{5, 5}, 2) }, "M3 5a2 2 0 1 0 4 0a2 2 0 1 0-4 0z"},
		{"rectangle", func(s *svgPath) { s.rect(render.Box{X0: 1, Y0: 2, X1: 4, Y1: 6}) }, "M1 2h3v4h-3z"},
		{"no drift", func(s *svgPath) {
			s.moveTo(orb.Point{0, 0})
			for i := 1; i <= 1000; i++ {
				s.lineTo(orb.Point{float64(i) * 0.333, 0})
			}
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s svgPath
			s.reset(10)
			tt.draw(&s)
			if tt.want != "" && string(s.b) != tt.want {
				t.Errorf("d = %q, want %q", s.b, tt.want)
			}
			if tt.name == "no drift" && s.cx != 3330 {
				t.Errorf("ends at %d tenths, want 3330", s.cx)
			}
		})
	}
}

func TestAppendUnits(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		q    float64
		want string
	}{{0, 10, "0"}, {5, 10, ".5"}, {-5, 10, "-.5"}, {125, 10, "12.5"}, {120, 10, "12"}, {-1205, 100, "-12.05"}, {7, 100, ".07"}} {
		if got := string(appendUnits(nil, tt.n, tt.q)); got != tt.want {
			t.Errorf("%d/%g = %q, want %q", tt.n, tt.q, got, tt.want)
		}
	}
}

func TestXMLID(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"btc", "btc"}, {"scale-bar", "scale-bar"}, {"my routes", "my_routes"}, {"2024 data", "_2024_data"},
		{"", "_"}, {"маршруты", "маршруты"}, {`a"b<c`, "a_b_c"},
	} {
		if got := xmlID(tt.in); got != tt.want {
			t.Errorf("xmlID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestPhaseIn: dash phases reduce to one period, so pieces that start
// alike share a path.
func TestPhaseIn(t *testing.T) {
	for _, tt := range []struct {
		ph   float64
		dash []float64
		want float64
	}{{0, []float64{6, 4}, 0}, {23, []float64{6, 4}, 3}, {-3, []float64{6, 4}, 7}, {5, []float64{3}, 5}, {7, []float64{3}, 1}} {
		if got := phaseIn(tt.ph, tt.dash); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("phaseIn(%g, %v) = %g, want %g", tt.ph, tt.dash, got, tt.want)
		}
	}
}
