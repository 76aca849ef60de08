package render

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
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
		var joins []int
		for k, st := range fl.Path {
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
			if k > 0 && len(line) > 0 {
				joins = append(joins, len(line)-1)
			}
			line = append(line, seg...)
		}
		out = append(out, &FlowPath{Flow: fl, Line: line, Index: i, Joins: joins})
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

// YearLabel formats a fractional year for labels in English: whole years
// plainly, others to a hundredth (the window's finest step), without
// trailing zeros. It cuts rather than rounds, so 2022.999 reads "2022.99"
// and never "2023", a year whose flows may not be drawn yet. Other
// languages: i18n.Lang.Year.
func YearLabel(t geo.Year) string { return i18n.EN.Year(float64(t)) }

// FormatAmount writes a flow value the way labels and panels show it in
// English: "1.39 Mt", "≈1.50 Mt", and "2.3 kt" for what a hundredth of a
// megatonne would hide. Only the display precision changes, never the
// figure. Other languages: i18n.Lang.Amount.
func FormatAmount(v float64, unit string, approx bool) string { return i18n.EN.Amount(v, unit, approx) }

// ValueLabel is the text on a flow's band: its name, the published figure
// of the year the timeline is in, that year and the figure's kind, as in
// "Kazakh crude to BTC · ≈1.50 Mt · 2025 actual". Between whole years the
// label keeps naming the year's published figure while the band eases
// towards the next one: the map never prints a number nobody published.
func ValueLabel(f *data.Flow, t geo.Year) (string, bool) {
	name, figure, ok := FlowLabelLines(f, t, i18n.EN)
	if !ok {
		return "", false
	}
	return name + " · " + figure, true
}

// FlowLabelLines is ValueLabel in its two lines, as the map sets it in
// l: the flow's name (saying "both ways" when its figures count both
// directions and its name does not say so already) and the published
// figure with its year and kind.
func FlowLabelLines(f *data.Flow, t geo.Year, l i18n.Lang) (name, figure string, ok bool) {
	fig, ok := f.FigureAt(t)
	if !ok {
		return "", "", false
	}
	name = flowName(f, l)
	figure = l.Figure(fig.Value, f.Unit, fig.Approximate, float64(fig.Year), fig.Kind.String())
	return name, figure, true
}

// flowName is the flow's label in l, saying "both ways" when its figures
// count both directions and its name does not say so already.
func flowName(f *data.Flow, l i18n.Lang) string {
	name := f.LabelIn(l)
	if f.TwoWay() && !strings.Contains(strings.ToLower(name), l.T("flow.both_marker")) {
		name += l.T("flow.both_ways")
	}
	return name
}

// Included returns the flow among drawn whose figure f's figure already
// contains (the Kazakh crude inside the TITR total), so the map can say
// so and nobody adds the two bands.
func Included(f *data.Flow, drawn []*FlowPath) (*data.Flow, bool) {
	for _, id := range f.Includes {
		for _, fp := range drawn {
			if fp.Flow.ID == id {
				return fp.Flow, true
			}
		}
	}
	return nil, false
}

// flowLine is the flow's route in world pixels for the viewport's zoom,
// projected once per zoom.
func (r *Renderer) flowLine(fp *FlowPath, v geo.Viewport) []orb.Point {
	k := flowKey{fp, keyOf(v)}
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
	zk viewKey
}

// viewKey names a viewport's world pixels: its zoom, pixel scale and
// projection, what geometry projected once serves every pan of.
type viewKey struct {
	zoom, scale float64
	proj        *geo.Projection
}

func keyOf(v geo.Viewport) viewKey {
	return viewKey{zoom: math.Round(v.Zoom*1e6) / 1e6, scale: v.Scale, proj: v.Proj()}
}

// String writes the key for the picture keys made of text.
func (k viewKey) String() string { return fmt.Sprintf("%g|%g|%s", k.zoom, k.scale, k.proj.ID()) }

func (s *Scene) widthScales() map[string]float64 {
	if s.WidthScale != nil {
		return s.WidthScale
	}
	return WidthScales(s.Flows)
}

// drawnFlows are the scene's flows with a band at its year, widest
// first, with their widths in device pixels.
func (s *Scene) drawnFlows() []drawnFlow {
	scales := s.widthScales()
	var out []drawnFlow
	for _, fp := range s.Flows {
		v, kind, ok := fp.Flow.At(s.Year)
		if !ok || len(fp.Line) < 2 {
			continue
		}
		w := BandWidth(v, scales[fp.Flow.Unit], s.View.Scale)
		if w <= 0 {
			continue
		}
		// The widest the band gets this year: it eases towards the next
		// year's figure.
		at, env := w, w
		if fig, ok := fp.Flow.FigureAt(s.Year); ok {
			at = BandWidth(fig.Value, scales[fp.Flow.Unit], s.View.Scale)
			env = max(env, at)
			if next, ok := fp.Flow.FigureAt(fig.Year + 1); ok {
				env = max(env, BandWidth(next.Value, scales[fp.Flow.Unit], s.View.Scale))
			}
		}
		out = append(out, drawnFlow{fp, w, at, env, kind})
	}
	slices.SortStableFunc(out, func(a, b drawnFlow) int { return cmp.Compare(b.env, a.env) })
	return out
}

// drawnFlow is a flow with a band in the frame's year.
type drawnFlow struct {
	fp   *FlowPath
	w    float64 // the band's width now
	at   float64 // its width at the whole year
	env  float64 // the widest it gets within the year
	kind data.FigureKind
}
