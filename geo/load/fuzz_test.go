package load

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzGeoJSON checks that no input panics and that an accepted file only
// holds finite, in-range coordinates, with a bound for every feature.
func FuzzGeoJSON(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/seed/*.geojson")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"type":"Point","coordinates":[1,2]}`))
	f.Add([]byte(`{"type":"GeometryCollection","geometries":[{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1]]]]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := GeoJSON("fuzz.geojson", data)
		// Properties kept as text, and messages that quote nothing, do not
		// change what is accepted.
		lazy, lerr := GeoJSONWith("fuzz.geojson", data, Options{LazyProperties: true, Named: true})
		if (err == nil) != (lerr == nil) {
			t.Fatalf("eager: %v; lazy: %v", err, lerr)
		}
		if err != nil {
			if e := err.(*Error); e.Line != lerr.(*Error).Line || e.Col != lerr.(*Error).Col {
				t.Fatalf("eager at %d:%d, lazy at %d:%d", e.Line, e.Col, lerr.(*Error).Line, lerr.(*Error).Col)
			}
			return
		}
		for i, ft := range res.Features {
			if !reflect.DeepEqual(lazy.Props.Map(i), ft.Properties) {
				t.Fatalf("feature %d: lazy properties %v, eager %v", i, lazy.Props.Map(i), ft.Properties)
			}
		}
		if len(res.Bounds) != len(res.Features) {
			t.Fatalf("%d bounds for %d features", len(res.Bounds), len(res.Features))
		}
		for _, ft := range res.Features {
			if ft.Geometry == nil {
				continue
			}
			b := ft.Geometry.Bound()
			if b.Min[0] < -180 || b.Max[0] > 180 || b.Min[1] < -90 || b.Max[1] > 90 {
				t.Fatalf("accepted out-of-range bound %v", b)
			}
		}
	})
}
