// Package placenames derives the German and Russian names of the map's
// cities and towns from Natural Earth's own translations: its 10m
// populated places carry NAME_DE and NAME_RU, which the embedded extracts
// cut away. The table it writes (basemap/names/places.csv) holds only the
// places the embedded files have, so the binary carries a few kilobytes
// of names rather than the whole list.
//
// The 10m places are joined by GeoNames id, which both files carry; the
// 50m places have no id and are joined by name and position (the same
// name within 0.05°, the 50m file rounding to 0.001°). A place Natural
// Earth gives no German or Russian name is left out: the map falls back
// to its English name.
package placenames

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// Row is the German and Russian name of one embedded place. File is
// "10m" or "50m"; the 10m rows are found by GeoNameID where it is known,
// every row by Name and position.
type Row struct {
	File      string
	GeoNameID int
	Name      string
	Lon, Lat  float64
	DE, RU    string
}

// Header is the table's first line.
var Header = []string{"file", "geonameid", "name", "lon", "lat", "name_de", "name_ru"}

// source is one row of Natural Earth's names list.
type source struct {
	name     string
	lon, lat float64
	id       int
	de, ru   string
}

// Build joins Natural Earth's names list (populated_places_names.csv:
// name, lon, lat, geonameid, wikidataid, name_en, name_de, name_ru, …)
// to the embedded 10m and 50m places files.
func Build(names io.Reader, places10m, places50m []byte) ([]Row, error) {
	r := csv.NewReader(names)
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("names: %v", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, h := range []string{"name", "lon", "lat", "geonameid", "name_de", "name_ru"} {
		if _, ok := col[h]; !ok {
			return nil, fmt.Errorf("names: no %q column", h)
		}
	}
	var src []source
	byID := map[int]source{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("names: %v", err)
		}
		s := source{name: rec[col["name"]], de: strings.TrimSpace(rec[col["name_de"]]), ru: strings.TrimSpace(rec[col["name_ru"]])}
		s.lon, _ = strconv.ParseFloat(rec[col["lon"]], 64)
		s.lat, _ = strconv.ParseFloat(rec[col["lat"]], 64)
		if id, err := strconv.ParseFloat(rec[col["geonameid"]], 64); err == nil && id > 0 {
			s.id = int(id)
			byID[s.id] = s
		}
		src = append(src, s)
	}
	near := func(name string, lon, lat float64) (source, bool) {
		best, bestD := source{}, math.Inf(1)
		for _, s := range src {
			if s.name != name {
				continue
			}
			if d := math.Hypot(s.lon-lon, s.lat-lat); d < bestD {
				best, bestD = s, d
			}
		}
		return best, bestD <= 0.05
	}
	var rows []Row
	for _, f := range []struct {
		file string
		b    []byte
		name string
	}{{"10m", places10m, "NAME"}, {"50m", places50m, "name"}} {
		res, err := load.GeoJSON(f.file, f.b)
		if err != nil {
			return nil, err
		}
		for _, ft := range res.Features {
			name, _ := ft.Properties[f.name].(string)
			pt := ft.Geometry.Bound().Min
			id := 0
			if v, ok := ft.Properties["GEONAMEID"].(float64); ok && v > 0 {
				id = int(v)
			}
			s, ok := byID[id]
			if id == 0 || !ok {
				s, ok = near(name, pt[0], pt[1])
			}
			if !ok || (s.de == "" && s.ru == "") {
				continue
			}
			rows = append(rows, Row{File: f.file, GeoNameID: id, Name: name, Lon: pt[0], Lat: pt[1], DE: s.de, RU: s.ru})
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].File != rows[j].File {
			return rows[i].File < rows[j].File
		}
		return rows[i].Name < rows[j].Name
	})
	return rows, nil
}

// Write writes the table as CSV.
func Write(w io.Writer, rows []Row) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Header); err != nil {
		return err
	}
	for _, r := range rows {
		id := ""
		if r.GeoNameID > 0 {
			id = strconv.Itoa(r.GeoNameID)
		}
		if err := cw.Write([]string{r.File, id, r.Name, strconv.FormatFloat(r.Lon, 'f', -1, 64),
			strconv.FormatFloat(r.Lat, 'f', -1, 64), r.DE, r.RU}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Read reads a table Write wrote.
func Read(r io.Reader) ([]Row, error) {
	cr := csv.NewReader(r)
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 || strings.Join(recs[0], ",") != strings.Join(Header, ",") {
		return nil, fmt.Errorf("places table: header is not %s", strings.Join(Header, ","))
	}
	rows := make([]Row, 0, len(recs)-1)
	for i, rec := range recs[1:] {
		row := Row{File: rec[0], Name: rec[2], DE: rec[5], RU: rec[6]}
		var err1, err2, err3 error
		if rec[1] != "" {
			row.GeoNameID, err1 = strconv.Atoi(rec[1])
		}
		row.Lon, err2 = strconv.ParseFloat(rec[3], 64)
		row.Lat, err3 = strconv.ParseFloat(rec[4], 64)
		if err1 != nil || err2 != nil || err3 != nil {
			return nil, fmt.Errorf("places table: line %d: bad number", i+2)
		}
		rows = append(rows, row)
	}
	return rows, nil
}
