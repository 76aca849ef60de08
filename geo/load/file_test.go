package load

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
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
