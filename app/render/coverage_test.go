package render

import (
	"testing"

	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
)

// TestEveryLabelHasGlyphs sets every text the map can draw, in every
// language, as the map sets it, and finds a glyph of the embedded DejaVu
// faces for every letter (never .notdef): the names of the places,
// countries, seas and lakes of the basemap and of the corridor's ports
// and routes (country names in capitals, as labelled), the flows' labels,
// the blocs, and every word of the legend, year line, scale bar and
// attribution. Georgian Mtavruli capitals, which DejaVu lacks, never
// come up: no label sets Georgian in capitals (upperName is only for
// country names, none of them Georgian).
func TestEveryLabelHasGlyphs(t *testing.T) {
	texts := map[string]bool{}
	add := func(s string) {
		if s != "" {
			texts[s] = true
		}
	}
	for _, src := range data.Sources {
		l, err := data.Open(src.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, detailed := range []bool{true, false} {
			for _, f := range l.Features(detailed) {
				for _, lang := range i18n.All {
					for _, key := range []string{"name", "NAME", "label", "label_branch"} {
						s, _ := f.Properties[i18n.Key(key, lang)].(string)
						if src.ID == "countries" && key == "name" {
							s = upperName(s)
						}
						add(s)
					}
				}
			}
		}
	}
	flows, err := data.Flows()
	if err != nil {
		t.Fatal(err)
	}
	blocs, err := data.Blocs()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range i18n.All {
		for _, fl := range flows {
			add(flowName(fl, lang))
			add(fl.IncludedAsIn(lang))
			for _, v := range fl.Values {
				add(lang.Figure(v.Value, fl.Unit, v.Approximate, float64(v.Year), v.Kind.String()))
			}
		}
		for _, b := range blocs {
			add(b.ShortIn(lang))
		}
		for _, m := range i18n.Words.Messages(lang) {
			add(m)
		}
		add(AttributionTextIn(lang, true, true))
		add(lang.Year(2023.5))
	}
	if len(texts) < 2000 {
		t.Fatalf("only %d texts: the data did not load", len(texts))
	}
	for text := range texts {
		for _, style := range []fontStyle{regular, bold, italic} {
			for _, g := range typeset().set(style, text).glyphs {
				if g.g.id == 0 {
					t.Errorf("%q (style %d) has a letter the fonts lack", text, style)
					break
				}
			}
		}
	}
}
