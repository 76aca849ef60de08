package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestViewportRoundTrip(t *testing.T) {
	for _, v := range Views {
		for _, size := range [][2]int{{1920, 1080}, {800, 600}, {3508, 2480}} {
			vp := Fit(v.Bound, size[0], size[1], 1.5)
			t.Run(v.Name, func(t *testing.T) {
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
		t.Run(tt.name, func(t *testing.T) {
			vp := Fit(tt.b, tt.w, tt.h, 1)
			min := vp.ToPixel(orb.Point{tt.b.Min[0], tt.b.Max[1]})
			max := vp.ToPixel(orb.Point{tt.b.Max[0], tt.b.Min[1]})
			const eps = 1e-6
			if min[0] < -eps || min[1] < -eps || max[0] > float64(tt.w)+eps || max[1] > float64(tt.h)+eps {
				t.Fatalf("box not whole: %v..%v in %dx%d", min, max, tt.w, tt.h)
			}
			// Touches one pair of edges exactly.
			touchX := math.Abs(min[0]) < 1e-6 && math.Abs(max[0]-float64(tt.w)) < 1e-6
			touchY := math.Abs(min[1]) < 1e-6 && math.Abs(max[1]-float64(tt.h)) < 1e-6
			if !touchX && !touchY {
				t.Errorf("box grown on both axes: %v..%v", min, max)
			}
			// Centred.
			if dx := min[0] - (float64(tt.w) - max[0]); math.Abs(dx) > 1e-6 {
				t.Errorf("not centred horizontally: %g", dx)
			}
			if dy := min[1] - (float64(tt.h) - max[1]); math.Abs(dy) > 1e-6 {
				t.Errorf("not centred vertically: %g", dy)
			}
		})
	}
}

func TestZoomAboutKeepsAnchor(t *testing.T) {
	vp := Fit(Views[0].Bound, 1280, 800, 2)
	for _, dz := range []float64{0.5, -0.75, 2.25} {
		px := orb.Point{200, 650}
		before := vp.ToLonLat(px)
		z := vp.ZoomAbout(px, dz)
		after := z.ToPixel(before)
		if d := math.Hypot(after[0]-px[0], after[1]-px[1]); d > 1e-6 {
			t.Errorf("dz=%g: anchor moved %g px", dz, d)
		}
		if math.Abs(z.Zoom-(vp.Zoom+dz)) > 1e-12 {
			t.Errorf("dz=%g: zoom %g, want %g", dz, z.Zoom, vp.Zoom+dz)
		}
	}
	if got := vp.ZoomAbout(orb.Point{0, 0}, 100).Zoom; got != MaxZoom {
		t.Errorf("zoom not clamped: %g", got)
	}
}

func TestPanMovesContent(t *testing.T) {
	vp := Fit(Views[0].Bound, 1000, 700, 1)
	baku := orb.Point{49.892, 40.378}
	before := vp.ToPixel(baku)
	after := vp.Pan(120, -45).ToPixel(baku)
	if math.Abs(after[0]-before[0]-120) > 1e-6 || math.Abs(after[1]-before[1]+45) > 1e-6 {
		t.Errorf("pan by (120,-45) moved Baku from %v to %v", before, after)
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
