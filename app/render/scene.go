package render

import (
	"sync/atomic"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// Scene is everything one picture depends on. The same scene renders the
// same pixels, on screen or in an export.
type Scene struct {
	View   geo.Viewport
	Layers []SceneLayer // visible layers, bottom to top
	Flows  []*FlowPath
	// WidthScale is the value per unit drawn MaxBandWidth wide; nil means
	// the maximum of Flows. Set it from all loaded flows.
	WidthScale map[string]float64
	Year       geo.Year
	Phase      float64 // animation phase in [0, 1): moves the direction dashes

	// Lang is the picture's language: place names, flow labels, legend,
	// year line, scale bar and attribution ("" is English).
	Lang i18n.Lang

	// Decorations. The attribution line is always drawn.
	Title      string
	Legend     bool
	ScaleBar   bool
	NorthArrow bool
	// Graticule draws lines of longitude and latitude, labelled at the
	// map's edge.
	Graticule bool
	// LabelScale enlarges labels (presentation mode); 0 means 1.
	LabelScale float64
	// Frame, when set, is where the map shows (see MapFrame): panels go
	// in the bands around it.
	Frame *Box
	// Highlight outlines the feature with this id (hover, selection);
	// HighlightFeature the given feature itself, for user features without
	// an id.
	Highlight        string
	HighlightFeature *geojson.Feature
	// HighlightFlow rims a flow's band as selected.
	HighlightFlow *FlowPath
	// Styles are the embedded layers' styles; nil is DefaultStyles.
	Styles Styles
}

// FlowPath is a flow with the line it runs along, joined from its path
// features in the flow's direction (lon/lat).
type FlowPath struct {
	Flow *data.Flow
	Line orb.LineString
	// Colour index for flows without a fixed colour.
	Index int
	// File is the flow data file the flow came from; "" for a built-in.
	File string
	// Joins are the indices in Line where one path feature ends and the
	// next begins: the ports and terminals the flow passes through
	// (Sangachal for the crude, Alat for the uranium).
	Joins []int

	uid atomic.Uint64
}

// key names the flow in cache keys.
func (fp *FlowPath) key() uint64 { return uid(&fp.uid) }

// lang is the scene's language, English when it names none.
func (s *Scene) lang() i18n.Lang {
	if s.Lang.Valid() {
		return s.Lang
	}
	return i18n.EN
}

func (s *Scene) labelScale() float64 {
	if s.LabelScale <= 0 {
		return 1
	}
	return s.LabelScale
}

// detailed decides between the 10m and the 50m basemap: 10m only when
// the whole view lies in the region the 10m data covers and it is zoomed
// in far enough to need it, so no view ever shows missing land as sea.
func (s *Scene) detailed() bool {
	return s.View.Zoom >= detailZoom && data.InRegion(s.View.Bound())
}

// detailZoom is the zoom (in logical pixels) from which the 1:10m data is
// worth its extra vertices; below it the 1:50m data is as sharp.
const detailZoom = 4.5
