package data

import (
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

// countryOf names the country feature holding p.
func countryOf(feats []*geojson.Feature, p orb.Point) string {
	for _, f := range feats {
		var in bool
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			in = planar.PolygonContains(g, p)
		case orb.MultiPolygon:
			in = planar.MultiPolygonContains(g, p)
		}
		if in {
			name, _ := f.Properties["name"].(string)
			return name
		}
	}
	return ""
}

func TestBorderPolicyInTheBasemap(t *testing.T) {
	countries := mustOpen(t, "countries")
	places := []struct {
		name string
		at   orb.Point
		want string
	}{
		{"Simferopol (Crimea)", orb.Point{34.10, 44.95}, "Ukraine"},
		{"Sevastopol (Crimea)", orb.Point{33.52, 44.60}, "Ukraine"},
		{"Kerch (Crimea)", orb.Point{36.47, 45.36}, "Ukraine"},
		{"Krasnodar (Russia)", orb.Point{38.98, 45.04}, "Russia"},
		{"Sukhumi (Abkhazia)", orb.Point{41.02, 43.00}, "Georgia"},
		{"Tskhinvali (South Ossetia)", orb.Point{43.96, 42.23}, "Georgia"},
		{"Khankendi (Karabakh)", orb.Point{46.75, 39.82}, "Azerbaijan"},
		{"Kyrenia (north of Cyprus)", orb.Point{33.32, 35.33}, "Cyprus"},
		{"Baikonur", orb.Point{63.31, 45.62}, "Kazakhstan"},
	}
	for _, level := range []struct {
		name  string
		feats []*geojson.Feature
	}{{"1:10m", countries.Detailed}, {"1:50m", countries.Overview}} {
		for _, p := range places {
			t.Run(level.name+"/"+p.name, func(t *testing.T) {
				if got := countryOf(level.feats, p.at); got != p.want {
					t.Errorf("in %q, want %q", got, p.want)
				}
			})
		}
		t.Run(level.name+"/no country label for units the policy folds in", func(t *testing.T) {
			for _, f := range level.feats {
				if n, _ := f.Properties["name"].(string); foldInto[n] != "" {
					t.Errorf("%q is still a country", n)
				}
			}
		})
	}
}

// The overview draws borders as the outlines of the country polygons: a
// folded unit joined to its state leaves no outline along the old border.
func TestFoldedUnitsLeaveNoOverviewBorder(t *testing.T) {
	ua := feature(t, mustOpen(t, "borders").Overview, "Ukraine")
	perekop := orb.Point{33.7, 46.15} // the isthmus joining Crimea to the mainland
	for _, poly := range asMulti(ua.Geometry) {
		for i := 1; i < len(poly[0]); i++ {
			a, b := poly[0][i-1], poly[0][i]
			if planar.DistanceFromSegment(a, b, perekop) < 0.05 {
				t.Fatalf("Ukraine's overview outline still runs along the Perekop line at %v–%v", a, b)
			}
		}
	}
	if ring := len(asMulti(feature(t, mustOpen(t, "borders").Overview, "Cyprus").Geometry)); ring != 1 {
		t.Errorf("Cyprus has %d overview polygons, want 1 (north and south joined)", ring)
	}
}

func feature(t *testing.T, feats []*geojson.Feature, name string) *geojson.Feature {
	t.Helper()
	for _, f := range feats {
		if f.Properties["name"] == name {
			return f
		}
	}
	t.Fatalf("no feature %q", name)
	return nil
}

func TestCurrentNamesKeepTheOldOnesFindable(t *testing.T) {
	cities := mustOpen(t, "cities")
	for _, c := range []struct{ now, old string }{
		{"Kyiv", "Kiev"}, {"Sevastopol", "Sevastapol"}, {"Şirvan", "Ali Bayramli"}, {"Khankendi", "Stepanakert"}, {"Sumqayıt", "Sumqayt"},
	} {
		t.Run(c.now, func(t *testing.T) {
			found := false
			for _, f := range cities.Detailed {
				if f.Properties["NAME"] == c.now {
					found = true
					if alt, _ := f.Properties["NAMEALT"].(string); alt != c.old && !slices.Contains([]string{c.old}, alt) {
						t.Errorf("alternate name %q, want %q", alt, c.old)
					}
				}
				if f.Properties["NAME"] == c.old {
					t.Errorf("%q is still on the map", c.old)
				}
			}
			if !found {
				t.Errorf("no city named %q", c.now)
			}
		})
	}
	if feature(t, mustOpen(t, "countries").Detailed, "Türkiye") == nil {
		t.Error("no Türkiye")
	}
}

func TestDisputedLinesLayer(t *testing.T) {
	l := mustOpen(t, "disputed")
	want := map[string]bool{"Crimea: line of control": false, "Abkhazia: breakaway line": false,
		"South Ossetia: breakaway line": false, "Transnistria: breakaway line": false}
	cyprus := false
	for _, f := range l.Detailed {
		name, _ := f.Properties["name"].(string)
		if _, ok := want[name]; ok {
			want[name] = true
		}
		if len(name) > 6 && name[:6] == "Cyprus" {
			cyprus = true
		}
		for _, k := range []string{"kind", "note", "source"} {
			if s, _ := f.Properties[k].(string); s == "" {
				t.Errorf("%q has no %s", name, k)
			}
		}
	}
	for name, ok := range want {
		if !ok {
			t.Errorf("no %q", name)
		}
	}
	if !cyprus {
		t.Error("no Cyprus ceasefire line")
	}
	// The borders layer no longer draws them as borders.
	for _, f := range mustOpen(t, "borders").Detailed {
		if cla, _ := f.Properties["featurecla"].(string); cla != "" && cla[:13] != "International" {
			t.Errorf("borders still has a %q line", cla)
		}
	}
	if !DisputedInView(orb.Bound{Min: orb.Point{30, 40}, Max: orb.Point{40, 48}}) || DisputedInView(orb.Bound{Min: orb.Point{60, 40}, Max: orb.Point{70, 48}}) {
		t.Error("DisputedInView: Crimea's box is in the first view and none is in the second")
	}
}
