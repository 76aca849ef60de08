package render

import (
	"image/color"
	"math"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
	"github.com/corridor-atlas/corridor-atlas/geo/shapes"
)

// corridorLayer draws a corridor layer, styling each feature by its kind
// and status.
func (f *frame) corridorLayer(l SceneLayer) {
	shs := f.visibleShapes(l.Layer)
	type group struct {
		st  lineStyle
		shs []*shapes.Shape
	}
	var groups []*group
	byKey := map[string]*group{}
	var points []*shapes.Shape
	for i := range shs {
		s := &shs[i]
		if len(s.Points) > 0 {
			points = append(points, s)
		}
		if len(s.Lines) == 0 {
			continue
		}
		kind, status := Prop(s.Feature, "kind"), Prop(s.Feature, "status")
		k := kind + "|" + status
		g := byKey[k]
		if g == nil {
			g = &group{st: kindStyle(kind, status)}
			byKey[k] = g
			groups = append(groups, g)
		}
		g.shs = append(g.shs, s)
	}
	op := l.Opacity
	// Casings first, so lines of one layer never cut each other's casing.
	for _, g := range groups {
		if g.st.casingW > 0 {
			f.strokeGroup(g.shs, g.st.casingW, nil, withAlpha(g.st.casing, op))
		}
	}
	for _, g := range groups {
		f.strokeGroup(g.shs, g.st.w, g.st.dash, withAlpha(g.st.col, op))
		if g.st.overW > 0 {
			f.strokeGroup(g.shs, g.st.overW, g.st.overDash, withAlpha(g.st.over, op))
		}
	}
	for _, s := range points {
		m := markerFor(Prop(s.Feature, "kind"), Prop(s.Feature, "role"), Prop(s.Feature, "status"))
		for _, p := range s.Points {
			f.marker(orb.Point{p[0] + f.dx, p[1] + f.dy}, m, op, f.px)
		}
		if km, ok := numProp(s.Feature, "uncertainty_km"); ok && km > 0 {
			f.uncertainty(s, km, op)
		}
	}
}

// uncertainty rings a point whose true position is only known to within
// km (Kuryk port) with a broken circle of that ground radius, so the
// symbol is not read as a surveyed position.
func (f *frame) uncertainty(s *shapes.Shape, km, op float64) {
	pt, ok := s.Feature.Geometry.(orb.Point)
	if !ok {
		return
	}
	c := f.s.View.World(pt)
	n := f.s.View.World(orb.Point{pt[0], pt[1] + km/111.2})
	r := c[1] - n[1]
	if r < 6*f.px {
		return // smaller than the symbol: nothing to show
	}
	ring := make([]orb.Point, 0, 65)
	for i := 0; i <= 64; i++ {
		a := float64(i) / 64 * 2 * math.Pi
		ring = append(ring, orb.Point{c[0] + r*math.Cos(a), c[1] + r*math.Sin(a)})
	}
	pa := f.path()
	pa.Line(ring, f.dx, f.dy)
	f.p.Stroke(pa, Pen{Width: 1.3 * f.px, Dash: f.scaled([]float64{4, 3})}, withAlpha(colFerry, 0.75*op))
}

// corridorLabels collects the labels of corridor places (ports and
// terminals) and their symbols, which are drawn again above the flow
// bands so a band never hides Aktau or Alat.
func (f *frame) corridorLabels(shs []shapes.Shape) {
	for i := range shs {
		s := &shs[i]
		if len(s.Points) == 0 {
			continue
		}
		m := markerFor(Prop(s.Feature, "kind"), Prop(s.Feature, "role"), Prop(s.Feature, "status"))
		for _, p := range s.Points {
			f.topMarks = append(f.topMarks, topMark{orb.Point{p[0] + f.dx, p[1] + f.dy}, m, f.layerOpacity})
		}
		if text := strProp(s.Feature, i18n.Key("label", f.s.lang()), "label"); text != "" {
			p := s.Points[0]
			f.labels = append(f.labels, label{kind: NodeLabel, text: text, x: p[0] + f.dx, y: p[1] + f.dy, size: nodeSize,
				floor: nodeFloor, style: bold, col: colInk, prio: 10, offset: m.radius + m.ringW})
		}
	}
}

func (f *frame) strokeGroup(shs []*shapes.Shape, w float64, dash []float64, col color.NRGBA) {
	pa := f.path()
	for _, s := range shs {
		for _, line := range s.Lines {
			pa.Line(line, f.dx, f.dy)
		}
	}
	f.p.Stroke(pa, Pen{Width: w * f.px, Dash: f.scaled(dash)}, col)
}

// topMark is a point symbol to draw again above the flows.
type topMark struct {
	p  orb.Point
	m  markerStyle
	op float64
}

// marker draws a point symbol centred on p (image pixels).
func (f *frame) marker(p orb.Point, m markerStyle, op, unit float64) {
	r := m.radius * unit
	rw := m.ringW * unit
	if m.square {
		f.rect(p[0]-r-rw, p[1]-r-rw, p[0]+r+rw, p[1]+r+rw, withAlpha(m.ring, op))
		f.rect(p[0]-r, p[1]-r, p[0]+r, p[1]+r, withAlpha(m.fill, op))
		return
	}
	f.disc(p[0], p[1], r+rw, withAlpha(m.ring, op))
	f.disc(p[0], p[1], r, withAlpha(m.fill, op))
}

// addCorridorLines gives the placer the corridor's visible lines, each as
// wide as its stroke and halo.
func (f *frame) addCorridorLines(occ *occupancy) {
	var pts []orb.Point
	for _, l := range f.s.Layers {
		if l.Group != data.Corridor {
			continue
		}
		for _, sh := range f.visibleShapes(l.Layer) {
			if len(sh.Lines) == 0 {
				continue
			}
			st := kindStyle(Prop(sh.Feature, "kind"), Prop(sh.Feature, "status"))
			half := (max(st.w, st.casingW)/2 + 1.5) * f.px
			for _, line := range sh.Lines {
				pts = pts[:0]
				for _, p := range line {
					pts = append(pts, orb.Point{p[0] + f.dx, p[1] + f.dy})
				}
				occ.lines.addBand(pts, half)
			}
		}
	}
}
