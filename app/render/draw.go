package render

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/data"
)

// The raster side of a Layout: labels, panels and legend keys drawn as
// the layout placed them.

// drawPlaceLabels draws every label of the layout but the flows' (which
// move with their bands from frame to frame): what the base picture
// holds.
func (r *Renderer) drawPlaceLabels(img *image.RGBA, lay *Layout) {
	c := r.canvasFor(img)
	for i := range lay.Labels {
		l := &lay.Labels[i]
		if l.Kind == FlowLabel || l.Over {
			continue
		}
		if d := l.Dot; d != nil {
			px := lay.Unit
			if d.Capital {
				c.disc(d.X, d.Y, d.R+1.4*px)
				c.flush(d.Colour)
				c.disc(d.X, d.Y, d.R)
				c.flush(colHalo)
				c.disc(d.X, d.Y, d.R*0.45)
				c.flush(d.Colour)
			} else {
				c.disc(d.X, d.Y, d.R+px)
				c.flush(colHalo)
				c.disc(d.X, d.Y, d.R)
				c.flush(d.Colour)
			}
		}
		r.drawRuns(img, l.Runs, 0, 0, l.Halo)
	}
}

func (r *Renderer) drawRuns(img *image.RGBA, runs []TextRun, dx, dy, halo float64) {
	for _, t := range runs {
		drawText(img, r.faces.get(t.Style, t.Size), t.Text, t.X+dx, t.Y+dy, t.Colour, withAlpha(colHalo, 0.9), halo)
	}
}

// drawFlowLabels draws the flows' labels beside their bands as wide as
// they are at the scene's year.
func (r *Renderer) drawFlowLabels(img *image.RGBA, s *Scene, lay *Layout) {
	var now map[*FlowPath]float64
	for i := range lay.Labels {
		l := &lay.Labels[i]
		if l.Over {
			r.drawRuns(img, l.Runs, 0, 0, l.Halo)
		}
		if l.Kind != FlowLabel {
			continue
		}
		if now == nil {
			now = map[*FlowPath]float64{}
			for _, df := range s.drawnFlows() {
				now[df.fp] = df.w
			}
		}
		w, ok := now[l.Flow]
		if !ok {
			continue
		}
		d := (w - l.BandWidth) / 2
		r.drawRuns(img, l.Runs, l.Normal[0]*d, l.Normal[1]*d, l.Halo)
	}
}

// drawOverlay draws what changes from frame to frame on top of the cached
// base: the highlight, the flows, the port symbols over them, the flows'
// labels and the panels.
func (r *Renderer) drawOverlay(img *image.RGBA, s *Scene, lay *Layout) {
	f := r.newFrame(img, s)
	if len(s.Flows) > 0 {
		f.drawBands(r.flowLines(s))
		for _, m := range lay.marks {
			f.marker(m.p, m.m, m.op, f.px)
		}
	}
	// A selected route shows over the band that runs along it.
	if s.Highlight != "" || s.HighlightFeature != nil {
		f.highlight(s.Highlight, s.HighlightFeature)
	}
	r.drawFlowLabels(img, s, lay)
	f.drawPanels(lay)
}

// highlight marks the feature with the given id, or the given feature, in
// every visible layer as a selection: a white casing with black dashes,
// which no flow band or corridor line looks like.
func (f *frame) highlight(id string, feat *geojson.Feature) {
	var hit []shape
	for _, l := range f.s.Layers {
		for _, sh := range f.visibleShapes(l) {
			if sh.f == feat || (id != "" && l.featureIDAt(sh.f, int(sh.idx)) == id) {
				hit = append(hit, sh)
			}
		}
	}
	if len(hit) == 0 {
		return
	}
	px := f.px
	dash := []float64{6 * px, 4 * px}
	for pass := range 2 {
		w, pw, col := 9*px, 6*px, colHalo
		if pass == 1 {
			w, pw, col = 3*px, 2.2*px, colSelect
		}
		for _, sh := range hit {
			for _, line := range sh.lines {
				if pass == 0 {
					f.c.stroke(line, w, f.dx, f.dy)
					continue
				}
				for _, p := range f.c.dash.cut(line, dash, 0) {
					f.c.stroke(p, w, f.dx, f.dy)
				}
			}
			for _, poly := range sh.polys {
				for _, ring := range poly {
					if pass == 0 {
						f.c.stroke(closed(ring), pw, f.dx, f.dy)
						continue
					}
					for _, p := range f.c.dash.cut(closed(ring), dash, 0) {
						f.c.stroke(p, pw*0.45, f.dx, f.dy)
					}
				}
			}
			for _, pt := range sh.points {
				ring := circle(pt[0]+f.dx, pt[1]+f.dy, 12*px)
				if pass == 0 {
					f.c.stroke(ring, 5*px, 0, 0)
					continue
				}
				for _, p := range f.c.dash.cut(ring, dash, 0) {
					f.c.stroke(p, 2*px, 0, 0)
				}
			}
		}
		f.c.flush(col)
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
	f.c.rect(b.X0, b.Y0, b.X1, b.Y1)
	f.c.flush(colPanel)
	lw := math.Max(1, f.px)
	f.c.rect(b.X0, b.Y0, b.X1, b.Y0+lw)
	f.c.rect(b.X0, b.Y1-lw, b.X1, b.Y1)
	f.c.rect(b.X0, b.Y0, b.X0+lw, b.Y1)
	f.c.rect(b.X1-lw, b.Y0, b.X1, b.Y1)
	f.c.flush(withAlpha(colInk, 0.25))
}

// drawPanels draws the bands beside the map frame (when the layout has
// them) and every panel. The subtitle follows the scene's year: the
// layout was made for its whole year and sized for any tenth of it.
func (f *frame) drawPanels(lay *Layout) {
	if lay.Banded {
		fr := lay.Frame
		for _, b := range []Box{{0, 0, lay.Width, fr.Y0}, {0, fr.Y1, lay.Width, lay.Height}, {0, fr.Y0, fr.X0, fr.Y1}, {fr.X1, fr.Y0, lay.Width, fr.Y1}} {
			if !b.Empty() {
				f.c.rect(b.X0, b.Y0, b.X1, b.Y1)
			}
		}
		f.c.flush(colHalo)
		lw := math.Max(1, f.px)
		f.c.rect(fr.X0, fr.Y0, fr.X1, fr.Y0+lw)
		f.c.rect(fr.X0, fr.Y1-lw, fr.X1, fr.Y1)
		f.c.flush(withAlpha(colInk, 0.4))
	}
	for i := range lay.Panels {
		p := &lay.Panels[i]
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
			f.r.drawRuns(f.img, texts, 0, 0, 0)
		case LegendPanel:
			f.drawLegend(p)
		case ScaleBarPanel:
			f.panelGround(p.Box)
			if b := p.Bar; b != nil {
				f.c.rect(b.X0, b.Y, b.X1, b.Y+b.H)
				f.c.flush(colInk)
				u := f.px
				f.c.rect((b.X0+b.X1)/2, b.Y+u, b.X1-u, b.Y+b.H-u)
				f.c.flush(colHalo)
			}
			f.r.drawRuns(f.img, p.Texts, 0, 0, 0)
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
			f.c.ring(left, 0, 0)
			f.c.flush(colInk)
			f.c.ring(right, 0, 0)
			f.c.flush(withAlpha(colInk, 0.45))
			f.r.drawRuns(f.img, p.Texts, 0, 0, 1.5*f.px)
		case AttributionPanel:
			if !lay.Banded || p.Box.Y0 < lay.Frame.Y1-0.5 {
				f.c.rect(p.Box.X0, p.Box.Y0, p.Box.X1, p.Box.Y1)
				f.c.flush(withAlpha(colHalo, 0.8))
			}
			f.r.drawRuns(f.img, p.Texts, 0, 0, 0)
		}
	}
}

// drawLegend draws the legend panel, from the last frame's picture of it
// while nothing in it changed (it is opaque, so the map under it does not
// matter).
func (f *frame) drawLegend(p *Panel) {
	rect := image.Rect(int(math.Floor(p.Box.X0)), int(math.Floor(p.Box.Y0)), int(math.Ceil(p.Box.X1)), int(math.Ceil(p.Box.Y1))).Intersect(f.img.Bounds())
	if rect.Empty() {
		return
	}
	var key strings.Builder
	fmt.Fprintf(&key, "%v|%g|", rect, p.Box)
	for _, r := range p.Rows {
		fmt.Fprintf(&key, "%d:%s:%s:%v:%p:%d:%v:%v:%g|", r.Key.Kind, r.Key.ID, r.Key.Status, r.Key.Colour, r.Key.Flow, r.Key.Figure, r.Key.Values, r.Swatch, r.Key.Max)
		for _, t := range r.Texts {
			fmt.Fprintf(&key, "%s@%g,%g;", t.Text, t.X, t.Y)
		}
	}
	if f.r.legendImg != nil && f.r.legendKey == key.String() {
		draw.Draw(f.img, rect, f.r.legendImg, image.Point{}, draw.Src)
		return
	}
	f.c.rect(p.Box.X0, p.Box.Y0, p.Box.X1, p.Box.Y1)
	f.c.flush(colHalo)
	f.panelGround(p.Box)
	for i := range p.Rows {
		f.drawKey(&p.Rows[i].Key, p.Rows[i].Swatch)
		f.r.drawRuns(f.img, p.Rows[i].Texts, 0, 0, 0)
	}
	f.r.legendImg = image.NewRGBA(image.Rect(0, 0, rect.Dx(), rect.Dy()))
	draw.Draw(f.r.legendImg, f.r.legendImg.Rect, f.img, rect.Min, draw.Src)
	f.r.legendKey = key.String()
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
		f.c.flush(withAlpha(colHalo, 0.95))
	case KeyWidths:
		seg := (b.X1 - b.X0) / float64(max(1, len(k.Values)))
		for i, v := range k.Values {
			bw := BandWidth(v, k.Max, u)
			x0 := b.X0 + float64(i)*seg
			ow := bandOutline(bw, u)
			f.c.rect(x0+u-ow, cy-bw/2-ow, x0+seg-u+ow, cy+bw/2+ow)
			f.c.flush(FlowOutline(colKeyBand))
			f.c.rect(x0+u, cy-bw/2, x0+seg-u, cy+bw/2)
			f.c.flush(colKeyBand)
		}
	case KeyLine:
		st := kindStyle(k.ID, k.Status)
		if st.casingW > 0 {
			f.c.stroke(line, st.casingW*u, 0, 0)
			f.c.flush(st.casing)
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
			for _, p := range f.c.dash.cut(circle(x, cy, r), []float64{4 * u, 3 * u}, 0) {
				f.c.stroke(p, 1.3*u, 0, 0)
			}
			f.c.flush(withAlpha(colFerry, 0.75))
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
		f.c.disc(x, cy, 3*u)
		f.c.flush(colHalo)
		f.c.disc(x, cy, 2*u)
		f.c.flush(withAlpha(colFerry, 0.8))
	case KeyCapital:
		x := (b.X0 + b.X1) / 2
		r := 2.8 * u
		f.c.disc(x, cy, r+1.4*u)
		f.c.flush(colCapital)
		f.c.disc(x, cy, r)
		f.c.flush(colHalo)
		f.c.disc(x, cy, r*0.45)
		f.c.flush(colCapital)
	case KeyCity:
		x := (b.X0 + b.X1) / 2
		f.c.disc(x, cy, 2.2*u)
		f.c.flush(colTown)
	case KeyDisputed:
		f.strokePlain(line, 1.5*u, f.scaled(disputedDash), colDisputed)
	case KeyBloc:
		bl, ok := data.BlocByID(k.ID)
		if !ok {
			return
		}
		box := [][]orb.Point{{{b.X0 + 3*u, b.Y0 + 2*u}, {b.X1 - 3*u, b.Y0 + 2*u}, {b.X1 - 3*u, b.Y1 - 2*u}, {b.X0 + 3*u, b.Y1 - 2*u}}}
		for _, seg := range hatch([][][]orb.Point{box}, hatchSpacing*u*0.7, bl.Hatch, orb.Bound{Min: orb.Point{b.X0, b.Y0}, Max: orb.Point{b.X1, b.Y1}}) {
			f.c.stroke(seg[:], hatchWidth*u, 0, 0)
		}
		f.c.flush(withAlpha(k.Colour, 0.7))
		f.c.stroke(closed(box[0]), blocOutline*u, 0, 0)
		f.c.flush(withAlpha(k.Colour, 0.9))
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
	if dash == nil {
		f.c.stroke(pts, w, 0, 0)
	} else {
		for _, p := range dashes(pts, dash, 0, nil) {
			f.c.stroke(p, w, 0, 0)
		}
	}
	f.c.flush(col)
}
