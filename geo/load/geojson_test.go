package load

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func TestGeoJSONAccepts(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		features int
		warning  string
	}{
		{"feature collection", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[51.2,43.6]},"properties":{"name":"Aktau"}}]}`, 1, ""},
		{"bare geometry", `{"type":"LineString","coordinates":[[49.4,39.9],[44.8,41.7]]}`, 1, ""},
		{"single feature", `{"type":"Feature","id":7,"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":null}`, 1, ""},
		{"3-D positions", `{"type":"Point","coordinates":[51.2,43.6,-28]}`, 1, ""},
		{"null geometry", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{}}]}`, 1, "without geometry"},
		{"crs84", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[]}`, 0, "empty"},
		{"epsg 4326", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4326"}},"features":[]}`, 0, ""},
		{"foreign members", `{"type":"FeatureCollection","name":"x","attribution":"me","features":[{"type":"Feature","title":"foreign","geometry":{"type":"Point","coordinates":[1,2]},"properties":{}}]}`, 1, ""},
		{"string id", `{"type":"Feature","id":"btc","geometry":{"type":"Point","coordinates":[1,2]},"properties":{}}`, 1, ""},
		{"byte-order mark", "\uFEFF" + `{"type":"Point","coordinates":[1,2]}`, 1, "byte-order mark"},
		{"geometry collection", `{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[1,2],[3,4]]}]}`, 1, ""},
		{"antimeridian line", `{"type":"LineString","coordinates":[[179.5,50],[-179.5,51]]}`, 1, ""},
		{"empty collection", `{"type":"FeatureCollection","features":[]}`, 0, "empty FeatureCollection"},
		{"unclosed ring closed", `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}`, 1, "closed"},
		{"coordinates before type", `{"coordinates":[[49.4,39.9],[44.8,41.7]],"type":"LineString"}`, 1, ""},
		{"collection with stray coordinates", `{"type":"GeometryCollection","coordinates":[1,2],"geometries":[{"type":"Point","coordinates":[1,2]}]}`, 1, ""},
		{"escapes and unicode", `{"type":"Feature","geometry":null,"properties":{"name":"\u0410\u043a\u0442\u0430\u0443 \ud83d\ude82 Ələt \"q\""}}`, 1, ""},
		{"multipolygon with hole", `{"type":"MultiPolygon","coordinates":[[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[2,1],[2,2],[1,1]]]]}`, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := GeoJSON("in.geojson", []byte(tt.in))
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if len(res.Features) != tt.features {
				t.Errorf("%d features, want %d", len(res.Features), tt.features)
			}
			if tt.warning != "" && !strings.Contains(strings.Join(res.Warnings, "|"), tt.warning) {
				t.Errorf("warnings %q lack %q", res.Warnings, tt.warning)
			}
			checkBounds(t, res)
		})
	}
}

// checkBounds: the per-feature bounds the decoder keeps are those of all
// the feature's positions, aligned with the features.
func checkBounds(t *testing.T, res *Result) {
	t.Helper()
	if len(res.Bounds) != len(res.Features) {
		t.Fatalf("%d bounds for %d features", len(res.Bounds), len(res.Features))
	}
	for i, f := range res.Features {
		want := orb.Bound{}
		if f.Geometry != nil {
			var pts orb.MultiPoint
			collect(f.Geometry, &pts)
			want = pts.Bound()
		}
		if res.Bounds[i] != want {
			t.Fatalf("feature %d: bounds %v, want %v", i, res.Bounds[i], want)
		}
	}
}

func collect(g orb.Geometry, out *orb.MultiPoint) {
	switch g := g.(type) {
	case orb.Point:
		*out = append(*out, g)
	case orb.MultiPoint:
		*out = append(*out, g...)
	case orb.LineString:
		*out = append(*out, g...)
	case orb.MultiLineString:
		for _, l := range g {
			collect(l, out)
		}
	case orb.Polygon:
		for _, r := range g {
			*out = append(*out, r...)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			collect(p, out)
		}
	case orb.Collection:
		for _, c := range g {
			collect(c, out)
		}
	}
}

func TestGeoJSONRefuses(t *testing.T) {
	tests := []struct {
		name string
		in   string
		msg  string // part of the message
		line int    // expected line, 0 = don't care
	}{
		{"empty file", "", "empty file", 0},
		{"not JSON", "route,from,to\nA,B,C\n", "invalid JSON", 1},
		{"truncated", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,`, "truncated", 0},
		{"wrong member type", `{"type":"FeatureCollection","features":{"a":1}}`, "must be an array", 1},
		{"type not a string", `{"type":5}`, `"type" must be a string`, 1},
		{"missing coordinates", `{"type":"Point"}`, "has no coordinates", 0},
		{"non-numeric coordinate", `{"type":"Point","coordinates":["51","43"]}`, "non-numeric", 0},
		{"NaN", `{"type":"Point","coordinates":[NaN,43]}`, "invalid JSON", 1},
		{"huge number", `{"type":"Point","coordinates":[1e999,43]}`, "out of the range", 0},
		{"latitude out of range", `{"type":"Point","coordinates":[43,91]}`, "latitude 91", 0},
		{"longitude out of range", `{"type":"Point","coordinates":[5000000,4000000]}`, "longitude 5e+06", 0},
		{"one-point line", `{"type":"LineString","coordinates":[[1,2]]}`, "at least 2 positions", 0},
		{"one-number position", `{"type":"Point","coordinates":[1]}`, "longitude and latitude", 0},
		{"empty ring", `{"type":"Polygon","coordinates":[[]]}`, "ring 1 is empty", 0},
		{"unknown geometry", `{"type":"Circle","coordinates":[1,2]}`, `unknown geometry type "Circle"`, 0},
		{"missing type", `{"features":[]}`, `missing "type"`, 0},
		{"other crs", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:5070"}},"features":[]}`, `CRS "EPSG:5070"`, 0},
		{"crs link", `{"type":"FeatureCollection","crs":{"type":"link","properties":{"href":"x.prj"}},"features":[]}`, `unsupported "crs" member`, 0},
		{"utm out of the world", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32639"}},"features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[500000,1e9]}}]}`, "feature 1: position 500000, 1e+09 lies outside the world in WGS 84 / UTM zone 39N (EPSG:32639)", 0},
		{"crs after out-of-range features", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[500000,4e6]}}],"crs":{"type":"name","properties":{"name":"EPSG:4326"}}}`, "feature 1: longitude 500000 is outside", 0},
		{"deep nesting", `{"type":"Feature","geometry":null,"properties":{"a":` + strings.Repeat("[", 100000), "nesting deeper", 1},
		{"coordinates before type", `{"coordinates":[[1,2]],"type":"LineString"}`, "at least 2 positions", 1},
		{"control character", "{\"type\":\"Point\",\"coordinates\":[1,2],\"n\":\"a\tb\"}", "control character", 1},
		{"utf-16", "\xff\xfe{\x00", "UTF-16", 0},
		{"latin-1", "{\"type\":\"Point\",\"coordinates\":[1,2],\"n\":\"M\xfcnchen\"}", "invalid UTF-8", 1},
		{"bad feature on line 3", "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"geometry\":null,\"properties\":{}},\n{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[1,2]]},\"properties\":{}}]}", "feature 2", 3},
		{"bad id", `{"type":"Feature","id":[1],"geometry":null,"properties":{}}`, "id must be", 0},
		{"trailing garbage", `{"type":"Point","coordinates":[1,2]} x`, "after the GeoJSON", 1},
		{"array at top", `[1,2]`, "expected a JSON object", 1},
		{"features null", `{"type":"FeatureCollection","features":null}`, `"features" must be an array, found null`, 1},
		{"features twice", `{"type":"FeatureCollection","features":[],"features":[]}`, `"features" appears twice`, 1},
		{"type twice at the top", `{"type":"Point","coordinates":[1,2],"type":"LineString"}`, `"type" appears twice`, 1},
		{"coordinates twice, second out of range", `{"type":"Point","coordinates":[1,2],"coordinates":[1,200]}`, `"coordinates" appears twice`, 1},
		{"coordinates twice in a feature", `{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2],"coordinates":[3,4]}}`, `geometry "coordinates" appears twice`, 1},
		{"type twice in a feature", `{"type":"FeatureCollection","features":[{"type":"Feature","type":"Feature","geometry":null,"properties":{}}]}`, `feature 1: "type" appears twice`, 1},
		{"properties twice", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{},"properties":{"a":1}}]}`, `"properties" appears twice`, 1},
		{"bbox a string", `{"type":"FeatureCollection","bbox":"x","features":[]}`, `"bbox" must be an array of 4 or 6 numbers, found a string`, 1},
		{"bbox of three", `{"type":"FeatureCollection","bbox":[1,2,3],"features":[]}`, `found 3 number(s)`, 1},
		{"bbox with a string", `{"type":"Point","bbox":[1,2,"3",4],"coordinates":[1,2]}`, `found a string in it`, 1},
		{"feature bbox", `{"type":"FeatureCollection","features":[{"type":"Feature","bbox":{},"geometry":null,"properties":{}}]}`, `feature 1: "bbox" must be`, 1},
		{"geometry bbox", `{"type":"Feature","properties":{},"geometry":{"type":"Point","bbox":null,"coordinates":[1,2]}}`, `geometry "bbox" must be`, 1},
		// Projected CRSs the app converts are read (geo/crs); one it cannot
		// is refused by name, wherever the member stands.
		{"unconvertible crs before the features", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::27700"}},"features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[530000,180000]}}]}`, `CRS "EPSG:27700"`, 1},
		{"unconvertible crs after the features", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[530000,180000]}}],` + "\n" + `"crs":{"type":"name","properties":{"name":"EPSG:27700"}}}`, `CRS "EPSG:27700"`, 2},
		{"unnamed crs", `{"type":"FeatureCollection","features":[],"crs":{"type":"link"}}`, `unsupported "crs"`, 1},
		{"long unknown type", `{"type":"ThisIsAVeryLongGeometryTypeName","coordinates":[1,2]}`, `"ThisIsAVeryLongG"…`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := GeoJSON("routes.geojson", []byte(tt.in))
			if err == nil {
				t.Fatal("accepted")
			}
			var le *Error
			if !errors.As(err, &le) {
				t.Fatalf("error %T is not *load.Error: %v", err, err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "routes.geojson") {
				t.Errorf("message does not name the file: %q", msg)
			}
			if !strings.Contains(msg, tt.msg) {
				t.Errorf("message %q lacks %q", msg, tt.msg)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("message is not one line: %q", msg)
			}
			if tt.line != 0 && le.Line != tt.line {
				t.Errorf("line %d, want %d (%s)", le.Line, tt.line, msg)
			}
		})
	}
}

// TestSplitRead checks the read of a big file in shares, one per core,
// against the features written: the same features, the same bounds, and
// a fault in a later share reported with its feature number counted from
// the start, on 1, 2 and 8 cores (four shares).
func TestSplitRead(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var b strings.Builder
	b.WriteString(`{"type":"FeatureCollection","name":"big","features":[`)
	n := 0
	for b.Len() < 2*parallelMin+4096 {
		if n > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"type":"Feature","id":"f%d","properties":{"note":"a \"Feature\" inside a string","n":%d},"geometry":{"type":"LineString","coordinates":[[%d.5,%d.25],[%d.75,%d.5]]}}`,
			n, n, n%170, n%80, n%170, n%80)
		n++
	}
	b.WriteString(`],"attribution":"test"}`)
	big := b.String()
	for _, procs := range []int{1, 2, 8} {
		runtime.GOMAXPROCS(procs)
		t.Run(fmt.Sprint(procs), func(t *testing.T) { checkSplitRead(t, big, n) })
	}
}

func checkSplitRead(t *testing.T, big string, n int) {
	res, err := GeoJSON("big.geojson", []byte(big))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Features) != n {
		t.Fatalf("%d features, want %d", len(res.Features), n)
	}
	for i, f := range res.Features {
		if f.ID != fmt.Sprintf("f%d", i) {
			t.Fatalf("feature %d has id %v", i, f.ID)
		}
	}
	checkBounds(t, res)
	if res.Members["attribution"] != "test" || res.Bound.Max[0] != 169.75 {
		t.Errorf("members %v, bound %v", res.Members, res.Bound)
	}
	// A fault late in the file.
	bad := strings.Replace(big, fmt.Sprintf(`[[%d.5,%d.25],[%d.75,%d.5]]}}]`, (n-1)%170, (n-1)%80, (n-1)%170, (n-1)%80), `[[1,2]]}}]`, 1)
	_, err = GeoJSON("big.geojson", []byte(bad))
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("feature %d (id \"f%d\")", n, n-1)) {
		t.Errorf("err = %v, want it at feature %d", err, n)
	}
}

func TestProgressAndCancel(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := 0; i < 1000; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"type":"Feature","geometry":{"type":"Point","coordinates":[%d,1]},"properties":{}}`, i%180)
	}
	b.WriteString(`]}`)
	var seen []float64
	res, err := GeoJSONWith("p.geojson", []byte(b.String()), Options{Progress: func(f float64) { seen = append(seen, f) }})
	if err != nil || len(res.Features) != 1000 {
		t.Fatalf("%v, %d features", err, len(res.Features))
	}
	if len(seen) < 10 || seen[len(seen)-1] <= seen[0] {
		t.Errorf("progress %v", seen)
	}
	cancel := make(chan struct{})
	close(cancel)
	if _, err := GeoJSONWith("p.geojson", []byte(b.String()), Options{Cancel: cancel}); !errors.Is(err, ErrCancelled) {
		t.Errorf("err = %v, want ErrCancelled", err)
	}
}

// TestGeoJSONProjected reads files whose "crs" member names a projected
// CRS, before or after the features, and converts them to WGS84.
func TestGeoJSONProjected(t *testing.T) {
	// Baku in UTM 39N and in Web Mercator, as cs2cs gives them.
	const utm = `{"type":"Feature","properties":{"name":"Baku"},"geometry":{"type":"Point","coordinates":[403829.8873,4470295.5755]}}`
	for _, tc := range []struct{ name, doc string }{
		{"crs first", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32639"}},"features":[` + utm + `]}`},
		{"crs last", `{"type":"FeatureCollection","features":[` + utm + `],"crs":{"type":"name","properties":{"name":"EPSG:32639"}}}`},
		{"2008 EPSG form", `{"type":"FeatureCollection","crs":{"type":"EPSG","properties":{"code":32639}},"features":[` + utm + `]}`},
		{"web mercator", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},"features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[5551180.1793,4920981.3767]}}]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := GeoJSON("baku.geojson", []byte(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			p := res.Features[0].Geometry.(orb.Point)
			if math.Abs(p[0]-49.8671) > 1e-6 || math.Abs(p[1]-40.3777) > 1e-6 {
				t.Fatalf("Baku at %v, want 49.8671, 40.3777", p)
			}
			if res.Bounds[0].Min != p || res.Bound.Max != p {
				t.Errorf("bounds %v, %v not converted", res.Bounds[0], res.Bound)
			}
			if !slices.ContainsFunc(res.Warnings, func(w string) bool { return strings.Contains(w, "converted from") }) {
				t.Errorf("no notice of the conversion: %v", res.Warnings)
			}
		})
	}
}
