package window

import (
	"math"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// sceneNames lists the scenes' names in order.
func sceneNames(a *Atlas) []string {
	var out []string
	for _, s := range a.scenes {
		out = append(out, s.Name)
	}
	return out
}

// atScene reports whether the map shows scene i's view: its centre in
// the middle (to a hundredth of a pixel) at its zoom.
func atScene(a *Atlas, i int) bool {
	s := a.scenes[i]
	v := a.mapv.View()
	c := v.ToPixel(orb.Point{s.View.Lon, s.View.Lat})
	return near(c, orb.Point{float64(v.Width) / 2, float64(v.Height) / 2}, 0.01) && math.Abs(v.Zoom-s.View.Zoom) < 1e-9
}

// fly runs the animation clock (the injected one: ticks of dt seconds)
// until the fly-to lands, and returns how many ticks it took.
func fly(t *testing.T, a *Atlas, dt float64) int {
	t.Helper()
	n := 0
	for a.flight != nil {
		a.tick(dt)
		n++
		if n > 1000 {
			t.Fatal("the fly-to never lands")
		}
	}
	return n
}

func TestSceneEditing(t *testing.T) {
	a := newTestAtlas(t, 900, 600)
	add := func(name, title, view string) {
		t.Helper()
		a.goToView(view)
		if err := a.addScene(name, title); err != nil {
			t.Fatal(err)
		}
	}
	add("Caspian", "", "caspian")
	add("Aktau–Baku", "Across the Caspian", "aktau-baku")
	add("BTC", "", "btc")
	tests := []struct {
		name    string
		do      func() error
		want    []string
		wantErr string
	}{
		{"add captures the view", func() error { return nil }, []string{"Caspian", "Aktau–Baku", "BTC"}, ""},
		{"add refuses a taken name", func() error { return a.addScene("btc", "") }, []string{"Caspian", "Aktau–Baku", "BTC"}, "already a scene"},
		{"add refuses an empty name", func() error { return a.addScene("  ", "") }, []string{"Caspian", "Aktau–Baku", "BTC"}, "needs a name"},
		{"rename", func() error { return a.renameScene(0, "Overview", "The whole sea") }, []string{"Overview", "Aktau–Baku", "BTC"}, ""},
		{"rename keeps its own name in another case", func() error { return a.renameScene(2, "Btc", "") }, []string{"Overview", "Aktau–Baku", "Btc"}, ""},
		{"rename refuses another's name", func() error { return a.renameScene(2, "overview", "") }, []string{"Overview", "Aktau–Baku", "Btc"}, "already a scene"},
		{"move down", func() error { a.moveScene(0, +1); return nil }, []string{"Aktau–Baku", "Overview", "Btc"}, ""},
		{"move up", func() error { a.moveScene(2, -1); return nil }, []string{"Aktau–Baku", "Btc", "Overview"}, ""},
		{"move past the top does nothing", func() error { a.moveScene(0, -1); return nil }, []string{"Aktau–Baku", "Btc", "Overview"}, ""},
		{"delete", func() error { a.deleteScene(1); return nil }, []string{"Aktau–Baku", "Overview"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.do()
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("err = %v, want %q", err, tt.wantErr)
			}
			if got := sceneNames(a); !slices.Equal(got, tt.want) {
				t.Errorf("scenes %v, want %v", got, tt.want)
			}
			if len(a.panel.sceneButtons) != len(tt.want) {
				t.Fatalf("%d rows in the panel", len(a.panel.sceneButtons))
			}
			for i, b := range a.panel.sceneButtons {
				if !strings.Contains(b.Text, tt.want[i]) {
					t.Errorf("row %d reads %q, want %q", i, b.Text, tt.want[i])
				}
			}
		})
	}
	if !a.dirty {
		t.Error("scene edits left the project clean")
	}
	// The captured scene is the view it was added at, the year and the
	// visible layers and flows.
	s := a.scenes[0]
	if s.Caption() != "Across the Caspian" || s.View == nil || s.Year != a.year || !slices.Contains(s.Layers, "titr") || len(s.Flows) != len(a.flows) {
		t.Errorf("scene %+v", s)
	}
	// The panel's "Add current view…" asks for a name with a free default.
	a.addScenePrompt()
	if a.scenePrompt == nil || a.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no name prompt")
	}
	a.scenePrompt.Submit()
	if got := sceneNames(a); len(got) != 3 || got[2] != "Scene 3" {
		t.Errorf("after the prompt: %v", got)
	}
}

func TestFlyToReachesTheSceneViewAndYear(t *testing.T) {
	tests := []struct {
		name       string
		from, to   string
		fromY, toY geo.Year
	}{
		{"far and zooming in", "corridor", "aktau-baku", 2021, 2024},
		{"zooming out", "btc", "corridor", 2024.5, 2022},
		{"same place, other year", "caspian", "caspian", 2021, 2025},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestAtlas(t, 900, 600)
			a.goToView(tt.to)
			a.setYear(tt.toY)
			a.setLayerVisible("cities", false)
			if err := a.addScene("Target", "The target"); err != nil {
				t.Fatal(err)
			}
			a.goToView(tt.from)
			a.setYear(tt.fromY)
			a.setLayerVisible("cities", true)
			start := a.mapv.View()

			a.goToScene(0)
			if a.flight == nil || !a.anim.Running() {
				t.Fatal("no fly-to under way")
			}
			if !a.hidden["cities"] || a.panel.checks["cities"].Checked {
				t.Error("the scene's layers are not shown at once")
			}
			// Half way (0.5 s of the injected clock): between the two.
			for i := 0; i < 15; i++ {
				a.tick(1.0 / 30)
			}
			mid := a.mapv.View()
			if tt.fromY != tt.toY {
				lo, hi := min(tt.fromY, tt.toY), max(tt.fromY, tt.toY)
				if !(a.year > lo && a.year < hi) {
					t.Errorf("year %v half way, want between %v and %v", a.year, lo, hi)
				}
			}
			if tt.from != tt.to && (mid == start || atScene(a, 0)) {
				t.Error("half way, the map is at one end")
			}
			n := fly(t, a, 1.0/30)
			if total := float64(15+n) / 30; math.Abs(total-flyDuration) > 1.0/30+1e-9 {
				t.Errorf("the fly-to took %.2f s, want %v", total, flyDuration)
			}
			if !atScene(a, 0) {
				v := a.mapv.View()
				t.Errorf("landed at %v z%v, want %+v", v.Center, v.Zoom, *a.scenes[0].View)
			}
			if a.year != tt.toY {
				t.Errorf("year %v, want %v", a.year, tt.toY)
			}
			if a.anim.Running() {
				t.Error("the clock still runs after landing")
			}
		})
	}
}

func TestFlyToGivesWayToTheUser(t *testing.T) {
	a := newTestAtlas(t, 900, 600)
	a.goToView("btc")
	if err := a.addScene("BTC", ""); err != nil {
		t.Fatal(err)
	}
	a.goToView("corridor")
	a.goToScene(0)
	a.tick(0.2)
	test.Drag(a.win.Canvas(), mapPos(a, orb.Point{300, 200}), 30, 0)
	if a.flight != nil {
		t.Error("a drag did not stop the fly-to")
	}
}

func TestZoomPathEnds(t *testing.T) {
	a := geo.Viewport{Center: orb.Point{45, 41}, Zoom: 4, Width: 900, Height: 600, Scale: 1}
	b := geo.Viewport{Center: orb.Point{51, 42.5}, Zoom: 7.5, Width: 900, Height: 600, Scale: 1}
	path := zoomPath(a, b)
	for _, tt := range []struct {
		name string
		s    float64
		want geo.Viewport
	}{{"start", 0, a}, {"end", 1, b}} {
		t.Run(tt.name, func(t *testing.T) {
			c, z := path(tt.s)
			if !near(c, tt.want.Center, 1e-6) || math.Abs(z-tt.want.Zoom) > 1e-6 {
				t.Errorf("at %v: %v z%v, want %v z%v", tt.s, c, z, tt.want.Center, tt.want.Zoom)
			}
		})
	}
	// On the way it zooms out below both ends a little, to show both places.
	_, z := path(0.4)
	if !(z < b.Zoom) {
		t.Errorf("zoom %v on the way", z)
	}
}

func TestPageDownInPresentationStepsScenes(t *testing.T) {
	a := newTestAtlas(t, 900, 600)
	key := func(k fyne.KeyName) { a.mapv.TypedKey(&fyne.KeyEvent{Name: k}) }
	for _, sc := range []struct{ name, title, view string }{
		{"Overview", "The Middle Corridor", "corridor"},
		{"Aktau–Baku", "Across the Caspian", "aktau-baku"},
		{"BTC", "", "btc"},
	} {
		a.goToView(sc.view)
		if err := a.addScene(sc.name, sc.title); err != nil {
			t.Fatal(err)
		}
	}
	a.sceneIndex = -1
	a.goToView("caspian")
	key(fyne.KeyF11)
	if !a.presenting {
		t.Fatal("not presenting")
	}
	steps := []struct {
		name    string
		key     fyne.KeyName
		want    int
		caption string
	}{
		{"first PageDown", fyne.KeyPageDown, 0, "The Middle Corridor"},
		{"PageDown", fyne.KeyPageDown, 1, "Across the Caspian"},
		{"PageDown to the last", fyne.KeyPageDown, 2, "BTC"}, // no title: the name
		{"PageDown at the end stays", fyne.KeyPageDown, 2, "BTC"},
		{"PageUp", fyne.KeyPageUp, 1, "Across the Caspian"},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			before := frameCopy(t, a)
			key(st.key)
			fly(t, a, 1.0/60)
			if a.sceneIndex != st.want || !atScene(a, st.want) {
				t.Fatalf("scene %d (at it: %v), want %d", a.sceneIndex, atScene(a, st.want), st.want)
			}
			if got := a.scene(a.mapv.View()).Title; got != st.caption {
				t.Errorf("caption %q, want %q", got, st.caption)
			}
			if a.viewIndex != 0 {
				t.Errorf("the named views moved (%d)", a.viewIndex)
			}
			after := frameCopy(t, a)
			if moved := st.name != "PageDown at the end stays"; moved && diffPixels(before, after) < 1000 {
				t.Error("the picture did not change")
			}
		})
	}
	// Without scenes the keys step the named views, as before.
	for len(a.scenes) > 0 {
		a.deleteScene(0)
	}
	key(fyne.KeyPageDown)
	if a.viewIndex != 1 || a.flight != nil {
		t.Errorf("without scenes: view %d, flight %v", a.viewIndex, a.flight != nil)
	}
	if got := a.scene(a.mapv.View()).Title; got == "" {
		t.Error("no caption without scenes")
	}
}
