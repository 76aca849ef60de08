package cli

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusFile is a file of the readers' test corpus.
func corpusFile(name string) string {
	return filepath.Join("..", "..", "geo", "load", "testdata", "corpus", filepath.FromSlash(name))
}

func TestValidateFormats(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want []string // lines of stdout, each a prefix-free substring
	}{
		{"GeoPackage, all tables", []string{corpusFile("gpkg/corpus.gpkg")},
			[]string{"corpus.gpkg:terminals: OK, 5 features, bounds 41.6610,39.9460,52.9921,43.6352", "corpus.gpkg:routes: OK, 3 features", "corpus.gpkg:zones: OK, 2 features"}},
		{"GeoPackage table", []string{corpusFile("gpkg/corpus.gpkg") + ":zones"}, []string{"corpus.gpkg:zones: OK, 2 features"}},
		{"Shapefile", []string{corpusFile("shp/terminals.shp")}, []string{"terminals.shp: OK, 5 features, bounds 41.6610,39.9460,52.9921,43.6352"}},
		{"zipped Shapefile in UTM", []string{corpusFile("projected/shp-32639.zip") + ":terminals"}, []string{"shp-32639.zip:terminals: OK, 5 features, bounds 41.6610,39.9460,52.9921,43.6352"}},
		{"KMZ", []string{corpusFile("kml/google-earth.kmz")}, []string{"google-earth.kmz: OK, 5 features"}},
		{"German CSV", []string{corpusFile("sheets/terminals-excel-de.csv")}, []string{"terminals-excel-de.csv: OK, 5 features, bounds 41.6610,39.9460,52.9921,43.6352"}},
		{"GeoJSON in Web Mercator", []string{corpusFile("projected/zones-3857.geojson")}, []string{"zones-3857.geojson: OK, 2 features, bounds 49.3800,39.9200,51.3500,43.7000"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := run(append([]string{"validate"}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d\n%s%s", code, out, errOut)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != len(tc.want) {
				t.Fatalf("output:\n%s", out)
			}
			for i, w := range tc.want {
				if !strings.Contains(lines[i], w) {
					t.Errorf("line %q lacks %q", lines[i], w)
				}
			}
		})
	}
}

func TestValidateRefusesFormats(t *testing.T) {
	dir := t.TempDir()
	albers := write(t, dir, "albers.geojson", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:5070"}},"features":[]}`)
	noCols := write(t, dir, "ports.csv", "Ort;Nord;Ost\nAktau;43,6;51,2\n")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unsupported CRS", []string{albers}, ExitData, `coordinates are in CRS "EPSG:5070"`},
		{"CSV without known columns", []string{noCols}, ExitData, `ports.csv: no latitude/longitude or WKT column found among "Ort", "Nord", "Ost"`},
		{"CSV with named columns", []string{"--lat-col", "Nord", "--lon-col", "Ost", noCols}, 0, "ports.csv: OK, 1 features, bounds 51.2000,43.6000"},
		{"half a column pair", []string{"--lat-col", "Nord", noCols}, ExitUsage, ""},
		{"missing table", []string{corpusFile("gpkg/corpus.gpkg") + ":rivers"}, ExitData, `no feature table "rivers"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := run(append([]string{"validate"}, tc.args...)...)
			if code != tc.code || !strings.Contains(out+errOut, tc.want) {
				t.Fatalf("exit %d (want %d)\n%s%s", code, tc.code, out, errOut)
			}
			if tc.code == ExitData && strings.Count(strings.TrimSpace(out), "\n") != 0 {
				t.Errorf("not one line: %q", out)
			}
		})
	}
}

// TestExportFormats draws a GeoPackage table, a zipped UTM Shapefile and
// a KMZ: each is a layer of its own.
func TestExportFormats(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "x.png")
	code, stdout, stderr := run("export", "--out", out, "--size", "400x300",
		"--data", corpusFile("gpkg/corpus.gpkg")+":zones",
		"--data", corpusFile("projected/shp-32639.zip")+":routes",
		"--data", corpusFile("kml/google-earth.kmz"),
		"--layers", "countries,zones,routes,google-earth", "--bbox", "40,38,55,46")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := png.Decode(f); err != nil {
		t.Fatal(err)
	}
}
