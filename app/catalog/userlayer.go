package catalog

import (
	"fmt"
	"slices"

	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/geo/dataset"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// UserLayer is a "Your data" layer and the source it was read from, with
// the GeoPackage table or CSV columns a project must remember to open it
// again.
type UserLayer struct {
	Layer  *render.Layer
	Source dataset.Source
}

// LoadUserLayers reads a data file of any format the app reads (see
// geo/dataset) as "Your data" layers: one, or one per table of a
// GeoPackage when src names none. A layer's id is the file name without
// extension (a GeoPackage table's name), with a numeric suffix if that
// id is taken; n is the count of user layers before these, for their
// automatic colours. Nothing is returned on an error.
func LoadUserLayers(src dataset.Source, existing []*render.Layer, n int, opt load.Options) ([]UserLayer, []string, error) {
	// Properties as text where the reader can keep them so (GeoJSON): a
	// map per feature takes several times a file of small points.
	opt.LazyProperties = true
	ls, err := dataset.Open(src, opt)
	if err != nil {
		return nil, nil, err
	}
	taken := func(id string) bool {
		return slices.ContainsFunc(existing, func(l *render.Layer) bool { return l.ID == id })
	}
	var out []UserLayer
	var notices []string
	for i, dl := range ls {
		name := dl.Source.String()
		id := dl.Name
		for k := 2; taken(id); k++ {
			id = fmt.Sprintf("%s-%d", dl.Name, k)
		}
		if id != dl.Name {
			notices = append(notices, fmt.Sprintf("%s: layer id %s is taken; using %s", name, load.Quote(dl.Name), load.Quote(id)))
		}
		for _, w := range dl.Warnings {
			notices = append(notices, fmt.Sprintf("%s: %s", name, w))
		}
		title := dl.Name
		if dl.Title != "" {
			title = dl.Title
		}
		l := render.NewUserLayerFrom(id, title, dl.Result, n+i)
		l.Fields = dl.Fields
		if l.Style.LabelField == "" {
			l.Style.LabelField = nameColumn(dl.Fields, dl.Features)
		}
		existing = append(existing, l)
		out = append(out, UserLayer{Layer: l, Source: dl.Source})
	}
	return out, notices, nil
}

// LoadUserLayer reads a data file that holds one layer (see
// LoadUserLayers).
func LoadUserLayer(path string, existing []*render.Layer, n int) (*render.Layer, []string, error) {
	return LoadUserLayerWith(path, existing, n, load.Options{})
}

// LoadUserLayerWith is LoadUserLayer with progress and cancellation, for
// big files (the window shows a progress bar with Cancel, the command line
// a percentage on a terminal). A file of several layers is refused with
// their names: pick one with LoadUserLayers.
func LoadUserLayerWith(path string, existing []*render.Layer, n int, opt load.Options) (*render.Layer, []string, error) {
	ls, notices, err := LoadUserLayers(dataset.Source{Path: path}, existing, n, opt)
	if err != nil {
		return nil, nil, err
	}
	if len(ls) != 1 {
		var names []string
		for _, l := range ls {
			names = append(names, l.Source.Layer)
		}
		return nil, nil, fmt.Errorf("%s: holds %d layers (%v); name one as %s:NAME", path, len(ls), names, path)
	}
	return ls[0].Layer, notices, nil
}

// nameColumn picks the column that names a table's features when none is
// called "name": the first whose values are all text and mostly
// different ("Terminal", "Название", "Hafen"). Spreadsheets of places
// nearly always start with it. "" when there is none.
func nameColumn(fields []string, feats []*geojson.Feature) string {
	for _, f := range fields {
		seen := map[string]bool{}
		text := true
		for _, ft := range feats {
			s, ok := ft.Properties[f].(string)
			if !ok || s == "" {
				text = false
				break
			}
			seen[s] = true
		}
		if text && len(feats) > 0 && 2*len(seen) > len(feats) {
			return f
		}
	}
	return ""
}
