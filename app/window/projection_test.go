package window

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/app/project"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// TestBothProjectionsWorkAlike: in the conic (the default) and in Web
// Mercator, a drag pans by the dragged offset, the wheel zooms about the
// cursor, a click on the pipeline selects it, the measure tool measures
// the geodesic, a search flies to Aktau and a scene flies to its view; and
// switching projection keeps the centre and the ground scale.
func TestBothProjectionsWorkAlike(t *testing.T) {
	for _, kind := range []string{geo.ConicKind, geo.MercatorKind} {
		t.Run(kind, func(t *testing.T) {
			a := newTestAtlas(t, 1000, 700)
			before := a.mapv.View()
			a.setProjection(kind)
			v := a.mapv.View()
			if v.Proj().Kind() != kind {
				t.Fatalf("drawn in %v", v.Proj())
			}
			if kind != geo.ConicKind {
				if v.Center != before.Center || math.Abs(v.GroundResolution()/before.GroundResolution()-1) > 1e-9 {
					t.Errorf("switching moved the map: %v at %g m/px, was %v at %g", v.Center, v.GroundResolution(), before.Center, before.GroundResolution())
				}
			}
			flush(t, a)

			// Drag.
			at := orb.Point{300, 200}
			ll := v.ToLonLat(at)
			test.Drag(a.win.Canvas(), mapPos(a, at), 40, -25)
			if got := a.mapv.View().ToPixel(ll); !near(got, orb.Point{340, 175}, 1e-6) {
				t.Errorf("after a drag the place is at %v", got)
			}
			// Wheel.
			v = a.mapv.View()
			ll = v.ToLonLat(at)
			pos := fyne.NewPos(float32(at[0]/a.mapv.scale), float32(at[1]/a.mapv.scale))
			a.mapv.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: pos}, Scrolled: fyne.Delta{DY: wheelNotch}})
			if got := a.mapv.View().ToPixel(ll); !near(got, at, 1e-6) {
				t.Errorf("the place under the cursor moved to %v", got)
			}

			// Pick.
			a.goToView("btc")
			if a.mapv.View().Proj().Kind() != kind {
				t.Fatalf("the btc view is drawn in %v", a.mapv.View().Proj())
			}
			flush(t, a)
			px := btcPixel(t, a)
			a.tap(px)
			if got := a.sel.id(); got != "btc-pipeline" {
				t.Errorf("a click on the pipeline selected %q", got)
			}
			a.clearSelection()

			// Measure.
			a.goToView("caspian")
			a.measure.button.OnTapped()
			pts := []orb.Point{{49.87, 40.41}, {51.2, 43.65}}
			for _, p := range pts {
				a.tap(a.mapv.View().ToPixel(p))
			}
			if got, want := a.measure.length(), geo.Length(orb.LineString(pts)); math.Abs(float64(got-want)) > 2 {
				t.Errorf("measured %v, want %v", got, want)
			}
			a.measure.toggle()

			// Search and fly.
			hits := a.search("Aktau")
			if len(hits) == 0 {
				t.Fatal("Aktau not found")
			}
			a.flyTo(hits[0])
			for a.flight != nil {
				a.stepFlight(0.1)
			}
			fv := a.mapv.View()
			if c := fv.ToPixel(hits[0].feature.Geometry.Bound().Center()); math.Abs(c[0]-float64(fv.Width)/2) > 1 || math.Abs(c[1]-float64(fv.Height)/2) > 1 {
				t.Errorf("the flight to %s ended with it at %v", hits[0].name, c)
			}

			// A scene's view.
			sc := project.Scene{Name: "s", View: &project.View{Lon: 47.5, Lat: 40.5, Zoom: 6}}
			a.scenes = append(a.scenes, sc)
			a.goToScene(len(a.scenes) - 1)
			for a.flight != nil {
				a.stepFlight(0.1)
			}
			if got := a.mapv.View(); math.Abs(got.Zoom-6) > 1e-9 || math.Hypot(got.Center[0]-47.5, got.Center[1]-40.5) > 1e-6 || got.Proj().Kind() != kind {
				t.Errorf("the scene ended at %v zoom %g in %v", got.Center, got.Zoom, got.Proj())
			}
		})
	}
}
