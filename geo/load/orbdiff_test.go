package load

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// TestScannerMatchesOrb holds the hand-written GeoJSON scanner to
// orb/geojson (encoding/json underneath) on every embedded file and the
// good test corpus: the same features in the same order, geometry for
// geometry (every coordinate the same float64) and property for property
// (numbers, strings, nested objects and arrays, nulls), and the same ids.
func TestScannerMatchesOrb(t *testing.T) {
	var files []string
	for _, pattern := range []string{
		"../../data/*/*.geojson", "../../data/*/*/*.geojson",
		"testdata/corpus/*.geojson", "testdata/seed/*.geojson",
	} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 20 {
		t.Fatalf("only %d files", len(files))
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got, err := GeoJSON(filepath.Base(path), b)
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			want := orbFeatures(t, b)
			if len(got.Features) != len(want) {
				t.Fatalf("%d features, orb %d", len(got.Features), len(want))
			}
			for i, f := range got.Features {
				w := want[i]
				if !reflect.DeepEqual(f.Geometry, w.Geometry) {
					t.Fatalf("feature %d: geometry %v, orb %v", i+1, short(f.Geometry), short(w.Geometry))
				}
				if !reflect.DeepEqual(f.ID, w.ID) {
					t.Errorf("feature %d: id %#v, orb %#v", i+1, f.ID, w.ID)
				}
				if !sameProperties(f.Properties, w.Properties) {
					t.Errorf("feature %d: properties %v, orb %v", i+1, f.Properties, w.Properties)
				}
			}
		})
	}
}

// orbFeatures is what orb/geojson reads from a FeatureCollection, a
// Feature or a bare geometry (as one feature).
func orbFeatures(t *testing.T, b []byte) []*geojson.Feature {
	t.Helper()
	var head struct{ Type string }
	if err := json.Unmarshal(b, &head); err != nil {
		t.Fatalf("encoding/json: %v", err)
	}
	switch head.Type {
	case "FeatureCollection":
		fc, err := geojson.UnmarshalFeatureCollection(b)
		if err != nil {
			t.Fatalf("orb: %v", err)
		}
		return fc.Features
	case "Feature":
		f, err := geojson.UnmarshalFeature(b)
		if err != nil {
			t.Fatalf("orb: %v", err)
		}
		return []*geojson.Feature{f}
	}
	g, err := geojson.UnmarshalGeometry(b)
	if err != nil {
		t.Fatalf("orb: %v", err)
	}
	return []*geojson.Feature{geojson.NewFeature(g.Geometry())}
}

// sameProperties compares two property maps; a missing and an empty one
// are the same (orb makes an empty map of "properties": null).
func sameProperties(a, b geojson.Properties) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(map[string]any(a), map[string]any(b))
}

// short writes a geometry's type and size for a message.
func short(g orb.Geometry) string {
	if g == nil {
		return "null"
	}
	n := 0
	switch g := g.(type) {
	case orb.MultiPoint:
		n = len(g)
	case orb.LineString:
		n = len(g)
	case orb.Polygon:
		n = len(g)
	case orb.MultiLineString:
		n = len(g)
	case orb.MultiPolygon:
		n = len(g)
	case orb.Collection:
		n = len(g)
	}
	return fmt.Sprintf("%s of %d", g.GeoJSONType(), n)
}
