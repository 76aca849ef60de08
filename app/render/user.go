package render

import (
	"image/color"

	"github.com/paulmach/orb"
)

// userStyle is the resolved look of one user feature: simplestyle-spec
// properties where the feature has them, the layer's style otherwise.
type userStyle struct {
	stroke      color.NRGBA
	strokeW     float64
	fill        color.NRGBA
	marker      color.NRGBA
	markerR     float64
	hasOwnStyle bool
}

func (f *frame) resolveUserStyle(l *Layer, s *shape) userStyle {
	base := l.Style.Colour
	if base.A == 0 {
		base = UserColour(0)
	}
	w := l.Style.Width
	if w <= 0 {
		w = 2
	}
	st := userStyle{stroke: base, strokeW: w, fill: withAlpha(base, 0.3), marker: base, markerR: 5}
	if !l.mayHaveStyle() {
		return st
	}
	get := func(key string) any { return l.valueAt(s.f, int(s.idx), key) }
	str := func(key string) string { v, _ := get(key).(string); return v }
	if c, err := ParseColour(str("stroke")); err == nil {
		st.stroke, st.hasOwnStyle = c, true
	}
	if v, ok := get("stroke-width").(float64); ok && v >= 0 && v < 100 {
		st.strokeW = v
	}
	if v, ok := get("stroke-opacity").(float64); ok {
		st.stroke = withAlpha(st.stroke, v)
	}
	if c, err := ParseColour(str("fill")); err == nil {
		st.fill = withAlpha(c, 0.6)
	}
	if v, ok := get("fill-opacity").(float64); ok {
		st.fill.A = uint8(255*clamp01(v) + 0.5)
	}
	if c, err := ParseColour(str("marker-color")); err == nil {
		st.marker = c
	}
	switch str("marker-size") {
	case "small":
		st.markerR = 3.5
	case "large":
		st.markerR = 7
	}
	return st
}

func (f *frame) userLayer(l *Layer) {
	shapes := f.visibleShapes(l)
	op := l.Opacity
	type batch struct {
		st     userStyle
		shapes []*shape
	}
	var batches []*batch
	index := map[userStyle]*batch{}
	for i := range shapes {
		st := f.resolveUserStyle(l, &shapes[i])
		b := index[st]
		if b == nil {
			b = &batch{st: st}
			index[st] = b
			batches = append(batches, b)
		}
		b.shapes = append(b.shapes, &shapes[i])
	}
	for _, b := range batches {
		f.c.build(len(b.shapes), func(c *canvas, i int) {
			for _, poly := range b.shapes[i].polys {
				for _, ring := range poly {
					c.ring(ring, f.dx, f.dy)
				}
			}
		})
		f.c.flush(withAlpha(b.st.fill, op))
		f.c.build(len(b.shapes), func(c *canvas, i int) {
			s := b.shapes[i]
			for _, line := range s.lines {
				c.stroke(line, b.st.strokeW*f.px, f.dx, f.dy)
			}
			for _, poly := range s.polys {
				for _, ring := range poly {
					c.stroke(ring, b.st.strokeW*0.6*f.px, f.dx, f.dy)
				}
			}
		})
		f.c.flush(withAlpha(b.st.stroke, op))
		for _, s := range b.shapes {
			for _, p := range s.points {
				f.c.disc(p[0]+f.dx, p[1]+f.dy, (b.st.markerR+1.5)*f.px)
			}
		}
		f.c.flush(withAlpha(colHalo, op))
		for _, s := range b.shapes {
			for _, p := range s.points {
				f.c.disc(p[0]+f.dx, p[1]+f.dy, b.st.markerR*f.px)
			}
		}
		f.c.flush(withAlpha(b.st.marker, op))
	}
}

// userLabels collects the labels of a user layer from its label field.
func (f *frame) userLabels(l *Layer, shapes []shape) {
	field := l.Style.LabelField
	if field == "" {
		return
	}
	for i := range shapes {
		s := &shapes[i]
		text := propText(l.valueAt(s.f, int(s.idx), field))
		if text == "" {
			continue
		}
		var at orb.Point
		switch {
		case len(s.points) > 0:
			at = s.points[0]
		case len(s.lines) > 0:
			line := s.lines[0]
			at = line[len(line)/2]
		case len(s.polys) > 0:
			ring, _ := largestPoly(s)
			at = centroid(ring)
		}
		f.labels = append(f.labels, label{kind: UserLabel, text: text, x: at[0] + f.dx, y: at[1] + f.dy, size: userSize,
			floor: userFloor, style: regular, col: colInk, prio: 400 + i, centred: len(s.points) == 0, offset: 5})
	}
}

// simplestyleKeys are the properties resolveUserStyle reads.
var simplestyleKeys = []string{"stroke", "stroke-width", "stroke-opacity", "fill", "fill-opacity", "marker-color", "marker-size"}

// mayHaveStyle reports whether some feature may carry a simplestyle
// property: a file of millions of points without any is drawn without
// reading each point's properties.
func (l *Layer) mayHaveStyle() bool {
	for _, k := range simplestyleKeys {
		if l.MayHave(k) {
			return true
		}
	}
	return false
}
