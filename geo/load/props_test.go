package load

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/paulmach/orb/geojson"
)

// TestLazyPropertiesMatchEager: properties kept as text decode to what
// the eager loader puts in each feature's map, one key or all, for
// every shape of file, and the features are otherwise the same.
func TestLazyPropertiesMatchEager(t *testing.T) {
	var big strings.Builder
	big.WriteString(`{"type":"FeatureCollection","features":[`)
	for n := 0; big.Len() < parallelMin+4096; n++ {
		if n > 0 {
			big.WriteString(",\n")
		}
		switch n % 4 {
		case 0:
			fmt.Fprintf(&big, `{"type":"Feature","properties":{"name":"p%d","n":%d, "nested" : {"a" : [1, "x y"]}},"geometry":{"type":"Point","coordinates":[1,2]}}`, n, n)
		case 1:
			big.WriteString(`{"type":"Feature","properties":null,"geometry":{"type":"Point","coordinates":[1,2]}}`)
		case 2:
			big.WriteString(`{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}}`)
		default:
			fmt.Fprintf(&big, `{"properties":{"name":"\u0410\"q\" %d","name":"last"},"type":"Feature","geometry":null}`, n)
		}
	}
	big.WriteString(`]}`)
	tests := []struct{ name, in string }{
		{"collection", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"name":"Aktau","pop":1e5,"ok":true,"none":null,"tags":["port","sea"],"o":{"k":"v"}}},{"type":"Feature","geometry":null,"properties":{}},{"type":"Feature","geometry":null}]}`},
		{"white space kept inside strings", "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{ \"a b\" : \" x \\\" y \" ,\n\t\"c\":[ 1 , 2 ] }}"},
		{"repeated key: the last wins", `{"type":"Feature","geometry":null,"properties":{"k":1,"k":2}}`},
		{"escaped key", `{"type":"Feature","geometry":null,"properties":{"n\u0061me":"x"}}`},
		{"lone feature without properties", `{"type":"Feature","geometry":null}`},
		{"bare geometry", `{"type":"Point","coordinates":[1,2]}`},
		{"big file read on two cores", big.String()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eager, err := GeoJSON("e.geojson", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			lazy, err := GeoJSONWith("l.geojson", []byte(tt.in), Options{LazyProperties: true})
			if err != nil {
				t.Fatal(err)
			}
			if eager.Props != nil {
				t.Error("eager load has Props")
			}
			if lazy.Props.Len() != len(lazy.Features) || len(lazy.Features) != len(eager.Features) {
				t.Fatalf("%d props, %d lazy and %d eager features", lazy.Props.Len(), len(lazy.Features), len(eager.Features))
			}
			keys := map[string]bool{}
			for i, ef := range eager.Features {
				lf := lazy.Features[i]
				if lf.Properties != nil {
					t.Fatalf("feature %d has a map", i)
				}
				if !reflect.DeepEqual(lf.Geometry, ef.Geometry) || lf.ID != ef.ID {
					t.Fatalf("feature %d differs", i)
				}
				got := lazy.Props.Map(i)
				if !reflect.DeepEqual(got, ef.Properties) {
					t.Fatalf("feature %d: %v, eager %v", i, got, ef.Properties)
				}
				for k, v := range ef.Properties {
					keys[k] = true
					if g := lazy.Props.Value(i, k); !reflect.DeepEqual(g, v) {
						t.Fatalf("feature %d: %q is %v, eager %v", i, k, g, v)
					}
				}
				if v := lazy.Props.Value(i, "absent"); v != nil {
					t.Fatalf("absent key is %v", v)
				}
				if lazy.Props.Index(lf) != i || (i < 10 && lazy.Props.Index(ef) != -1) {
					t.Fatalf("Index of feature %d", i)
				}
			}
			got, all := lazy.Props.Keys()
			if !all || len(got) != len(keys) {
				t.Errorf("keys %v (all %v), want %v", got, all, keys)
			}
			for k := range keys {
				if !lazy.Props.HasKey(k) {
					t.Errorf("HasKey(%q) = false", k)
				}
			}
			if lazy.Props.HasKey("stroke") {
				t.Error("HasKey of a key no feature has")
			}
		})
	}
}

// TestPropsKeysBounded: a file keyed by ids does not grow the key set
// without limit, and then any key may be present.
func TestPropsKeysBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := range maxKeys + 10 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"type":"Feature","geometry":null,"properties":{"k%d":1}}`, i)
	}
	b.WriteString(`]}`)
	res, err := GeoJSONWith("k.geojson", []byte(b.String()), Options{LazyProperties: true})
	if err != nil {
		t.Fatal(err)
	}
	keys, all := res.Props.Keys()
	if all || len(keys) != maxKeys || !res.Props.HasKey("anything") {
		t.Errorf("%d keys, all %v", len(keys), all)
	}
	if v := res.Props.Value(maxKeys+5, fmt.Sprintf("k%d", maxKeys+5)); v != 1.0 {
		t.Errorf("value %v", v)
	}
}

// TestNilProps: a nil Props answers like an empty one.
func TestNilProps(t *testing.T) {
	var p *Props
	if p.Len() != 0 || p.Value(0, "x") != nil || len(p.Map(0)) != 0 || p.HasKey("x") || p.Index(&geojson.Feature{}) != -1 {
		t.Error("nil Props")
	}
}
