package render

import (
	"fmt"
	"image/color"
	"strings"
	"unicode"
)

// The palette follows Okabe and Ito's colour-blind-safe set for
// everything that carries meaning (corridor kinds, flows); the basemap is
// kept pale so those colours stand out.
var (
	colWater   = rgb(0xB7, 0xD4, 0xE8)
	colNoData  = rgb(0xE6, 0xE6, 0xE3)
	colLand    = rgb(0xF4, 0xF1, 0xEA)
	colBorder  = rgb(0x9C, 0x86, 0x9C)
	colCoast   = rgb(0x7E, 0xA6, 0xC4)
	colRiver   = rgb(0x9C, 0xC3, 0xDE)
	colCountry = rgb(0x7A, 0x70, 0x7A)
	colSea     = rgb(0x4A, 0x78, 0x9C)
	colCity    = rgb(0x33, 0x33, 0x33)
	colHalo    = rgb(0xFF, 0xFF, 0xFF)
	colRail    = rgb(0x3B, 0x3B, 0x3B)
	colFerry   = rgb(0x00, 0x72, 0xB2) // Okabe–Ito blue
	colOil     = rgb(0xD5, 0x5E, 0x00) // vermillion
	colFibre   = rgb(0x00, 0x9E, 0x73) // bluish green
	colPower   = rgb(0xCC, 0x79, 0xA7) // reddish purple
	// The selection is drawn as a white casing with black dashes over
	// it: no flow band is dashed black and white, and no flow is yellow.
	colSelect   = rgb(0x00, 0x00, 0x00)
	colDisputed = rgb(0x8E, 0x2C, 0x5A) // a dark wine: a border, but not one like the others
	colInk      = rgb(0x22, 0x22, 0x22)
	colPanel    = color.NRGBA{0xFF, 0xFF, 0xFF, 0xF2}
)

// flowColours are the built-in flows' colours, fixed so the legend never
// changes meaning between exports. A band must read in a still, printed
// in greyscale and by a deuteranope, so each is dark enough for 3:1
// against both water and land (the pale basemap leaves room only below
// about L* 49), they sit at least 10 L* apart from one another (a
// greyscale print keeps them apart), and they differ along the blue–yellow
// axis a deuteranope still sees. TestFlowColoursReadEverywhere holds them
// to it. Crude is oil-dark brown; the cargo total is the one vivid hue.
var flowColours = map[string]color.NRGBA{
	"kz-oil-btc": rgb(0x60, 0x23, 0x0E), // oil brown, L* 23
	"titr-cargo": rgb(0x84, 0x00, 0xB5), // purple, L* 35
	"btk-rail":   rgb(0x2C, 0x00, 0x42), // near-black aubergine, L* 8
	"kz-uranium": rgb(0x00, 0x78, 0x96), // deep teal, L* 47
}

// otherFlowColours are given in order to flows loaded from a file; each
// keeps 3:1 against water and land too.
var otherFlowColours = []color.NRGBA{
	rgb(0xA3, 0x2B, 0x00), // rust
	rgb(0x1B, 0x5E, 0x20), // forest green
	rgb(0x28, 0x3A, 0x9E), // indigo
	rgb(0x7A, 0x5C, 0x00), // ochre
}

// userColours are assigned to users' layers without simplestyle colours.
var userColours = []color.NRGBA{
	rgb(0x8E, 0x44, 0xAD), rgb(0x16, 0xA0, 0x85), rgb(0xC0, 0x39, 0x2B), rgb(0x27, 0x60, 0x9E),
	rgb(0xB7, 0x95, 0x0B), rgb(0x6D, 0x4C, 0x41), rgb(0x2E, 0x86, 0x3B), rgb(0xAD, 0x14, 0x57),
}

func rgb(r, g, b uint8) color.NRGBA { return color.NRGBA{r, g, b, 0xFF} }

func withAlpha(c color.NRGBA, a float64) color.NRGBA {
	c.A = uint8(float64(c.A)*clamp01(a) + 0.5)
	return c
}

func clamp01(a float64) float64 {
	if a < 0 {
		return 0
	}
	if a > 1 {
		return 1
	}
	return a
}

// disputedDash is the dash-dot of lines of control and breakaway lines,
// apart from the plain dashes of international borders.
var disputedDash = []float64{7, 2.5, 1.5, 2.5}

// upperName writes a name in capitals as its own language would: Türkiye
// is TÜRKİYE, with the dotted capital İ of Turkish and Azerbaijani.
func upperName(s string) string {
	if strings.ContainsAny(s, "ıİşŞğĞəƏ") || s == "Türkiye" {
		return strings.ToUpperSpecial(unicode.TurkishCase, s)
	}
	return strings.ToUpper(s)
}

// FlowColour is the colour a flow is drawn in; index orders flows without
// a fixed colour.
func FlowColour(id string, index int) color.NRGBA {
	if c, ok := flowColours[id]; ok {
		return c
	}
	return otherFlowColours[index%len(otherFlowColours)]
}

// FlowOutline is the darker edge of a flow's band: the band's own colour
// at 55 % of its value, so a band keeps its edge over any background and
// next to another band.
func FlowOutline(c color.NRGBA) color.NRGBA {
	return color.NRGBA{uint8(float64(c.R)*0.55 + 0.5), uint8(float64(c.G)*0.55 + 0.5), uint8(float64(c.B)*0.55 + 0.5), c.A}
}

// UserColour is the automatic colour of the n-th user layer.
func UserColour(n int) color.NRGBA { return userColours[n%len(userColours)] }

// lineStyle is how a line kind looks: an optional casing under the line,
// the line, and an optional dashed overlay (a railway's white ties).
type lineStyle struct {
	casing   color.NRGBA
	casingW  float64
	col      color.NRGBA
	w        float64
	dash     []float64
	over     color.NRGBA
	overW    float64
	overDash []float64
}

// kindStyle returns the look of a corridor line kind at a status. Widths
// and dashes are in logical pixels; the renderer multiplies them by the
// pixel scale.
func kindStyle(kind, status string) lineStyle {
	var s lineStyle
	switch kind {
	case "rail":
		s = lineStyle{casing: colHalo, casingW: 5, col: colRail, w: 3.4, over: colHalo, overW: 1.6, overDash: []float64{6, 6}}
	case "ferry-lane":
		s = lineStyle{col: colFerry, w: 2.4, dash: []float64{9, 5}}
	case "tanker-lane":
		s = lineStyle{col: colOil, w: 2.4, dash: []float64{4, 4}}
	case "pipeline":
		s = lineStyle{casing: colHalo, casingW: 6, col: colOil, w: 3.8}
	case "fibre-cable":
		s = lineStyle{col: colFibre, w: 2.6, dash: []float64{0.1, 5}}
	case "power-cable":
		s = lineStyle{col: colPower, w: 2.4, dash: []float64{10, 4, 0.1, 4}}
	default:
		s = lineStyle{col: colInk, w: 2}
	}
	switch status {
	case "planned":
		// Planned: faded, and broken even where the kind is solid.
		s.col = withAlpha(s.col, 0.6)
		s.casing = withAlpha(s.casing, 0.6)
		if s.dash == nil {
			s.dash = []float64{7, 5}
			s.overDash = nil
		}
	case "under-construction":
		s.col = withAlpha(s.col, 0.85)
		if s.dash == nil {
			s.dash = []float64{14, 4}
		}
	}
	return s
}

// markerStyle is a port or point symbol.
type markerStyle struct {
	radius float64
	fill   color.NRGBA
	ring   color.NRGBA
	ringW  float64
	square bool
}

// portRoles is the closed list of port roles, with the symbol size each
// gets: the bigger the role in the corridor, the bigger the symbol.
var portRoles = map[string]float64{
	"rail-ferry":    7.5,
	"container":     7,
	"ferry":         6.5,
	"oil":           6.5,
	"general-cargo": 5,
}

func markerFor(kind, role, status string) markerStyle {
	m := markerStyle{radius: 5, fill: colHalo, ring: colFerry, ringW: 2.2}
	if r, ok := portRoles[role]; ok {
		m.radius = r
	}
	switch {
	case kind == "terminal" || role == "oil":
		m.fill, m.ring = colOil, colHalo
	case kind == "border-crossing":
		m = markerStyle{radius: 4.5, fill: colHalo, ring: colRail, ringW: 2, square: true}
	case kind == "pump-station":
		m = markerStyle{radius: 3.5, fill: colOil, ring: colHalo, ringW: 1.2, square: true}
	}
	if status == "planned" {
		m.fill = withAlpha(m.fill, 0.5)
		m.ring = withAlpha(m.ring, 0.7)
	}
	return m
}

// ParseColour reads a simplestyle colour: "#rgb" or "#rrggbb".
func ParseColour(s string) (color.NRGBA, error) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	var r, g, b uint8
	switch len(s) {
	case 3:
		if _, err := fmt.Sscanf(s, "%1x%1x%1x", &r, &g, &b); err != nil {
			return color.NRGBA{}, fmt.Errorf("bad colour %q", s)
		}
		r, g, b = r*17, g*17, b*17
	case 6:
		if _, err := fmt.Sscanf(s, "%02x%02x%02x", &r, &g, &b); err != nil {
			return color.NRGBA{}, fmt.Errorf("bad colour %q", s)
		}
	default:
		return color.NRGBA{}, fmt.Errorf("bad colour %q", s)
	}
	return rgb(r, g, b), nil
}
