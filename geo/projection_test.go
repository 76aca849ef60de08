package geo

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// referenceProjection is the projection a row of testdata/projections.tsv
// names: a named view's fitted conic (whose parameters must be the ones
// make-projections.sh gave cs2cs), a southern conic, or Web Mercator.
func referenceProjection(t *testing.T, name string) *Projection {
	t.Helper()
	want := map[string][3]float64{
		"caspian": {37, 45, 45.5}, "corridor": {36.25, 48.75, 58}, "aktau-baku": {40, 43.5, 50.5}, "btc": {37, 41.5, 42.5},
	}
	switch name {
	case "mercator":
		return WebMercator
	case "south":
		p, ok := Conic(-35, -20, -60)
		if !ok {
			t.Fatal("no southern conic")
		}
		return p
	}
	v, ok := ViewByName(name)
	if !ok {
		t.Fatalf("unknown reference %q", name)
	}
	p, ok := ConicFor(v.Bound)
	if !ok {
		t.Fatalf("view %s has no conic", name)
	}
	lat1, lat2 := p.Parallels()
	if w := want[name]; lat1 != w[0] || lat2 != w[1] || p.CentralMeridian() != w[2] {
		t.Fatalf("view %s: conic %g, %g, %g; the reference file has %v", name, lat1, lat2, p.CentralMeridian(), w)
	}
	return p
}

// TestProjectionsMatchPROJ holds the map's projections to PROJ: every
// point of testdata/projections.tsv, converted by cs2cs, within a
// millimetre both ways.
func TestProjectionsMatchPROJ(t *testing.T) {
	f, err := os.Open("testdata/projections.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type row struct {
		lon, lat, x, y float64
		line           int
	}
	rows := map[string][]row{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) != 5 {
			t.Fatalf("line %d: %d fields", n, len(fs))
		}
		r := row{line: n}
		for i, p := range []*float64{&r.lon, &r.lat, &r.x, &r.y} {
			if *p, err = strconv.ParseFloat(fs[i+1], 64); err != nil {
				t.Fatalf("line %d: %v", n, err)
			}
		}
		rows[fs[0]] = append(rows[fs[0]], r)
	}
	if len(rows) < 6 {
		t.Fatalf("only %d projections in the reference file", len(rows))
	}
	for name, rs := range rows {
		t.Run(name, func(t *testing.T) {
			p := referenceProjection(t, name)
			worst := 0.0
			for _, r := range rs {
				q := p.Forward(orb.Point{r.lon, r.lat})
				d := math.Hypot(q[0]-r.x, q[1]-r.y)
				worst = max(worst, d)
				if d > 0.001 {
					t.Errorf("line %d: %g, %g → %.4f, %.4f; PROJ %.4f, %.4f", r.line, r.lon, r.lat, q[0], q[1], r.x, r.y)
				}
				back := p.Inverse(orb.Point{r.x, r.y})
				if dx, dy := (back[0]-r.lon)*111320*math.Cos(r.lat*deg), (back[1]-r.lat)*110574; math.Hypot(dx, dy) > 0.001 {
					t.Errorf("line %d: inverse of PROJ's %.4f, %.4f is %.9f, %.9f", r.line, r.x, r.y, back[0], back[1])
				}
			}
			t.Logf("%s: %d points, worst %.2g m", p, len(rs), worst)
		})
	}
}

// TestForwardFast holds the level builder's projection to the exact one:
// to a micrometre on fine levels, within a hundredth of the tolerance on
// coarse ones (where it interpolates).
func TestForwardFast(t *testing.T) {
	conic, _ := ConicFor(Views[1].Bound)
	for _, p := range []*Projection{WebMercator, conic} {
		t.Run(p.Kind(), func(t *testing.T) {
			for _, tol := range []float64{1, coarseTol} {
				worst := 0.0
				for lat := -85.0; lat <= 85; lat += 0.37 {
					for dlon := -179.0; dlon <= 179; dlon += 13.3 {
						got, kx, ky := p.ForwardFast(dlon, lat, tol)
						want := p.ForwardRelative(dlon, lat)
						worst = max(worst, math.Hypot(got[0]-want[0], got[1]-want[1]))
						// The local scales: a hundredth of a degree each way.
						ex := p.ForwardRelative(dlon+0.01, lat)
						ey := p.ForwardRelative(dlon, lat+0.01)
						if gx := math.Hypot(ex[0]-want[0], ex[1]-want[1]) / 0.01; math.Abs(kx/gx-1) > 0.01 {
							t.Fatalf("tol %g at %g, %g: kx %g, measured %g", tol, dlon, lat, kx, gx)
						}
						if gy := math.Hypot(ey[0]-want[0], ey[1]-want[1]) / 0.01; lat < 84 && math.Abs(ky/gy-1) > 0.01 {
							t.Fatalf("tol %g at %g, %g: ky %g, measured %g", tol, dlon, lat, ky, gy)
						}
					}
				}
				limit := 1e-6
				if tol >= coarseTol {
					limit = tol / 100
				}
				if worst > limit {
					t.Errorf("tol %g: %.3g m from the exact projection (limit %g)", tol, worst, limit)
				}
			}
		})
	}
}

// TestConicKeepsScaleAcrossViews: what the conic is for. Across each
// named view its scale varies by a few per cent, where Web Mercator's
// varies by a fifth (the Caspian) to a half (the corridor).
func TestConicKeepsScaleAcrossViews(t *testing.T) {
	for _, v := range Views {
		t.Run(v.Name, func(t *testing.T) {
			c, _ := ConicFor(v.Bound)
			spread := func(p *Projection) float64 {
				lo, hi := math.Inf(1), math.Inf(-1)
				for lat := v.Bound.Min[1]; lat <= v.Bound.Max[1]; lat += 0.1 {
					k := p.Scale(lat)
					lo, hi = min(lo, k), max(hi, k)
				}
				return hi/lo - 1
			}
			sc, sm := spread(c), spread(WebMercator)
			t.Logf("scale varies by %.1f %% in the conic, %.1f %% in Web Mercator", 100*sc, 100*sm)
			if sc > 0.02 || sm < 4*sc {
				t.Errorf("conic %.3f, Mercator %.3f", sc, sm)
			}
		})
	}
}

// TestBoundHoldsThePicture: the lon/lat box a viewport reports holds
// every pixel of it, in both projections (a conic's top edge bulges north
// between its corners).
func TestBoundHoldsThePicture(t *testing.T) {
	for _, v := range Views {
		for name, p := range projections(t, v.Bound) {
			vp := Fit(p, v.Bound, 1600, 900, 1)
			b := vp.Bound()
			for y := 0.0; y <= 900; y += 30 {
				for x := 0.0; x <= 1600; x += 40 {
					ll := vp.ToLonLat(orb.Point{x, y})
					if ll[0] < b.Min[0]-1e-9 || ll[0] > b.Max[0]+1e-9 || ll[1] < b.Min[1]-1e-9 || ll[1] > b.Max[1]+1e-9 {
						t.Fatalf("%s/%s: pixel %g,%g is %v, outside %v", v.Name, name, x, y, ll, b)
					}
				}
			}
		}
	}
}

// TestReprojectKeepsTheGroundScale: switching projection keeps the centre
// and the ground a pixel covers there.
func TestReprojectKeepsTheGroundScale(t *testing.T) {
	c, _ := ConicFor(Views[0].Bound)
	vp := Fit(WebMercator, Views[0].Bound, 1280, 720, 1)
	r := vp.Reproject(c)
	if r.Center != vp.Center || r.Proj() != c {
		t.Fatalf("reprojected to %v in %v", r.Center, r.Proj())
	}
	if d := r.GroundResolution()/vp.GroundResolution() - 1; math.Abs(d) > 1e-9 {
		t.Errorf("ground resolution changed by %g", d)
	}
	// The same zoom means about the same scale at the conic's middle.
	mid := (c.lat1 + c.lat2) / 2
	a := Viewport{Center: orb.Point{50, mid}, Zoom: 6, Width: 100, Height: 100, Scale: 1}
	b := a
	b.Projection = c
	if d := b.GroundResolution()/a.GroundResolution() - 1; math.Abs(d) > 1e-9 {
		t.Errorf("zoom 6 at the conic's middle latitude: ground resolution differs by %g", d)
	}
}

// TestConicForRefusesWhatAConeCannotShow: a box across the equator or
// more than half the world wide keeps Web Mercator.
func TestConicForRefusesWhatAConeCannotShow(t *testing.T) {
	for _, tc := range []struct {
		name string
		b    orb.Bound
		ok   bool
	}{
		{"caspian", Views[0].Bound, true},
		{"southern Africa", orb.Bound{Min: orb.Point{10, -35}, Max: orb.Point{40, -15}}, true},
		{"across the equator", orb.Bound{Min: orb.Point{10, -20}, Max: orb.Point{40, 15}}, false},
		{"the world", orb.Bound{Min: orb.Point{-180, -80}, Max: orb.Point{180, 80}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, ok := ConicFor(tc.b)
			if ok != tc.ok || (ok != (p.Kind() == ConicKind)) {
				t.Errorf("ok %v, %s", ok, p)
			}
		})
	}
	a, _ := ConicFor(Views[0].Bound)
	b, _ := ConicFor(Views[0].Bound)
	if a != b {
		t.Error("the same box gave two conics")
	}
}
