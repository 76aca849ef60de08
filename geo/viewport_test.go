package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// projections are the two kinds of projection every view test runs in:
// Web Mercator, and the conic fitted to the view.
func projections(t *testing.T, b orb.Bound) map[string]*Projection {
	t.Helper()
	c, ok := ConicFor(b)
	if !ok {
		t.Fatalf("no conic for %v", b)
	}
	return map[string]*Projection{"mercator": WebMercator, "conic": c}
}

func TestViewportRoundTrip(t *testing.T) {
	for _, v := range Views {
		for name, p := range projections(t, v.Bound) {
			for _, size := range [][2]int{{1920, 1080}, {800, 600}, {3508, 2480}} {
				vp := Fit(p, v.Bound, size[0], size[1], 1.5)
				t.Run(v.Name+"/"+name, func(t *testing.T) {
					for _, px := range []orb.Point{{0, 0}, {17.25, 933.5}, {float64(size[0]), float64(size[1])}, {float64(size[0]) / 2, 3}} {
						back := vp.ToPixel(vp.ToLonLat(px))
						if d := math.Hypot(back[0]-px[0], back[1]-px[1]); d > 1e-6 {
							t.Errorf("pixel %v -> %v: off by %g px", px, back, d)
						}
					}
				})
			}
		}
	}
}

func TestFitKeepsBoxWholeAndCentred(t *testing.T) {
	tests := []struct {
		name string
		b    orb.Bound
		w, h int
	}{
		{"caspian 16:9", Views[0].Bound, 1920, 1080},
		{"corridor portrait", Views[1].Bound, 600, 1200},
		{"aktau-baku square", Views[2].Bound, 1000, 1000},
		{"btc A4", Views[3].Bound, 3508, 2480},
	}
	for _, tt := range tests {
		for name, p := range projections(t, tt.b) {
			t.Run(tt.name+"/"+name, func(t *testing.T) {
				vp := Fit(p, tt.b, tt.w, tt.h, 1)
				// The box's edges, sampled: a conic's parallels curve.
				min, max := orb.Point{math.Inf(1), math.Inf(1)}, orb.Point{math.Inf(-1), math.Inf(-1)}
				for i := 0; i <= 64; i++ {
					f := float64(i) / 64
					lon := tt.b.Min[0] + (tt.b.Max[0]-tt.b.Min[0])*f
					lat := tt.b.Min[1] + (tt.b.Max[1]-tt.b.Min[1])*f
					for _, ll := range []orb.Point{{lon, tt.b.Min[1]}, {lon, tt.b.Max[1]}, {tt.b.Min[0], lat}, {tt.b.Max[0], lat}} {
						q := vp.ToPixel(ll)
						min = orb.Point{math.Min(min[0], q[0]), math.Min(min[1], q[1])}
						max = orb.Point{math.Max(max[0], q[0]), math.Max(max[1], q[1])}
					}
				}
				const eps = 0.01
				if min[0] < -eps || min[1] < -eps || max[0] > float64(tt.w)+eps || max[1] > float64(tt.h)+eps {
					t.Fatalf("box not whole: %v..%v in %dx%d", min, max, tt.w, tt.h)
				}
				// Touches one pair of edges exactly.
				touchX := math.Abs(min[0]) < 0.5 && math.Abs(max[0]-float64(tt.w)) < 0.5
				touchY := math.Abs(min[1]) < 0.5 && math.Abs(max[1]-float64(tt.h)) < 0.5
				if !touchX && !touchY {
					t.Errorf("box grown on both axes: %v..%v", min, max)
				}
				// Centred.
				if dx := min[0] - (float64(tt.w) - max[0]); math.Abs(dx) > 0.5 {
					t.Errorf("not centred horizontally: %g", dx)
				}
				if dy := min[1] - (float64(tt.h) - max[1]); math.Abs(dy) > 0.5 {
					t.Errorf("not centred vertically: %g", dy)
				}
			})
		}
	}
}

func TestZoomAboutKeepsAnchor(t *testing.T) {
	for name, p := range projections(t, Views[0].Bound) {
		vp := Fit(p, Views[0].Bound, 1280, 800, 2)
		for _, dz := range []float64{0.5, -0.75, 2.25} {
			px := orb.Point{200, 650}
			before := vp.ToLonLat(px)
			z := vp.ZoomAbout(px, dz)
			after := z.ToPixel(before)
			if d := math.Hypot(after[0]-px[0], after[1]-px[1]); d > 1e-6 {
				t.Errorf("%s, dz=%g: anchor moved %g px", name, dz, d)
			}
			if math.Abs(z.Zoom-(vp.Zoom+dz)) > 1e-12 {
				t.Errorf("dz=%g: zoom %g, want %g", dz, z.Zoom, vp.Zoom+dz)
			}
		}
		if got := vp.ZoomAbout(orb.Point{0, 0}, 100).Zoom; got != MaxZoom {
			t.Errorf("zoom not clamped: %g", got)
		}
	}
}

func TestPanMovesContent(t *testing.T) {
	for name, p := range projections(t, Views[0].Bound) {
		vp := Fit(p, Views[0].Bound, 1000, 700, 1)
		baku := orb.Point{49.892, 40.378}
		before := vp.ToPixel(baku)
		after := vp.Pan(120, -45).ToPixel(baku)
		if math.Abs(after[0]-before[0]-120) > 1e-6 || math.Abs(after[1]-before[1]+45) > 1e-6 {
			t.Errorf("%s: pan by (120,-45) moved Baku from %v to %v", name, before, after)
		}
	}
}

func TestViewsAreValid(t *testing.T) {
	for _, v := range Views {
		t.Run(v.Name, func(t *testing.T) {
			if !v.Bound.Min.Equal(v.Bound.Min) || v.Bound.Min[0] >= v.Bound.Max[0] || v.Bound.Min[1] >= v.Bound.Max[1] {
				t.Errorf("degenerate box %v", v.Bound)
			}
			if _, ok := ViewByName(v.Name); !ok {
				t.Errorf("ViewByName(%q) failed", v.Name)
			}
		})
	}
	if _, ok := ViewByName("atlantis"); ok {
		t.Error("unknown view found")
	}
}
