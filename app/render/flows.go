package render

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// MaxBandWidth is the width, in logical pixels, of a flow band at the
// largest value of its unit over the whole timeline. Every other value is
// drawn proportionally on that one locked scale:
//
//	width(t) = MaxBandWidth × value(t) / max over all flows and years of that unit
//
// so a band twice as wide carries twice the volume, in any frame.
const MaxBandWidth = 26.0

// BuildFlowPaths joins each flow's path features into one line in the
// flow's direction. Features are looked up in all the given layers,
// visible or not: hiding the pipeline does not hide the oil flow.
func BuildFlowPaths(flows []*data.Flow, layers []*Layer) ([]*FlowPath, error) {
	lines := map[string]orb.LineString{}
	for _, l := range layers {
		for i, f := range l.Detailed {
			id := l.featureIDAt(f, i)
			if id == "" || f.Geometry == nil {
				continue
			}
			switch g := f.Geometry.(type) {
			case orb.LineString:
				lines[id] = g
			case orb.MultiLineString:
				var all orb.LineString
				for _, ls := range g {
					all = append(all, ls...)
				}
				lines[id] = all
			}
		}
	}
	out := make([]*FlowPath, 0, len(flows))
	for i, fl := range flows {
		var line orb.LineString
		for _, st := range fl.Path {
			seg, ok := lines[st.Feature]
			if !ok {
				return nil, fmt.Errorf("flow %s: path feature %s is not a line in any loaded layer", load.Quote(fl.ID), load.Quote(st.Feature))
			}
			if st.Reverse() {
				seg = reverseLine(seg)
			}
			if len(line) > 0 && len(seg) > 0 && line[len(line)-1].Equal(seg[0]) {
				seg = seg[1:]
			}
			line = append(line, seg...)
		}
		out = append(out, &FlowPath{Flow: fl, Line: line, Index: i})
	}
	return out, nil
}

func reverseLine(ls orb.LineString) orb.LineString {
	out := make(orb.LineString, len(ls))
	for i, p := range ls {
		out[len(ls)-1-i] = p
	}
	return out
}

// WidthScales returns, per unit, the value drawn MaxBandWidth wide: the
// maximum over the whole timeline of every flow given (pass all loaded
// flows, not just the visible ones, so widths compare across exports).
func WidthScales(paths []*FlowPath) map[string]float64 {
	flows := make([]*data.Flow, len(paths))
	for i, p := range paths {
		flows[i] = p.Flow
	}
	return data.MaxByUnit(flows)
}

// BandWidth is the band width in device pixels of value in unit. A flow
// too small to see on the locked scale (Kazakh uranium beside the crude)
// is drawn MinBandWidth wide, so it is on the map at all; its label gives
// the figure and the legend says so.
func BandWidth(value, unitMax, pixelScale float64) float64 {
	if unitMax <= 0 || value <= 0 {
		return 0
	}
	return max(MaxBandWidth*pixelScale*value/unitMax, MinBandWidth*pixelScale)
}

// MinBandWidth is the thinnest band drawn, in logical pixels.
const MinBandWidth = 2.0

// YearLabel formats a fractional year for labels: whole years plainly,
// others to a hundredth (the window's finest step), without trailing
// zeros. It cuts rather than rounds, so 2022.999 reads "2022.99" and
// never "2023", a year whose flows may not be drawn yet.
func YearLabel(t geo.Year) string {
	h := math.Floor(float64(t)*100 + 1e-6) // 1e-6: 2022.99 is 202298.99999… hundredths
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", h/100), "0"), ".")
}

// FormatAmount writes a flow value the way labels and panels show it:
// "1.39 Mt", "≈1.50 Mt", and "2.3 kt" for what a hundredth of a megatonne
// would hide. Only the display precision changes, never the figure.
func FormatAmount(v float64, unit string, approx bool) string {
	u := strings.TrimSuffix(unit, "/yr")
	s := ""
	switch {
	case u == "Mt" && v > 0 && v < 0.1:
		s = strconv.FormatFloat(v*1000, 'f', -1, 64)
		if len(s) > 5 {
			s = fmt.Sprintf("%.1f", v*1000)
		}
		u = "kt"
	default:
		s = fmt.Sprintf("%.2f", v)
	}
	if approx {
		s = "≈" + s
	}
	return s + " " + u
}

// ValueLabel is the text on a flow's band: its name, the published figure
// of the year the timeline is in, that year and the figure's kind, as in
// "Kazakh crude to BTC · ≈1.50 Mt · 2025 actual". Between whole years the
// label keeps naming the year's published figure while the band eases
// towards the next one: the map never prints a number nobody published.
func ValueLabel(f *data.Flow, t geo.Year) (string, bool) {
	fig, ok := f.FigureAt(t)
	if !ok {
		return "", false
	}
	text := f.Label() + " · " + FormatAmount(fig.Value, f.Unit, fig.Approximate) + " · " + YearLabel(fig.Year) + " " + fig.Kind.String()
	if f.TwoWay() {
		text += " · both ways"
	}
	return text, true
}

// drawFlows draws every flow's band at the scene's year with its moving
// direction dashes, arrowhead and value label.
func (f *frame) drawFlows(p *placer) {
	scales := f.s.widthScales()
	// Value labels go on after every band, so a later band never covers
	// an earlier flow's label where the routes run together.
	type valueLabel struct {
		line []orb.Point
		text string
		w    float64
	}
	var labels []valueLabel
	for _, fp := range f.s.Flows {
		v, kind, ok := fp.Flow.At(f.s.Year)
		if !ok || len(fp.Line) < 2 {
			continue
		}
		w := BandWidth(v, scales[fp.Flow.Unit], f.px)
		if w <= 0 {
			continue
		}
		line := f.r.flowLine(fp, f.s.View)
		col := FlowColour(fp.Flow.ID, fp.Index)
		// The band.
		if kind == data.Actual {
			f.c.stroke(line, w, f.dx, f.dy)
			f.c.flush(withAlpha(col, 0.8))
		} else {
			// Plan and forecast: a broken, paler band.
			on := math.Max(12*f.px, 2.4*w)
			f.c.dashed(line, w, []float64{on, math.Max(6*f.px, 0.8*w)}, 0, f.dx, f.dy)
			f.c.flush(withAlpha(col, 0.55))
		}
		if fp.Flow.TwoWay() {
			// Both directions are counted together: no arrow claims one.
			if text, ok := ValueLabel(fp.Flow, f.s.Year); ok {
				labels = append(labels, valueLabel{line, text, w})
			}
			continue
		}
		f.arrowHead(line, w, withAlpha(col, 0.9))
		// Direction dashes move forward with the animation phase.
		dl := math.Max(6*f.px, 1.1*w)
		period := 3 * dl
		dw := math.Max(1.4*f.px, 0.28*w)
		f.c.dashed(line, dw, []float64{dl, period - dl}, -f.s.Phase*period, f.dx, f.dy)
		f.c.flush(withAlpha(colHalo, 0.85))
		if text, ok := ValueLabel(fp.Flow, f.s.Year); ok {
			labels = append(labels, valueLabel{line, text, w})
		}
	}
	for _, l := range labels {
		f.flowLabel(p, l.line, l.text, l.w)
	}
}

// arrowHead draws a triangle past the end of the line, pointing along it.
func (f *frame) arrowHead(line []orb.Point, w float64, col color.NRGBA) {
	n := len(line)
	a, b := line[n-2], line[n-1]
	vx, vy := b[0]-a[0], b[1]-a[1]
	l := math.Hypot(vx, vy)
	if l == 0 {
		return
	}
	ux, uy := vx/l, vy/l
	length := 1.4*w + 8*f.px
	half := 0.9*w + 5*f.px
	bx, by := b[0]+f.dx, b[1]+f.dy
	tri := []orb.Point{
		{bx + ux*length, by + uy*length},
		{bx - uy*half, by + ux*half},
		{bx + uy*half, by - ux*half},
	}
	if signedArea(tri) > 0 {
		tri[1], tri[2] = tri[2], tri[1]
	}
	f.c.ring(tri, 0, 0)
	f.c.flush(col)
}

// flowLabel places the value label near the middle of the band.
func (f *frame) flowLabel(p *placer, line []orb.Point, text string, w float64) {
	// Try points along the line from the middle outwards.
	for _, frac := range []float64{0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8} {
		pt := pointAtFraction(line, frac)
		l := label{text: text, x: pt[0] + f.dx, y: pt[1] + f.dy, size: 13, style: bold, col: colInk, offset: w / f.px / 2}
		if f.placeLabel(p, l, f.s.labelScale()) {
			return
		}
	}
}

func pointAtFraction(line []orb.Point, frac float64) orb.Point {
	total := 0.0
	for i := 1; i < len(line); i++ {
		total += math.Hypot(line[i][0]-line[i-1][0], line[i][1]-line[i-1][1])
	}
	want := total * frac
	for i := 1; i < len(line); i++ {
		seg := math.Hypot(line[i][0]-line[i-1][0], line[i][1]-line[i-1][1])
		if want <= seg && seg > 0 {
			t := want / seg
			return orb.Point{line[i-1][0] + (line[i][0]-line[i-1][0])*t, line[i-1][1] + (line[i][1]-line[i-1][1])*t}
		}
		want -= seg
	}
	return line[len(line)-1]
}

// flowLine is the flow's line in world pixels for the viewport's zoom,
// projected once per zoom.
func (r *Renderer) flowLine(fp *FlowPath, v geo.Viewport) []orb.Point {
	k := flowKey{fp, keyFor(v, true)}
	if r.flowPrep == nil {
		r.flowPrep = map[flowKey][]orb.Point{}
	}
	if l, ok := r.flowPrep[k]; ok {
		return l
	}
	if len(r.flowPrep) > 64 {
		clear(r.flowPrep)
	}
	line := make([]orb.Point, len(fp.Line))
	for i, p := range fp.Line {
		line[i] = v.World(p)
	}
	r.flowPrep[k] = line
	return line
}

type flowKey struct {
	fp *FlowPath
	zk zoomKey
}

func (s *Scene) widthScales() map[string]float64 {
	if s.WidthScale != nil {
		return s.WidthScale
	}
	return WidthScales(s.Flows)
}
