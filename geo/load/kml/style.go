package kml

import (
	"strconv"
	"strings"
)

// style is what a KML Style says, in simplestyle terms. Unset members are
// left to the map.
type style struct {
	stroke, fill, marker       string // "#rrggbb"
	strokeOp, fillOp, markerOp float64
	width                      float64
	hasStroke, hasFill         bool
	hasMarker, hasWidth        bool
	noFill, noOutline          bool
	scale                      float64
}

// colour reads KML's aabbggrr (optionally with a leading #).
func colour(s string) (hex string, opacity float64, ok bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(s) != 8 {
		return "", 0, false
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return "", 0, false
	}
	a, b, g, r := v>>24, (v>>16)&0xff, (v>>8)&0xff, v&0xff
	return "#" + hex2(r) + hex2(g) + hex2(b), float64(a) / 255, true
}

func hex2(v uint64) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[v>>4], digits[v&15]})
}

// merge lays o over s: what o sets wins.
func (s style) merge(o style) style {
	if o.hasStroke {
		s.stroke, s.strokeOp, s.hasStroke = o.stroke, o.strokeOp, true
	}
	if o.hasFill {
		s.fill, s.fillOp, s.hasFill = o.fill, o.fillOp, true
	}
	if o.hasMarker {
		s.marker, s.markerOp, s.hasMarker = o.marker, o.markerOp, true
	}
	if o.hasWidth {
		s.width, s.hasWidth = o.width, true
	}
	if o.scale != 0 {
		s.scale = o.scale
	}
	s.noFill = s.noFill || o.noFill
	s.noOutline = s.noOutline || o.noOutline
	return s
}

// apply writes the style as simplestyle properties for a geometry kind:
// 'p' points, 'l' lines, 'a' areas (polygons), 'm' a mix.
func (s style) apply(props map[string]any, kind byte) {
	set := func(k string, v any) {
		if _, own := props[k]; !own {
			props[k] = v
		}
	}
	if kind == 'p' || kind == 'm' {
		if s.hasMarker {
			set("marker-color", s.marker)
		}
		switch {
		case s.scale > 0 && s.scale < 0.8:
			set("marker-size", "small")
		case s.scale > 1.2:
			set("marker-size", "large")
		}
	}
	if kind == 'l' || kind == 'a' || kind == 'm' {
		if s.hasStroke {
			set("stroke", s.stroke)
			if s.strokeOp < 1 {
				set("stroke-opacity", round3(s.strokeOp))
			}
		}
		if s.hasWidth {
			set("stroke-width", s.width)
		}
	}
	if kind == 'a' || kind == 'm' {
		if s.hasFill {
			set("fill", s.fill)
			if s.fillOp < 1 {
				set("fill-opacity", round3(s.fillOp))
			}
		}
		if s.noFill {
			props["fill-opacity"] = 0.0
		}
		if s.noOutline {
			props["stroke-opacity"] = 0.0
		}
	}
}

func round3(v float64) float64 {
	return float64(int(v*1000+0.5)) / 1000
}
