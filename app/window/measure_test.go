package window

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

func TestMeasureTool(t *testing.T) {
	tests := []struct {
		name string
		pts  []orb.Point // lon/lat clicked
	}{
		{"Baku to Aktau", []orb.Point{{49.87, 40.41}, {51.2, 43.65}}},
		{"three legs", []orb.Point{{41.64, 41.65}, {44.79, 41.72}, {49.87, 40.41}, {51.2, 43.65}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestAtlas(t, 1000, 700)
			a.goToView("caspian")
			a.measure.button.OnTapped()
			if !a.measure.on {
				t.Fatal("measure mode is off after the button")
			}
			v := a.mapv.View()
			for _, p := range tt.pts {
				a.tap(v.ToPixel(p))
			}
			want := geo.Length(orb.LineString(tt.pts))
			// Clicks land on whole pixels at this zoom: a few hundred metres.
			if got := a.measure.length(); math.Abs(float64(got-want)) > 2 {
				t.Errorf("measured %v, want %v", got, want)
			}
			if a.sel.id() != "" {
				t.Errorf("a click while measuring selected %q", a.sel.id())
			}
			if got := a.status.label.Text; !strings.Contains(got, want.String()[:2]) || !strings.Contains(got, "geodesic") {
				t.Errorf("status %q", got)
			}
			if len(a.mapv.overlay.Objects) == 0 {
				t.Error("no measuring line drawn")
			}
			a.mapv.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
			if a.measure.on || len(a.mapv.overlay.Objects) != 0 || strings.Contains(a.status.label.Text, "Measure") {
				t.Error("Esc did not end measuring")
			}
		})
	}
}
