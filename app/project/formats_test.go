package project

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// copyCorpus copies files of the readers' test corpus into dir.
func copyCorpus(t *testing.T, dir string, names ...string) {
	t.Helper()
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("..", "..", "geo", "load", "testdata", "corpus", filepath.FromSlash(n)))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(n)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestFormatsSurviveSaveAndOpen saves a project whose layers come from a
// GeoPackage table, a zipped UTM Shapefile, a KMZ and a CSV with columns
// named by hand, opens it again and finds each layer with its features.
func TestFormatsSurviveSaveAndOpen(t *testing.T) {
	root := t.TempDir()
	data := filepath.Join(root, "data")
	os.Mkdir(data, 0o755)
	copyCorpus(t, data, "gpkg/corpus.gpkg", "projected/shp-32639.zip", "kml/google-earth.kmz")
	os.WriteFile(filepath.Join(data, "depots.csv"), []byte("Ort;Nord;Ost\nAktau;43,6;51,2\nAlat;39,95;49,42\n"), 0o644)
	p := &Project{Layers: []Layer{
		{ID: "zones", File: filepath.Join(data, "corpus.gpkg"), Table: "zones", Visible: true, Opacity: 1},
		{ID: "utm-terminals", File: filepath.Join(data, "shp-32639.zip"), Table: "terminals", Visible: true, Opacity: 1},
		{ID: "ge", File: filepath.Join(data, "google-earth.kmz"), Visible: true, Opacity: 0.5},
		{ID: "depots", File: filepath.Join(data, "depots.csv"), Columns: &Columns{Lat: "Nord", Lon: "Ost"}, Visible: true, Opacity: 1},
	}}
	path := filepath.Join(root, "briefing.catlas")
	if err := p.Save(path); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	for _, want := range []string{`"file": "data/corpus.gpkg"`, `"table": "zones"`, `"table": "terminals"`, `"columns": {`, `"lat": "Nord"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("saved project lacks %s:\n%s", want, b)
		}
	}
	q, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	cat, problems, err := q.Open(OpenOptions{})
	if err != nil || len(problems) > 0 {
		t.Fatalf("%v %v", err, problems)
	}
	for id, n := range map[string]int{"zones": 2, "utm-terminals": 5, "ge": 5, "depots": 2} {
		l := findLayer(cat.Layers, id)
		if l == nil || len(l.Detailed) != n {
			t.Fatalf("layer %q: %+v", id, l)
		}
	}
	// The UTM terminals are where the WGS84 originals are.
	aktau := findLayer(cat.Layers, "utm-terminals").Detailed[0].Geometry.(orb.Point)
	if d := (aktau[0]-51.1739261)*(aktau[0]-51.1739261) + (aktau[1]-43.6352094)*(aktau[1]-43.6352094); d > 1e-10 {
		t.Errorf("Aktau at %v", aktau)
	}
	if l := findLayer(cat.Layers, "depots"); len(l.Fields) != 1 || l.Fields[0] != "Ort" {
		t.Errorf("depots fields %v", l.Fields)
	}
}

func TestProjectNamesOneTable(t *testing.T) {
	root := t.TempDir()
	copyCorpus(t, root, "gpkg/corpus.gpkg")
	p := &Project{Path: filepath.Join(root, "p.catlas"), Layers: []Layer{{ID: "all", File: filepath.Join(root, "corpus.gpkg"), Visible: true, Opacity: 1}}}
	cat, problems, err := p.Open(OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || !strings.Contains(problems[0].Msg, `holds 3 layers ("terminals", "routes", "zones"); the project must name one as "table"`) {
		t.Fatalf("problems %v", problems)
	}
	if findLayer(cat.Layers, "all") != nil {
		t.Error("a layer was added")
	}
	bad := `{"format":"corridor-atlas-project","version":1,"layers":[{"id":"d","file":"d.csv","columns":{"lat":"Nord"}}]}`
	if _, err := Parse("p.catlas", root, []byte(bad)); err == nil || !strings.Contains(err.Error(), `"columns" names "lat" and "lon" together`) {
		t.Errorf("half a column pair: %v", err)
	}
}
