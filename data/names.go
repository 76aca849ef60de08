package data

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/paulmach/orb/geojson"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/corridor-atlas/corridor-atlas/data/i18n"
	"github.com/corridor-atlas/corridor-atlas/data/internal/placenames"
)

// The basemap's names in the app's other languages are added to the
// features as name_de, name_ru… when the Natural Earth files load, so a
// map in any language reads them the way it reads the corridor's own
// name_ru, and search finds every one:
//
//   - cities and towns: Natural Earth's own German and Russian names
//     (basemap/names/places.csv, derived by data/internal/placenames);
//   - countries: CLDR's names for the ISO 3166 code of each country
//     (basemap/names/countries.csv gives the codes, and the few names
//     CLDR lacks or the border policy corrects);
//   - seas, straits and lakes: basemap/names/waters.csv.
//
// A name missing in a language is left out, and the map shows the
// English: a label is never empty.

// nameTables are the three tables, read once.
type nameTables struct {
	places    map[string][]placenames.Row // by "10m"/"50m" + name
	placeIDs  map[int]placenames.Row
	countries map[string]countryRow
	waters    map[string]map[i18n.Lang]string
}

type countryRow struct {
	iso   string
	names map[i18n.Lang]string
}

var names = sync.OnceValues(func() (*nameTables, error) {
	t := &nameTables{places: map[string][]placenames.Row{}, placeIDs: map[int]placenames.Row{},
		countries: map[string]countryRow{}, waters: map[string]map[i18n.Lang]string{}}
	b, err := files.ReadFile("basemap/names/places.csv")
	if err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	rows, err := placenames.Read(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("data: basemap/names/places.csv: %v", err)
	}
	for _, r := range rows {
		t.places[r.File+r.Name] = append(t.places[r.File+r.Name], r)
		if r.GeoNameID > 0 && r.File == "10m" {
			t.placeIDs[r.GeoNameID] = r
		}
	}
	recs, err := readCSV("basemap/names/countries.csv", "name", "iso", "name_de", "name_ru")
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		row := countryRow{iso: r["iso"], names: map[i18n.Lang]string{}}
		for _, l := range i18n.All[1:] {
			if n := r[i18n.Key("name", l)]; n != "" {
				row.names[l] = n
			} else if row.iso != "" {
				reg, err := language.ParseRegion(row.iso)
				if err != nil {
					return nil, fmt.Errorf("data: basemap/names/countries.csv: %s: %v", r["name"], err)
				}
				if n := display.Regions(l.Tag()).Name(reg); n != "" {
					row.names[l] = n
				}
			}
		}
		t.countries[r["name"]] = row
	}
	recs, err = readCSV("basemap/names/waters.csv", "name", "name_de", "name_ru")
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		m := map[i18n.Lang]string{}
		for _, l := range i18n.All[1:] {
			if n := r[i18n.Key("name", l)]; n != "" {
				m[l] = n
			}
		}
		t.waters[r["name"]] = m
	}
	return t, nil
})

// readCSV reads an embedded table whose header has at least cols.
func readCSV(name string, cols ...string) ([]map[string]string, error) {
	b, err := files.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(recs) == 0 {
		return nil, fmt.Errorf("data: %s: %v", name, err)
	}
	head := recs[0]
	for _, c := range cols {
		if !strings.Contains(","+strings.Join(head, ",")+",", ","+c+",") {
			return nil, fmt.Errorf("data: %s: no %q column", name, c)
		}
	}
	out := make([]map[string]string, 0, len(recs)-1)
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range head {
			if i < len(rec) {
				m[h] = strings.TrimSpace(rec[i])
			}
		}
		out = append(out, m)
	}
	return out, nil
}

// addNames gives the features of an embedded basemap file their names in
// the other languages, from the tables. It runs before the border policy,
// whose renames then correct them (see renamesIn).
func addNames(file string, feats []*geojson.Feature) error {
	var set func(f *geojson.Feature) map[i18n.Lang]string
	t, err := names()
	if err != nil {
		return err
	}
	switch {
	case strings.Contains(file, "/populated_places_"):
		scale := "50m"
		if strings.HasPrefix(file, "basemap/10m/") {
			scale = "10m"
		}
		set = func(f *geojson.Feature) map[i18n.Lang]string { return t.place(scale, f) }
	case strings.Contains(file, "/countries_"):
		set = func(f *geojson.Feature) map[i18n.Lang]string {
			name, _ := f.Properties["name"].(string)
			return t.countries[name].names
		}
	case strings.Contains(file, "/marine_polys_"), strings.Contains(file, "/lakes_"):
		set = func(f *geojson.Feature) map[i18n.Lang]string {
			name, _ := f.Properties["name"].(string)
			return t.waters[name]
		}
	default:
		return nil
	}
	for _, f := range feats {
		if f == nil {
			continue
		}
		for l, n := range set(f) {
			if n != "" {
				f.Properties[i18n.Key("name", l)] = n
			}
		}
	}
	return nil
}

// place finds a town's names: a 10m place by its GeoNames id, any place
// by its name and position (the table records the position it was joined
// at, so only a moved point fails to match).
func (t *nameTables) place(scale string, f *geojson.Feature) map[i18n.Lang]string {
	var row *placenames.Row
	if id, ok := f.Properties["GEONAMEID"].(float64); ok && id > 0 && scale == "10m" {
		if r, ok := t.placeIDs[int(id)]; ok {
			row = &r
		}
	}
	if row == nil && f.Geometry != nil {
		name, _ := f.Properties["NAME"].(string)
		if name == "" {
			name, _ = f.Properties["name"].(string)
		}
		p := f.Geometry.Bound().Min
		for _, r := range t.places[scale+name] {
			if math.Abs(r.Lon-p[0]) < 1e-6 && math.Abs(r.Lat-p[1]) < 1e-6 {
				row = &r
				break
			}
		}
	}
	if row == nil {
		return nil
	}
	return map[i18n.Lang]string{i18n.DE: row.DE, i18n.RU: row.RU}
}
