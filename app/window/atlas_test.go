package window

import (
	"image"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// featureLine finds a line feature of an embedded layer.
func featureLine(t testing.TB, a *Atlas, layer, id string) orb.LineString {
	t.Helper()
	l := a.layerByID(layer)
	if l == nil {
		t.Fatalf("no layer %q", layer)
	}
	for _, f := range l.Detailed {
		if render.FeatureID(f) == id {
			if ls, ok := f.Geometry.(orb.LineString); ok {
				return ls
			}
		}
	}
	t.Fatalf("no line %q in %q", id, layer)
	return nil
}

// btcPixel is a point on the BTC pipeline in Türkiye, halfway between two
// vertices, far from the pump stations.
func btcPixel(t testing.TB, a *Atlas) orb.Point {
	ls := featureLine(t, a, "btc", "btc-pipeline")
	v := a.mapv.View()
	for i := 1; i < len(ls); i++ {
		if ls[i][0] < 40 && ls[i-1][0] < 40 && ls[i][0] > 37 {
			p := v.ToPixel(geo.Interpolate(ls[i-1], ls[i], 0.5))
			if p[0] > 0 && p[1] > 0 && p[0] < float64(v.Width) && p[1] < float64(v.Height) {
				return p
			}
		}
	}
	t.Fatal("no BTC vertex pair in Türkiye on screen")
	return orb.Point{}
}

func TestTapOnBTCSelectsItAndFillsTheInfoPanel(t *testing.T) {
	tests := []struct {
		name string
		view string
	}{
		{"btc view", "btc"},
		{"caspian view", "caspian"},
		{"corridor view", "corridor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestAtlas(t, 1000, 700)
			a.goToView(tt.view)
			flush(t, a)
			px := btcPixel(t, a)
			s := float32(a.mapv.scale)
			test.TapAt(a.mapv, fyne.NewPos(float32(px[0])/s, float32(px[1])/s))
			if got := a.sel.id(); got != "btc-pipeline" {
				t.Fatalf("selected %q, want btc-pipeline", got)
			}
			if !a.info.box.Visible() {
				t.Error("info panel hidden after the tap")
			}
			if !strings.Contains(a.info.heading, "Baku–Tbilisi–Ceyhan") {
				t.Errorf("info heading %q", a.info.heading)
			}
			for key, want := range map[string]string{
				"Kind": "pipeline", "Status": "operating", "Precision": "schematic",
				"Published length": "1,768 km", "Operator": "BTC Co.",
			} {
				if got := a.info.Value(key); !strings.Contains(got, want) {
					t.Errorf("info %s = %q, want %q", key, got, want)
				}
			}
			if got := a.info.Value("Length on the map"); !strings.HasSuffix(strings.Fields(got + " x")[1], "km") {
				t.Errorf("no measured length: %q", got)
			}
			if got := a.info.Value("Flow kz-oil-btc 2023"); !strings.Contains(got, "actual") {
				t.Errorf("the oil flow's 2023 value %q does not say actual", got)
			}
			if got := a.info.Value("Flow kz-oil-btc 2024"); !strings.Contains(got, "actual") || !strings.Contains(got, "≈") {
				t.Errorf("the oil flow's 2024 value %q does not say approximate actual", got)
			}
			if got := a.info.Value("Flow kz-oil-btc 2026"); !strings.Contains(got, "plan") {
				t.Errorf("the oil flow's 2026 value %q does not say plan", got)
			}
			// The selection is highlighted on the map.
			if s := a.scene(a.mapv.View()); render.FeatureID(s.HighlightFeature) != "btc-pipeline" {
				t.Errorf("highlight %q", render.FeatureID(s.HighlightFeature))
			}
			// A click on empty sea clears it.
			a.tap(orb.Point{2, 2})
			if a.sel.id() != "" || a.info.box.Visible() {
				t.Errorf("selection %q and panel visible %v after a click on nothing", a.sel.id(), a.info.box.Visible())
			}
		})
	}
}

func TestTapOnAFlowBandShowsItsValuesByYear(t *testing.T) {
	a := newTestAtlas(t, 1000, 700)
	a.goToView("caspian")
	a.setYear(2024)
	flush(t, a)
	// The TITR band across the Caspian, the only stretch it is drawn on:
	// off the ferry lane but inside the 4.48 Mt band.
	ls := featureLine(t, a, "titr", "titr-ferry-aktau-alat")
	v := a.mapv.View()
	mid := v.ToPixel(geo.Interpolate(ls[len(ls)/2-1], ls[len(ls)/2], 0.5))
	found := false
	for _, off := range []orb.Point{{0, 10}, {0, -10}, {10, 0}, {-10, 0}} {
		px := orb.Point{mid[0] + off[0], mid[1] + off[1]}
		a.tap(px)
		if a.sel.flow != nil {
			found = true
			break
		}
	}
	if !found {
		t.Fatalf("no flow selected near %v (selected feature %q)", mid, a.sel.id())
	}
	if a.sel.flow.Flow.ID != "titr-cargo" {
		t.Errorf("selected flow %q", a.sel.flow.Flow.ID)
	}
	for year, kind := range map[string]string{"2021": "actual", "2024": "actual", "2025": "actual"} {
		if got := a.info.Value(year); !strings.Contains(got, kind) || !strings.Contains(got, "Mt") {
			t.Errorf("value for %s = %q, want a tonnage marked %s", year, got, kind)
		}
	}
}

func TestHoverHighlightsAFeature(t *testing.T) {
	a := newTestAtlas(t, 1000, 700)
	a.goToView("btc")
	flush(t, a)
	before := frameCopy(t, a)
	a.pointer(btcPixel(t, a), true)
	if render.FeatureID(a.hover) != "btc-pipeline" {
		t.Fatalf("hover %q", render.FeatureID(a.hover))
	}
	if !a.mapv.hoverHit {
		t.Error("no hand cursor over the pipeline")
	}
	if diffPixels(before, frameCopy(t, a)) == 0 {
		t.Error("hovering the pipeline did not change the picture")
	}
	a.pointer(orb.Point{}, false)
	if a.hover != nil {
		t.Errorf("hover %q after the pointer left", render.FeatureID(a.hover))
	}
}

func TestTogglingALayerChangesTheImage(t *testing.T) {
	tests := []struct {
		name string
		id   string
		flow bool
	}{
		{"corridor pipeline", "btc", false},
		{"TITR rail", "titr", false},
		{"basemap countries", "countries", false},
		{"basemap cities", "cities", false},
		{"oil flow", "kz-oil-btc", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestAtlas(t, 900, 600)
			key := tt.id
			if tt.flow {
				key = "flow:" + tt.id
			}
			chk := a.panel.checks[key]
			if chk == nil || !chk.Checked {
				t.Fatalf("no checked box for %s", key)
			}
			on := frameCopy(t, a)
			chk.SetChecked(false)
			off := frameCopy(t, a)
			if n := diffPixels(on, off); n < 50 {
				t.Errorf("hiding %s changed %d pixels", tt.id, n)
			}
		})
	}
}

// TestShowingALayerAgainRestoresThePicture redraws the base picture at an
// unchanged zoom (hide and show a layer, or pan back and forth): nothing
// cached between frames may change what they show. (It caught the label
// placer clipping cached country rings in place, which filled damaged land
// on every later frame at that zoom.)
func TestShowingALayerAgainRestoresThePicture(t *testing.T) {
	tests := []struct {
		name string
		do   func(a *Atlas)
		undo func(a *Atlas)
	}{
		{"hide and show cities", func(a *Atlas) { a.setLayerVisible("cities", false) }, func(a *Atlas) { a.setLayerVisible("cities", true) }},
		{"pan and pan back", func(a *Atlas) { a.mapv.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: 30}}) },
			func(a *Atlas) { a.mapv.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: -30}}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestAtlas(t, 900, 600)
			before := frameCopy(t, a)
			tt.do(a)
			flush(t, a)
			tt.undo(a)
			// Panning back lands within 1e-12° of the start, which may move
			// an anti-aliased edge pixel or two; damaged polygons change
			// thousands.
			after := frameCopy(t, a)
			if n := diffPixels(before, after); n > len(after.Pix)/4/2000 {
				t.Errorf("%d pixels differ from the first frame of the same view", n)
			}
		})
	}
}

func TestOpacityChangesTheImage(t *testing.T) {
	a := newTestAtlas(t, 900, 600)
	before := frameCopy(t, a)
	a.setOpacity("countries", 0.3)
	if n := diffPixels(before, frameCopy(t, a)); n < 1000 {
		t.Errorf("land at 30%% opacity changed only %d pixels", n)
	}
}

// bandWidth measures the oil band: the median length of the runs of band
// pixels across the flow line, over cross-sections along its middle (the
// ends are left out). The band is opaque with a darker edge, solid or
// pale and hatched by the figure's kind: a band pixel is one that is
// neither land nor water, and the run spans band and edge.
func bandWidth(t *testing.T, a *Atlas) float64 {
	t.Helper()
	img := frameCopy(t, a)
	v := a.mapv.View()
	line := slices.Concat(featureLine(t, a, "oil-lane", "oil-lane-aktau-sangachal"), featureLine(t, a, "btc", "btc-pipeline"))
	far := func(p []uint8, c color.NRGBA) bool {
		d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
		return max(d(p[0], c.R), d(p[1], c.G), d(p[2], c.B)) > 10
	}
	land, water := color.NRGBA{0xF4, 0xF1, 0xEA, 0xFF}, color.NRGBA{0xB7, 0xD4, 0xE8, 0xFF}
	orange := func(x, y int) bool {
		if !image.Pt(x, y).In(img.Rect) {
			return false
		}
		p := img.Pix[img.PixOffset(x, y):]
		return far(p, land) && far(p, water)
	}
	var runs []float64
	for i := len(line) / 5; i < len(line)*4/5; i++ {
		p, q := v.ToPixel(line[i-1]), v.ToPixel(line[i])
		dx, dy := q[0]-p[0], q[1]-p[1]
		l := dx*dx + dy*dy
		if l < 64 {
			continue // short segments: the cross-section meets the joins
		}
		n := orb.Point{-dy, dx}
		ln := math.Sqrt(l)
		n[0], n[1] = n[0]/ln, n[1]/ln
		for _, f := range []float64{0.35, 0.5, 0.65} {
			c := orb.Point{p[0] + dx*f, p[1] + dy*f}
			if !orange(int(c[0]), int(c[1])) {
				continue // a gap of a broken (plan) band
			}
			run := 1.0
			for _, dir := range []float64{1, -1} {
				for s := 1.0; s < 40; s++ {
					if !orange(int(c[0]+dir*s*n[0]), int(c[1]+dir*s*n[1])) {
						break
					}
					run++
				}
			}
			runs = append(runs, run)
		}
	}
	if len(runs) < 5 {
		t.Fatalf("only %d cross-sections of the oil band found", len(runs))
	}
	slices.Sort(runs)
	return runs[len(runs)/2]
}

func TestTimelineDrawsTheOilBandAtItsFigures(t *testing.T) {
	a := newTestAtlas(t, 1000, 700)
	a.goToView("btc")
	// Only the oil band: the pipeline and lane under it are orange too.
	for _, id := range []string{"btc", "oil-lane", "titr", "ports", "fibre", "power"} {
		a.panel.checks[id].SetChecked(false)
	}
	a.panel.checks["flow:titr-cargo"].SetChecked(false)
	widths := map[geo.Year]float64{}
	for _, y := range []geo.Year{2023, 2026} {
		a.timeline.slider.SetValue(float64(y)) // as if the user moved it
		if a.year != y {
			t.Fatalf("the slider set the year to %v, want %v", a.year, y)
		}
		widths[y] = bandWidth(t, a)
	}
	// 1.392 Mt in 2023, 1.5 Mt planned for 2026, on the locked scale.
	want := widths[2023] * 1.5 / 1.392
	if math.Abs(widths[2026]-want) > 1.5 {
		t.Errorf("oil band %.1f px wide for 2026, %.1f px in 2023: want about %.1f", widths[2026], widths[2023], want)
	}
	if got := a.timeline.label.Text; !strings.Contains(got, "2026") || !strings.Contains(got, "plan") {
		t.Errorf("year label %q should say 2026 and plan", got)
	}
}

func TestYearText(t *testing.T) {
	a := newTestAtlas(t, 600, 400)
	fl := &data.Flow{ID: "x", Direction: data.OneWay, Values: []data.Figure{
		{Year: 2023, Value: 1, Kind: data.Actual, Drawn: true},
		{Year: 2024, Value: 2, Kind: data.Forecast, Drawn: true},
	}}
	mine := append(slices.Clone(a.flows), &render.FlowPath{Flow: fl})
	tests := []struct {
		name  string
		year  geo.Year
		flows []*render.FlowPath
		want  []string
	}{
		{"actual only", 2022, a.flows, []string{"2022 ", "actual"}},
		{"actual and plan", 2026, a.flows, []string{"2026 ", "plan"}},
		{"actual and forecast", 2024, mine, []string{"2024 ", "actual + forecast"}},
		{"a hundredth before a year", 2022.99, a.flows, []string{"2022.99 ", "actual"}},
		{"never rounded up into the next year", 2022.999, a.flows, []string{"2022.99 "}},
		{"no flows", 2023, nil, []string{"2023 ", "no figures"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := yearText(tt.year, tt.flows)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("yearText = %q, want %q in it", got, w)
				}
			}
		})
	}
}

func TestDroppedFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Test line"},"geometry":{"type":"LineString","coordinates":[[45,40],[50,42]]}}]}`
	tests := []struct {
		name    string
		file    string
		content string
		wantErr string // "" for a file that loads
	}{
		{"truncated JSON", "broken.geojson", `{"type":"FeatureCollection","features":[{"type":`, "broken.geojson"},
		{"not GeoJSON", "other.geojson", `{"type":"Banana"}`, "other.geojson"},
		{"bad coordinates", "coords.geojson", `{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":["a",1]}}`, "coords.geojson"},
		{"not a data file", "photo.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.png: not a file Corridor Atlas reads"},
		{"good file", "route.geojson", good, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestAtlas(t, 900, 600)
			ids := func() []string {
				var out []string
				for _, l := range a.layers {
					out = append(out, l.ID)
				}
				return out
			}
			before := ids()
			a.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(write(tt.file, tt.content))})
			after := ids()
			if tt.wantErr != "" {
				if !slices.Equal(before, after) {
					t.Errorf("layers changed: %v → %v", before, after)
				}
				if !strings.Contains(a.lastError, tt.wantErr) {
					t.Errorf("error %q does not name %q", a.lastError, tt.wantErr)
				}
				if a.win.Canvas().Overlays().Top() == nil {
					t.Error("no error dialog shown")
				}
				return
			}
			if a.lastError != "" {
				t.Fatalf("unexpected error %q", a.lastError)
			}
			if len(after) != len(before)+1 || after[len(after)-1] != "route" {
				t.Fatalf("layers %v after loading route.geojson", after)
			}
			l := a.layerByID("route")
			if l.Group != render.UserGroup {
				t.Errorf("group %q", l.Group)
			}
			if len(a.userLayers()) != 1 || a.panel.checks["route"] == nil {
				t.Error("the layer is not listed under Your data")
			}
			// A second copy gets its own id, then is moved and removed.
			a.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(filepath.Join(dir, tt.file))})
			second := a.layerByID("route-2")
			if second == nil {
				t.Fatalf("layers %v after loading the file twice", ids())
			}
			a.moveLayer(second, -1)
			if got := a.userLayers(); got[0].ID != "route" {
				t.Errorf("after moving route-2 down, the top user layer is %q", got[0].ID)
			}
			a.removeLayer(second)
			if a.layerByID("route-2") != nil || len(a.userLayers()) != 1 {
				t.Errorf("layers %v after removing route-2", ids())
			}
		})
	}
}

func TestExportWritesAPNGThroughTheCLIPath(t *testing.T) {
	a := newTestAtlas(t, 900, 600)
	out := filepath.Join(t.TempDir(), "map.png")
	set := defaultExportSettings()
	set.preset = len(exportPresets) - 1 // custom: keep the test quick
	set.width, set.height, set.dpi = 480, 320, 96
	a.runExport(set, out)
	if a.lastError != "" {
		t.Fatalf("export failed: %s", a.lastError)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 1000 || string(b[1:4]) != "PNG" {
		t.Fatalf("%s is not a PNG (%d bytes)", out, len(b))
	}
	if a.lastExport != out {
		t.Errorf("last export %q", a.lastExport)
	}
	o, _ := a.exportOptions(set, out)
	if o.BBox == nil || o.Year != a.year || len(o.Layers) == 0 {
		t.Errorf("options do not follow the window: %+v", o)
	}
}

func TestPresentationMode(t *testing.T) {
	a := newTestAtlas(t, 900, 600)
	key := func(k fyne.KeyName) { a.mapv.TypedKey(&fyne.KeyEvent{Name: k}) }
	key(fyne.KeyF11)
	if !a.presenting || a.side.Visible() || a.bottom.Visible() || a.toolbar.Visible() {
		t.Fatalf("F11: presenting %v, panels visible %v %v %v", a.presenting, a.side.Visible(), a.bottom.Visible(), a.toolbar.Visible())
	}
	if s := a.scene(a.mapv.View()); s.LabelScale != presentationLabelScale || !s.Legend {
		t.Errorf("presentation scene: label scale %v, legend %v", s.LabelScale, s.Legend)
	}
	y := a.year
	key(fyne.KeyRight)
	if a.year != y+1 {
		t.Errorf("→: year %v, want %v", a.year, y+1)
	}
	key(fyne.KeyLeft)
	if a.year != y {
		t.Errorf("←: year %v, want %v", a.year, y)
	}
	key(fyne.KeyPageDown)
	if a.viewIndex != 1 {
		t.Errorf("PageDown: view %d", a.viewIndex)
	}
	key(fyne.KeyPageUp)
	if a.viewIndex != 0 {
		t.Errorf("PageUp: view %d", a.viewIndex)
	}
	key(fyne.KeySpace)
	if !a.timeline.playing {
		t.Error("Space did not start playback")
	}
	key(fyne.KeySpace)
	key(fyne.KeyEscape)
	if a.presenting || !a.side.Visible() || !a.bottom.Visible() {
		t.Errorf("Esc: presenting %v", a.presenting)
	}
}

func TestPreferencesRoundTrip(t *testing.T) {
	a := newTestAtlas(t, 900, 600)
	a.mapv.SetCenterZoom(orb.Point{49.8, 40.4}, 7.25)
	a.setLayerVisible("rivers", false)
	a.setFlowVisible("titr-cargo", false)
	a.setYear(2022.5)
	a.setTheme(themeDark)
	a.handoutPaper = 2
	a.savePrefs()

	b, err := newAtlas(a.app, a.app.NewWindow(Title), false)
	if err != nil {
		t.Fatal(err)
	}
	defer b.close()
	b.win.Resize(fyne.NewSize(900, 600))
	b.loadPrefs()
	v := b.mapv.View()
	if !near(v.Center, orb.Point{49.8, 40.4}, 1e-9) || v.Zoom != 7.25 {
		t.Errorf("view %v z%v", v.Center, v.Zoom)
	}
	if !b.hidden["rivers"] || !b.hiddenFlows["titr-cargo"] || b.panel.checks["rivers"].Checked {
		t.Error("hidden layers not restored")
	}
	if b.year != 2022.5 || b.themeChoice != themeDark || b.handoutPaper != 2 {
		t.Errorf("year %v, theme %v, handout paper %d", b.year, b.themeChoice, b.handoutPaper)
	}
}

// With a context layer on, a click inside a member country (away from
// the corridor) opens its memberships, each with its source; a click on
// a corridor line still selects the line.
func TestTapOnABlocCountryListsItsMemberships(t *testing.T) {
	a := newTestAtlas(t, 1000, 700)
	a.goToView("corridor")
	for _, id := range []string{"eaeu", "csto", "ots"} {
		a.setLayerVisible(id, true)
	}
	flush(t, a)
	v := a.mapv.View()
	ls := featureLine(t, a, "btc", "btc-pipeline")
	a.tap(v.ToPixel(ls[len(ls)/2]))
	if got := a.sel.id(); got != "btc-pipeline" {
		t.Errorf("a tap on the pipeline inside a bloc selected %q", got)
	}
	if got := a.info.Value("Timeline 11 Mar 2024"); !strings.Contains(got, "Supreme Interstate Council") {
		t.Errorf("the corridor's panel lacks the Kazakhstan–Azerbaijan timeline: %q", got)
	}
	a.clearSelection()
	flush(t, a)
	v = a.mapv.View()
	a.tap(v.ToPixel(orb.Point{68.5, 50.5})) // the Kazakh steppe, far from any line
	if a.sel.feature == nil || !strings.Contains(a.info.heading, "Kazakhstan") {
		t.Fatalf("selected %q, info %q", a.sel.id(), a.info.heading)
	}
	for _, bloc := range []string{"EAEU", "CSTO", "OTS"} {
		if got := a.info.Value(bloc); !strings.Contains(got, "member") || !strings.Contains(got, "since") {
			t.Errorf("%s: %q", bloc, got)
		}
	}
}
