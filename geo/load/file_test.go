package load

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// TestFileMatchesGeoJSON: loading from a path (mapped where the system
// allows) gives what parsing the bytes gives, for a small file and one
// read on two cores, and refuses what OpenRegular refuses.
func TestFileMatchesGeoJSON(t *testing.T) {
	dir := t.TempDir()
	small := `{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","properties":{"name":"x"},"geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]}}]}`
	for _, tt := range []struct{ name, text string }{
		{"small", small},
		{"with a byte-order mark", "\uFEFF" + small},
		{"big", bigCollection(parallelMin + 4096)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.name+".geojson")
			if err := os.WriteFile(p, []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			want, err := GeoJSONWith(p, []byte(tt.text), Options{LazyProperties: true})
			if err != nil {
				t.Fatal(err)
			}
			got, err := File(p, Options{LazyProperties: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Features) != len(want.Features) || !reflect.DeepEqual(got.Bounds, want.Bounds) || got.Bound != want.Bound {
				t.Fatalf("%d features, want %d", len(got.Features), len(want.Features))
			}
			for i := range got.Features {
				if !reflect.DeepEqual(got.Features[i], want.Features[i]) || !reflect.DeepEqual(got.Props.Map(i), want.Props.Map(i)) {
					t.Fatalf("feature %d differs", i)
				}
			}
		})
	}
	t.Run("refusals name the file", func(t *testing.T) {
		for _, p := range []string{dir, filepath.Join(dir, "missing.geojson")} {
			_, err := File(p, Options{})
			var le *Error
			if !errors.As(err, &le) || !strings.HasPrefix(err.Error(), p+": cannot read: ") || strings.Count(err.Error(), p) != 1 {
				t.Errorf("File(%s) = %v", p, err)
			}
		}
		empty := filepath.Join(dir, "empty.geojson")
		os.WriteFile(empty, nil, 0o644)
		if _, err := File(empty, Options{}); err == nil || !strings.Contains(err.Error(), "empty file") {
			t.Errorf("empty file: %v", err)
		}
	})
}

// bigCollection is a FeatureCollection of at least size bytes.
func bigCollection(size int) string {
	var b strings.Builder
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for n := 0; b.Len() < size; n++ {
		if n > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"type":"Feature","id":"f%d","properties":{"n":%d},"geometry":{"type":"Point","coordinates":[%d.5,%d.25]}}`, n, n, n%170, n%80)
	}
	b.WriteString(`]}`)
	return b.String()
}

// TestHugeArrays: an array of more than bigArray positions (one
// MultiPoint of millions, a ring left open) is read whole into an array
// sized by counting, with the ring closed and the bounds right.
func TestHugeArrays(t *testing.T) {
	n := bigArray + 12345
	var b strings.Builder
	b.WriteString(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"MultiPoint","coordinates":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "[%d,%d]", i%170, i%80)
	}
	b.WriteString(`]}},{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[`)
	for i := range n { // an open ring: the loader closes it
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "[%d.5,%d]", i%7, i%13)
	}
	b.WriteString(`]]}}]}`)
	p := filepath.Join(t.TempDir(), "huge.geojson")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := File(p, Options{LazyProperties: true})
	if err != nil {
		t.Fatal(err)
	}
	mp := res.Features[0].Geometry.(orb.MultiPoint)
	ring := res.Features[1].Geometry.(orb.Polygon)[0]
	if len(mp) != n || mp[n-1] != (orb.Point{float64((n - 1) % 170), float64((n - 1) % 80)}) {
		t.Errorf("%d points, last %v", len(mp), mp[len(mp)-1])
	}
	if len(ring) != n+1 || ring[n] != ring[0] || !strings.Contains(strings.Join(res.Warnings, "|"), "1 unclosed") {
		t.Errorf("ring of %d points, warnings %v", len(ring), res.Warnings)
	}
	checkBounds(t, res)
}

func TestCountRest(t *testing.T) {
	for in, want := range map[string]int{
		`]`: 0, `,[1,2]]`: 1, `,[1,2],[3,[4]]] tail`: 2, `,[1,"a"]]`: -1, `,[1,2]`: -1,
	} {
		if got := countRest([]byte(in), 0); got != want {
			t.Errorf("countRest(%q) = %d, want %d", in, got, want)
		}
	}
}
