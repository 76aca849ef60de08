package window

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data"
)

// maxHits is how many search results the panel lists.
const maxHits = 8

// searchHit is a place or feature a search found.
type searchHit struct {
	name    string // as shown
	where   string // the layer it is in
	layer   *render.Layer
	feature *geojson.Feature
	rank    int // lower is better: corridor first, then prefix matches
}

// searchNames are the properties a feature is found by: English, Russian
// (Cyrillic), the map label, the ASCII spelling and the id.
var searchNames = []string{"name", "NAME", "name_ru", "label", "NAMEASCII", "nameascii", "NAMEALT", "id"}

// diacritics maps the accented letters of the region's Latin spellings
// (Turkish, Azerbaijani, Kazakh, Romanian and the rest of Europe) and
// Cyrillic ё to their plain letters, after lower-casing.
var diacritics = strings.NewReplacer(
	"ı", "i", "i̇", "i", "ş", "s", "ș", "s", "ğ", "g", "ç", "c", "ö", "o", "ü", "u", "ə", "e",
	"â", "a", "ă", "a", "á", "a", "à", "a", "ä", "a", "ã", "a", "å", "a", "î", "i", "í", "i",
	"é", "e", "è", "e", "ê", "e", "ë", "e", "ó", "o", "ò", "o", "ô", "o", "õ", "o", "ú", "u",
	"ù", "u", "û", "u", "ţ", "t", "ț", "t", "ñ", "n", "ń", "n", "ł", "l", "ž", "z", "ź", "z",
	"ż", "z", "č", "c", "ć", "c", "š", "s", "ś", "s", "ř", "r", "ý", "y", "ā", "a", "ē", "e",
	"ī", "i", "ō", "o", "ū", "u", "ё", "е", "ғ", "г", "қ", "к", "ң", "н", "ө", "о", "ұ", "у",
	"ү", "у", "һ", "х", "і", "и",
)

// fold makes names comparable: lower case, diacritics removed, so "kars"
// finds "Kars", "baki" finds "Bakı" and "актау" finds "Актау".
func fold(s string) string {
	return diacritics.Replace(strings.ToLower(strings.TrimSpace(s)))
}

// search finds corridor features, user features and cities whose names
// contain q, best first.
func (a *Atlas) search(q string) []searchHit {
	q = fold(q)
	if len([]rune(q)) < 2 {
		return nil
	}
	var hits []searchHit
	seen := map[string]bool{}
	for _, l := range a.layers {
		var base int
		switch {
		case l.Group == data.Corridor:
			base = 0
		case l.Group == render.UserGroup:
			base = 10
		case l.ID == "cities":
			base = 20
		default:
			continue
		}
		feats := l.Detailed
		if l.Overview != nil {
			feats = append(append([]*geojson.Feature(nil), l.Detailed...), l.Overview...)
		}
		var names []string
		for _, key := range searchNames {
			if l.MayHave(key) {
				names = append(names, key)
			}
		}
		if len(names) == 0 {
			continue // no feature has a name of any kind
		}
		for _, f := range feats {
			if f == nil || f.Geometry == nil {
				continue
			}
			best := -1
			name := ""
			for _, key := range names {
				v, _ := l.Value(f, key).(string)
				if v == "" {
					continue
				}
				if name == "" && key != "id" {
					name = v
				}
				fv := fold(v)
				switch {
				case strings.HasPrefix(fv, q):
					best = 0
				case best < 0 && strings.Contains(fv, q):
					best = 1
				}
			}
			if best < 0 {
				continue
			}
			if name == "" {
				name = l.FeatureID(f)
			}
			c := f.Geometry.Bound().Center()
			key := fmt.Sprintf("%s|%.1f|%.1f", fold(name), c[0], c[1])
			if seen[key] {
				continue // the 10m and 50m files name the same town
			}
			seen[key] = true
			hits = append(hits, searchHit{name: name, where: l.Title, layer: l, feature: f, rank: base + best})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].rank != hits[j].rank {
			return hits[i].rank < hits[j].rank
		}
		return hits[i].name < hits[j].name
	})
	if len(hits) > maxHits {
		hits = hits[:maxHits]
	}
	return hits
}

// flyTo frames a search hit and, for corridor and user features, selects
// it so its facts show.
func (a *Atlas) flyTo(h searchHit) {
	a.cancelFlight()
	b := h.feature.Geometry.Bound()
	if b.Min == b.Max {
		// A point: centre it at town scale, or closer if already closer.
		a.mapv.SetCenterZoom(b.Min, math.Max(a.mapv.View().Zoom, 8))
	} else {
		pad := math.Max(b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]) * 0.15
		a.mapv.FitBound(b.Pad(pad))
	}
	if h.layer.Group != data.Basemap {
		if a.hidden[h.layer.ID] {
			a.setLayerVisible(h.layer.ID, true)
			a.panel.syncChecks()
		}
		a.selectFeature(h.layer, h.feature)
	}
	a.focusMap()
}

// searchBox is the search field and its list of results, at the top of
// the side panel.
type searchBox struct {
	a       *Atlas
	entry   *widget.Entry
	results *fyne.Container
	hits    []searchHit
}

func newSearchBox(a *Atlas) *searchBox {
	s := &searchBox{a: a, entry: widget.NewEntry(), results: container.NewVBox()}
	s.entry.SetPlaceHolder(tr("search.placeholder"))
	s.entry.OnChanged = s.update
	s.entry.OnSubmitted = func(string) {
		if len(s.hits) > 0 {
			s.choose(s.hits[0])
		}
	}
	return s
}

func (s *searchBox) object() fyne.CanvasObject {
	return container.NewVBox(s.entry, s.results)
}

// update lists the hits for the text typed so far.
func (s *searchBox) update(q string) {
	s.hits = s.a.search(q)
	s.results.RemoveAll()
	for _, h := range s.hits {
		hit := h
		b := widget.NewButton(shorten(h.name, 30)+" · "+shorten(h.where, 22), func() { s.choose(hit) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		s.results.Add(b)
	}
	if len(s.hits) == 0 && len([]rune(fold(q))) >= 2 {
		s.results.Add(widget.NewLabel(tr("search.nothing")))
	}
	s.results.Refresh()
}

func (s *searchBox) choose(h searchHit) {
	s.a.flyTo(h)
	s.entry.SetText("")
}
