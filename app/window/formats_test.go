package window

import (
	"image/color"
	"image/png"
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
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo/dataset"
	"github.com/corridor-atlas/corridor-atlas/geo/load/csvgeo"
)

// corpusCopy copies files of the readers' test corpus into dir and
// returns their new paths.
func corpusCopy(t *testing.T, dir string, names ...string) []string {
	t.Helper()
	var out []string
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("..", "..", "geo", "load", "testdata", "corpus", filepath.FromSlash(n)))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, filepath.Base(n))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

func drop(a *Atlas, paths ...string) {
	var uris []fyne.URI
	for _, p := range paths {
		uris = append(uris, storage.NewFileURI(p))
	}
	a.dropped(fyne.NewPos(20, 20), uris)
}

// aktau is the Aktau terminal of the corpus originals (WGS84).
var aktau = orb.Point{51.1739261, 43.6352094}

func absDiff(a, b uint8) uint8 {
	if a > b {
		return a - b
	}
	return b - a
}

// featureNamed finds a layer's feature by its name property.
func featureNamed(t *testing.T, l *render.Layer, key, name string) *geojson.Feature {
	t.Helper()
	for _, f := range l.Detailed {
		if f.Properties[key] == name {
			return f
		}
	}
	t.Fatalf("layer %s has no feature %s=%q", l.ID, key, name)
	return nil
}

// TestDroppedFormatsDrawInPlace is the "done when": a
// colleague's zipped Shapefile in UTM, a Google Earth KMZ and a German
// Excel CSV of terminals open by drag and drop, draw where they belong,
// export, and survive a project save and reopen.
func TestDroppedFormatsDrawInPlace(t *testing.T) {
	dir := t.TempDir()
	files := corpusCopy(t, dir, "projected/shp-32639.zip", "kml/google-earth.kmz", "sheets/terminals-excel-de.csv")
	a := newTestAtlas(t, 1000, 700)
	a.mapv.FitBound(orb.Bound{Min: orb.Point{48, 39}, Max: orb.Point{54, 45}})
	var asked []string
	a.pickLayers = func(path string, infos []dataset.Info, then func([]string)) {
		asked = append(asked, filepath.Base(path))
		then([]string{"terminals"}) // the colleague's terminals, not the routes and zones
	}
	before := frameCopy(t, a)
	drop(a, files...)
	if a.lastError != "" {
		t.Fatalf("error %q", a.lastError)
	}
	if !slices.Equal(asked, []string{"shp-32639.zip"}) {
		t.Errorf("asked about %v", asked)
	}
	want := map[string]string{"terminals": "name", "google-earth": "name", "terminals-excel-de": "Terminal"}
	for id, key := range want {
		l := a.layerByID(id)
		if l == nil {
			t.Fatalf("layers %v", layerIDs(a))
		}
		f := featureNamed(t, l, key, "Aktau")
		p := f.Geometry.(orb.Point)
		if math.Abs(p[0]-aktau[0]) > 1e-6 || math.Abs(p[1]-aktau[1]) > 1e-6 {
			t.Errorf("%s: Aktau at %v, want %v", id, p, aktau)
		}
	}
	if src := a.files[a.layerByID("terminals")]; src.Layer != "terminals" || filepath.Base(src.Path) != "shp-32639.zip" {
		t.Errorf("source %+v", src)
	}
	if n := diffPixels(before, frameCopy(t, a)); n < 100 {
		t.Errorf("only %d pixels changed", n)
	}
	// Drawn at Aktau: with the corridor and the other two layers hidden,
	// the pixel at Aktau is each layer's marker colour (the KMZ's own
	// opaque red, ff0000ff in KML's order; the automatic colour of the
	// others).
	for _, fp := range a.flows {
		a.setFlowVisible(fp.Flow.ID, false)
	}
	for _, l := range a.layers {
		if l.Group == data.Corridor {
			a.setLayerVisible(l.ID, false)
		}
	}
	for id := range want {
		for other := range want {
			a.setLayerVisible(other, other == id)
		}
		img := frameCopy(t, a)
		if out := os.Getenv("CORRIDOR_SHOT"); out != "" {
			f, _ := os.Create(strings.TrimSuffix(out, ".png") + "-" + id + ".png")
			png.Encode(f, img)
			f.Close()
		}
		// 3 px east of the centre: inside the marker, clear of the KMZ's
		// ferry line, which leaves Aktau to the south-west.
		px := a.mapv.View().ToPixel(aktau)
		got := img.RGBAAt(int(math.Round(px[0]))+3, int(math.Round(px[1])))
		w := a.styleOf(a.layerByID(id)).Colour
		if id == "google-earth" {
			w = color.NRGBA{255, 0, 0, 255}
		}
		if d := max(absDiff(got.R, w.R), absDiff(got.G, w.G), absDiff(got.B, w.B)); d > 8 {
			t.Errorf("%s: pixel at Aktau is %v, want the marker colour %v", id, got, w)
		}
	}
	for id := range want {
		a.setLayerVisible(id, true)
	}

	// Export, through the command line's code.
	exportNow(t, a, filepath.Join(dir, "map.png"))

	// Save and reopen the project: the same layers, sources and places.
	proj := filepath.Join(dir, "briefing.catlas")
	if err := a.saveProjectTo(proj); err != nil {
		t.Fatal(err)
	}
	b := newTestAtlas(t, 1000, 700)
	b.openProject(proj)
	if b.lastError != "" || b.lastInfo != "" && strings.Contains(b.lastInfo, "without") {
		t.Fatalf("reopen: %q %q", b.lastError, b.lastInfo)
	}
	for id := range want {
		l := b.layerByID(id)
		if l == nil {
			t.Fatalf("reopened layers %v", layerIDs(b))
		}
		if got, w := b.files[l], a.files[a.layerByID(id)]; got != w {
			t.Errorf("%s: source %+v, want %+v", id, got, w)
		}
		if len(l.Detailed) != len(a.layerByID(id).Detailed) {
			t.Errorf("%s: %d features after reopening", id, len(l.Detailed))
		}
	}
}

// exportNow exports the window's map as the Export dialog does and
// checks the picture: a PNG with the user layers, drawn in place.
func exportNow(t *testing.T, a *Atlas, path string) {
	t.Helper()
	set := defaultExportSettings()
	set.preset = len(exportPresets) - 1 // custom: keep the test quick
	set.width, set.height, set.dpi = 800, 560, 96
	a.runExport(set, path)
	if a.lastError != "" || a.lastExport != path {
		t.Fatalf("export to %q: %q", a.lastExport, a.lastError)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	o, _ := a.exportOptions(set, path)
	for _, id := range []string{"terminals", "google-earth", "terminals-excel-de"} {
		if !slices.Contains(o.Layers, id) {
			t.Errorf("export leaves out %s: %v", id, o.Layers)
		}
	}
	// The CSV's terminals draw on top; Turkmenbashi, away from the
	// corridor's symbols, is in its marker colour.
	w := a.styleOf(a.layerByID("terminals-excel-de")).Colour
	// The picture's own viewport: a legend in a band beside the map moves
	// the map's frame.
	sc, err := o.Scene(a.catalogue())
	if err != nil {
		t.Fatal(err)
	}
	px := sc.View.ToPixel(orb.Point{52.9921047, 40.0031298})
	r, g, b, _ := img.At(int(math.Round(px[0]))+2, int(math.Round(px[1]))).RGBA()
	if max(absDiff(uint8(r>>8), w.R), absDiff(uint8(g>>8), w.G), absDiff(uint8(b>>8), w.B)) > 8 {
		t.Errorf("exported pixel at Turkmenbashi is %d,%d,%d, want the CSV layer's marker %v", r>>8, g>>8, b>>8, w)
		if out := os.Getenv("CORRIDOR_SHOT"); out != "" {
			b, _ := os.ReadFile(path)
			os.WriteFile(strings.TrimSuffix(out, ".png")+"-export.png", b, 0o644)
		}
	}
}

func TestGeoPackageAsksWhichTables(t *testing.T) {
	dir := t.TempDir()
	gpkg := corpusCopy(t, dir, "gpkg/corpus.gpkg")[0]
	a := newTestAtlas(t, 900, 600)
	drop(a, gpkg)
	q := a.layerAsk
	if q == nil {
		t.Fatal("no question about the tables")
	}
	if len(q.checks.Options) != 3 || q.checks.Options[0] != "terminals · 5 points" || q.checks.Options[1] != "routes · 3 features" || len(q.checks.Selected) != 3 {
		t.Fatalf("options %q, selected %q", q.checks.Options, q.checks.Selected)
	}
	q.checks.SetSelected([]string{q.checks.Options[2], q.checks.Options[0]})
	test.Tap(q.open)
	if got := layerIDs(a); !slices.Contains(got, "terminals") || !slices.Contains(got, "zones") || slices.Contains(got, "routes") {
		t.Fatalf("layers %v", got)
	}
	if a.files[a.layerByID("zones")].Layer != "zones" {
		t.Errorf("source %+v", a.files[a.layerByID("zones")])
	}
	// Cancel opens nothing.
	n := len(a.layers)
	drop(a, gpkg)
	a.layerAsk.d.Hide()
	a.layerAsk = nil
	if len(a.layers) != n {
		t.Error("a dismissed question opened layers")
	}
}

func TestCSVAsksForColumns(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "depots.csv")
	os.WriteFile(p, []byte("Ort;Nord;Ost;Lager\nAktau;43,6352094;51,1739261;12\nAlat;39,9460338;49,4203516;7\n"), 0o644)
	a := newTestAtlas(t, 900, 600)
	before := layerIDs(a)
	drop(a, p)
	q := a.columnAsk
	if q == nil {
		t.Fatalf("no question about the columns (error %q)", a.lastError)
	}
	if !slices.Equal(layerIDs(a), before) {
		t.Fatal("a layer was added before the columns were chosen")
	}
	if !q.open.Disabled() {
		t.Error("Open is enabled before columns are chosen")
	}
	q.lat.SetSelected("Nord — 43,6352094")
	q.lon.SetSelected("Ost — 51,1739261")
	if q.open.Disabled() {
		t.Fatalf("Open disabled: %q", q.status.Text)
	}
	test.Tap(q.open)
	l := a.layerByID("depots")
	if l == nil {
		t.Fatalf("layers %v, error %q", layerIDs(a), a.lastError)
	}
	if got := l.Detailed[0].Geometry.(orb.Point); math.Abs(got[0]-aktau[0]) > 1e-9 {
		t.Errorf("Aktau at %v", got)
	}
	if src := a.files[l]; src.Columns != (dataset.Columns{Lat: "Nord", Lon: "Ost"}) {
		t.Errorf("source %+v", src)
	}
	// Clicking the depot shows its attributes in the info panel.
	a.mapv.FitBound(orb.Bound{Min: orb.Point{48, 39}, Max: orb.Point{54, 45}})
	flush(t, a)
	px := a.mapv.View().ToPixel(aktau)
	s := float32(a.mapv.scale)
	test.TapAt(a.mapv, fyne.NewPos(float32(px[0])/s, float32(px[1])/s))
	if a.info.heading != "Aktau" || a.info.Value("Lager") != "12" || a.info.Value("Layer") != "depots" {
		t.Errorf("info %q %+v", a.info.heading, a.info.rows)
	}
}

func TestShapefileSetDroppedTogether(t *testing.T) {
	dir := t.TempDir()
	var names []string
	for _, ext := range []string{".shp", ".shx", ".dbf", ".prj", ".cpg"} {
		names = append(names, "shp/terminals"+ext)
	}
	paths := corpusCopy(t, dir, names...)
	a := newTestAtlas(t, 900, 600)
	drop(a, paths...)
	if a.lastError != "" {
		t.Fatal(a.lastError)
	}
	var users []string
	for _, l := range a.userLayers() {
		users = append(users, l.ID)
	}
	if !slices.Equal(users, []string{"terminals"}) {
		t.Fatalf("user layers %v", users)
	}
	l := a.layerByID("terminals")
	if f := featureNamed(t, l, "name", "Aktau"); f.Properties["name_ru"] != "Актау" {
		t.Errorf("CP1251 text read as %q", f.Properties["name_ru"])
	}
	// Only the .dbf dropped: the .shp beside it opens.
	b := newTestAtlas(t, 900, 600)
	drop(b, filepath.Join(dir, "terminals.dbf"))
	if b.layerByID("terminals") == nil {
		t.Errorf("layers %v, error %q", layerIDs(b), b.lastError)
	}
}

func TestBrokenDataChangesNothing(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.gpkg")
	gp := corpusCopy(t, dir, "gpkg/corpus.gpkg")[0]
	b, _ := os.ReadFile(gp)
	os.WriteFile(broken, b[:len(b)/3], 0o644) // a truncated database
	utm := filepath.Join(dir, "bad.csv")
	os.WriteFile(utm, []byte("name,lat,lon\nA,4400000,500000\n"), 0o644)
	a := newTestAtlas(t, 900, 600)
	a.pickLayers = func(_ string, _ []dataset.Info, then func([]string)) { then([]string{"zones"}) }
	a.pickColumns = func(string, *csvgeo.Table, func(dataset.Columns)) {
		t.Error("asked for columns of a CSV whose columns are named")
	}
	before := layerIDs(a)
	img := frameCopy(t, a)
	for _, p := range []string{broken, utm} {
		a.lastError = ""
		drop(a, p)
		if !strings.Contains(a.lastError, filepath.Base(p)) || strings.Count(a.lastError, "\n") > 0 {
			t.Errorf("%s: error %q", p, a.lastError)
		}
	}
	if !slices.Equal(layerIDs(a), before) || a.dirty {
		t.Errorf("layers %v", layerIDs(a))
	}
	if n := diffPixels(img, frameCopy(t, a)); n != 0 {
		t.Errorf("%d pixels changed", n)
	}
}

func TestFlowTableToldFromPlaces(t *testing.T) {
	dir := t.TempDir()
	flows := filepath.Join(dir, "flows.csv")
	os.WriteFile(flows, []byte("flow_id,year,value,unit,kind,source,path\n"), 0o644)
	places := filepath.Join(dir, "ports.csv")
	os.WriteFile(places, []byte("name,lat,lon\nA,1,2\n"), 0o644)
	if !isFlowTable(flows) || isFlowTable(places) {
		t.Error("flow table not told from places")
	}
}
