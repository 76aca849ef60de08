package render

import (
	"image/color"
	"math"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo"
	"github.com/corridor-atlas/corridor-atlas/geo/shapes"
)

// Layout is what one picture draws where, decided once: the map's frame,
// the panels (title, legend, scale bar, north arrow, attribution) with
// their contents, and every placed label. The raster path draws from it,
// and a vector writer can draw the same decisions instead of making its
// own. All positions are in image pixels.
//
// A layout holds for a viewport, the scene's layers, flows, decorations
// and the whole year its timeline is in: the flows drawn, their labels
// and the legend change only at a new year, so an animation lays a
// picture out once a year and draws bands in between.
type Layout struct {
	Width, Height float64
	// Unit is device pixels per logical pixel (the viewport's scale).
	Unit float64
	// Frame is where the map shows: the whole picture, or less when
	// panels sit in bands beside it (small, square and portrait pictures).
	Frame Box
	// Banded is set when panels sit outside the map frame.
	Banded bool
	Panels []Panel
	// Labels are placed labels in priority order: corridor nodes, flows,
	// then reference places. None overlaps another, a panel or a band.
	Labels []Label
	// Bands are the flows drawn at the year, widest first: where each
	// band runs (its centre line, moved off its route where it shares a
	// stretch) and how it is drawn.
	Bands []Band
	// Schematic and Disputed say what the attribution had to add.
	Schematic, Disputed bool

	year  geo.Year  // the scene's year the layout was made at
	marks []topMark // port symbols, drawn again over the flows
}

// Box is an axis-aligned rectangle in image pixels.
type Box struct{ X0, Y0, X1, Y1 float64 }

// Overlaps reports whether two boxes share any area.
func (a Box) Overlaps(b Box) bool {
	return a.X0 < b.X1 && b.X0 < a.X1 && a.Y0 < b.Y1 && b.Y0 < a.Y1
}

// Empty reports whether the box has no area.
func (a Box) Empty() bool { return a.X1 <= a.X0 || a.Y1 <= a.Y0 }

// Contains reports whether the point lies in the box.
func (a Box) Contains(x, y float64) bool { return x >= a.X0 && x <= a.X1 && y >= a.Y0 && y <= a.Y1 }

// Grow returns the box grown by d on every side.
func (a Box) Grow(d float64) Box { return Box{a.X0 - d, a.Y0 - d, a.X1 + d, a.Y1 + d} }

// Union returns the smallest box holding both (an empty box holds nothing).
func (a Box) Union(b Box) Box {
	if a.Empty() {
		return b
	}
	if b.Empty() {
		return a
	}
	return Box{min(a.X0, b.X0), min(a.Y0, b.Y0), max(a.X1, b.X1), max(a.Y1, b.Y1)}
}

// FontStyle is a face of the embedded font family.
type FontStyle = fontStyle

// Font styles.
const (
	Regular FontStyle = regular
	Bold    FontStyle = bold
	Italic  FontStyle = italic
)

// TextRun is one line of text: its baseline starts at (X, Y).
type TextRun struct {
	Text   string
	Style  FontStyle
	Size   float64 // device pixels
	X, Y   float64
	Colour color.NRGBA
}

// LabelKind says what a label names, and so how important it is.
type LabelKind int

// Label kinds, most important first.
const (
	NodeLabel     LabelKind = iota // a corridor port or terminal
	FlowLabel                      // a flow's name and figure, beside its band
	KeyPlaceLabel                  // a corridor city (Baku, Tbilisi, Kars)
	CapitalLabel
	SeaLabel
	CountryLabel
	CityLabel
	UserLabel      // from a user layer's label field
	GraticuleLabel // a line of the graticule, at the frame's edge
)

// Label is a placed label.
type Label struct {
	Kind LabelKind
	Runs []TextRun
	// Halo is the radius of the white halo around the letters.
	Halo float64
	// Box holds the text and its halo; for a flow label, every place it
	// takes during the year (see Normal).
	Box Box
	// Dot is the place's symbol, drawn with the label (its box, R plus
	// a pixel round its centre, is kept clear too).
	Dot *Dot
	// Over is set on a corridor node's name that found no place clear of
	// the flow bands: it is drawn over them.
	Over bool
	// Flow is the flow a FlowLabel names. Its runs are where the label
	// sits at the whole year; between years, as the band eases towards
	// the next figure, the label moves along Normal by half the change of
	// width from BandWidth, so it stays beside the band's edge.
	Flow      *FlowPath
	Normal    orb.Point
	BandWidth float64
}

// Band is a flow's band in the picture.
type Band struct {
	Flow *FlowPath
	// Line is the band's centre line in image pixels, the whole of it
	// (most of it may lie outside the picture).
	Line []orb.Point
	// Width is the band's width at the scene's year, Outline the darker
	// edge on each side, both in device pixels.
	Width, Outline float64
	Kind           data.FigureKind
	TwoWay         bool
	Colour, Edge   color.NRGBA
}

// Dot is a place symbol: a filled disc, or a ring with a centre for a
// capital.
type Dot struct {
	X, Y, R float64
	Capital bool
	Colour  color.NRGBA
}

// PanelKind names a panel.
type PanelKind int

// Panels.
const (
	TitlePanel PanelKind = iota
	LegendPanel
	ScaleBarPanel
	NorthArrowPanel
	AttributionPanel
)

// Panel is a decoration with its box and contents.
type Panel struct {
	Kind PanelKind
	Box  Box
	// Texts are the panel's lines (for the legend, its rows' texts are in
	// Rows).
	Texts []TextRun
	// Rows are the legend's keys.
	Rows []LegendRow
	// Bar is the scale bar's ruler.
	Bar *ScaleBar
	// Plain panels (the attribution) have a translucent ground and no
	// frame.
	Plain bool
}

// LegendRow is one key of the legend: a swatch and its text.
type LegendRow struct {
	Key    Key
	Swatch Box
	Texts  []TextRun
}

// ScaleBar is the scale bar's ruler: from X0 to X1 at height Y, H tall,
// for Km kilometres.
type ScaleBar struct {
	X0, X1, Y, H float64
	Km           geo.Km
}

// KeyKind is what a legend swatch shows.
type KeyKind int

// Legend swatches.
const (
	KeyFlow       KeyKind = iota // a flow's band in its colour (Flow, Figure, TwoWay)
	KeyWidths                    // bands of the key values on the locked scale (Values, Max)
	KeyFigureKind                // the pattern of a figure kind (Figure)
	KeyOneWay                    // chevrons along a band
	KeyTwoWay                    // chevron pairs of a two-way band
	KeyLine                      // a corridor line kind at a status (ID, Status)
	KeyPorts                     // port and terminal symbols (Status "terminal" adds one, "uncertain" the dashed ring)
	KeyPoint                     // a corridor point kind (ID: border-crossing, pump-station)
	KeySeaport                   // a Natural Earth seaport
	KeyCapital                   // a capital's symbol
	KeyCity                      // a city's dot
	KeyDisputed                  // the line of control style
	KeyBloc                      // a context bloc (ID)
	KeyUser                      // a user layer's colour
	KeyNoData                    // the grey beyond the data
)

// Key says what a legend row's swatch draws.
type Key struct {
	Kind   KeyKind
	ID     string
	Status string
	Colour color.NRGBA
	Flow   *FlowPath
	Figure data.FigureKind
	TwoWay bool
	Values []float64
	Max    float64
}

// Layout decides where everything of the scene goes (see Layout).
func (r *Renderer) Layout(s *Scene) *Layout {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !s.View.Valid() {
		return &Layout{}
	}
	return r.layout(s, false)
}

// MapFrame is where the map shows in a picture of the scene's size: the
// whole picture, unless its panels go in bands beside the map (small,
// square and portrait pictures). An export fits its area into the frame
// (Scene.Frame), so nothing of the subject lies under a panel. The bands
// are sized for the legend of every year, so an animation keeps one frame.
func (r *Renderer) MapFrame(s *Scene) Box {
	if !s.View.Valid() {
		return Box{0, 0, float64(s.View.Width), float64(s.View.Height)}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	f := r.layoutFrame(s)
	p := f.panels(true)
	return p.frame
}

// layoutFrame is a frame for laying out: no picture, no canvas.
func (r *Renderer) layoutFrame(s *Scene) *frame {
	o := s.View.Origin()
	return &frame{s: s, r: r, dx: -o[0], dy: -o[1], w: float64(s.View.Width), h: float64(s.View.Height),
		px: s.View.Scale, detailed: s.detailed(), vis: map[*Layer][]shapes.Shape{}}
}

// layout computes a scene's layout; the caller holds the lock. With
// keep, labels stay where the last layout of the same zoom and year put
// them if they still can (the window's pans); without, the layout
// depends on the scene alone (exports, vector writers).
func (r *Renderer) layout(s *Scene, keep bool) *Layout {
	f := r.layoutFrame(s)
	f.keep = keep
	lines := r.flowLines(s)
	pl := f.panels(false)
	lay := &Layout{Width: f.w, Height: f.h, Unit: f.px, Frame: pl.frame, Banded: pl.banded, Panels: pl.list,
		Schematic: pl.schematic, Disputed: pl.disputed, year: s.Year}
	occ := newOccupancy(pl.frame, 48*f.px)
	for _, p := range pl.list {
		occ.claim(p.Box.Grow(3 * f.px))
		occ.panels = append(occ.panels, p.Box)
	}
	// Bands, at the widest they get this year, with their edges and tips.
	drawn := s.drawnFlows()
	pad := 2 * f.px
	for _, df := range drawn {
		line := lines[df.fp]
		if len(line) < 2 {
			continue
		}
		img := make([]orb.Point, len(line))
		for i, p := range line {
			img[i] = orb.Point{p[0] + f.dx, p[1] + f.dy}
		}
		col := FlowColour(df.fp.Flow.ID, df.fp.Index)
		lay.Bands = append(lay.Bands, Band{Flow: df.fp, Line: img, Width: df.w, Outline: bandOutline(df.w, f.px), Kind: df.kind,
			TwoWay: df.fp.Flow.TwoWay(), Colour: col, Edge: FlowOutline(col)})
		half := df.env/2 + bandOutline(df.env, f.px) + pad
		m := (2*MaxBandWidth + 24) * f.px
		runs, _ := runsIn(line, f.dx, f.dy, orb.Bound{Min: orb.Point{-m, -m}, Max: orb.Point{f.w + m, f.h + m}})
		for _, ru := range runs {
			occ.addBand(ru.pts, half)
			if !df.fp.Flow.TwoWay() && ru.end {
				th, tl := tipFor(df.env, f.px)
				e := ru.pts[len(ru.pts)-1]
				a := ru.pts[len(ru.pts)-2]
				l := math.Hypot(e[0]-a[0], e[1]-a[1])
				if l > 0 {
					t := orb.Point{(e[0] - a[0]) / l, (e[1] - a[1]) / l}
					occ.addBand([]orb.Point{e, {e[0] + t[0]*tl, e[1] + t[1]*tl}}, th+pad)
				}
			}
		}
	}
	f.addCorridorLines(occ)
	var grid []Label
	if s.Graticule {
		grid = f.graticuleLabels(occ)
	}
	f.collectLabels()
	lay.Labels = append(grid, f.placeAll(occ, drawn, lines)...)
	lay.marks = f.topMarks
	pl.pruneLegend(f, lay)
	lay.Panels = pl.list
	return lay
}
