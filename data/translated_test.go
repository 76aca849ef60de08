package data

import (
	"testing"

	"github.com/corridor-atlas/corridor-atlas/data/i18n"
)

// TestEmbeddedTranslated holds every text the window and the map show
// from the embedded data to having its own words in every language: the
// corridor features' names, labels, notes and capacities, the flows'
// titles, labels, what they measure, scale notes, figure notes and
// periods, and the blocs and the timeline. The English fallback is for
// users' data, not ours. Sources stay as published and are not checked.
func TestEmbeddedTranslated(t *testing.T) {
	langs := i18n.All[1:]
	for _, id := range corridorIDs {
		for _, f := range mustOpen(t, id).Detailed {
			fid, _ := f.Properties["id"].(string)
			for _, key := range []string{"name", "label", "label_branch", "note", "capacity"} {
				if _, ok := f.Properties[key]; !ok {
					continue
				}
				for _, l := range langs {
					if s, _ := f.Properties[i18n.Key(key, l)].(string); s == "" {
						t.Errorf("%s: %s has no %s", fid, key, i18n.Key(key, l))
					}
				}
			}
		}
	}
	flows, err := Flows()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range flows {
		for _, l := range langs {
			for field, en := range map[string]string{"title": f.Title, "short": f.Short, "measures": f.Measures, "scale": f.Scale} {
				if en != "" && !f.Texts.Has(field, l) {
					t.Errorf("flow %s: no %s", f.ID, i18n.Key(field, l))
				}
			}
			if len(f.Notes) > 0 && !f.Texts.Has("notes", l) {
				t.Errorf("flow %s: no %s", f.ID, i18n.Key("notes", l))
			}
			for _, fig := range f.Figures {
				if fig.Note != "" && !fig.Texts.Has("note", l) {
					t.Errorf("flow %s, %v %v: no %s", f.ID, fig.Year, fig.Value, i18n.Key("note", l))
				}
				if fig.Period != "" && !fig.Texts.Has("period", l) {
					t.Errorf("flow %s, %v %v: no %s", f.ID, fig.Year, fig.Value, i18n.Key("period", l))
				}
			}
		}
	}
	blocs, err := Blocs()
	if err != nil {
		t.Fatal(err)
	}
	tl, err := KazakhstanAzerbaijan()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range langs {
		for _, b := range blocs {
			for _, field := range []string{"title", "short", "note"} {
				if !b.Texts.Has(field, l) {
					t.Errorf("bloc %s: no %s", b.ID, i18n.Key(field, l))
				}
			}
			if len(b.Notes) > 0 && !b.Texts.Has("notes", l) {
				t.Errorf("bloc %s: no %s", b.ID, i18n.Key("notes", l))
			}
			for _, m := range b.Members {
				if m.Note != "" && !m.Texts.Has("note", l) {
					t.Errorf("bloc %s, %s: no %s", b.ID, m.Country, i18n.Key("note", l))
				}
			}
		}
		if !tl.Texts.Has("title", l) {
			t.Errorf("timeline: no %s", i18n.Key("title", l))
		}
		for _, e := range tl.Events {
			if !e.Texts.Has("text", l) {
				t.Errorf("timeline %s: no %s", e.Date, i18n.Key("text", l))
			}
		}
	}
}

func TestTranslatedAccessors(t *testing.T) {
	flows, err := Flows()
	if err != nil {
		t.Fatal(err)
	}
	var oil *Flow
	for _, f := range flows {
		if f.ID == "kz-oil-btc" {
			oil = f
		}
	}
	if oil == nil {
		t.Fatal("no kz-oil-btc")
	}
	tests := []struct {
		name, got, want string
	}{
		{"label en", oil.LabelIn(i18n.EN), "Kazakh crude to BTC"},
		{"label de", oil.LabelIn(i18n.DE), "Kasachisches Rohöl in die BTC"},
		{"label ru", oil.LabelIn(i18n.RU), "Казахстанская нефть в БТД"},
		{"period ru", oil.Figures[3].PeriodIn(i18n.RU), "янв.–нояб."},
		{"source stays", oil.Figures[0].Source, "KazTransOil via Trend (MENAFN)"},
		{"kind de", oil.Values[0].Kind.In(i18n.DE), "Ist"},
		{"status word ru", Word(i18n.RU, "status", "under-construction"), "строится"},
		{"unknown word kept", Word(i18n.DE, "kind", "canal-barge"), "canal barge"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}
