// Package corpus serves the readers' tests: the GeoJSON originals in
// geo/load/testdata/corpus and a comparison that holds a reader's output to
// them (geometry within a tolerance, properties equal), so every format is
// checked against the same features GDAL converted.
package corpus

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// Dir is the corpus folder.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "load", "testdata", "corpus")
}

// Path is a file of the corpus.
func Path(name string) string { return filepath.Join(Dir(), name) }

// Layers are the originals, by layer name.
var Layers = []string{"terminals", "routes", "zones"}

// Original loads the GeoJSON original of a layer.
func Original(t testing.TB, layer string) *load.Result {
	t.Helper()
	b, err := os.ReadFile(Path(layer + ".geojson"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := load.GeoJSON(layer+".geojson", b)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// Compare holds got to want: the same features in the same order,
// positions within tol degrees, equal properties (numbers compared as
// float64), and consistent bounds. A one-part Multi geometry equals its
// single form (a Shapefile cannot tell them apart). skip names properties
// of got not to compare (a KML's description, say).
func Compare(t testing.TB, got, want *load.Result, tol float64, skip ...string) {
	t.Helper()
	if len(got.Features) != len(want.Features) {
		t.Fatalf("%d features, want %d", len(got.Features), len(want.Features))
	}
	if len(got.Bounds) != len(got.Features) {
		t.Fatalf("%d bounds for %d features", len(got.Bounds), len(got.Features))
	}
	for i, gf := range got.Features {
		wf := want.Features[i]
		where := fmt.Sprintf("feature %d (%v)", i+1, wf.Properties["name"])
		if err := sameGeometry(single(gf.Geometry), single(wf.Geometry), tol); err != nil {
			t.Errorf("%s: %v\n got  %v\n want %v", where, err, gf.Geometry, wf.Geometry)
		}
		gp := normalise(gf.Properties, skip)
		wp := normalise(wf.Properties, nil)
		if !reflect.DeepEqual(gp, wp) {
			t.Errorf("%s: properties\n got  %v\n want %v", where, gp, wp)
		}
		if gf.Geometry != nil {
			b := gf.Geometry.Bound()
			if d := boundGap(b, got.Bounds[i]); d > 1e-12 {
				t.Errorf("%s: bounds %v, geometry's %v", where, got.Bounds[i], b)
			}
		}
	}
}

func boundGap(a, b orb.Bound) float64 {
	return max(math.Abs(a.Min[0]-b.Min[0]), math.Abs(a.Min[1]-b.Min[1]), math.Abs(a.Max[0]-b.Max[0]), math.Abs(a.Max[1]-b.Max[1]))
}

// normalise makes numbers float64 and drops skipped keys.
func normalise(p geojson.Properties, skip []string) map[string]any {
	out := map[string]any{}
	for k, v := range p {
		if slices.Contains(skip, k) {
			continue
		}
		switch n := v.(type) {
		case int:
			v = float64(n)
		case int64:
			v = float64(n)
		case float32:
			v = float64(n)
		}
		out[k] = v
	}
	return out
}

// single unwraps one-member Multi geometries.
func single(g orb.Geometry) orb.Geometry {
	switch m := g.(type) {
	case orb.MultiPolygon:
		if len(m) == 1 {
			return m[0]
		}
	case orb.MultiLineString:
		if len(m) == 1 {
			return m[0]
		}
	case orb.MultiPoint:
		if len(m) == 1 {
			return m[0]
		}
	}
	return g
}

func sameGeometry(a, b orb.Geometry, tol float64) error {
	if a == nil || b == nil {
		if a == nil && b == nil {
			return nil
		}
		return fmt.Errorf("one geometry is null")
	}
	if a.GeoJSONType() != b.GeoJSONType() {
		return fmt.Errorf("type %s, want %s", a.GeoJSONType(), b.GeoJSONType())
	}
	pa, pb := flatten(a), flatten(b)
	if len(pa) != len(pb) {
		return fmt.Errorf("%d parts, want %d", len(pa), len(pb))
	}
	for i := range pa {
		if len(pa[i]) != len(pb[i]) {
			return fmt.Errorf("part %d has %d positions, want %d", i+1, len(pa[i]), len(pb[i]))
		}
		for j := range pa[i] {
			d := math.Max(math.Abs(pa[i][j][0]-pb[i][j][0]), math.Abs(pa[i][j][1]-pb[i][j][1]))
			if !(d <= tol) {
				return fmt.Errorf("part %d position %d is %v, want %v (%.3g° apart)", i+1, j+1, pa[i][j], pb[i][j], d)
			}
		}
	}
	return nil
}

// flatten lists a geometry's position sequences in order.
func flatten(g orb.Geometry) [][]orb.Point {
	switch g := g.(type) {
	case orb.Point:
		return [][]orb.Point{{g}}
	case orb.MultiPoint:
		return [][]orb.Point{g}
	case orb.LineString:
		return [][]orb.Point{g}
	case orb.MultiLineString:
		var out [][]orb.Point
		for _, l := range g {
			out = append(out, l)
		}
		return out
	case orb.Polygon:
		var out [][]orb.Point
		for _, r := range g {
			out = append(out, r)
		}
		return out
	case orb.MultiPolygon:
		var out [][]orb.Point
		for _, p := range g {
			out = append(out, flatten(p)...)
		}
		return out
	case orb.Collection:
		var out [][]orb.Point
		for _, m := range g {
			out = append(out, flatten(m)...)
		}
		return out
	}
	return nil
}

// Keys lists a feature's property names, sorted, for messages.
func Keys(p geojson.Properties) []string {
	var out []string
	for k := range p {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// MetresApart is the largest distance in metres between matching
// positions of two results of the same features, for the reprojection
// tests (1 m is the target).
func MetresApart(t testing.TB, got, want *load.Result) float64 {
	t.Helper()
	if len(got.Features) != len(want.Features) {
		t.Fatalf("%d features, want %d", len(got.Features), len(want.Features))
	}
	worst := 0.0
	for i := range got.Features {
		pa, pb := flatten(single(got.Features[i].Geometry)), flatten(single(want.Features[i].Geometry))
		if len(pa) != len(pb) {
			t.Fatalf("feature %d: %d parts, want %d", i+1, len(pa), len(pb))
		}
		for k := range pa {
			if len(pa[k]) != len(pb[k]) {
				t.Fatalf("feature %d part %d: %d positions, want %d", i+1, k+1, len(pa[k]), len(pb[k]))
			}
			for j := range pa[k] {
				a, b := pa[k][j], pb[k][j]
				dx := (a[0] - b[0]) * 111320 * math.Cos(b[1]*math.Pi/180)
				dy := (a[1] - b[1]) * 110574
				worst = max(worst, math.Hypot(dx, dy))
			}
		}
	}
	return worst
}
