package project

import (
	"bytes"
	"errors"
	"image"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/corridor-atlas/corridor-atlas/app/catalog"
	"github.com/corridor-atlas/corridor-atlas/app/export"
	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

func write(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const routeJSON = `{"type":"FeatureCollection","name":"Ferry routes","features":[
{"type":"Feature","properties":{"name":"Kuryk–Alat"},"geometry":{"type":"LineString","coordinates":[[51.6,43.2],[50.5,41.5],[49.4,39.95]]}},
{"type":"Feature","properties":{"name":"Turkmenbashi"},"geometry":{"type":"Point","coordinates":[52.97,40.02]}}]}`

const flowsCSV = "flow_id,year,value,unit,kind,source,path\n" +
	"ge-transit,2022,2,Mt/yr,actual,test,titr-rail-ge-west:reverse\n" +
	"ge-transit,2024,3,Mt/yr,plan,test,\n"

// briefing is a project with every kind of member: embedded and user
// layers (one in the project's folder, one in a shared sibling folder),
// flow data and scenes by bbox, by view and by fallback.
func briefing(t *testing.T, root string) *Project {
	t.Helper()
	inside := write(t, filepath.Join(root, "brief", "data", "routes.geojson"), routeJSON)
	shared := write(t, filepath.Join(root, "shared", "ports.geojson"), routeJSON)
	csv := write(t, filepath.Join(root, "brief", "data", "flows.csv"), flowsCSV)
	return &Project{
		View: &View{Lon: 49.5, Lat: 41.2, Zoom: 5.3},
		Year: 2023.5,
		Layers: []Layer{
			{ID: "countries", Visible: true, Opacity: 1},
			{ID: "power", Visible: false, Opacity: 1},
			{ID: "rivers", Visible: true, Opacity: 0.4},
			{ID: "routes", File: inside, Visible: true, Opacity: 0.8, Style: &Style{Colour: "#c0392b", Width: 3, LabelField: "name"}},
			{ID: "shared-ports", File: shared, Visible: false, Opacity: 1},
		},
		Flows:    []string{"kz-oil-btc", "ge-transit"},
		FlowData: []string{csv},
		Scenes: []Scene{
			{Name: "Aktau–Baku", Title: "Across the Caspian", Note: "Ferries & tankers <2024>", BBox: &BBox{47.5, 39.2, 53.5, 44.8}, Year: 2024,
				Layers: []string{"countries", "coastline", "titr", "routes"}, Flows: []string{"titr-cargo"}},
			{Name: "BTC", View: &View{Lon: 38.5, Lat: 39.5, Zoom: 5.1}, Year: 2022.25, Flows: []string{}},
			{Name: "Georgia transit"}, // everything from the project
		},
	}
}

func TestRoundTrip(t *testing.T) {
	root := t.TempDir()
	p := briefing(t, root)
	path := filepath.Join(root, "brief", "briefing"+Ext)
	if err := p.Save(path); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("relative paths", func(t *testing.T) {
		for _, want := range []string{`"file": "data/routes.geojson"`, `"file": "../shared/ports.geojson"`, `"data/flows.csv"`, `"format": "corridor-atlas-project"`, `"version": 1`, `Ferries & tankers <2024>`} {
			if !bytes.Contains(raw, []byte(want)) {
				t.Errorf("saved file lacks %s:\n%s", want, raw)
			}
		}
		if bytes.Contains(raw, []byte(filepath.ToSlash(root))) || bytes.Contains(raw, []byte(root)) {
			t.Errorf("saved file contains an absolute path:\n%s", raw)
		}
	})
	q, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("same project", func(t *testing.T) {
		if !reflect.DeepEqual(q.Scenes, p.Scenes) {
			t.Errorf("scenes differ:\n got %+v\nwant %+v", q.Scenes, p.Scenes)
		}
		if q.Path != path {
			t.Errorf("Path = %q", q.Path)
		}
		if !reflect.DeepEqual(q, p) {
			t.Errorf("projects differ:\n got %+v\nwant %+v", q, p)
		}
		// Nil and empty lists keep their different meanings.
		if q.Scenes[1].Flows == nil || q.Scenes[1].Layers != nil {
			t.Errorf("BTC scene: flows %#v, layers %#v", q.Scenes[1].Flows, q.Scenes[1].Layers)
		}
	})
	t.Run("stable bytes", func(t *testing.T) {
		again := filepath.Join(root, "brief", "again"+Ext)
		if err := q.Save(again); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(again)
		if !bytes.Equal(b, raw) {
			t.Errorf("saving the loaded project changed the file:\n%s\n---\n%s", raw, b)
		}
	})
	t.Run("moved folder", func(t *testing.T) {
		// The project and its data move together; the shared folder stays.
		moved := filepath.Join(root, "elsewhere", "brief")
		if err := os.MkdirAll(filepath.Dir(moved), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(filepath.Join(root, "brief"), moved); err != nil {
			t.Fatal(err)
		}
		defer os.Rename(moved, filepath.Join(root, "brief"))
		m, err := Load(filepath.Join(moved, "briefing"+Ext))
		if err != nil {
			t.Fatal(err)
		}
		if want := filepath.Join(moved, "data", "routes.geojson"); m.Layers[3].File != want {
			t.Errorf("moved layer file %q, want %q", m.Layers[3].File, want)
		}
	})

	// The same pixels for every scene, from the project in memory and
	// from the file.
	catP, probP, err := p.Open(OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	catQ, probQ, err := q.Open(OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(probP) != 0 || len(probQ) != 0 {
		t.Errorf("problems: %v / %v", probP, probQ)
	}
	base := export.Defaults()
	base.Out = "unused.png"
	base.Width, base.Height = 480, 270
	for i := range q.Scenes {
		t.Run("pixels "+q.Scenes[i].Name, func(t *testing.T) {
			a := renderScene(t, p.ExportOptions(&p.Scenes[i], base, catP), catP)
			b := renderScene(t, q.ExportOptions(&q.Scenes[i], base, catQ), catQ)
			if !bytes.Equal(a.Pix, b.Pix) {
				t.Error("the loaded project renders the scene differently")
			}
		})
	}
}

func renderScene(t *testing.T, o export.Options, cat *catalog.Catalogue) *image.RGBA {
	t.Helper()
	if err := o.Check(); err != nil {
		t.Fatal(err)
	}
	s, err := o.Scene(cat)
	if err != nil {
		t.Fatal(err)
	}
	return render.New().Render(s)
}

func TestOpenAppliesProjectState(t *testing.T) {
	root := t.TempDir()
	p := briefing(t, root)
	cat, _, err := p.Open(OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	routes := findLayer(cat.Layers, "routes")
	if routes == nil {
		t.Fatal("user layer not loaded under its project id")
	}
	red, _ := render.ParseColour("#c0392b")
	if sr := cat.Shown(routes); sr.Opacity != 0.8 || sr.Style.Width != 3 || sr.Style.LabelField != "name" || sr.Style.Colour != red {
		t.Errorf("routes style %+v opacity %g", sr.Style, sr.Opacity)
	}
	if l := cat.Shown(findLayer(cat.Layers, "rivers")); l.Opacity != 0.4 {
		t.Errorf("rivers opacity %g", l.Opacity)
	}
	if findFlow(cat.Flows, "ge-transit") == nil {
		t.Error("flow CSV not loaded")
	}
	base := export.Defaults()
	tests := []struct {
		name   string
		scene  *Scene
		layers []string // want among o.Layers
		absent []string
		flows  []string
		year   geo.Year
		title  string
	}{
		{"project state", nil, []string{"countries", "rivers", "routes", "titr"}, []string{"power", "shared-ports"}, []string{"kz-oil-btc", "ge-transit"}, 2023.5, export.DefaultTitle},
		{"scene lists", &p.Scenes[0], []string{"countries", "titr", "routes"}, []string{"rivers"}, []string{"titr-cargo"}, 2024, "Across the Caspian"},
		{"no flows", &p.Scenes[1], []string{"countries"}, []string{"power"}, []string{}, 2022.25, "BTC"},
		{"fallbacks", &p.Scenes[2], []string{"rivers"}, []string{"power"}, []string{"kz-oil-btc", "ge-transit"}, 2023.5, "Georgia transit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := p.ExportOptions(tt.scene, base, cat)
			for _, id := range tt.layers {
				if !contains(o.Layers, id) {
					t.Errorf("layers %v lack %q", o.Layers, id)
				}
			}
			for _, id := range tt.absent {
				if contains(o.Layers, id) {
					t.Errorf("layers %v include %q", o.Layers, id)
				}
			}
			if !reflect.DeepEqual(o.Flows, tt.flows) {
				t.Errorf("flows %#v, want %#v", o.Flows, tt.flows)
			}
			if o.Year != tt.year || o.Title != tt.title {
				t.Errorf("year %g title %q", float64(o.Year), o.Title)
			}
			if o.BBox == nil && o.Place == nil {
				t.Error("no area")
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// A view exports with its centre and zoom, at any size and dpi.
func TestViewKeepsCentreAndZoom(t *testing.T) {
	v := View{Lon: 50.1, Lat: 40.6, Zoom: 6.25}
	p := &Project{View: &v}
	tests := []struct {
		name string
		w, h int
		dpi  float64
	}{
		{"slide", 1920, 1080, 96},
		{"small", 640, 360, 96},
		{"A4 300 dpi", 3508, 2480, 300},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := export.Defaults()
			base.Width, base.Height, base.DPI = tt.w, tt.h, tt.dpi
			o := p.ExportOptions(nil, base, nil)
			got, _ := o.Viewport()
			if math.Abs(got.Zoom-v.Zoom) > 1e-9 || math.Abs(got.Center[0]-v.Lon) > 1e-9 || math.Abs(got.Center[1]-v.Lat) > 1e-9 {
				t.Errorf("exported viewport %+v, want centre %g,%g zoom %g", got, v.Lon, v.Lat, v.Zoom)
			}
		})
	}
}

// The window's viewport for a scene is the one its export frames.
func TestViewportMatchesExport(t *testing.T) {
	p := &Project{View: &View{Lon: 49.5, Lat: 41.2, Zoom: 5.3}, Scenes: []Scene{
		{Name: "box", BBox: &BBox{47.5, 39.2, 53.5, 44.8}},
		{Name: "view", View: &View{Lon: 38.5, Lat: 39.5, Zoom: 5.6}},
		{Name: "project's"},
	}}
	scenes := []*Scene{nil, &p.Scenes[0], &p.Scenes[1], &p.Scenes[2]}
	for _, s := range scenes {
		name := "project"
		if s != nil {
			name = s.Name
		}
		t.Run(name, func(t *testing.T) {
			base := export.Defaults()
			base.Width, base.Height, base.DPI = 1600, 900, 144
			o := p.ExportOptions(s, base, nil)
			got, _ := o.Viewport()
			want := p.Viewport(s, 1600, 900, 1.5)
			if got.Proj() != want.Proj() {
				t.Errorf("export draws in %v, the window in %v", got.Proj(), want.Proj())
			}
			if math.Abs(got.Zoom-want.Zoom) > 1e-9 || math.Hypot(got.Center[0]-want.Center[0], got.Center[1]-want.Center[1]) > 1e-9 {
				t.Errorf("export frames %+v, window %+v", got, want)
			}
		})
	}
	if v := (&Project{}).Viewport(nil, 800, 600, 1); !v.Valid() {
		t.Errorf("default viewport %+v", v)
	}
}

func TestLoadRefuses(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		content string
		msg     string
		pos     string // ":line:col:" when the position is known
	}{
		{"empty", "", "the file is empty", ""},
		{"not UTF-8", "{\"format\":\"\xff\"}", "not UTF-8", ""},
		{"not JSON", "<html>", "invalid JSON", ":1:1:"},
		{"truncated", "{\n  \"format\": \"corridor-atlas-project\",\n  \"version\": 1,\n  \"scenes\": [\n", "invalid JSON", ":5:1:"},
		{"syntax error", "{\n  \"format\": \"corridor-atlas-project\",\n  \"version\": 1,\n  \"year\": 2023,,\n}", "invalid JSON", ":4:16:"},
		{"array", `[1,2]`, "not an object", ""},
		{"other JSON", `{"type":"FeatureCollection","features":[]}`, "not a Corridor Atlas project", ""},
		{"other format", `{"format":"qgis","version":1}`, `format "qgis"`, ""},
		{"newer", `{"format":"corridor-atlas-project","version":2,"scenes":"a new shape"}`, "newer version of Corridor Atlas (project version 2; this app reads version 1)", ""},
		{"bad version", `{"format":"corridor-atlas-project","version":"one"}`, "not a version number", ""},
		{"wrong type", "{\"format\":\"corridor-atlas-project\",\"version\":1,\n\"scenes\":[{\"name\":\"a\",\"year\":\"2024\"}]}", "scenes.year: a JSON string where a number belongs", ":2:"},
		{"year out of range", `{"format":"corridor-atlas-project","version":1,"scenes":[{"name":"a","year":3024}]}`, `scene "a": year 3024 is out of range`, ""},
		{"zoom out of range", `{"format":"corridor-atlas-project","version":1,"view":{"lon":50,"lat":40,"zoom":30}}`, "zoom 30 is out of range", ""},
		{"view and bbox", `{"format":"corridor-atlas-project","version":1,"scenes":[{"name":"a","view":{"lon":50,"lat":40,"zoom":5},"bbox":[1,2,3,4]}]}`, "not both", ""},
		{"bbox reversed", `{"format":"corridor-atlas-project","version":1,"bbox":[50,45,40,40]}`, "min must be less", ""},
		{"duplicate scene", `{"format":"corridor-atlas-project","version":1,"scenes":[{"name":"Baku"},{"name":"baku"}]}`, `scene "baku": another scene has that name`, ""},
		{"unnamed scene", `{"format":"corridor-atlas-project","version":1,"scenes":[{"title":"x"}]}`, "scene 1: name is empty", ""},
		{"duplicate layer", `{"format":"corridor-atlas-project","version":1,"layers":[{"id":"btc"},{"id":"btc"}]}`, `layer "btc" is listed twice`, ""},
		{"opacity", `{"format":"corridor-atlas-project","version":1,"layers":[{"id":"btc","opacity":2}]}`, "opacity 2 is out of range", ""},
		{"colour", `{"format":"corridor-atlas-project","version":1,"layers":[{"id":"x","file":"x.geojson","style":{"colour":"red"}}]}`, `style colour "red"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := write(t, filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+Ext), tt.content)
			p, err := Load(path)
			if err == nil {
				t.Fatalf("loaded: %+v", p)
			}
			if p != nil {
				t.Error("a refused project returned a project")
			}
			msg := err.Error()
			var pe *Error
			if !errors.As(err, &pe) || !strings.HasPrefix(msg, path) {
				t.Errorf("error does not name the file: %q", msg)
			}
			if !strings.Contains(msg, tt.msg) {
				t.Errorf("error %q lacks %q", msg, tt.msg)
			}
			if tt.pos != "" && !strings.HasPrefix(msg, path+tt.pos) {
				t.Errorf("error %q is not at %s", msg, tt.pos)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error is not one line: %q", msg)
			}
		})
	}
	t.Run("missing", func(t *testing.T) {
		_, err := Load(filepath.Join(dir, "none"+Ext))
		if err == nil || !strings.Contains(err.Error(), "none.catlas: cannot open") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("directory", func(t *testing.T) {
		_, err := Load(dir)
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("user layer with a built-in id", func(t *testing.T) {
		// Written before the app had a "btc" layer of its own.
		write(t, filepath.Join(dir, "btc.geojson"), routeJSON)
		path := write(t, filepath.Join(dir, "old"+Ext), `{"format":"corridor-atlas-project","version":1,
			"layers":[{"id":"btc","file":"btc.geojson"}],"scenes":[{"name":"a","layers":["countries","btc"]}]}`)
		p, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if p.Layers[0].ID != "btc-2" || !reflect.DeepEqual(p.Scenes[0].Layers, []string{"countries", "btc-2"}) {
			t.Errorf("not renamed: %+v, scene layers %v", p.Layers[0], p.Scenes[0].Layers)
		}
		cat, problems, err := p.Open(OpenOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(problems) != 1 || !strings.Contains(problems[0].Msg, `this file is "btc-2"`) {
			t.Errorf("problems %v", problems)
		}
		if l := findLayer(cat.Layers, "btc-2"); l == nil || l.Group != render.UserGroup {
			t.Error("renamed layer not loaded")
		}
	})
	t.Run("defaults", func(t *testing.T) {
		path := write(t, filepath.Join(dir, "min"+Ext), `{"format":"corridor-atlas-project","version":1,"future":{"x":1},"layers":[{"id":"r","file":"r.geojson"}]}`)
		p, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if l := p.Layers[0]; !l.Visible || l.Opacity != 1 || l.File != filepath.Join(dir, "r.geojson") {
			t.Errorf("layer defaults %+v", l)
		}
	})
}

func TestOpenMissingData(t *testing.T) {
	root := t.TempDir()
	p := briefing(t, root)
	path := filepath.Join(root, "brief", "briefing"+Ext)
	if err := p.Save(path); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(root, "brief", "data", "routes.geojson"))
	os.Remove(filepath.Join(root, "brief", "data", "flows.csv"))
	q, err := Load(path)
	if err != nil {
		t.Fatalf("a project with a missing data file does not load: %v", err)
	}
	cat, problems, err := q.Open(OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, pr := range problems {
		msgs = append(msgs, pr.Msg)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		path + `: layer "routes": ` + filepath.Join(root, "brief", "data", "routes.geojson") + ": cannot read: ",
		path + ": flow data: " + filepath.Join(root, "brief", "data", "flows.csv") + ": cannot read: ",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("problems lack %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "not loaded") {
		t.Errorf("ids of the missing files reported again:\n%s", all)
	}
	if findLayer(cat.Layers, "routes") != nil || findLayer(cat.Layers, "shared-ports") == nil {
		t.Error("the rest did not open")
	}
	// The scene that drew the missing layer exports without it.
	o := q.ExportOptions(&q.Scenes[0], export.Defaults(), cat)
	if contains(o.Layers, "routes") || !contains(o.Layers, "titr") {
		t.Errorf("layers %v", o.Layers)
	}
	o.Out = filepath.Join(root, "scene.png")
	o.Width, o.Height = 320, 180
	if _, err := export.Run(o, cat, nil); err != nil {
		t.Errorf("export without the missing layer: %v", err)
	}
}

func TestOpenRefusesNonRegularFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/zero")
	}
	dir := t.TempDir()
	p := &Project{Path: "x.catlas", Layers: []Layer{{ID: "zero", File: "/dev/zero", Visible: true, Opacity: 1}, {ID: "dir", File: dir, Visible: true, Opacity: 1}}}
	_, problems, err := p.Open(OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 2 {
		t.Fatalf("problems %v", problems)
	}
	for _, pr := range problems {
		if !strings.Contains(pr.Msg, "not a regular file") {
			t.Errorf("problem %q", pr.Msg)
		}
	}
}

func TestOpenCancel(t *testing.T) {
	root := t.TempDir()
	p := briefing(t, root)
	cancel := make(chan struct{})
	close(cancel)
	cat, _, err := p.Open(OpenOptions{Cancel: cancel})
	if cat != nil || err == nil {
		t.Errorf("cancelled open: %v, %v", cat, err)
	}
}

func TestSaveIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := write(t, filepath.Join(dir, "b"+Ext), "the old project")
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	files := func() []string {
		es, _ := os.ReadDir(dir)
		var out []string
		for _, e := range es {
			out = append(out, e.Name())
		}
		return out
	}
	t.Run("refused project is not written", func(t *testing.T) {
		bad := &Project{Scenes: []Scene{{Name: "a"}, {Name: "A"}}}
		err := bad.Save(path)
		if err == nil || !strings.Contains(err.Error(), "cannot save") {
			t.Fatalf("err = %v", err)
		}
		if b, _ := os.ReadFile(path); string(b) != "the old project" {
			t.Errorf("target changed to %q", b)
		}
		if got := files(); len(got) != 1 {
			t.Errorf("files left: %v", got)
		}
	})
	t.Run("replaces and keeps mode", func(t *testing.T) {
		p := &Project{Year: 2022, Scenes: []Scene{{Name: "a"}}}
		if err := p.Save(path); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(path); err != nil {
			t.Fatal(err)
		}
		if st, _ := os.Stat(path); runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
			t.Errorf("mode %v", st.Mode().Perm())
		}
		if got := files(); len(got) != 1 {
			t.Errorf("files left: %v", got)
		}
	})
	t.Run("unwritable folder", func(t *testing.T) {
		target := filepath.Join(dir, "missing", "b"+Ext)
		err := (&Project{}).Save(target)
		if err == nil || !strings.HasPrefix(err.Error(), target+": cannot save") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestFindScene(t *testing.T) {
	p := &Project{Scenes: []Scene{{Name: "Aktau–Baku, 2024"}, {Name: "BTC"}, {Name: "btc pipeline"}}}
	tests := []struct {
		name string
		want int
	}{
		{"BTC", 1},
		{"btc", 1},
		{"BTC PIPELINE", 2},
		{"aktau-baku-2024", 0},
		{"btc-pipeline", 2},
		{"moon", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i, err := p.FindScene(tt.name)
			if i != tt.want {
				t.Errorf("FindScene(%q) = %d, want %d", tt.name, i, tt.want)
			}
			if tt.want < 0 && (err == nil || !strings.Contains(err.Error(), `"BTC"`)) {
				t.Errorf("err = %v", err)
			}
		})
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Aktau–Baku, 2024", "aktau-baku-2024"},
		{"  BTC / Ceyhan  ", "btc-ceyhan"},
		{"Türkiye", "türkiye"},
		{"../../etc/passwd", "etc-passwd"},
		{"???", "scene"},
		{strings.Repeat("a", 80), strings.Repeat("a", 48)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Slug(tt.in); got != tt.want {
				t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestTinySceneBox: a scene's box far smaller than the closest zoom shows
// opens in the window at that zoom and exports at it with a notice, as a
// --bbox does.
func TestTinySceneBox(t *testing.T) {
	p := &Project{Scenes: []Scene{{Name: "dot", BBox: &BBox{49.8, 40.3, 49.8 + 1e-10, 40.3 + 1e-10}}}}
	if v := p.Viewport(&p.Scenes[0], 1920, 1080, 1); v.Zoom != geo.MaxZoom {
		t.Errorf("window zoom %v", v.Zoom)
	}
	o := p.ExportOptions(&p.Scenes[0], export.Defaults(), nil)
	if v, notice := o.Viewport(); v.Zoom != geo.MaxZoom || notice == "" {
		t.Errorf("export zoom %v, notice %q", v.Zoom, notice)
	}
}

// TestSaveThroughSymlink: saving to a symbolic link replaces the file it
// points to, keeps the link, and writes data paths relative to the
// file's own folder.
func TestSaveThroughSymlink(t *testing.T) {
	root := t.TempDir()
	real := filepath.Join(root, "real")
	os.MkdirAll(filepath.Join(real, "data"), 0o755)
	target := write(t, filepath.Join(real, "b"+Ext), "the old project")
	link := filepath.Join(root, "link"+Ext)
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	p := &Project{Layers: []Layer{{ID: "routes", File: filepath.Join(real, "data", "routes.geojson"), Visible: true, Opacity: 1}}}
	if err := p.Save(link); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the link was replaced")
	}
	b, _ := os.ReadFile(target)
	if !strings.Contains(string(b), `"file": "data/routes.geojson"`) {
		t.Errorf("saved:\n%s", b)
	}
}
