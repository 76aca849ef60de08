package data

import (
	"testing"

	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/data/i18n"
)

// nameIn finds the feature of layer id named en (at the given detail) and
// returns its name in l, as the map would show it.
func nameIn(t *testing.T, id, en string, detailed bool, l i18n.Lang) string {
	t.Helper()
	for _, f := range mustOpen(t, id).Features(detailed) {
		name, _ := f.Properties["NAME"].(string)
		if name == "" {
			name, _ = f.Properties["name"].(string)
		}
		if name == en {
			return textIn(f, l)
		}
	}
	t.Fatalf("%s: no feature named %q", id, en)
	return ""
}

func textIn(f *geojson.Feature, l i18n.Lang) string {
	if s, _ := f.Properties[i18n.Key("name", l)].(string); s != "" {
		return s
	}
	s, _ := f.Properties["name"].(string)
	return s
}

func TestBasemapNames(t *testing.T) {
	tests := []struct {
		layer, en string
		detailed  bool
		l         i18n.Lang
		want      string
	}{
		{"cities", "Baku", true, i18n.RU, "Баку"},
		{"cities", "Tbilisi", true, i18n.DE, "Tiflis"},
		{"cities", "Tbilisi", false, i18n.DE, "Tiflis"},
		{"cities", "Makhachkala", true, i18n.DE, "Machatschkala"},
		{"cities", "Kyiv", true, i18n.DE, "Kyjiw"},
		{"cities", "Kyiv", false, i18n.RU, "Киев"},
		{"cities", "Khankendi", true, i18n.RU, "Ханкенди"},
		{"cities", "Konaev", true, i18n.DE, "Qonajew"},
		{"cities", "Almaty", true, i18n.RU, "Алматы"},
		{"countries", "Kazakhstan", true, i18n.DE, "Kasachstan"},
		{"countries", "Kazakhstan", false, i18n.RU, "Казахстан"},
		{"countries", "Türkiye", true, i18n.DE, "Türkei"},
		{"countries", "Türkiye", true, i18n.RU, "Турция"},
		{"countries", "North Macedonia", false, i18n.DE, "Nordmazedonien"},
		{"countries", "Georgia", true, i18n.RU, "Грузия"},
		{"seas", "Caspian Sea", true, i18n.RU, "Каспийское море"},
		{"seas", "Black Sea", false, i18n.DE, "Schwarzes Meer"},
		{"lakes", "Lake Balkhash", true, i18n.DE, "Balchaschsee"},
	}
	for _, tt := range tests {
		t.Run(tt.layer+"/"+tt.en+"/"+string(tt.l), func(t *testing.T) {
			if got := nameIn(t, tt.layer, tt.en, tt.detailed, tt.l); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCountriesTable holds the country table to the countries layer: each
// country the basemap draws and labels has a row, so none falls back to
// English in German or Russian by mistake.
func TestCountriesTable(t *testing.T) {
	for _, detailed := range []bool{true, false} {
		for _, f := range mustOpen(t, "countries").Features(detailed) {
			for _, l := range i18n.All[1:] {
				if _, ok := f.Properties[i18n.Key("name", l)].(string); !ok {
					t.Errorf("%v has no name in %s", f.Properties["name"], l)
				}
			}
		}
	}
}
