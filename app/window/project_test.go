package window

import (
	"bytes"
	"image/color"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"github.com/corridor-atlas/corridor-atlas/app/project"
	"github.com/corridor-atlas/corridor-atlas/app/render"
)

// routeJSON is a small user layer: a ferry line and a port, with names.
const routeJSON = `{"type":"FeatureCollection","name":"Ferry routes","features":[
{"type":"Feature","properties":{"name":"Kuryk–Alat","operator":"ASCO"},"geometry":{"type":"LineString","coordinates":[[51.6,43.2],[50.5,41.5],[49.4,39.95]]}},
{"type":"Feature","properties":{"name":"Turkmenbashi","operator":"TMRL"},"geometry":{"type":"Point","coordinates":[52.97,40.02]}}]}`

// flowsCSV adds one flow along the Georgian rail line.
const flowsCSV = "flow_id,year,value,unit,kind,source,path\n" +
	"ge-transit,2022,2,Mt/yr,actual,test,titr-rail-ge-west:reverse\n" +
	"ge-transit,2024,3,Mt/yr,plan,test,\n"

// writeFile writes content under dir (making folders) and returns the path.
func writeFile(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// layerIDs lists the window's layers in drawing order.
func layerIDs(a *Atlas) []string {
	var out []string
	for _, l := range a.layers {
		out = append(out, l.ID)
	}
	return out
}

// flowIDs lists the window's flows.
func flowIDs(a *Atlas) []string {
	var out []string
	for _, fp := range a.flows {
		out = append(out, fp.Flow.ID)
	}
	return out
}

// briefingSession builds a session with every kind of project member: a
// user layer with its own style and opacity, flow data, hidden layers and
// flows, a year and two scenes.
func briefingSession(t *testing.T, a *Atlas, dir string) {
	t.Helper()
	route := writeFile(t, dir, "data/route.geojson", routeJSON)
	csv := writeFile(t, dir, "data/flows.csv", flowsCSV)
	a.openFiles([]string{route})
	a.openFlowCSV(csv)
	if a.lastError != "" {
		t.Fatalf("setting up: %s", a.lastError)
	}
	l := a.layerByID("route")
	if l == nil {
		t.Fatalf("no route layer: %v", layerIDs(a))
	}
	a.setStyle(l, render.UserStyle{Colour: color.NRGBA{0x12, 0x34, 0x56, 0xFF}, Width: 4, LabelField: "operator"})
	a.setOpacity("route", 0.6)
	a.setLayerVisible("rivers", false)
	a.setFlowVisible("titr-cargo", false)
	a.goToView("aktau-baku")
	a.setYear(2022.5)
	if err := a.addScene("Aktau–Baku", "Across the Caspian"); err != nil {
		t.Fatal(err)
	}
	a.goToView("btc")
	a.setYear(2024)
	a.setLayerVisible("cities", false)
	if err := a.addScene("BTC", ""); err != nil {
		t.Fatal(err)
	}
	a.goToView("corridor")
	a.setYear(2023.25)
}

func TestProjectSaveOpenRoundTrip(t *testing.T) {
	dir := t.TempDir()
	a := newTestAtlas(t, 900, 600)
	briefingSession(t, a, dir)
	if !a.dirty || !strings.HasSuffix(a.win.Title(), dirtyMark) {
		t.Errorf("an edited session: dirty %v, title %q", a.dirty, a.win.Title())
	}
	path := filepath.Join(dir, "briefing.catlas")
	if err := a.saveProjectTo(path); err != nil {
		t.Fatal(err)
	}
	if a.dirty || a.win.Title() != "Corridor Atlas — briefing" {
		t.Errorf("after saving: dirty %v, title %q", a.dirty, a.win.Title())
	}
	saved, _ := os.ReadFile(path)
	want := frameCopy(t, a)

	b := newTestAtlas(t, 900, 600)
	b.openProject(path)
	if b.lastError != "" {
		t.Fatalf("open: %s", b.lastError)
	}
	t.Run("layers", func(t *testing.T) {
		if got, w := layerIDs(b), layerIDs(a); !slices.Equal(got, w) {
			t.Errorf("layers %v, want %v", got, w)
		}
		l := b.layerByID("route")
		if l == nil {
			t.Fatal("no user layer")
		}
		if got := b.styleOf(l); got != (render.UserStyle{Colour: color.NRGBA{0x12, 0x34, 0x56, 0xFF}, Width: 4, LabelField: "operator"}) {
			t.Errorf("style %+v", got)
		}
		if b.opacity["route"] != 0.6 || !b.hidden["rivers"] || !b.hidden["cities"] {
			t.Errorf("opacity %v, hidden %v", b.opacity["route"], b.hidden)
		}
		if b.files[l].Path != filepath.Join(dir, "data", "route.geojson") {
			t.Errorf("file %q", b.files[l])
		}
		if !reflect.DeepEqual(b.hidden, a.hidden) {
			t.Errorf("hidden %v, want %v", b.hidden, a.hidden)
		}
		if c := b.panel.checks["route"]; c == nil || !c.Checked {
			t.Error("the user layer is not in the panel")
		}
	})
	t.Run("flows", func(t *testing.T) {
		if got, w := flowIDs(b), flowIDs(a); !slices.Equal(got, w) {
			t.Errorf("flows %v, want %v", got, w)
		}
		if !reflect.DeepEqual(b.hiddenFlows, a.hiddenFlows) {
			t.Errorf("hidden flows %v, want %v", b.hiddenFlows, a.hiddenFlows)
		}
		if b.panel.checks["flow:ge-transit"] == nil {
			t.Error("the imported flow is not in the panel")
		}
	})
	t.Run("year and view", func(t *testing.T) {
		if b.year != 2023.25 {
			t.Errorf("year %v", b.year)
		}
		if v, w := b.mapv.View(), a.mapv.View(); !near(v.Center, w.Center, 1e-9) || v.Zoom != w.Zoom {
			t.Errorf("view %v z%v, want %v z%v", v.Center, v.Zoom, w.Center, w.Zoom)
		}
	})
	t.Run("scenes", func(t *testing.T) {
		if !reflect.DeepEqual(b.scenes, a.scenes) {
			t.Errorf("scenes\n%+v\nwant\n%+v", b.scenes, a.scenes)
		}
		if len(b.panel.sceneButtons) != 2 {
			t.Errorf("%d scene rows in the panel", len(b.panel.sceneButtons))
		}
	})
	t.Run("title", func(t *testing.T) {
		if b.dirty || b.win.Title() != "Corridor Atlas — briefing" || b.projPath != path {
			t.Errorf("dirty %v, title %q, path %q", b.dirty, b.win.Title(), b.projPath)
		}
	})
	t.Run("same picture", func(t *testing.T) {
		got := frameCopy(t, b)
		if n := diffPixels(want, got); n > len(got.Pix)/4/2000 {
			t.Errorf("%d pixels differ between the saved and the reopened session", n)
		}
	})
	t.Run("same scene pictures", func(t *testing.T) {
		for i := range a.scenes {
			for _, x := range []*Atlas{a, b} {
				x.goToScene(i)
				for x.flight != nil {
					x.tick(1.0 / 30)
				}
			}
			if n := diffPixels(frameCopy(t, a), frameCopy(t, b)); n > 600*900/2000 {
				t.Errorf("scene %d: %d pixels differ", i, n)
			}
		}
	})
	t.Run("saved again, the same file", func(t *testing.T) {
		c := newTestAtlas(t, 900, 600)
		c.openProject(path)
		again := filepath.Join(dir, "again.catlas")
		if err := c.saveProjectTo(again); err != nil {
			t.Fatal(err)
		}
		b2, _ := os.ReadFile(again)
		if !bytes.Equal(saved, b2) {
			t.Errorf("saving the reopened project changed it:\n%s\n---\n%s", saved, b2)
		}
	})
}

// sessionState is what a failed open must not change.
type sessionState struct {
	layers, flows []string
	year          float64
	scenes        []project.Scene
	path, title   string
	dirty         bool
}

func stateOf(a *Atlas) sessionState {
	return sessionState{layerIDs(a), flowIDs(a), float64(a.year), cloneScenes(a.scenes), a.projPath, a.win.Title(), a.dirty}
}

func TestCorruptProjectLeavesTheSessionUntouched(t *testing.T) {
	tests := []struct {
		name    string
		content string // "" with missing: no file at all
		missing bool
		want    string
	}{
		{"not JSON", "hello, world", false, "not a project: invalid JSON"},
		{"truncated", `{"format":"corridor-atlas-project","version":1,"scenes":[{"name":`, false, "invalid JSON"},
		{"newer version", `{"format":"corridor-atlas-project","version":9}`, false, "made by a newer version"},
		{"another format", `{"format":"qgis","version":1}`, false, "not a Corridor Atlas project"},
		{"empty file", "", false, "the file is empty"},
		{"bad value", `{"format":"corridor-atlas-project","version":1,"year":1066}`, false, "out of range"},
		{"no such file", "", true, "cannot open"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			a := newTestAtlas(t, 800, 500)
			briefingSession(t, a, dir)
			before := stateOf(a)
			img := frameCopy(t, a)
			path := filepath.Join(dir, "bad.catlas")
			if !tt.missing {
				writeFile(t, dir, "bad.catlas", tt.content)
			}
			a.openProject(path)
			if !strings.Contains(a.lastError, tt.want) || !strings.Contains(a.lastError, "bad.catlas") {
				t.Errorf("error %q, want %q naming the file", a.lastError, tt.want)
			}
			if a.win.Canvas().Overlays().Top() == nil {
				t.Error("no error dialog")
			}
			if after := stateOf(a); !reflect.DeepEqual(before, after) {
				t.Errorf("the session changed:\n%+v\n%+v", before, after)
			}
			if n := diffPixels(img, frameCopy(t, a)); n != 0 {
				t.Errorf("the map changed (%d pixels)", n)
			}
			if a.opening {
				t.Error("still opening")
			}
		})
	}
}

func TestProjectWithAMissingFileOpensTheRest(t *testing.T) {
	dir := t.TempDir()
	a := newTestAtlas(t, 800, 500)
	briefingSession(t, a, dir)
	path := filepath.Join(dir, "briefing.catlas")
	if err := a.saveProjectTo(path); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "data", "route.geojson"))

	b := newTestAtlas(t, 800, 500)
	b.openProject(path)
	if b.lastError != "" {
		t.Fatalf("error %q", b.lastError)
	}
	if !strings.Contains(b.lastInfo, "route.geojson") || !strings.Contains(b.lastInfo, `layer "route"`) {
		t.Errorf("problems %q do not name the missing file", b.lastInfo)
	}
	if b.layerByID("route") != nil || b.layerByID("countries") == nil || len(b.scenes) != 2 || b.year != 2023.25 {
		t.Errorf("layers %v, %d scenes, year %v", layerIDs(b), len(b.scenes), b.year)
	}
	if !slices.Contains(flowIDs(b), "ge-transit") {
		t.Error("the flow data did not open")
	}
	// Saving keeps the missing layer, so nothing is dropped silently.
	if err := b.saveProjectTo(path); err != nil {
		t.Fatal(err)
	}
	p, err := project.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(p.Layers, func(l project.Layer) bool { return l.ID == "route" && l.File != "" }) {
		t.Errorf("the missing layer was dropped on save: %+v", p.Layers)
	}
}

func TestUnsavedChangesAreNotLostSilently(t *testing.T) {
	type outcome struct {
		asked, exited, saved bool
	}
	tests := []struct {
		name   string
		edit   bool
		saved  bool   // the project has a file
		answer string // "save", "discard", "cancel"
		want   outcome
	}{
		{"nothing to save quits at once", false, false, "", outcome{false, true, false}},
		{"cancel keeps the window", true, true, "cancel", outcome{true, false, false}},
		{"don't save quits", true, true, "discard", outcome{true, true, false}},
		{"save writes, then quits", true, true, "save", outcome{true, true, true}},
		{"save of an untitled project asks for a file", true, false, "save", outcome{true, true, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			a := newTestAtlas(t, 800, 500)
			exited := false
			a.exit = func() { exited = true }
			path := filepath.Join(dir, "p.catlas")
			a.pickSave = func(name, ext string, then func(string)) {
				if name != "briefing.catlas" || ext != project.Ext {
					t.Errorf("save dialog for %q %q", name, ext)
				}
				then(path)
			}
			if tt.saved {
				if err := a.saveProjectTo(path); err != nil {
					t.Fatal(err)
				}
			}
			if tt.edit {
				a.setLayerVisible("rivers", false)
			}
			a.quit()
			pr := a.prompt
			if (pr != nil) != tt.want.asked {
				t.Fatalf("asked %v, want %v", pr != nil, tt.want.asked)
			}
			if pr != nil {
				if top := a.win.Canvas().Overlays().Top(); top == nil {
					t.Error("no dialog on screen")
				}
				switch tt.answer {
				case "save":
					test.Tap(pr.save)
				case "discard":
					test.Tap(pr.discard)
				case "cancel":
					test.Tap(pr.cancel)
				}
				if a.prompt != nil {
					t.Error("the question stays open after an answer")
				}
			}
			if exited != tt.want.exited {
				t.Errorf("exited %v, want %v", exited, tt.want.exited)
			}
			p, err := project.Load(path)
			hidden := err == nil && slices.ContainsFunc(p.Layers, func(l project.Layer) bool { return l.ID == "rivers" && !l.Visible })
			if hidden != tt.want.saved {
				t.Errorf("the edit saved: %v, want %v (%v)", hidden, tt.want.saved, err)
			}
			if tt.answer == "cancel" && (!a.dirty || !strings.HasSuffix(a.win.Title(), dirtyMark)) {
				t.Errorf("after Cancel: dirty %v, title %q", a.dirty, a.win.Title())
			}
		})
	}
}

func TestOpeningAnotherProjectAsksFirst(t *testing.T) {
	dir := t.TempDir()
	a := newTestAtlas(t, 800, 500)
	other := filepath.Join(dir, "other.catlas")
	if err := a.saveProjectTo(other); err != nil {
		t.Fatal(err)
	}
	a.applyProject(&project.Project{}, a.catalogue()) // a new, untitled session
	a.setYear(2022)
	if err := a.addScene("Mine", ""); err != nil {
		t.Fatal(err)
	}
	opened := false
	a.pickOpen = func(exts []string, then func(string)) {
		opened = true
		then(other)
	}
	t.Run("cancel", func(t *testing.T) {
		a.openProjectDialog()
		if a.prompt == nil {
			t.Fatal("not asked")
		}
		test.Tap(a.prompt.cancel)
		if opened || len(a.scenes) != 1 {
			t.Errorf("opened %v, scenes %d", opened, len(a.scenes))
		}
	})
	t.Run("dropped project, don't save", func(t *testing.T) {
		a.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(other)})
		if a.prompt == nil {
			t.Fatal("not asked")
		}
		test.Tap(a.prompt.discard)
		if a.projPath != other || len(a.scenes) != 0 || a.dirty {
			t.Errorf("path %q, %d scenes, dirty %v", a.projPath, len(a.scenes), a.dirty)
		}
	})
	t.Run("no changes, no question", func(t *testing.T) {
		a.openProjectDialog()
		if a.prompt != nil || !opened {
			t.Errorf("asked %v, opened %v", a.prompt != nil, opened)
		}
	})
}

func TestNewProjectStartsAFreshSession(t *testing.T) {
	dir := t.TempDir()
	a := newTestAtlas(t, 800, 500)
	briefingSession(t, a, dir)
	if err := a.saveProjectTo(filepath.Join(dir, "b.catlas")); err != nil {
		t.Fatal(err)
	}
	fresh := newTestAtlas(t, 800, 500)
	a.newProject()
	if a.prompt != nil {
		t.Fatal("asked with nothing unsaved")
	}
	if got, w := layerIDs(a), layerIDs(fresh); !slices.Equal(got, w) {
		t.Errorf("layers %v, want %v", got, w)
	}
	if len(a.scenes) != 0 || a.projPath != "" || a.win.Title() != Title || !maps.Equal(a.hidden, fresh.hidden) || a.year != fresh.year {
		t.Errorf("scenes %d, path %q, title %q, hidden %v, year %v", len(a.scenes), a.projPath, a.win.Title(), a.hidden, a.year)
	}
	if n := diffPixels(frameCopy(t, a), frameCopy(t, fresh)); n > 500*800/2000 {
		t.Errorf("a new project looks unlike a new window (%d pixels)", n)
	}
}
