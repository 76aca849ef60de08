package window

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
)

// maxHits is how many search results the panel lists.
const maxHits = 8

// searchHit is a place or feature a search found.
type searchHit struct {
	name    string // as shown: in the window's language
	where   string // the layer it is in
	layer   *render.Layer
	feature *geojson.Feature
	rank    int     // lower is better: corridor first, then prefix matches, then near spellings
	size    float64 // a town's population: the bigger first among equals
}

// searchNames are the properties a feature is found by: its name in
// every language the app speaks (name, name_de, name_ru…), the map label
// in each, Natural Earth's names (NAME, the ASCII spelling, the old
// names) and the id.
var searchNames = func() []string {
	var out []string
	for _, base := range []string{"name", "label"} {
		for _, l := range i18n.All {
			out = append(out, i18n.Key(base, l))
		}
	}
	return append(out, "NAME", "NAMEASCII", "nameascii", "NAMEALT", "id")
}()

// fold makes names comparable: lower case, diacritics removed.
func fold(s string) string { return i18n.Fold(s) }

// search finds corridor features, user features and cities whose names in
// any language contain q (in any script: Baku, Баку), or whose spelling
// is a transliteration of it but for a letter (Bakı, Aqtau), best first:
// the corridor, then the user's data, then towns; whole matches before
// near spellings; the bigger town first.
func (a *Atlas) search(q string) []searchHit {
	fq := fold(q)
	if len([]rune(fq)) < 2 {
		return nil
	}
	sq := i18n.Skeleton(q)
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
			base = 20 // matchName's ranks stay below 10
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
		var cache map[*geojson.Feature][]nameKey
		if l.Group != render.UserGroup {
			if c, ok := searchKeys.Load(l.ID); ok {
				cache = c.(map[*geojson.Feature][]nameKey)
			} else {
				cache = make(map[*geojson.Feature][]nameKey, len(feats))
				for _, f := range feats {
					if f != nil {
						cache[f] = namesOf(l, f, names)
					}
				}
				searchKeys.Store(l.ID, cache)
			}
		}
		for _, f := range feats {
			if f == nil || f.Geometry == nil {
				continue
			}
			var keys []nameKey
			if cache != nil {
				keys = cache[f]
			} else {
				keys = namesOf(l, f, names)
			}
			best := -1
			for i := range keys {
				if r := matchName(fq, sq, &keys[i]); r >= 0 && (best < 0 || r < best) {
					best = r
				}
			}
			if best < 0 {
				continue
			}
			name := nameIn(l, f, uiLang)
			if name == "" {
				name = l.FeatureID(f)
			}
			c := f.Geometry.Bound().Center()
			key := fmt.Sprintf("%s|%.1f|%.1f", fold(name), c[0], c[1])
			if seen[key] {
				continue // the 10m and 50m files name the same town
			}
			seen[key] = true
			pop, _ := l.Value(f, "POP_MAX").(float64)
			if pop == 0 {
				pop, _ = l.Value(f, "pop_max").(float64)
			}
			hits = append(hits, searchHit{name: name, where: layerTitle(l), layer: l, feature: f, rank: base + best, size: pop})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].rank != hits[j].rank {
			return hits[i].rank < hits[j].rank
		}
		if hits[i].size != hits[j].size {
			return hits[i].size > hits[j].size
		}
		return hits[i].name < hits[j].name
	})
	if len(hits) > maxHits {
		hits = hits[:maxHits]
	}
	return hits
}

// nameKey is a name prepared for matching: folded and reduced to its
// skeleton, whole and word by word.
type nameKey struct {
	fold, skel   string
	wfold, wskel []string
}

func newNameKey(name string) nameKey {
	k := nameKey{fold: fold(name), skel: i18n.Skeleton(name)}
	for _, w := range strings.FieldsFunc(name, func(r rune) bool {
		return r == ' ' || r == '-' || r == '–' || r == '—' || r == '(' || r == ';' || r == '/'
	}) {
		k.wfold = append(k.wfold, fold(w))
		k.wskel = append(k.wskel, i18n.Skeleton(w))
	}
	return k
}

// matchName ranks how a name answers a query folded to fq and reduced to
// the skeleton sq: 0 when it begins with the query (in its spelling or
// its transliteration), 1 when one of its words does, 2 when one of its
// words begins with a spelling of it a letter away (Bakı, Baku), 3 when
// it holds the query inside a word; -1 for no match.
func matchName(fq, sq string, k *nameKey) int {
	if strings.HasPrefix(k.fold, fq) || sq != "" && strings.HasPrefix(k.skel, sq) {
		return 0
	}
	for i := range k.wfold {
		if strings.HasPrefix(k.wfold[i], fq) || sq != "" && strings.HasPrefix(k.wskel[i], sq) {
			return 1
		}
	}
	for _, w := range k.wskel {
		if i18n.Near(sq, w) {
			return 2
		}
	}
	if strings.Contains(k.fold, fq) || len(sq) >= 3 && strings.Contains(k.skel, sq) {
		return 3
	}
	return -1
}

// searchKeys are the prepared names of an embedded layer's features,
// made at the first search: those layers never change, and preparing
// every name of every town took most of a search's time.
var searchKeys sync.Map // embedded layer id → map[*geojson.Feature][]nameKey (data shares the features)

// namesOf are a feature's prepared names under the keys given.
func namesOf(l *render.Layer, f *geojson.Feature, keys []string) []nameKey {
	var out []nameKey
	for _, key := range keys {
		if v, _ := l.Value(f, key).(string); v != "" {
			out = append(out, newNameKey(v))
		}
	}
	return out
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
		a.mapv.FitBound(b.Pad(pad), a.mapv.View().Proj()) // in the map's own projection
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
