package render

import (
	"math"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo/shapes"
)

// legendKinds are the corridor line kinds in legend order, with the key
// of their legend text in the words.
var legendKinds = []struct{ kind, key string }{
	{"rail", "legend.line.rail"},
	{"ferry-lane", "legend.line.ferry-lane"},
	{"tanker-lane", "legend.line.tanker-lane"},
	{"pipeline", "legend.line.pipeline"},
	{"fibre-cable", "legend.line.fibre-cable"},
	{"power-cable", "legend.line.power-cable"},
}

// legendSpec is a legend entry before it is laid out: its key and text.
type legendSpec struct {
	key  Key
	text string
}

// inFrame reports whether a shape (world pixels) shows in the picture.
func (f *frame) inFrame(sh *shapes.Shape) bool {
	return sh.Max[0]+f.dx >= 0 && sh.Min[0]+f.dx <= f.w && sh.Max[1]+f.dy >= 0 && sh.Min[1]+f.dy <= f.h
}

// legendSpecs lists exactly what the picture draws: the flows with a band
// at its year (every year's, with allYears), how to read the bands, the
// corridor kinds, symbols and basemap signs in view, the context blocs
// and the user's layers.
func (f *frame) legendSpecs(allYears bool) []legendSpec {
	s := f.s
	lang := s.lang()
	var out []legendSpec
	// Flows.
	lines := f.r.flowLines(s)
	scales := s.widthScales()
	var drawn []*FlowPath
	kinds := map[data.FigureKind]bool{}
	oneWay, twoWay := false, false
	units := map[string]bool{}
	var unitOrder []string
	for _, fp := range s.Flows {
		line := lines[fp]
		if line == nil && len(fp.Line) >= 2 {
			line = f.r.flowLine(fp, s.View) // not drawn this year: its route
		}
		if len(line) < 2 || !f.lineShows(line) {
			continue
		}
		if allYears {
			if len(fp.Flow.Values) == 0 {
				continue
			}
			for _, v := range fp.Flow.Values {
				kinds[v.Kind] = true
			}
		} else {
			_, k, ok := fp.Flow.At(s.Year)
			if !ok {
				continue
			}
			kinds[k] = true
		}
		drawn = append(drawn, fp)
		if fp.Flow.TwoWay() {
			twoWay = true
		} else {
			oneWay = true
		}
		if !units[fp.Flow.Unit] {
			units[fp.Flow.Unit] = true
			unitOrder = append(unitOrder, fp.Flow.Unit)
		}
	}
	for _, fp := range drawn {
		fl := fp.Flow
		text := flowName(fl, lang)
		if inc, ok := Included(fl, drawn); ok {
			text += lang.T("legend.includes", map[string]string{"Flow": inc.IncludedAsIn(lang)})
		}
		if sc := scales[fl.Unit]; sc > 0 && fl.Max()/sc*MaxBandWidth < MinBandWidth {
			text += lang.T("legend.min_width", map[string]string{"Px": lang.Number(MinBandWidth, 1), "Max": lang.Amount(fl.Max(), fl.Unit, false)})
		}
		k := data.Actual
		if !allYears {
			_, k, _ = fl.At(s.Year)
		}
		out = append(out, legendSpec{Key{Kind: KeyFlow, Flow: fp, Colour: FlowColour(fl.ID, fp.Index), Figure: k, TwoWay: fl.TwoWay()}, text})
	}
	if len(drawn) > 0 {
		if oneWay {
			out = append(out, legendSpec{Key{Kind: KeyOneWay}, lang.T("legend.one_way")})
		}
		if twoWay {
			out = append(out, legendSpec{Key{Kind: KeyTwoWay}, lang.T("legend.two_way")})
		}
		if len(kinds) > 1 || !kinds[data.Actual] {
			for _, k := range []data.FigureKind{data.Actual, data.Estimate, data.Plan, data.Forecast} {
				if kinds[k] || k == data.Actual {
					out = append(out, legendSpec{Key{Kind: KeyFigureKind, Figure: k}, lang.T(figureKindText[k])})
				}
			}
		}
		for _, unit := range unitOrder {
			steps := scaleSteps(scales[unit])
			texts := make([]string, len(steps))
			for i, v := range steps {
				texts[i] = lang.Number(v, 6)
			}
			out = append(out, legendSpec{Key{Kind: KeyWidths, Values: steps, Max: scales[unit]},
				lang.T("legend.band_width", map[string]string{"Steps": strings.Join(texts, " · "), "Unit": lang.Unit(unit)})})
		}
	}
	// The corridor's lines and symbols in view.
	lineKinds := map[string]bool{}
	statuses := map[string]bool{}
	points := map[string]bool{}
	var users, blocs []SceneLayer
	var basemapKeys []legendSpec // the keys of basemap layers that show
	places := false
	for _, l := range s.Layers {
		switch l.Group {
		case data.Basemap:
			st := s.style(l.ID)
			places = places || st.Places
			if st.KeyText == "" {
				continue
			}
			for _, sh := range f.visibleShapes(l.Layer) {
				if f.inFrame(&sh) {
					basemapKeys = append(basemapKeys, legendSpec{Key{Kind: st.Key}, lang.T(st.KeyText)})
					break
				}
			}
		case data.Context:
			blocs = append(blocs, l)
		case data.Corridor:
			for _, sh := range f.visibleShapes(l.Layer) {
				if !f.inFrame(&sh) {
					continue
				}
				k := Prop(sh.Feature, "kind")
				if len(sh.Lines) > 0 {
					lineKinds[k] = true
					statuses[Prop(sh.Feature, "status")] = true
				}
				if len(sh.Points) > 0 {
					points[k] = true
					if _, ok := sh.Feature.Properties["uncertainty_km"]; ok {
						points["uncertain"] = true
					}
				}
			}
		case UserGroup:
			users = append(users, l)
		}
	}
	for _, k := range legendKinds {
		if lineKinds[k.kind] {
			out = append(out, legendSpec{Key{Kind: KeyLine, ID: k.kind, Status: "operating"}, lang.T(k.key)})
		}
	}
	if statuses["under-construction"] {
		out = append(out, legendSpec{Key{Kind: KeyLine, ID: "rail", Status: "under-construction"}, lang.T("legend.under_construction")})
	}
	if statuses["planned"] {
		out = append(out, legendSpec{Key{Kind: KeyLine, ID: "rail", Status: "planned"}, lang.T("legend.planned")})
	}
	if points["port"] || points["terminal"] {
		text := lang.T("legend.port")
		st := ""
		if points["terminal"] {
			text += lang.T("legend.port.terminal")
			st = "terminal"
		}
		out = append(out, legendSpec{Key{Kind: KeyPorts, Status: st}, text})
		if points["uncertain"] {
			out = append(out, legendSpec{Key{Kind: KeyPorts, Status: "uncertain"}, lang.T("legend.uncertain")})
		}
	}
	if points["border-crossing"] {
		out = append(out, legendSpec{Key{Kind: KeyPoint, ID: "border-crossing"}, lang.T("legend.border_crossing")})
	}
	if points["pump-station"] {
		out = append(out, legendSpec{Key{Kind: KeyPoint, ID: "pump-station"}, lang.T("legend.pump_station")})
	}
	// Basemap keys in the order of their kinds, the places' among them.
	slices.SortStableFunc(basemapKeys, func(a, b legendSpec) int { return int(a.key.Kind) - int(b.key.Kind) })
	for _, k := range basemapKeys {
		if k.key.Kind < KeyCapital {
			out = append(out, k)
		}
	}
	if places {
		out = append(out, legendSpec{Key{Kind: KeyCapital}, lang.T("legend.capital")}, legendSpec{Key{Kind: KeyCity}, lang.T("legend.city")})
	}
	for _, k := range basemapKeys {
		if k.key.Kind > KeyCity {
			out = append(out, k)
		}
	}
	for _, l := range blocs {
		bl, ok := data.BlocByID(l.ID)
		if !ok {
			continue
		}
		col, err := ParseColour(bl.Colour)
		if err != nil {
			col = colInk
		}
		text := lang.T("legend.bloc", map[string]string{"Bloc": bl.ShortIn(lang)})
		for _, m := range bl.Members {
			if m.Status == "observer" {
				text = lang.T("legend.bloc_observers", map[string]string{"Bloc": bl.ShortIn(lang)})
				break
			}
		}
		out = append(out, legendSpec{Key{Kind: KeyBloc, ID: l.ID, Colour: col}, text})
	}
	for _, l := range users {
		out = append(out, legendSpec{Key{Kind: KeyUser, ID: l.ID, Colour: l.Style.Colour}, l.Title})
	}
	return out
}

// figureKindText are the keys of the legend's lines on the figure kinds.
var figureKindText = map[data.FigureKind]string{
	data.Actual:   "legend.kind.actual",
	data.Estimate: "legend.kind.estimate",
	data.Plan:     "legend.kind.plan",
	data.Forecast: "legend.kind.forecast",
}

// lineShows reports whether any of a line (world pixels) lies in the
// picture.
func (f *frame) lineShows(line []orb.Point) bool {
	box := orb.Bound{Max: orb.Point{f.w, f.h}}
	for i := 1; i < len(line); i++ {
		a := orb.Point{line[i-1][0] + f.dx, line[i-1][1] + f.dy}
		b := orb.Point{line[i][0] + f.dx, line[i][1] + f.dy}
		if segmentMeets(a, b, box) {
			return true
		}
	}
	return false
}

// scaleSteps picks two or three round values up to max for the width key.
func scaleSteps(max float64) []float64 {
	if max <= 0 {
		return nil
	}
	p := math.Pow(10, math.Floor(math.Log10(max)))
	top := math.Floor(max/p) * p
	var out []float64
	for _, v := range []float64{top / 4, top / 2, top} {
		if v > 0 && (len(out) == 0 || v > out[len(out)-1]) {
			out = append(out, math.Round(v*100)/100)
		}
	}
	return out
}

// legendPanel lays the legend out in room: in as few columns as keep it
// within the room's height, or, in a band (band set), in as many columns
// as the room's width takes, with their heights balanced. Long texts
// wrap; none is cut. It reports false when the legend does not fit.
func (f *frame) legendPanel(specs []legendSpec, room Box, band bool) (Panel, bool) {
	if len(specs) == 0 {
		return Panel{}, false
	}
	if !band {
		// In the map, a legend taller than 45 % of the picture goes in
		// more columns, if the room is wide enough for them: a low,
		// wide key in a corner hides less than a tall one along a side.
		if p, ok := f.legendIn(specs, room, band, 0.45*f.h, 0); ok {
			return p, ok
		}
	}
	return f.legendIn(specs, room, band, math.Inf(1), 0)
}

// legendIn is legendPanel with the columns at most maxCol high, or in
// cols columns when cols > 0.
func (f *frame) legendIn(specs []legendSpec, room Box, band bool, maxCol float64, cols int) (Panel, bool) {
	u := f.px
	sz := f.textSize2(legendSize, legendFloor)
	face := f.r.faces.get(regular, sz)
	_, a, d := textBox(face, "Hg")
	lh := (a + d) * 1.02
	sw := max(40*u, 24)
	sgap := max(8*u, 5)
	pad := max(9*u, 5)
	colGap := max(16*u, 8)
	maxText := max(250*u, 150)
	rowGap := max(3*u, 1.5)
	type cell struct {
		spec  legendSpec
		lines []string
		w, h  float64
	}
	cells := make([]cell, len(specs))
	colW := 0.0
	total := 0.0
	for i, sp := range specs {
		lines := f.r.faces.wrap(regular, sz, sp.text, maxText)
		w := 0.0
		for _, l := range lines {
			lw, _, _ := textBox(face, l)
			w = max(w, lw)
		}
		h := max(float64(len(lines))*lh, f.swatchHeight(sp.key, sz)) + rowGap
		cells[i] = cell{sp, lines, sw + sgap + w, h}
		colW = max(colW, sw+sgap+w)
		total += h
	}
	height := func(i int) float64 { return cells[i].h }
	var n int
	switch {
	case cols > 0:
		n = cols
	case band:
		n = max(1, int((room.X1-room.X0-2*pad+colGap)/(colW+colGap)))
	default:
		n, _ = packColumns(len(cells), height, min(room.Y1-room.Y0-2*pad, maxCol))
	}
	// Balanced: the lowest columns that still take no more than n.
	maxH := total/float64(n) + lh
	for {
		cols, _ := packColumns(len(cells), height, maxH)
		if cols <= n {
			break
		}
		maxH += lh / 2
	}
	_, starts := packColumns(len(cells), height, maxH)
	// Each column as wide as its widest row.
	p := Panel{Kind: LegendPanel}
	x := room.X0 + pad
	tallest := 0.0
	for c, st := range starts {
		end := len(cells)
		if c+1 < len(starts) {
			end = starts[c+1]
		}
		cw, y := 0.0, room.Y0+pad
		for _, cl := range cells[st:end] {
			cw = max(cw, cl.w)
			sh := f.swatchHeight(cl.spec.key, sz)
			rowH := cl.h - rowGap
			row := LegendRow{Key: cl.spec.key, Swatch: Box{x, y + (rowH-sh)/2, x + sw, y + (rowH+sh)/2}}
			ty := y + (rowH-float64(len(cl.lines))*lh)/2
			for _, l := range cl.lines {
				row.Texts = append(row.Texts, TextRun{Text: l, Style: regular, Size: sz, X: x + sw + sgap, Y: ty + a, Colour: colInk})
				ty += lh
			}
			p.Rows = append(p.Rows, row)
			y += cl.h
		}
		tallest = max(tallest, y-room.Y0-rowGap)
		x += cw + colGap
	}
	width := x - colGap - room.X0 + pad
	p.Box = Box{room.X0, room.Y0, room.X0 + width, room.Y0 + tallest + pad}
	if width > room.X1-room.X0+0.5 || (!band && tallest+pad > room.Y1-room.Y0+0.5) {
		return p, false
	}
	return p, true
}

// packColumns fills columns of at most maxH with n items in order and
// returns how many columns it took and the first item of each.
func packColumns(n int, h func(int) float64, maxH float64) (int, []int) {
	starts := []int{0}
	y := 0.0
	for i := range n {
		if y > 0 && y+h(i) > maxH {
			starts = append(starts, i)
			y = 0
		}
		y += h(i)
	}
	return len(starts), starts
}

// swatchHeight is the height of a key's swatch for legend text of size sz.
func (f *frame) swatchHeight(k Key, sz float64) float64 {
	if k.Kind == KeyWidths {
		return BandWidth(k.Max, k.Max, f.px) + 2*bandOutline(MaxBandWidth*f.px, f.px) + 4*f.px
	}
	if k.Kind == KeyFlow {
		return max(sz*1.2, 12*f.px)
	}
	return sz * 1.2
}

// pruneLegend drops the keys of symbols that no placed label shows (a
// capital or city whose name found no room is not drawn), laying the
// legend out again in its place: it only shrinks.
func (ps *panelSet) pruneLegend(f *frame, lay *Layout) {
	if ps.legendAt < 0 {
		return
	}
	has := map[KeyKind]bool{}
	for _, l := range lay.Labels {
		if l.Dot != nil {
			if l.Dot.Capital {
				has[KeyCapital] = true
			} else {
				has[KeyCity] = true
			}
		}
	}
	keep := slices.DeleteFunc(slices.Clone(ps.legend), func(sp legendSpec) bool {
		return (sp.key.Kind == KeyCapital || sp.key.Kind == KeyCity) && !has[sp.key.Kind]
	})
	if len(keep) == len(ps.legend) {
		return
	}
	old := ps.list[ps.legendAt].Box
	if len(keep) == 0 {
		ps.list = slices.Delete(ps.list, ps.legendAt, ps.legendAt+1)
		ps.legendAt = -1
		return
	}
	// In as many columns as before, so it cannot grow.
	xs := map[float64]bool{}
	for _, r := range ps.list[ps.legendAt].Rows {
		xs[r.Swatch.X0] = true
	}
	lp, ok := f.legendIn(keep, ps.legendMax, ps.anchor == "band", math.Inf(1), len(xs))
	w, h := lp.Box.X1-lp.Box.X0, lp.Box.Y1-lp.Box.Y0
	if !ok || w > old.X1-old.X0+0.5 || h > old.Y1-old.Y0+0.5 {
		return
	}
	x, y := old.X0, old.Y0
	if ps.anchor == "br" || ps.anchor == "tr" {
		x = old.X1 - w
	}
	if ps.anchor == "br" || ps.anchor == "bl" || ps.anchor == "band" {
		y = old.Y1 - h
	}
	ps.list[ps.legendAt] = f.movePanel(lp, x, y)
	ps.legend = keep
}
