package data

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/corridor-atlas/corridor-atlas/data/internal/placenames"
)

var (
	namesCSV    = flag.String("names-csv", "../../shared/data/names/populated_places_names.csv", "Natural Earth's names list the places table is derived from")
	updateNames = flag.Bool("update-names", false, "rewrite basemap/names/places.csv from -names-csv")
)

// TestPlaceNamesDerivation derives the places table again from Natural
// Earth's names list (when it is beside the project) and holds the
// embedded one to it: the table is what the derivation makes, nothing
// edited by hand. -update-names rewrites it.
func TestPlaceNamesDerivation(t *testing.T) {
	src, err := os.Open(*namesCSV)
	if err != nil {
		t.Skipf("no names list (%v): give -names-csv", err)
	}
	defer src.Close()
	p10, err := os.ReadFile("basemap/10m/populated_places_10m.geojson")
	if err != nil {
		t.Fatal(err)
	}
	p50, err := os.ReadFile("basemap/50m/populated_places_50m.geojson")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := placenames.Build(src, p10, p50)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := placenames.Write(&buf, rows); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("basemap", "names", "places.csv")
	if *updateNames {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	have, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, buf.Bytes()) {
		t.Errorf("%s differs from its derivation from %s: run go test ./data -run PlaceNamesDerivation -update-names -names-csv=%s", path, *namesCSV, *namesCSV)
	}
}
