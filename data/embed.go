package data

import (
	"embed"
	"fmt"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/geo"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

//go:embed basemap corridor context licenses
var files embed.FS

// Group says where a layer belongs in the legend and the side panel.
type Group string

// The layer groups, in side-panel order.
const (
	Corridor Group = "Corridor"
	Basemap  Group = "Basemap"
)

// Source describes one embedded layer. For basemap layers Detailed is the
// Natural Earth 1:10m file covering geo.Region and Overview the 1:50m one
// for the wider view; either may be empty where Natural Earth offers no
// such file. Corridor layers have one file, used at every zoom.
type Source struct {
	ID       string
	Title    string
	Group    Group
	Detailed string
	Overview string
	// Bloc, for a context layer, names the bloc whose members it draws
	// from the countries layer (see context/blocs.json).
	Bloc string
	// Off layers are left out of a map unless asked for.
	Off bool
}

// Sources lists the embedded layers in drawing order, bottom to top. The
// ids are part of the command-line contract.
var Sources = []Source{
	{ID: "countries", Title: "Countries (land)", Group: Basemap, Detailed: "basemap/10m/countries_10m.geojson", Overview: "basemap/50m/countries_50m.geojson"},
	{ID: "seas", Title: "Seas (marine polygons and names)", Group: Basemap, Detailed: "basemap/10m/marine_polys_10m.geojson", Overview: "basemap/50m/marine_polys_10m_overview.geojson"},
	{ID: "lakes", Title: "Lakes", Group: Basemap, Detailed: "basemap/10m/lakes_10m.geojson", Overview: "basemap/50m/lakes_50m.geojson"},
	{ID: "rivers", Title: "Rivers", Group: Basemap, Detailed: "basemap/10m/rivers_10m.geojson", Overview: "basemap/50m/rivers_50m.geojson"},
	// At 1:50m our extract has no separate boundary or coastline files: the
	// overview draws both as the outlines of the 50m country polygons, borders
	// first so the coastline colour wins along the coasts.
	{ID: "borders", Title: "Country borders", Group: Basemap, Detailed: "basemap/10m/boundary_lines_land_10m.geojson", Overview: "basemap/50m/countries_50m.geojson"},
	{ID: "coastline", Title: "Coastline", Group: Basemap, Detailed: "basemap/10m/coastline_10m.geojson", Overview: "basemap/50m/countries_50m.geojson"},
	{ID: "disputed", Title: "Disputed and breakaway lines", Group: Basemap, Detailed: "basemap/10m/disputed_lines_10m.geojson"},
	{ID: "eaeu", Title: "EAEU: members and observers", Group: Context, Bloc: "eaeu", Off: true},
	{ID: "csto", Title: "CSTO: members", Group: Context, Bloc: "csto", Off: true},
	{ID: "ots", Title: "Organization of Turkic States: members and observers", Group: Context, Bloc: "ots", Off: true},
	{ID: "cities", Title: "Cities", Group: Basemap, Detailed: "basemap/10m/populated_places_10m.geojson", Overview: "basemap/50m/populated_places_50m.geojson"},
	{ID: "seaports", Title: "Seaports (Natural Earth)", Group: Basemap, Detailed: "basemap/10m/ports_10m.geojson"},
	{ID: "btc", Title: "BTC oil pipeline", Group: Corridor, Detailed: "corridor/btc.geojson"},
	{ID: "oil-lane", Title: "Tanker lane Aktau → Sangachal", Group: Corridor, Detailed: "corridor/oil-lane.geojson"},
	{ID: "fibre", Title: "Trans-Caspian fibre-optic cable", Group: Corridor, Detailed: "corridor/fibre.geojson"},
	{ID: "power", Title: "Caspian power cable (schematic)", Group: Corridor, Detailed: "corridor/power.geojson"},
	{ID: "titr", Title: "Middle Corridor (TITR) rail and ferry", Group: Corridor, Detailed: "corridor/titr.geojson"},
	{ID: "ports", Title: "Corridor ports and terminals", Group: Corridor, Detailed: "corridor/ports.geojson"},
}

// SourceByID finds an embedded layer's description.
func SourceByID(id string) (Source, bool) {
	for _, s := range Sources {
		if s.ID == id {
			return s, true
		}
	}
	return Source{}, false
}

// Layer is an embedded layer, loaded.
type Layer struct {
	Source
	Detailed []*geojson.Feature
	Overview []*geojson.Feature // nil when the layer has no overview file
	Bound    orb.Bound
}

// Features returns the features to draw at the given level of detail,
// falling back to whichever file exists.
func (l *Layer) Features(detailed bool) []*geojson.Feature {
	if detailed || l.Overview == nil {
		return l.Detailed
	}
	return l.Overview
}

var (
	cacheMu sync.Mutex
	cache   = map[string]*Layer{}
)

// Open loads an embedded layer through the same loader users' files go
// through. Layers are parsed once and shared: callers must not modify the
// features.
func Open(id string) (*Layer, error) {
	src, ok := SourceByID(id)
	if !ok {
		return nil, fmt.Errorf("data: no embedded layer %q", id)
	}
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if l, ok := cache[id]; ok {
		return l, nil
	}
	if src.Bloc != "" {
		return openBloc(src)
	}
	l := &Layer{Source: src}
	var err error
	if l.Detailed, l.Bound, err = parse(src.Detailed); err != nil {
		return nil, err
	}
	if src.Overview != "" {
		var b orb.Bound
		if l.Overview, b, err = parse(src.Overview); err != nil {
			return nil, err
		}
		l.Bound = l.Bound.Union(b)
	}
	cache[id] = l
	return l, nil
}

// openBloc makes a context layer from the countries layer; the caller
// holds cacheMu.
func openBloc(src Source) (*Layer, error) {
	bl, ok := BlocByID(src.Bloc)
	if !ok {
		if _, err := Blocs(); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("data: no bloc %q for layer %q", src.Bloc, src.ID)
	}
	countries, ok := cache["countries"]
	if !ok {
		cacheMu.Unlock()
		_, err := Open("countries")
		cacheMu.Lock()
		if err != nil {
			return nil, err
		}
		countries = cache["countries"]
	}
	l := &Layer{Source: src, Detailed: blocFeatures(bl, countries.Detailed), Overview: blocFeatures(bl, countries.Overview)}
	l.Bound = featuresBound(l.Detailed).Union(featuresBound(l.Overview))
	cache[src.ID] = l
	return l, nil
}

func featuresBound(fs []*geojson.Feature) orb.Bound {
	var b orb.Bound
	for i, f := range fs {
		if i == 0 {
			b = f.Geometry.Bound()
		} else {
			b = b.Union(f.Geometry.Bound())
		}
	}
	return b
}

func parse(name string) ([]*geojson.Feature, orb.Bound, error) {
	b, err := files.ReadFile(name)
	if err != nil {
		return nil, orb.Bound{}, fmt.Errorf("data: %w", err)
	}
	res, err := load.GeoJSON(name, b)
	if err != nil {
		return nil, orb.Bound{}, err
	}
	repairClipBands(res.Features, res.Bound)
	if err := addNames(name, res.Features); err != nil {
		return nil, orb.Bound{}, err
	}
	return applyPolicy(name, res.Features), res.Bound, nil
}

// ReadFile gives the raw bytes of an embedded file, for tests and for the
// licence texts.
func ReadFile(name string) ([]byte, error) { return files.ReadFile(name) }

// InRegion reports whether b lies in the region the 10m data covers.
func InRegion(b orb.Bound) bool {
	r := geo.Region
	return b.Min[0] >= r.Min[0] && b.Max[0] <= r.Max[0] && b.Min[1] >= r.Min[1] && b.Max[1] <= r.Max[1]
}
