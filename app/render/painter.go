package render

import (
	"image/color"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/data"
)

// Painter is what every picture is drawn through. The frame decides what
// is drawn, where and how — each layer's shapes in their style, the flow
// bands with their marks, the labels and panels of the Layout — and hands
// each batch of one style to a Painter. The raster painter (over
// internal/raster) turns the calls into pixels; a vector writer (SVG,
// PDF) implements the same methods and turns the very same calls into
// paths, circles, rectangles and text, so both draw one scene through one
// code path and cannot disagree about what the map shows.
//
// Coordinates are image pixels, y down, and sizes device pixels. Colours
// are straight (not premultiplied) alpha. Calls come in drawing order: a
// later call paints over an earlier one. A Path and the slices it holds
// are valid only for the call they are passed to (the caller reuses
// them).
type Painter interface {
	// Begin opens a group named for what it holds: a layer's id, or a
	// decoration (see the Group… names). Groups nest; End closes the
	// innermost open one.
	Begin(name string)
	End()
	// Fill paints the closed subpaths of p by the non-zero rule: a ring
	// given the other way round from its outer ring is a hole. Lines are
	// closed for filling.
	Fill(p *Path, col color.NRGBA)
	// Stroke draws the outline of every subpath of p with the pen: lines
	// as given, rings, circles and rectangles closed.
	Stroke(p *Path, pen Pen, col color.NRGBA)
	// Text sets the runs moved by (dx, dy), each letter surrounded by a
	// halo of radius halo device pixels in haloCol (none when halo is 0):
	// the halo keeps a name legible over any map.
	Text(runs []TextRun, dx, dy, halo float64, haloCol color.NRGBA)
	// Reuse draws what draw draws inside box, or — a raster painter's
	// saving — the very pixels it drew the last time it was given the
	// same key (the legend, unchanged from frame to frame). A painter
	// that keeps nothing between pictures calls draw.
	Reuse(key string, box Box, draw func())
}

// Group names for what is not a layer.
const (
	GroupBackground  = "background"
	GroupGraticule   = "graticule"
	GroupFlows       = "flows"
	GroupHighlight   = "highlight"
	GroupLabels      = "labels"
	GroupFlowLabels  = "flow-labels"
	GroupTitle       = "title"
	GroupLegend      = "legend"
	GroupScaleBar    = "scale-bar"
	GroupNorthArrow  = "north-arrow"
	GroupAttribution = "attribution"
	GroupFrame       = "frame"
)

// groupTitles are the decoration groups' word keys, for writers that
// show groups by name (an SVG's group titles, a PDF's layers).
var groupTitles = map[string]string{
	GroupBackground: "group.background", GroupGraticule: "group.graticule", GroupFlows: "group.flows",
	GroupHighlight: "group.highlight", GroupLabels: "group.labels", GroupFlowLabels: "group.flow_labels",
	GroupTitle: "group.title", GroupLegend: "group.legend", GroupScaleBar: "group.scale_bar", GroupNorthArrow: "group.north_arrow",
	GroupAttribution: "group.attribution", GroupFrame: "group.frame",
}

// GroupTitle is what the group a Painter is given by name holds, in
// words of the scene's language: an embedded layer's title, a user
// layer's as its file named it, or the decoration's.
func (s *Scene) GroupTitle(name string) string {
	for _, l := range s.Layers {
		if l.ID != name {
			continue
		}
		if l.Group != UserGroup {
			if src, ok := data.SourceByID(l.ID); ok {
				return src.TitleIn(s.lang())
			}
		}
		return l.Title
	}
	if k, ok := groupTitles[name]; ok {
		return s.lang().T(k)
	}
	return name
}

// Pen is how a stroke is drawn: its width, its dash pattern (lengths in
// device pixels, alternately drawn and left out, starting at each
// subpath's Phase; nil for a solid line) and its caps. Joins are round.
type Pen struct {
	Width float64
	Dash  []float64
	Cap   Cap
}

// Cap is how a stroke, or each dash of it, ends.
type Cap int

// Caps.
const (
	// RoundCap: a half disc round each end (the zero value).
	RoundCap Cap = iota
	// ButtCap: square at the end point (hatching cut to an area).
	ButtCap
)

// SubpathKind says what a Subpath holds.
type SubpathKind int

// Subpath kinds.
const (
	// LineSubpath is an open polyline: Points moved by (DX, DY).
	LineSubpath SubpathKind = iota
	// RingSubpath is a closed ring: Points moved by (DX, DY), the last
	// point joined to the first.
	RingSubpath
	// CircleSubpath is the circle inscribed in Box.
	CircleSubpath
	// RectSubpath is the rectangle Box.
	RectSubpath
)

// Subpath is one piece of a Path.
type Subpath struct {
	Kind   SubpathKind
	Points []orb.Point
	DX, DY float64
	// Phase is how far into the pen's dash pattern the line starts, so
	// dashes and marks stay put on a line cut into pieces.
	Phase float64
	Box   Box
}

// Path is a batch of subpaths drawn in one style: many rings, lines,
// circles or rectangles with one Fill or Stroke call.
type Path struct {
	Subpaths []Subpath
}

// Reset empties the path, keeping its storage.
func (p *Path) Reset() *Path {
	clear(p.Subpaths) // let go of the point slices
	p.Subpaths = p.Subpaths[:0]
	return p
}

// Empty reports whether the path holds nothing.
func (p *Path) Empty() bool { return len(p.Subpaths) == 0 }

// Line adds an open polyline moved by (dx, dy).
func (p *Path) Line(pts []orb.Point, dx, dy float64) {
	p.Subpaths = append(p.Subpaths, Subpath{Kind: LineSubpath, Points: pts, DX: dx, DY: dy})
}

// LineFrom adds an open polyline moved by (dx, dy) whose dashes start
// phase pixels into the pen's pattern.
func (p *Path) LineFrom(pts []orb.Point, dx, dy, phase float64) {
	p.Subpaths = append(p.Subpaths, Subpath{Kind: LineSubpath, Points: pts, DX: dx, DY: dy, Phase: phase})
}

// Ring adds a closed ring moved by (dx, dy).
func (p *Path) Ring(pts []orb.Point, dx, dy float64) {
	p.Subpaths = append(p.Subpaths, Subpath{Kind: RingSubpath, Points: pts, DX: dx, DY: dy})
}

// Circle adds a circle of radius r round (x, y).
func (p *Path) Circle(x, y, r float64) {
	p.Subpaths = append(p.Subpaths, Subpath{Kind: CircleSubpath, Box: Box{x - r, y - r, x + r, y + r}})
}

// Rect adds an axis-aligned rectangle.
func (p *Path) Rect(x0, y0, x1, y1 float64) {
	p.Subpaths = append(p.Subpaths, Subpath{Kind: RectSubpath, Box: Box{x0, y0, x1, y1}})
}
