package data

import (
	"strings"

	"github.com/corridor-atlas/corridor-atlas/data/i18n"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

// BorderPolicy is the map's stated position on the region's disputed
// borders, for the README, Help → About and the licences text. Natural
// Earth draws de facto control; the map follows the position of the UN
// General Assembly instead, and draws the lines of control it does not
// recognise as borders in their own dashed style.
const BorderPolicy = "Borders follow the position of the UN General Assembly. Crimea is shown as part of " +
	"Ukraine (resolution 68/262, 2014); the line where Russian administration begins is drawn as a line of " +
	"control. Abkhazia and South Ossetia are shown as part of Georgia, Transnistria as part of Moldova, " +
	"each with its breakaway line dashed. Northern Cyprus is shown as part of Cyprus, without a country " +
	"label, with the ceasefire line dashed (recognised only by Türkiye; UN Security Council resolution 541). " +
	"Nagorno-Karabakh is part of Azerbaijan, and since its de facto authorities dissolved on 1 January 2024 " +
	"no line is drawn; its main town is named Khankendi (formerly Stepanakert). Baikonur is shown as part " +
	"of Kazakhstan, which leases it to Russia. Front lines of the war in Ukraine since 2022 are not drawn."

// BorderNote is the short phrase the attribution carries whenever a
// disputed area is in view.
const BorderNote = "borders per UN General Assembly; disputed lines dashed"

// DisputedAreas are the areas the policy speaks for, with where they lie,
// so the attribution can say when one is in view. Bounds are generous:
// the note is a pointer to the policy, not a survey.
var DisputedAreas = []struct {
	Name  string
	Bound orb.Bound
}{
	{"Crimea", orb.Bound{Min: orb.Point{32.4, 44.3}, Max: orb.Point{36.7, 46.3}}},
	{"Abkhazia", orb.Bound{Min: orb.Point{39.9, 42.4}, Max: orb.Point{42.2, 43.6}}},
	{"South Ossetia", orb.Bound{Min: orb.Point{43.4, 42.0}, Max: orb.Point{44.6, 42.8}}},
	{"Northern Cyprus", orb.Bound{Min: orb.Point{32.6, 35.0}, Max: orb.Point{34.7, 35.8}}},
	{"Transnistria", orb.Bound{Min: orb.Point{28.8, 46.4}, Max: orb.Point{30.2, 48.3}}},
}

// DisputedInView reports whether any area the border policy covers
// meets b.
func DisputedInView(b orb.Bound) bool {
	for _, a := range DisputedAreas {
		if a.Bound.Intersects(b) {
			return true
		}
	}
	return false
}

// foldInto names the Natural Earth admin-0 units the policy does not
// draw as countries, and the state their polygons belong to.
var foldInto = map[string]string{
	"N. Cyprus":               "Cyprus",
	"Cyprus U.N. Buffer Zone": "Cyprus",
	"Baikonur":                "Kazakhstan",
}

// crimeaAt is a point well inside Crimea (Simferopol): the Russian polygon
// holding it is Crimea.
var crimeaAt = orb.Point{34.10, 44.95}

// renames are outdated or misspelt names in the Natural Earth extracts,
// with the current English name. The old one is kept as an alternate
// name, so a search for it still finds the place.
var renames = map[string]string{
	"Turkey":       "Türkiye",         // the state's English name since 2022 (UN, June 2022)
	"Macedonia":    "North Macedonia", // Prespa agreement, 2019
	"Kiev":         "Kyiv",
	"Sevastapol":   "Sevastopol", // a misspelling in Natural Earth
	"Ali Bayramli": "Şirvan",     // renamed in 2008
	"Stepanakert":  "Khankendi",  // Azerbaijani name in use since 2023
	"Sumqayt":      "Sumqayıt",   // a misspelling in Natural Earth
	"Oostanay":     "Qostanay",   // a misspelling in Natural Earth
	"Qapshaghay":   "Konaev",     // renamed in 2022
	"Kirovohrad":   "Kropyvnytskyi",
	"Illichivsk":   "Chornomorsk",
}

// renamesIn are the current names, in the other languages, of the places
// renames brings up to date: Natural Earth's German and Russian names are
// as old as its English ones. German follows the Auswärtiges Amt's
// Länderverzeichnis für den amtlichen Gebrauch (Kyjiw since 24 February
// 2024); Russian keeps its own name for Kyiv, which did not change.
var renamesIn = map[string]map[i18n.Lang]string{
	"Kiev":         {i18n.DE: "Kyjiw", i18n.RU: "Киев"},
	"Ali Bayramli": {i18n.DE: "Şirvan", i18n.RU: "Ширван"},
	"Stepanakert":  {i18n.DE: "Xankəndi", i18n.RU: "Ханкенди"},
	"Qapshaghay":   {i18n.DE: "Qonajew", i18n.RU: "Конаев"},
	"Kirovohrad":   {i18n.DE: "Kropywnyzkyj", i18n.RU: "Кропивницкий"},
	"Illichivsk":   {i18n.DE: "Tschornomorsk", i18n.RU: "Черноморск"},
}

// currentIn corrects names Natural Earth gives in one language that the
// place no longer goes by there, though its English name is current:
// Almaty has been Алматы in Russian, an official language of
// Kazakhstan, since 1993 (Алма-Ата is the Soviet name).
var currentIn = map[string]map[i18n.Lang]string{
	"Almaty":      {i18n.RU: "Алматы"},
	"Türkmenbaşy": {i18n.RU: "Туркменбаши"}, // as the corridor's port is named; Natural Earth has Туркменбашы
}

// applyPolicy brings the features of an embedded basemap file to the
// border policy and the current names. It changes the features in place,
// once per parse.
func applyPolicy(file string, feats []*geojson.Feature) []*geojson.Feature {
	switch {
	case strings.Contains(file, "/countries_"):
		feats = mergeCountries(feats)
	case strings.Contains(file, "/boundary_lines_land_"):
		feats = onlyInternational(feats)
	}
	for _, f := range feats {
		if f == nil {
			continue
		}
		for _, key := range []string{"name", "NAME"} {
			old, ok := f.Properties[key].(string)
			if !ok {
				continue
			}
			for l, n := range currentIn[old] {
				f.Properties[i18n.Key("name", l)] = n
			}
			if now, ok := renames[old]; ok {
				for l, n := range renamesIn[old] {
					f.Properties[i18n.Key("name", l)] = n
				}
				f.Properties[key] = now
				alt, _ := f.Properties["NAMEALT"].(string)
				if alt == "" || alt == now {
					f.Properties["NAMEALT"] = old
				} else if !strings.Contains(alt, old) {
					f.Properties["NAMEALT"] = alt + "; " + old
				}
			}
		}
	}
	return feats
}

// onlyInternational keeps the boundary lines Natural Earth classes as
// international boundaries; lines of control, disputed and indefinite
// lines are drawn by the "disputed" layer instead, and the limits of
// leases and overlays (Baikonur, the UN buffer zone in Cyprus) are not
// borders at all.
func onlyInternational(feats []*geojson.Feature) []*geojson.Feature {
	out := feats[:0]
	for _, f := range feats {
		cla, ok := f.Properties["featurecla"].(string)
		if !ok || strings.HasPrefix(cla, "International boundary") {
			out = append(out, f)
		}
	}
	return out
}

// mergeCountries moves Crimea from Russia to Ukraine and the units the
// policy folds into a state into it. Where a moved polygon shares an edge
// with one of its new state's polygons the two become one ring, so the
// overview, which outlines country polygons for its borders, draws no
// border along that edge (the disputed layer draws the line of control
// there instead).
func mergeCountries(feats []*geojson.Feature) []*geojson.Feature {
	byName := map[string]*geojson.Feature{}
	for _, f := range feats {
		if f == nil {
			continue
		}
		if n, ok := f.Properties["name"].(string); ok {
			byName[n] = f
		}
	}
	move := func(to *geojson.Feature, polys []orb.Polygon) {
		mp := asMulti(to.Geometry)
		for _, p := range polys {
			mp = absorb(mp, p)
		}
		if len(mp) == 1 {
			to.Geometry = mp[0]
		} else {
			to.Geometry = mp
		}
	}
	if ru, ua := byName["Russia"], byName["Ukraine"]; ru != nil && ua != nil {
		rest, crimea := orb.MultiPolygon{}, []orb.Polygon{}
		for _, p := range asMulti(ru.Geometry) {
			if planar.PolygonContains(p, crimeaAt) {
				crimea = append(crimea, p)
			} else {
				rest = append(rest, p)
			}
		}
		if len(crimea) > 0 {
			ru.Geometry = rest
			move(ua, crimea)
		}
	}
	out := feats[:0]
	for _, f := range feats {
		name, _ := f.Properties["name"].(string)
		into, ok := foldInto[name]
		if !ok {
			out = append(out, f)
			continue
		}
		if to := byName[into]; to != nil {
			move(to, asMulti(f.Geometry))
			continue
		}
		out = append(out, f)
	}
	return out
}

func asMulti(g orb.Geometry) orb.MultiPolygon {
	switch g := g.(type) {
	case orb.Polygon:
		return orb.MultiPolygon{g}
	case orb.MultiPolygon:
		return g
	}
	return nil
}

// absorb adds p to mp, joining it to the first polygon whose outer ring
// shares a run of vertices with p's: the shared run is the border between
// them, and the joined ring goes round both without it.
func absorb(mp orb.MultiPolygon, p orb.Polygon) orb.MultiPolygon {
	for i, q := range mp {
		if ring, ok := joinRings(q[0], p[0]); ok {
			joined := orb.Polygon{ring}
			joined = append(joined, q[1:]...)
			joined = append(joined, p[1:]...)
			out := append(orb.MultiPolygon{}, mp[:i]...)
			out = append(out, mp[i+1:]...)
			// The joined polygon may now touch another one: try again.
			return absorb(out, joined)
		}
	}
	return append(mp, p)
}

// joinRings joins two closed rings that share one run of two or more
// vertices, traversed in opposite directions as neighbours are. It
// reports false when they share no edge, or share vertices in more than
// one run (then the union could have holes, and they are kept apart).
func joinRings(a, b orb.Ring) (orb.Ring, bool) {
	a, b = open(a), open(b)
	na, nb := len(a), len(b)
	if na < 3 || nb < 3 {
		return nil, false
	}
	inB := make(map[orb.Point]int, nb)
	for i, p := range b {
		inB[p] = i
	}
	shared := make([]bool, na)
	count := 0
	for i, p := range a {
		if _, ok := inB[p]; ok {
			shared[i] = true
			count++
		}
	}
	if count < 2 || count == na {
		return nil, false
	}
	// The run must be one: find where it starts (shared after not shared).
	start, runs := -1, 0
	for i := range a {
		if shared[i] && !shared[(i+na-1)%na] {
			start = i
			runs++
		}
	}
	if runs != 1 {
		return nil, false
	}
	end := (start + count - 1) % na // last shared vertex of the run
	// b must hold the run backwards, contiguously: from a[end] to a[start].
	j0, j1 := inB[a[end]], inB[a[start]]
	for k := 0; k < count; k++ {
		if b[(j0+k)%nb] != a[(end-k+na)%na] {
			return nil, false
		}
	}
	var out orb.Ring
	// a from the run's end round to its start, then b's part outside the run.
	for k := 0; k < na-count+2; k++ {
		out = append(out, a[(end+k)%na])
	}
	for k := 1; k < nb-count+1; k++ {
		out = append(out, b[(j1+k)%nb])
	}
	out = append(out, out[0])
	return out, true
}

// open drops a ring's closing vertex.
func open(r orb.Ring) orb.Ring {
	if len(r) > 1 && r[0] == r[len(r)-1] {
		return r[:len(r)-1]
	}
	return r
}

// BorderPolicyIn is BorderPolicy in l.
func BorderPolicyIn(l i18n.Lang) string { return l.T("policy.borders") }

// BorderNoteIn is BorderNote in l.
func BorderNoteIn(l i18n.Lang) string { return l.T("note.borders") }
