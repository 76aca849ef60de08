package data

import (
	"math"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

var corridorIDs = []string{"titr", "ports", "btc", "fibre", "power", "oil-lane"}

var (
	kinds      = []string{"rail", "ferry-lane", "tanker-lane", "pipeline", "fibre-cable", "power-cable", "port", "terminal", "border-crossing", "pump-station"}
	statuses   = []string{"operating", "under-construction", "planned"}
	precisions = []string{"surveyed", "approximate", "schematic"}
	roles      = []string{"ferry", "rail-ferry", "container", "oil", "general-cargo"}
)

func mustOpen(t *testing.T, id string) *Layer {
	t.Helper()
	l, err := Open(id)
	if err != nil {
		t.Fatalf("open %s: %v", id, err)
	}
	return l
}

func corridorFeatures(t *testing.T) map[string]*geojson.Feature {
	t.Helper()
	all := map[string]*geojson.Feature{}
	for _, id := range corridorIDs {
		for _, f := range mustOpen(t, id).Detailed {
			fid, _ := f.Properties["id"].(string)
			if _, dup := all[fid]; dup {
				t.Errorf("duplicate feature id %q", fid)
			}
			all[fid] = f
		}
	}
	return all
}

func TestEveryEmbeddedLayerParses(t *testing.T) {
	for _, s := range Sources {
		t.Run(s.ID, func(t *testing.T) {
			l := mustOpen(t, s.ID)
			if len(l.Detailed) == 0 {
				t.Error("no features")
			}
			if s.Overview != "" && len(l.Overview) == 0 {
				t.Error("no overview features")
			}
		})
	}
	for _, id := range append(slices.Clone(corridorIDs), "countries", "borders", "coastline", "lakes", "rivers", "seas", "cities", "seaports") {
		if _, ok := SourceByID(id); !ok {
			t.Errorf("layer id %q missing from the contract", id)
		}
	}
}

func TestCorridorFeatureProperties(t *testing.T) {
	for _, id := range corridorIDs {
		for _, f := range mustOpen(t, id).Detailed {
			p := f.Properties
			fid, _ := p["id"].(string)
			t.Run(id+"/"+fid, func(t *testing.T) {
				if fid == "" || f.ID != fid {
					t.Errorf("id %q and GeoJSON id %v must be set and equal", fid, f.ID)
				}
				for _, key := range []string{"name", "source"} {
					if s, _ := p[key].(string); s == "" {
						t.Errorf("missing %s", key)
					}
				}
				check := func(key string, allowed []string) {
					if s, _ := p[key].(string); !slices.Contains(allowed, s) {
						t.Errorf("%s = %q, want one of %v", key, s, allowed)
					}
				}
				check("kind", kinds)
				check("status", statuses)
				check("precision", precisions)
				if k := p["kind"]; k == "port" || k == "terminal" {
					check("role", roles)
				}
				if v, ok := p["length_km"]; ok {
					if n, ok := v.(float64); !ok || n <= 0 {
						t.Errorf("length_km %v is not a positive number", v)
					}
				}
				if f.Geometry == nil {
					t.Fatal("no geometry")
				}
				for _, pt := range allPoints(f.Geometry) {
					if !geo.Region.Contains(pt) {
						t.Errorf("point %v outside the region", pt)
					}
				}
			})
		}
	}
}

func allPoints(g orb.Geometry) []orb.Point {
	switch g := g.(type) {
	case orb.Point:
		return []orb.Point{g}
	case orb.LineString:
		return g
	case orb.MultiLineString:
		var out []orb.Point
		for _, ls := range g {
			out = append(out, ls...)
		}
		return out
	}
	return nil
}

func TestLanesRunBetweenPortsOverWater(t *testing.T) {
	var ports []orb.Point
	for _, f := range mustOpen(t, "ports").Detailed {
		ports = append(ports, f.Geometry.(orb.Point))
	}
	land := mustOpen(t, "countries").Detailed
	nearPort := func(p orb.Point) bool {
		for _, q := range ports {
			if geo.Distance(p, q) <= 5 {
				return true
			}
		}
		return false
	}
	for _, f := range corridorFeatures(t) {
		kind := f.Properties["kind"]
		if kind != "ferry-lane" && kind != "tanker-lane" {
			continue
		}
		ls := f.Geometry.(orb.LineString)
		t.Run(f.Properties["id"].(string), func(t *testing.T) {
			if !nearPort(ls[0]) || !nearPort(ls[len(ls)-1]) {
				t.Errorf("lane ends %v, %v are not both within 5 km of a port", ls[0], ls[len(ls)-1])
			}
			for i := 1; i < len(ls); i++ {
				for _, p := range geo.GreatCircle(ls[i-1], ls[i], 2) {
					if geo.Distance(p, ls[0]) <= 5 || geo.Distance(p, ls[len(ls)-1]) <= 5 {
						continue
					}
					if c := countryAt(land, p); c != "" {
						t.Fatalf("lane crosses land in %s at %v", c, p)
					}
				}
			}
		})
	}
}

func countryAt(countries []*geojson.Feature, p orb.Point) string {
	for _, c := range countries {
		var in bool
		switch g := c.Geometry.(type) {
		case orb.Polygon:
			in = planar.PolygonContains(g, p)
		case orb.MultiPolygon:
			in = planar.MultiPolygonContains(g, p)
		}
		if in {
			name, _ := c.Properties["name"].(string)
			return name
		}
	}
	return ""
}

func TestBTCLength(t *testing.T) {
	btc := corridorFeatures(t)["btc-pipeline"]
	if btc == nil {
		t.Fatal("no btc-pipeline feature")
	}
	ls := btc.Geometry.(orb.LineString)
	total := geo.Length(ls)
	if d := math.Abs(float64(total)/1768 - 1); d > 0.10 {
		t.Errorf("BTC geodesic length %v is %.1f %% off the published 1,768 km", total, d*100)
	}
	land := mustOpen(t, "countries").Detailed
	byCountry := map[string]geo.Km{}
	for i := 1; i < len(ls); i++ {
		pts := geo.GreatCircle(ls[i-1], ls[i], 1)
		for j := 1; j < len(pts); j++ {
			mid := geo.Interpolate(pts[j-1], pts[j], 0.5)
			byCountry[countryAt(land, mid)] += geo.Distance(pts[j-1], pts[j])
		}
	}
	for _, c := range []struct {
		name string
		km   geo.Km
	}{{"Azerbaijan", 443}, {"Georgia", 249}, {"Turkey", 1076}} {
		t.Run(c.name, func(t *testing.T) {
			got := byCountry[c.name]
			if d := math.Abs(float64(got/c.km) - 1); d > 0.15 {
				t.Errorf("length in %s = %v, published %v (%.1f %% off)", c.name, got, c.km, d*100)
			}
		})
	}
}

func TestFlowsMatchFacts(t *testing.T) {
	flows, err := Flows()
	if err != nil {
		t.Fatal(err)
	}
	feats := corridorFeatures(t)
	want := map[string][]Figure{
		"kz-oil-btc": {{Year: 2023, Value: 1.057, Kind: Actual}, {Year: 2024, Value: 1.5, Kind: Plan}},
		"titr-cargo": {{Year: 2021, Value: 0.8, Kind: Actual}, {Year: 2022, Value: 1.5, Kind: Actual},
			{Year: 2023, Value: 2.76, Kind: Actual}, {Year: 2024, Value: 4.5, Kind: Actual}, {Year: 2025, Value: 5.2, Kind: Forecast}},
	}
	if len(flows) != len(want) {
		t.Errorf("%d flows, want %d", len(flows), len(want))
	}
	for _, f := range flows {
		t.Run(f.ID, func(t *testing.T) {
			w, ok := want[f.ID]
			if !ok {
				t.Fatalf("unexpected flow %q", f.ID)
			}
			if len(f.Values) != len(w) {
				t.Fatalf("%d figures, want %d", len(f.Values), len(w))
			}
			for i, v := range f.Values {
				if v.Year != w[i].Year || v.Value != w[i].Value || v.Kind != w[i].Kind {
					t.Errorf("figure %d = %v %v %v, want %v %v %v", i, v.Year, v.Value, v.Kind, w[i].Year, w[i].Value, w[i].Kind)
				}
				if v.Source == "" {
					t.Errorf("figure %v has no source", v.Year)
				}
			}
			if f.Unit != "Mt/yr" {
				t.Errorf("unit %q", f.Unit)
			}
			// The path exists and is continuous in the flow's direction.
			var prevEnd *orb.Point
			for _, st := range f.Path {
				ft := feats[st.Feature]
				if ft == nil {
					t.Fatalf("path feature %q does not exist", st.Feature)
				}
				ls, ok := ft.Geometry.(orb.LineString)
				if !ok {
					t.Fatalf("path feature %q is not a line", st.Feature)
				}
				start, end := ls[0], ls[len(ls)-1]
				if st.Reverse() {
					start, end = end, start
				}
				if prevEnd != nil && geo.Distance(*prevEnd, start) > 1 {
					t.Errorf("gap of %v before %q", geo.Distance(*prevEnd, start), st.Feature)
				}
				prevEnd = &end
			}
		})
	}
	oil := flows[slices.IndexFunc(flows, func(f *Flow) bool { return f.ID == "kz-oil-btc" })]
	if oil.Path[0].Feature != "oil-lane-aktau-sangachal" || oil.Path[len(oil.Path)-1].Feature != "btc-pipeline" {
		t.Errorf("oil flow path %v must run oil-lane then btc", oil.Path)
	}
	if max := MaxByUnit(flows)["Mt/yr"]; max != 5.2 {
		t.Errorf("max Mt/yr = %v, want 5.2", max)
	}
}

// TestNoClipBands: no polygon edge of an embedded layer crosses the whole
// extract from its east side to its west side, the trace of a ring that
// crossed the antimeridian and was clipped without being split (the
// overview's Russia had three, drawn as bands across the Arctic).
func TestNoClipBands(t *testing.T) {
	for _, s := range Sources {
		l, err := Open(s.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, feats := range [][]*geojson.Feature{l.Detailed, l.Overview} {
			var box orb.Bound
			for i, f := range feats {
				if f.Geometry == nil {
					continue
				}
				if i == 0 {
					box = f.Geometry.Bound()
				}
				box = box.Union(f.Geometry.Bound())
			}
			for _, f := range feats {
				var rings []orb.Ring
				switch g := f.Geometry.(type) {
				case orb.Polygon:
					rings = g
				case orb.MultiPolygon:
					for _, p := range g {
						rings = append(rings, p...)
					}
				}
				for _, r := range rings {
					for i := 1; i < len(r); i++ {
						a, b := r[i-1][0], r[i][0]
						if (a == box.Min[0] && b == box.Max[0]) || (a == box.Max[0] && b == box.Min[0]) {
							t.Errorf("%s: %v: an edge from %v to %v crosses the whole layer", s.ID, f.Properties["name"], r[i-1], r[i])
						}
					}
				}
			}
		}
	}
}

// TestRepairClipBands: a run of vertices on the clip box's west side
// entered and left by edges from its east side is dropped; a ring that was
// nothing but such a band goes; a ring that only touches the west side
// keeps it.
func TestRepairClipBands(t *testing.T) {
	box := orb.Bound{Min: orb.Point{-10, 15}, Max: orb.Point{125, 72}}
	tests := []struct {
		name string
		in   orb.Polygon
		want orb.Polygon
	}{
		{"band in a ring",
			orb.Polygon{{{125, 53}, {100, 60}, {125, 72}, {125, 69}, {-10, 69}, {-10, 65}, {125, 65}, {125, 53}}},
			orb.Polygon{{{125, 53}, {100, 60}, {125, 72}, {125, 69}, {125, 65}, {125, 53}}}},
		{"only a band", orb.Polygon{{{125, 71.5}, {-10, 71.5}, {-10, 71}, {125, 71}, {125, 71.5}}}, nil},
		{"run across the ring's start",
			orb.Polygon{{{-10, 69}, {-10, 65}, {125, 65}, {125, 53}, {100, 60}, {125, 69}, {-10, 69}}},
			orb.Polygon{{{125, 65}, {125, 53}, {100, 60}, {125, 69}, {125, 65}}}},
		{"legitimate west side", orb.Polygon{{{-10, 50}, {0, 50}, {0, 55}, {-10, 55}, {-10, 50}}},
			orb.Polygon{{{-10, 50}, {0, 50}, {0, 55}, {-10, 55}, {-10, 50}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := geojson.NewFeature(tt.in)
			repairClipBands([]*geojson.Feature{f}, box)
			if tt.want == nil {
				if f.Geometry != nil {
					t.Fatalf("kept %v", f.Geometry)
				}
				return
			}
			if !orb.Equal(f.Geometry, tt.want) {
				t.Fatalf("got %v, want %v", f.Geometry, tt.want)
			}
		})
	}
}
