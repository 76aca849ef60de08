package crs

import (
	"math"
	"testing"

	"github.com/wroge/wgs84"
)

// TestWrogeDisagrees keeps the measurement that made this package write
// its own Transverse Mercator (see the package doc): near the central
// meridian github.com/wroge/wgs84 agrees with PROJ and with us; at a UTM
// zone's edge and beyond, its inverse is metres off while ours stays
// within a millimetre of PROJ (TestPROJReference).
func TestWrogeDisagrees(t *testing.T) {
	ref := map[[2]float64]refRow{}
	for _, r := range readReference(t) {
		if r.system == "32639" {
			ref[[2]float64{r.lon, r.lat}] = r
		}
	}
	w := wgs84.UTM(39, true)
	ours := UTM(39, true)
	for _, tc := range []struct {
		name          string
		lon, lat      float64
		wrogeAtLeast  float64 // metres wroge's inverse is off PROJ, at least
		wrogeAtMost   float64
		oursWithinMax float64
	}{
		{"central meridian", 51, 40, 0, 0.001, 0.001},
		{"1.5° off", 49.5, 40, 0.5, 10, 0.001},
		{"zone edge, 3° off", 48, 40, 1, 100, 0.001},
		{"6° off", 45, 40, 10, 100, 0.001},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, ok := ref[[2]float64{tc.lon, tc.lat}]
			if !ok {
				t.Fatalf("no reference point at %g, %g", tc.lon, tc.lat)
			}
			wlon, wlat := w.Projection.ToLonLat(r.x, r.y, wgs84.WGS84())
			wd := metresApart(wlon, wlat, r.lon, r.lat)
			olon, olat := ours.ToWGS84(r.x, r.y)
			od := metresApart(olon, olat, r.lon, r.lat)
			t.Logf("wroge %.4f m, ours %.2g m from PROJ", wd, od)
			if wd < tc.wrogeAtLeast || wd > tc.wrogeAtMost || math.IsNaN(wd) {
				t.Errorf("wroge is %.4f m from PROJ, expected %g..%g m", wd, tc.wrogeAtLeast, tc.wrogeAtMost)
			}
			if od > tc.oursWithinMax {
				t.Errorf("ours is %.4f m from PROJ", od)
			}
		})
	}
}
