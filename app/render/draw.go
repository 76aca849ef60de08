package render

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo/shapes"
)

// The raster side of a Layout: labels, panels and legend keys drawn as
// the layout placed them.

// drawPlaceLabels draws every label of the layout but the flows' (which
// move with their bands from frame to frame): what the base picture
// holds.
func (f *frame) drawPlaceLabels(lay *Layout) {
	f.p.Begin(GroupLabels)
	defer f.p.End()
	for i := range lay.Labels {
		l := &lay.Labels[i]
		if l.Kind == FlowLabel || l.Over {
			continue
		}
		if d := l.Dot; d != nil {
			px := lay.Unit
			if d.Capital {
				f.disc(d.X, d.Y, d.R+1.4*px, d.Colour)
				f.disc(d.X, d.Y, d.R, colHalo)
				f.disc(d.X, d.Y, d.R*0.45, d.Colour)
			} else {
				f.disc(d.X, d.Y, d.R+px, colHalo)
				f.disc(d.X, d.Y, d.R, d.Colour)
			}
		}
		f.p.Text(l.Runs, 0, 0, l.Halo, withAlpha(colHalo, 0.9))
	}
}

// disc fills one disc.
func (f *frame) disc(x, y, r float64, col color.NRGBA) {
	pa := f.path()
	pa.Circle(x, y, r)
	f.p.Fill(pa, col)
}

// rect fills one rectangle.
func (f *frame) rect(x0, y0, x1, y1 float64, col color.NRGBA) {
	pa := f.path()
	pa.Rect(x0, y0, x1, y1)
	f.p.Fill(pa, col)
}

// drawFlowLabels draws the flows' labels beside their bands as wide as
// they are at the scene's year.
func (f *frame) drawFlowLabels(lay *Layout) {
	f.p.Begin(GroupFlowLabels)
	defer f.p.End()
	var now map[*FlowPath]float64
	for i := range lay.Labels {
		l := &lay.Labels[i]
		if l.Over {
			f.p.Text(l.Runs, 0, 0, l.Halo, withAlpha(colHalo, 0.9))
		}
		if l.Kind != FlowLabel {
			continue
		}
		if now == nil {
			now = map[*FlowPath]float64{}
			for _, df := range f.s.drawnFlows() {
				now[df.fp] = df.w
			}
		}
		w, ok := now[l.Flow]
		if !ok {
			continue
		}
		d := (w - l.BandWidth) / 2
		f.p.Text(l.Runs, l.Normal[0]*d, l.Normal[1]*d, l.Halo, withAlpha(colHalo, 0.9))
	}
}

// drawOverlay draws what changes from frame to frame on top of the cached
// base: the highlight, the flows, the port symbols over them, the flows'
// labels and the panels; lines are the flows' bundled lines
// (Renderer.flowLines), worked out once for all the bands of a picture.
func (f *frame) drawOverlay(lay *Layout, lines map[*FlowPath][]orb.Point) {
	if len(f.s.Flows) > 0 {
		f.p.Begin(GroupFlows)
		f.drawBands(lines)
		for _, m := range lay.marks {
			f.marker(m.p, m.m, m.op, f.px)
		}
		f.p.End()
	}
	// A selected route shows over the band that runs along it.
	if f.s.Highlight != "" || f.s.HighlightFeature != nil {
		f.p.Begin(GroupHighlight)
		f.highlight(f.s.Highlight, f.s.HighlightFeature)
		f.p.End()
	}
	f.drawFlowLabels(lay)
	f.drawPanels(lay)
}

// highlight marks the feature with the given id, or the given feature, in
// every visible layer as a selection: a white casing with black dashes,
// which no flow band or corridor line looks like.
func (f *frame) highlight(id string, feat *geojson.Feature) {
	var hit []shapes.Shape
	for _, l := range f.s.Layers {
		for _, sh := range f.visibleShapes(l.Layer) {
			if sh.Feature == feat || (id != "" && l.featureIDAt(sh.Feature, int(sh.Index)) == id) {
				hit = append(hit, sh)
			}
		}
	}
	if len(hit) == 0 {
		return
	}
	px := f.px
	dash := []float64{6 * px, 4 * px}
	// The white casing under everything, then the black dashes.
	lines, rings, points := f.path(), &Path{}, &Path{}
	for _, sh := range hit {
		for _, line := range sh.Lines {
			lines.Line(line, f.dx, f.dy)
		}
		for _, poly := range sh.Polys {
			for _, ring := range poly {
				rings.Ring(ring, f.dx, f.dy)
			}
		}
		for _, pt := range sh.Points {
			points.Circle(pt[0]+f.dx, pt[1]+f.dy, 12*px)
		}
	}
	for pass := range 2 {
		col := colHalo
		lw, rw, pw := Pen{Width: 9 * px}, Pen{Width: 6 * px}, Pen{Width: 5 * px}
		if pass == 1 {
			col = colSelect
			lw, rw, pw = Pen{Width: 3 * px, Dash: dash}, Pen{Width: 2.2 * px * 0.45, Dash: dash}, Pen{Width: 2 * px, Dash: dash}
		}
		f.p.Stroke(lines, lw, col)
		f.p.Stroke(rings, rw, col)
		f.p.Stroke(points, pw, col)
	}
}

// circle is a closed ring of radius r around (x, y).
func circle(x, y, r float64) []orb.Point {
	n := max(16, min(96, int(r)))
	out := make([]orb.Point, 0, n+1)
	for i := 0; i <= n; i++ {
		a := float64(i) / float64(n) * 2 * math.Pi
		out = append(out, orb.Point{x + r*math.Cos(a), y + r*math.Sin(a)})
	}
	return out
}

func (f *frame) panelGround(b Box) {
	f.rect(b.X0, b.Y0, b.X1, b.Y1, colPanel)
	lw := math.Max(1, f.px)
	pa := f.path()
	pa.Rect(b.X0, b.Y0, b.X1, b.Y0+lw)
	pa.Rect(b.X0, b.Y1-lw, b.X1, b.Y1)
	pa.Rect(b.X0, b.Y0, b.X0+lw, b.Y1)
	pa.Rect(b.X1-lw, b.Y0, b.X1, b.Y1)
	f.p.Fill(pa, withAlpha(colInk, 0.25))
}

// panelGroups names the group of each kind of panel.
var panelGroups = map[PanelKind]string{
	TitlePanel: GroupTitle, LegendPanel: GroupLegend, ScaleBarPanel: GroupScaleBar,
	NorthArrowPanel: GroupNorthArrow, AttributionPanel: GroupAttribution,
}

// drawPanels draws the bands beside the map frame (when the layout has
// them) and every panel. The subtitle follows the scene's year: the
// layout was made for its whole year and sized for any tenth of it.
func (f *frame) drawPanels(lay *Layout) {
	if lay.Banded {
		f.p.Begin(GroupFrame)
		fr := lay.Frame
		pa := f.path()
		for _, b := range []Box{{0, 0, lay.Width, fr.Y0}, {0, fr.Y1, lay.Width, lay.Height}, {0, fr.Y0, fr.X0, fr.Y1}, {fr.X1, fr.Y0, lay.Width, fr.Y1}} {
			if !b.Empty() {
				pa.Rect(b.X0, b.Y0, b.X1, b.Y1)
			}
		}
		f.p.Fill(pa, colHalo)
		lw := math.Max(1, f.px)
		pa = f.path()
		pa.Rect(fr.X0, fr.Y0, fr.X1, fr.Y0+lw)
		pa.Rect(fr.X0, fr.Y1-lw, fr.X1, fr.Y1)
		f.p.Fill(pa, withAlpha(colInk, 0.4))
		f.p.End()
	}
	for i := range lay.Panels {
		p := &lay.Panels[i]
		f.p.Begin(panelGroups[p.Kind])
		switch p.Kind {
		case TitlePanel:
			if !p.Plain {
				f.panelGround(p.Box)
			}
			texts := p.Texts
			if lay.year != f.s.Year {
				// The year line is the first regular line.
				texts = append([]TextRun(nil), texts...)
				for i := range texts {
					if texts[i].Style == regular {
						texts[i].Text = strings.Replace(texts[i].Text, f.s.lang().Year(float64(lay.year)), f.s.lang().Year(float64(f.s.Year)), 1)
						break
					}
				}
			}
			f.p.Text(texts, 0, 0, 0, colHalo)
		case LegendPanel:
			f.drawLegend(p)
		case ScaleBarPanel:
			f.panelGround(p.Box)
			if b := p.Bar; b != nil {
				f.rect(b.X0, b.Y, b.X1, b.Y+b.H, colInk)
				u := f.px
				f.rect((b.X0+b.X1)/2, b.Y+u, b.X1-u, b.Y+b.H-u, colHalo)
			}
			f.p.Text(p.Texts, 0, 0, 0, colHalo)
		case NorthArrowPanel:
			b := p.Box
			size := b.X1 - b.X0
			x, y1 := (b.X0+b.X1)/2, b.Y1
			y0 := y1 - size
			left := []orb.Point{{x, y0}, {x - size/3, y1}, {x, y1 - size/4}}
			right := []orb.Point{{x, y0}, {x, y1 - size/4}, {x + size/3, y1}}
			for _, t := range [][]orb.Point{left, right} {
				if signedArea(t) > 0 {
					t[1], t[2] = t[2], t[1]
				}
			}
			pa := f.path()
			pa.Ring(left, 0, 0)
			f.p.Fill(pa, colInk)
			pa = f.path()
			pa.Ring(right, 0, 0)
			f.p.Fill(pa, withAlpha(colInk, 0.45))
			f.p.Text(p.Texts, 0, 0, 1.5*f.px, withAlpha(colHalo, 0.9))
		case AttributionPanel:
			if !lay.Banded || p.Box.Y0 < lay.Frame.Y1-0.5 {
				f.rect(p.Box.X0, p.Box.Y0, p.Box.X1, p.Box.Y1, withAlpha(colHalo, 0.8))
			}
			f.p.Text(p.Texts, 0, 0, 0, colHalo)
		}
		f.p.End()
	}
}

// drawLegend draws the legend panel, or the last frame's picture of it
// while nothing in it changed (it is opaque, so the map under it does not
// matter).
func (f *frame) drawLegend(p *Panel) {
	var key strings.Builder
	fmt.Fprintf(&key, "%g|", p.Box)
	for _, r := range p.Rows {
		fk := uint64(0)
		if r.Key.Flow != nil {
			fk = r.Key.Flow.key()
		}
		fmt.Fprintf(&key, "%d:%s:%s:%v:%d:%d:%v:%v:%g|", r.Key.Kind, r.Key.ID, r.Key.Status, r.Key.Colour, fk, r.Key.Figure, r.Key.Values, r.Swatch, r.Key.Max)
		for _, t := range r.Texts {
			fmt.Fprintf(&key, "%s@%g,%g;", t.Text, t.X, t.Y)
		}
	}
	f.p.Reuse(key.String(), p.Box, func() {
		f.rect(p.Box.X0, p.Box.Y0, p.Box.X1, p.Box.Y1, colHalo)
		f.panelGround(p.Box)
		for i := range p.Rows {
			f.drawKey(&p.Rows[i].Key, p.Rows[i].Swatch)
			f.p.Text(p.Rows[i].Texts, 0, 0, 0, colHalo)
		}
	})
}

// drawKey draws a legend swatch in box b with the map's own styles.
func (f *frame) drawKey(k *Key, b Box) {
	u := f.px
	cy := (b.Y0 + b.Y1) / 2
	line := []orb.Point{{b.X0 + 3*u, cy}, {b.X1 - 3*u, cy}}
	sample := func(st bandStyle) {
		l := b.X1 - b.X0 - 6*u
		if st.oneWay {
			_, tl := tipFor(st.w, u)
			line = []orb.Point{{b.X0 + 3*u, cy}, {b.X1 - 3*u - tl, cy}}
			l -= tl
		}
		f.band([]run{{pts: line, start: true, end: true}}, l, st)
	}
	switch k.Kind {
	case KeyFlow:
		sample(bandStyle{w: min(10*u, b.Y1-b.Y0-2*u), col: k.Colour, kind: k.Figure, oneWay: !k.TwoWay, noMarks: true})
	case KeyFigureKind:
		sample(bandStyle{w: min(10*u, b.Y1-b.Y0-2*u), col: colKeyBand, kind: k.Figure, noMarks: true})
	case KeyOneWay, KeyTwoWay:
		w := min(10*u, b.Y1-b.Y0-2*u)
		st := bandStyle{w: w, col: colKeyBand, kind: data.Actual, oneWay: k.Kind == KeyOneWay, noMarks: true}
		sample(st)
		mk := marksFor(w, u)
		t := orb.Point{1, 0}
		mid := orb.Point{(b.X0 + b.X1) / 2, cy}
		if st.oneWay {
			f.chevron(orb.Point{mid[0] - 6*u, cy}, t, mk, 1)
			f.chevron(orb.Point{mid[0] + 4*u, cy}, t, mk, 1)
		} else {
			f.twoWayMark(mid, t, mk)
		}
		f.flushMarks(mk, withAlpha(colHalo, 0.95))
	case KeyWidths:
		seg := (b.X1 - b.X0) / float64(max(1, len(k.Values)))
		for i, v := range k.Values {
			bw := BandWidth(v, k.Max, u)
			x0 := b.X0 + float64(i)*seg
			ow := bandOutline(bw, u)
			f.rect(x0+u-ow, cy-bw/2-ow, x0+seg-u+ow, cy+bw/2+ow, FlowOutline(colKeyBand))
			f.rect(x0+u, cy-bw/2, x0+seg-u, cy+bw/2, colKeyBand)
		}
	case KeyLine:
		st := kindStyle(k.ID, k.Status)
		if st.casingW > 0 {
			f.strokePlain(line, st.casingW*u, nil, st.casing)
		}
		f.strokePlain(line, st.w*u, f.scaled(st.dash), st.col)
		if st.overW > 0 {
			f.strokePlain(line, st.overW*u, f.scaled(st.overDash), st.over)
		}
	case KeyPorts:
		x := (b.X0 + b.X1) / 2
		switch k.Status {
		case "uncertain":
			r := min(b.Y1-b.Y0, b.X1-b.X0) * 0.45
			f.strokePlain(circle(x, cy, r), 1.3*u, []float64{4 * u, 3 * u}, withAlpha(colFerry, 0.75))
			f.marker(orb.Point{x, cy}, markerFor("port", "ferry", "operating"), 1, u*0.7)
		case "terminal":
			f.marker(orb.Point{b.X0 + (b.X1-b.X0)*0.3, cy}, markerFor("port", "ferry", "operating"), 1, u)
			f.marker(orb.Point{b.X0 + (b.X1-b.X0)*0.72, cy}, markerFor("terminal", "oil", "operating"), 1, u)
		default:
			f.marker(orb.Point{x, cy}, markerFor("port", "ferry", "operating"), 1, u)
		}
	case KeyPoint:
		f.marker(orb.Point{(b.X0 + b.X1) / 2, cy}, markerFor(k.ID, "", "operating"), 1, u)
	case KeySeaport:
		x := (b.X0 + b.X1) / 2
		f.disc(x, cy, 3*u, colHalo)
		f.disc(x, cy, 2*u, withAlpha(colFerry, 0.8))
	case KeyCapital:
		x := (b.X0 + b.X1) / 2
		r := 2.8 * u
		f.disc(x, cy, r+1.4*u, colCapital)
		f.disc(x, cy, r, colHalo)
		f.disc(x, cy, r*0.45, colCapital)
	case KeyCity:
		x := (b.X0 + b.X1) / 2
		f.disc(x, cy, 2.2*u, colTown)
	case KeyDisputed:
		f.strokePlain(line, 1.5*u, f.scaled(disputedDash), colDisputed)
	case KeyBloc:
		bl, ok := data.BlocByID(k.ID)
		if !ok {
			return
		}
		box := [][]orb.Point{{{b.X0 + 3*u, b.Y0 + 2*u}, {b.X1 - 3*u, b.Y0 + 2*u}, {b.X1 - 3*u, b.Y1 - 2*u}, {b.X0 + 3*u, b.Y1 - 2*u}}}
		segs := hatch([][][]orb.Point{box}, hatchSpacing*u*0.7, bl.Hatch, orb.Bound{Min: orb.Point{b.X0, b.Y0}, Max: orb.Point{b.X1, b.Y1}})
		pa := f.path()
		for i := range segs {
			pa.Line(segs[i][:], 0, 0)
		}
		f.p.Stroke(pa, Pen{Width: hatchWidth * u}, withAlpha(k.Colour, 0.7))
		pa = f.path()
		pa.Ring(box[0], 0, 0)
		f.p.Stroke(pa, Pen{Width: blocOutline * u}, withAlpha(k.Colour, 0.9))
	case KeyUser:
		col := k.Colour
		if col.A == 0 {
			col = UserColour(0)
		}
		f.strokePlain(line, 3*u, nil, col)
	}
}

// strokePlain strokes a line given in image pixels, dashed when dash is set.
func (f *frame) strokePlain(pts []orb.Point, w float64, dash []float64, col color.NRGBA) {
	pa := f.path()
	pa.Line(pts, 0, 0)
	f.p.Stroke(pa, Pen{Width: w, Dash: dash}, col)
}
