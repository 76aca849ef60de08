package data

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

var corridorIDs = []string{"titr", "ports", "btc", "fibre", "power", "oil-lane"}

var (
	kinds      = FeatureKinds
	statuses   = Statuses
	precisions = Precisions
	roles      = Roles
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
	}{{"Azerbaijan", 443}, {"Georgia", 249}, {"Türkiye", 1076}} {
		t.Run(c.name, func(t *testing.T) {
			got := byCountry[c.name]
			if d := math.Abs(float64(got/c.km) - 1); d > 0.15 {
				t.Errorf("length in %s = %v, published %v (%.1f %% off)", c.name, got, c.km, d*100)
			}
		})
	}
}

// drawnFigures are the figures the map draws, as the fact sheet's
// revision and the sources the data names give them.
var drawnFigures = map[string][]Figure{
	"kz-oil-btc": {{Year: 2023, Value: 1.392, Kind: Actual}, {Year: 2024, Value: 1.4, Kind: Actual, Approximate: true},
		{Year: 2025, Value: 1.5, Kind: Actual, Approximate: true}, {Year: 2026, Value: 1.5, Kind: Plan}},
	"titr-cargo": {{Year: 2019, Value: 0.759}, {Year: 2020, Value: 0.783}, {Year: 2021, Value: 0.586}, {Year: 2022, Value: 1.485},
		{Year: 2023, Value: 2.764}, {Year: 2024, Value: 4.484}, {Year: 2025, Value: 4.119}},
	"btk-rail":   {{Year: 2020, Value: 0.397}, {Year: 2022, Value: 0.432}},
	"kz-uranium": {{Year: 2022, Value: 0.0022, Approximate: true}, {Year: 2023, Value: 0.0023, Approximate: true}},
}

// inFacts are the drawn figures the fact sheet's revision gives in
// words: each must appear there, so a correction to the sheet that the
// data does not follow fails here.
var inFacts = map[string][]string{
	"kz-oil-btc": {"1.392 Mt", "1.057 Mt", "≈ 1.4–1.5 Mt", "≈ 1.5 Mt", "2026 plan 1.5 Mt", "63.8 Mt"},
	"titr-cargo": {"2019 0.759", "2020 0.783", "**2021 0.586**", "2022 1.485", "2023 2.764", "2024 4.484", "**2025 4.119 actual**"},
	"btk-rail":   {"0.432 Mt in 2022"},
}

func TestFlowsMatchFacts(t *testing.T) {
	flows, err := Flows()
	if err != nil {
		t.Fatal(err)
	}
	facts, err := ReadFile("licenses/FACTS.md")
	if err != nil {
		t.Fatal(err)
	}
	revision, _, _ := strings.Cut(string(facts), "## Coordinates")
	if !strings.Contains(revision, "REVISION 2026-11-29") {
		t.Fatal("the embedded fact sheet has no 2026-11-29 revision")
	}
	feats := corridorFeatures(t)
	if len(flows) != len(drawnFigures) {
		t.Errorf("%d flows, want %d", len(flows), len(drawnFigures))
	}
	for _, f := range flows {
		t.Run(f.ID, func(t *testing.T) {
			w, ok := drawnFigures[f.ID]
			if !ok {
				t.Fatalf("unexpected flow %q", f.ID)
			}
			if len(f.Values) != len(w) {
				t.Fatalf("%d drawn figures, want %d", len(f.Values), len(w))
			}
			for i, v := range f.Values {
				if v.Year != w[i].Year || v.Value != w[i].Value || v.Kind != w[i].Kind || v.Approximate != w[i].Approximate {
					t.Errorf("figure %d = %v %v %v ≈%v, want %v %v %v ≈%v", i, v.Year, v.Value, v.Kind, v.Approximate, w[i].Year, w[i].Value, w[i].Kind, w[i].Approximate)
				}
			}
			for _, s := range inFacts[f.ID] {
				if !strings.Contains(revision, s) {
					t.Errorf("the fact sheet's revision does not say %q", s)
				}
			}
			if f.Unit != "Mt/yr" || f.Short == "" || f.Measures == "" {
				t.Errorf("unit %q, short %q, measures %q: all are needed", f.Unit, f.Short, f.Measures)
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
}

// TestFlowsDrawnWhereMeasured holds each flow to the stretch its figures
// measure: the TITR total through Kazakhstan only across the Caspian, in
// both directions; the crude from Aktau by tanker into BTC; the BTK
// tonnage only on the line built for it.
func TestFlowsDrawnWhereMeasured(t *testing.T) {
	flows, err := Flows()
	if err != nil {
		t.Fatal(err)
	}
	paths := map[string]string{}
	dirs := map[string]string{}
	for _, f := range flows {
		var ids []string
		for _, s := range f.Path {
			ids = append(ids, s.Feature)
		}
		paths[f.ID] = strings.Join(ids, " ")
		dirs[f.ID] = f.Direction
	}
	want := []struct{ flow, path, dir string }{
		{"titr-cargo", "titr-ferry-aktau-alat", BothWays},
		{"kz-oil-btc", "oil-lane-aktau-sangachal btc-pipeline", OneWay},
		{"btk-rail", "titr-btk", BothWays},
		{"kz-uranium", "titr-ferry-aktau-alat titr-rail-az titr-rail-ge-east titr-rail-ge-west", OneWay},
	}
	for _, w := range want {
		if paths[w.flow] != w.path || dirs[w.flow] != w.dir {
			t.Errorf("%s runs %q %s, want %q %s", w.flow, paths[w.flow], dirs[w.flow], w.path, w.dir)
		}
	}
}

// TestLineLengthsMatchPublished recomputes each line's geodesic length and
// holds it within 10 % of the published length it carries, for the whole
// line (length_km) and for the stretches between named places it gives
// (sections).
func TestLineLengthsMatchPublished(t *testing.T) {
	places := map[string]orb.Point{"Dostyk": {82.4839, 45.2522}, "Moyynty": {73.3669, 47.2211}}
	checked := 0
	for id, f := range corridorFeatures(t) {
		ls, ok := f.Geometry.(orb.LineString)
		if !ok {
			continue
		}
		if v, ok := f.Properties["length_km"].(float64); ok {
			checked++
			if d := math.Abs(float64(geo.Length(ls))/v - 1); d > 0.10 {
				t.Errorf("%s: %v on the map, published %v km (%.1f %% off)", id, geo.Length(ls), v, d*100)
			}
		}
		secs, _ := f.Properties["sections"].([]any)
		for _, s := range secs {
			sec := s.(map[string]any)
			from, to := places[sec["from"].(string)], places[sec["to"].(string)]
			i, j := nearestVertex(ls, from), nearestVertex(ls, to)
			if i > j {
				i, j = j, i
			}
			got := geo.Length(ls[i : j+1])
			want := sec["km"].(float64)
			checked++
			if d := math.Abs(float64(got)/want - 1); d > 0.10 {
				t.Errorf("%s: %s–%s is %v on the map, published %v km (%.1f %% off)", id, sec["from"], sec["to"], got, want, d*100)
			}
		}
	}
	if checked < 3 {
		t.Errorf("only %d published lengths checked", checked)
	}
}

func nearestVertex(ls orb.LineString, p orb.Point) int {
	best, at := math.Inf(1), 0
	for i, q := range ls {
		if d := float64(geo.Distance(p, q)); d < best {
			best, at = d, i
		}
	}
	return at
}

// TestLanesKeepClearOfOilRocks: the sea lanes pass Neft Daşları, the
// offshore oil town east of Absheron, at a distance a ship would keep.
func TestLanesKeepClearOfOilRocks(t *testing.T) {
	oilRocks := orb.Point{50.858, 40.236}
	for id, f := range corridorFeatures(t) {
		k := f.Properties["kind"]
		if k != "ferry-lane" && k != "tanker-lane" {
			continue
		}
		ls := f.Geometry.(orb.LineString)
		for i := 1; i < len(ls); i++ {
			for _, p := range geo.GreatCircle(ls[i-1], ls[i], 1) {
				if d := geo.Distance(p, oilRocks); d < 10 {
					t.Errorf("%s passes %v from Neft Daşları", id, d)
					break
				}
			}
		}
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
