package render

import "image/color"

// LayerStyle is how an embedded basemap layer is drawn, labelled, keyed
// in the legend and shown in the side panel: data, not code, one entry
// per layer id in a Styles table, so a dark or print theme is another
// table. Sizes are logical pixels.
type LayerStyle struct {
	// Fill fills polygons (zero: not filled).
	Fill color.NRGBA
	// Stroke draws lines, Width wide, dashed by Dash; and polygon
	// outlines when Outline says so.
	Stroke  color.NRGBA
	Width   float64
	Dash    []float64
	Outline Outline
	// Ranked keeps only features whose Natural Earth scalerank is at
	// most the zoom plus RankZoom, so minor lakes and rivers appear as
	// the map zooms in.
	Ranked   bool
	RankZoom float64
	// Marks are discs drawn round point features, bottom first.
	Marks []Mark
	// Land is set for the layers that say where land and sea are: with
	// one of them drawn, the background inside the data is water.
	Land bool
	// Areas names the layer's polygons at their visible middles; Places
	// labels its points as cities (by rank and population, capitals and
	// the corridor's cities first) and keys capitals and cities in the
	// legend.
	Areas  *AreaLabels
	Places bool
	// Key is the legend row the layer adds when a feature of it shows;
	// KeyText is the message key of its text in the words catalogue.
	Key     KeyKind
	KeyText string
	// Swatch is the layer's sample in the side panel.
	Swatch SwatchStyle
}

// Outline says when a layer's polygon outlines are stroked.
type Outline int

// Outlines.
const (
	NoOutline Outline = iota
	AlwaysOutline
	// OverviewOutline strokes them in the 1:50m overview only, whose
	// extract has no separate boundary or coastline lines.
	OverviewOutline
)

// Mark is a disc round a point: its radius, colour and opacity.
type Mark struct {
	R       float64
	Colour  color.NRGBA
	Opacity float64
}

// AreaLabels is how a layer's areas are named.
type AreaLabels struct {
	Kind        LabelKind
	Keys        []string // the name properties, first found wins
	Upper       bool     // set in capitals (country names)
	Style       FontStyle
	Size, Floor float64
	Colour      color.NRGBA
	Prio        int
}

// SwatchStyle is a layer's sample: a framed box, a line in the layer's
// stroke, or marks.
type SwatchStyle struct {
	Box        bool
	Fill, Edge color.NRGBA
	Line       bool
	Marks      []Mark
}

// Styles is a table of layer styles by embedded layer id.
type Styles map[string]LayerStyle

// DefaultStyles are the basemap's styles: pale, so the corridor's colours
// stand out.
var DefaultStyles = Styles{
	"countries": {Fill: colLand, Land: true,
		Areas:  &AreaLabels{Kind: CountryLabel, Keys: []string{"name", "NAME"}, Upper: true, Style: Regular, Size: countrySize, Floor: countryFloor, Colour: colCountry, Prio: 200},
		Swatch: SwatchStyle{Box: true, Fill: colLand, Edge: colBorder}},
	"seas": {Land: true,
		Areas:  &AreaLabels{Kind: SeaLabel, Keys: []string{"name"}, Style: Italic, Size: seaSize, Floor: seaFloor, Colour: colSea, Prio: 150},
		Swatch: SwatchStyle{Box: true, Fill: colWater, Edge: colCoast}},
	"lakes": {Fill: colWater, Stroke: colCoast, Width: 0.6, Outline: AlwaysOutline, Ranked: true, RankZoom: 4,
		Swatch: SwatchStyle{Box: true, Fill: colWater, Edge: colCoast}},
	"rivers":    {Stroke: colRiver, Width: 0.9, Ranked: true, RankZoom: 1.5, Swatch: SwatchStyle{Line: true}},
	"coastline": {Stroke: colCoast, Width: 0.8, Outline: OverviewOutline, Swatch: SwatchStyle{Line: true}},
	"borders":   {Stroke: colBorder, Width: 1.1, Dash: []float64{5, 2.5}, Outline: OverviewOutline, Swatch: SwatchStyle{Line: true}},
	"disputed": {Stroke: colDisputed, Width: 1.5, Dash: disputedDash, Swatch: SwatchStyle{Line: true},
		Key: KeyDisputed, KeyText: "legend.disputed"},
	"cities": {Places: true, Swatch: SwatchStyle{Marks: []Mark{{3.6, colHalo, 1}, {2.6, colCity, 1}}}},
	"seaports": {Marks: []Mark{{3, colHalo, 1}, {2, colFerry, 0.8}}, Swatch: SwatchStyle{Marks: []Mark{{3, colHalo, 1}, {2, colFerry, 1}}},
		Key: KeySeaport, KeyText: "legend.seaport"},
}

// style is a layer's style in the scene's table (zero for a layer the
// table does not name).
func (s *Scene) style(id string) LayerStyle {
	t := s.Styles
	if t == nil {
		t = DefaultStyles
	}
	return t[id]
}
