package window

import (
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/app/render"
)

func TestSearch(t *testing.T) {
	a := newTestAtlas(t, 900, 600)
	tests := []struct {
		name    string
		query   string
		wantID  string // a corridor feature id among the hits, or ""
		wantHit string // a name among the hits, or ""
		none    bool
	}{
		{"Latin, lower case", "sangachal", "terminal-sangachal", "", false},
		{"Cyrillic", "актау", "port-aktau", "", false},
		{"Cyrillic, upper case", "КУРЫК", "port-kuryk", "", false},
		{"city without its accents", "kirklareli", "", "Kırklareli", false},
		{"a renamed city by its old name", "Kiev", "", "Kyiv", false},
		{"Khankendi by its Soviet name", "stepanakert", "", "Khankendi", false},
		{"a misspelling put right", "Sevastopol", "", "Sevastopol", false},
		{"Baku in Latin", "Baku", "", "Baku", false},
		{"Baku in Cyrillic", "Баку", "", "Baku", false},
		{"Baku in Azerbaijani", "Bakı", "", "Baku", false},
		{"Tbilisi by its German name", "Tiflis", "", "Tbilisi", false},
		{"a cable by its Russian name", "Казахстан", "power-kz-az", "", false},
		{"Aktau in Kazakh Latin", "Aqtau", "port-aktau", "", false},
		{"a port by its German name", "Seehandelshafen", "port-aktau", "", false},
		{"Almaty by its Russian name", "Алматы", "", "Almaty", false},
		{"nothing", "zzqx", "", "", true},
		{"one letter is too short", "a", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits := a.search(tt.query)
			if tt.none {
				if len(hits) > 0 {
					t.Errorf("search %q found %d hits, want none", tt.query, len(hits))
				}
				return
			}
			found := false
			for _, h := range hits {
				if (tt.wantID != "" && render.FeatureID(h.feature) == tt.wantID) || (tt.wantHit != "" && h.name == tt.wantHit) {
					found = true
				}
			}
			if !found {
				var names []string
				for _, h := range hits {
					names = append(names, h.name)
				}
				t.Errorf("search %q found %v, want %q%q", tt.query, names, tt.wantID, tt.wantHit)
			}
		})
	}
}

// TestSearchFirstHit holds the spellings of one city to finding it first.
func TestSearchFirstHit(t *testing.T) {
	a := newTestAtlas(t, 900, 600)
	for _, q := range []string{"Baku", "Баку", "Bakı", "baki", "БАКУ"} {
		hits := a.search(q)
		var city *searchHit
		for i := range hits {
			if hits[i].layer.ID == "cities" {
				city = &hits[i]
				break
			}
		}
		if city == nil || city.name != "Baku" {
			t.Errorf("search %q: first town %+v", q, city)
		}
	}
}

// TestSearchShowsTheWindowsLanguage lists a town by its name in the
// window's language, whatever language it was found in.
func TestSearchShowsTheWindowsLanguage(t *testing.T) {
	inEnglish(t)
	a := newTestAtlas(t, 900, 600)
	if err := a.setLanguage("ru"); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range a.search("Tbilisi") {
		if h.name == "Тбилиси" && h.where == "Города" {
			found = true
		}
	}
	if !found {
		t.Errorf("search Tbilisi in Russian: %+v", a.search("Tbilisi"))
	}
}

func TestSearchFliesToAndSelects(t *testing.T) {
	a := newTestAtlas(t, 900, 600)
	a.panel.search.entry.SetText("Sangachal")
	if len(a.panel.search.hits) == 0 {
		t.Fatal("no hits listed")
	}
	a.panel.search.entry.OnSubmitted(a.panel.search.entry.Text)
	if got := a.sel.id(); got != "terminal-sangachal" {
		t.Fatalf("selected %q", got)
	}
	v := a.mapv.View()
	p := v.ToPixel(orb.Point{49.48, 40.2})
	if !near(p, orb.Point{float64(v.Width) / 2, float64(v.Height) / 2}, 5) || v.Zoom < 8 {
		t.Errorf("Sangachal at %v in a %d×%d map at zoom %.1f", p, v.Width, v.Height, v.Zoom)
	}
	if a.panel.search.entry.Text != "" || !strings.Contains(a.info.heading, "Sangachal") {
		t.Errorf("entry %q, info %q", a.panel.search.entry.Text, a.info.heading)
	}
}
