package window

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

func TestDragPansByTheDraggedOffset(t *testing.T) {
	tests := []struct {
		name   string
		at     orb.Point // image pixel where the drag starts
		dx, dy float32
	}{
		{"right", orb.Point{300, 200}, 40, 0},
		{"up and left", orb.Point{150, 250}, -25, -60},
		{"long diagonal", orb.Point{400, 300}, 180, 120},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestAtlas(t, 1000, 700)
			before := a.mapv.View()
			ll := before.ToLonLat(tt.at)
			test.Drag(a.win.Canvas(), mapPos(a, tt.at), tt.dx, tt.dy)
			after := a.mapv.View()
			want := orb.Point{tt.at[0] + float64(tt.dx), tt.at[1] + float64(tt.dy)}
			if got := after.ToPixel(ll); !near(got, want, 1e-6) {
				t.Errorf("the place under the pointer is at %v after the drag, want %v", got, want)
			}
			if after.Zoom != before.Zoom {
				t.Errorf("a drag changed the zoom: %v → %v", before.Zoom, after.Zoom)
			}
		})
	}
}

func TestScrollZoomsAboutTheCursor(t *testing.T) {
	tests := []struct {
		name     string
		at       orb.Point
		dy       float32
		wantZoom float64 // change
	}{
		{"one notch in", orb.Point{120, 90}, wheelNotch, zoomPerNotch},
		{"one notch out", orb.Point{500, 400}, -wheelNotch, -zoomPerNotch},
		{"three notches in at the edge", orb.Point{5, 5}, 3 * wheelNotch, 3 * zoomPerNotch},
		{"trackpad fraction", orb.Point{333, 222}, 2.5, zoomPerNotch / 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestAtlas(t, 1000, 700)
			before := a.mapv.View()
			ll := before.ToLonLat(tt.at)
			// test.Scroll sends no position: build the event.
			pos := fyne.NewPos(float32(tt.at[0]/a.mapv.scale), float32(tt.at[1]/a.mapv.scale))
			a.mapv.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: pos}, Scrolled: fyne.Delta{DY: tt.dy}})
			after := a.mapv.View()
			if got := after.Zoom - before.Zoom; math.Abs(got-tt.wantZoom) > 1e-9 {
				t.Errorf("zoom changed by %v, want %v", got, tt.wantZoom)
			}
			if got := after.ToPixel(ll); !near(got, tt.at, 1e-6) {
				t.Errorf("the place under the cursor moved from %v to %v", tt.at, got)
			}
		})
	}
}

func TestKeysAndDoubleClickMoveTheMap(t *testing.T) {
	centre := func(v geo.Viewport) orb.Point { return orb.Point{float64(v.Width) / 2, float64(v.Height) / 2} }
	tests := []struct {
		name  string
		do    func(a *Atlas)
		check func(t *testing.T, before, after geo.Viewport)
	}{
		{"plus zooms in", func(a *Atlas) { a.mapv.TypedRune('+') }, func(t *testing.T, b, v geo.Viewport) {
			if v.Zoom-b.Zoom != keyZoom {
				t.Errorf("zoom %v → %v", b.Zoom, v.Zoom)
			}
		}},
		{"minus zooms out", func(a *Atlas) { a.mapv.TypedRune('-') }, func(t *testing.T, b, v geo.Viewport) {
			if b.Zoom-v.Zoom != keyZoom {
				t.Errorf("zoom %v → %v", b.Zoom, v.Zoom)
			}
		}},
		{"left arrow shows what is west", func(a *Atlas) { a.mapv.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft}) }, func(t *testing.T, b, v geo.Viewport) {
			if !(v.Center[0] < b.Center[0]) || v.Zoom != b.Zoom {
				t.Errorf("centre %v → %v", b.Center, v.Center)
			}
		}},
		{"up arrow shows what is north", func(a *Atlas) { a.mapv.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp}) }, func(t *testing.T, b, v geo.Viewport) {
			if !(v.Center[1] > b.Center[1]) {
				t.Errorf("centre %v → %v", b.Center, v.Center)
			}
		}},
		{"double click zooms in about the pointer", func(a *Atlas) {
			a.mapv.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(100, 100)})
		}, func(t *testing.T, b, v geo.Viewport) {
			ll := b.ToLonLat(orb.Point{100, 100})
			if v.Zoom-b.Zoom != 1 || !near(v.ToPixel(ll), orb.Point{100, 100}, 1e-6) {
				t.Errorf("zoom %v → %v, pointer place at %v", b.Zoom, v.Zoom, v.ToPixel(ll))
			}
		}},
		{"shift-wheel (horizontal scroll) pans", func(a *Atlas) {
			a.mapv.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DX: wheelNotch}})
		}, func(t *testing.T, b, v geo.Viewport) {
			ll := b.ToLonLat(centre(b))
			got := v.ToPixel(ll)
			if v.Zoom != b.Zoom || math.Abs(got[0]-centre(b)[0]-wheelPan) > 1e-6 {
				t.Errorf("centre place moved to %v, want %v px right", got, wheelPan)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestAtlas(t, 900, 600)
			before := a.mapv.View()
			tt.do(a)
			tt.check(t, before, a.mapv.View())
		})
	}
}

func TestMapTakesFocusOnTap(t *testing.T) {
	a := newTestAtlas(t, 900, 600)
	c := a.win.Canvas()
	c.Unfocus()
	test.TapAt(a.mapv, fyne.NewPos(10, 10))
	if c.Focused() != a.mapv {
		t.Fatalf("focused %T after a tap on the map, want the map", c.Focused())
	}
	// A click on a layer's check box hands the keyboard back to the map.
	chk := a.panel.checks["rivers"]
	chk.Tapped(&fyne.PointEvent{Position: fyne.NewPos(5, chk.Size().Height/2)})
	if chk.Checked {
		t.Error("the click did not toggle the check box")
	}
	if c.Focused() != a.mapv {
		t.Errorf("focused %T after a panel click, want the map", c.Focused())
	}
}

func TestResizeKeepsCentreAndZoom(t *testing.T) {
	a := newTestAtlas(t, 900, 600)
	// The first frame has been painted once it was captured.
	a.win.Canvas().Capture()
	before := a.mapv.View()
	a.win.Resize(fyne.NewSize(1200, 800))
	after := a.mapv.View()
	if after.Zoom != before.Zoom || !near(after.Center, before.Center, 1e-9) {
		t.Errorf("resize moved the map: %v z%v → %v z%v", before.Center, before.Zoom, after.Center, after.Zoom)
	}
	if after.Width <= before.Width {
		t.Errorf("viewport width %d → %d", before.Width, after.Width)
	}
}

func TestStatusLineShowsPositionAndScale(t *testing.T) {
	a := newTestAtlas(t, 900, 600)
	a.pointer(orb.Point{100, 100}, true)
	got := a.status.label.Text
	ll := a.mapv.View().ToLonLat(orb.Point{100, 100})
	for _, want := range []string{formatLonLat(ll), "1:", "100 px = "} {
		if !strings.Contains(got, want) {
			t.Errorf("status %q lacks %q", got, want)
		}
	}
}

func TestScaleDenominator(t *testing.T) {
	tests := []struct {
		name string
		d    float64
		want string
	}{
		{"millions", 5.2e6, "5.2M"},
		{"thousands", 520e3, "520k"},
		{"small", 2500, "2500"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := scaleDenominator(tt.d); got != tt.want {
				t.Errorf("scaleDenominator(%v) = %q, want %q", tt.d, got, tt.want)
			}
		})
	}
}

// TestFitKeepsToTheZoomLimits: a box of a few millimetres (a scene's, a
// searched point's) is shown at the closest zoom the wheel allows, not at
// one that asks for a world millions of screens wide.
func TestFitKeepsToTheZoomLimits(t *testing.T) {
	a := newTestAtlas(t, 900, 600)
	a.win.Canvas().Capture()
	a.mapv.FitBound(orb.Bound{Min: orb.Point{49.8, 40.3}, Max: orb.Point{49.8 + 1e-10, 40.3 + 1e-10}}, nil)
	if v := a.mapv.View(); v.Zoom != geo.MaxZoom || math.Abs(v.Center[0]-49.8) > 1e-6 {
		t.Errorf("view %v z%v, want zoom %v at the box", v.Center, v.Zoom, geo.MaxZoom)
	}
}
