package render

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/data"
)

// label is a text waiting for a place. Labels are collected from every
// layer and placed together, most important first (flows, corridor
// nodes, then reference places), so a key port is never crowded out by a
// village and a reference name is the first to go where space is short.
type label struct {
	kind    LabelKind
	text    string
	x, y    float64 // anchor in image pixels
	size    float64 // logical pixels
	floor   float64 // the smallest size in device pixels, for small pictures
	style   fontStyle
	col     color.NRGBA
	prio    int // lower is placed first
	centred bool
	// Point labels: a dot at the anchor, drawn only when the label fits.
	dot     float64 // radius in logical pixels; 0 for none
	dotCol  color.NRGBA
	capital bool
	// offset pushes a point label away from a bigger symbol (logical px).
	offset float64
}

// Label sizes in logical pixels, with the smallest each may get in
// device pixels: corridor nodes are the boldest and largest; reference
// places are quieter, and drop out first.
const (
	nodeSize, nodeFloor       = 15.0, 10.5
	flowSize, flowFloor       = 14.0, 10.0
	keySize, keyFloor         = 14.0, 10.0
	capitalSize, capitalFloor = 13.0, 9.5
	citySize, cityFloor       = 12.0, 9.0
	seaSize, seaFloor         = 15.0, 9.5
	countrySize, countryFloor = 13.0, 9.0
	userSize, userFloor       = 12.0, 9.0
)

// Reference places are grey; corridor names are ink.
var (
	colCapital = rgb(0x3A, 0x3A, 0x3A)
	colTown    = rgb(0x5C, 0x5C, 0x5C)
)

// textSize is a label size in device pixels for the frame.
func (f *frame) textSize(logical, floor float64) float64 {
	return max(logical*f.px*f.s.labelScale(), floor)
}

// collectLabels gathers the labels of every visible layer.
func (f *frame) collectLabels() {
	f.labels = f.labels[:0]
	for _, l := range f.s.Layers {
		shs := f.visibleShapes(l.Layer)
		f.layerOpacity = l.Opacity
		switch {
		case l.Group == data.Basemap:
			st := f.s.style(l.ID)
			if rule := st.Areas; rule != nil {
				for i := range shs {
					f.areaLabel(&shs[i], rule)
				}
			}
			if st.Places {
				f.cities(shs, l.Opacity)
			}
		case l.Group == data.Corridor:
			f.corridorLabels(shs)
		case l.Group == data.Context:
		default:
			f.userLabels(l, shs)
		}
	}
}

// placeAll places the collected labels and the flows' labels in priority
// order and returns them as placed.
func (f *frame) placeAll(occ *occupancy, drawn []drawnFlow, lines map[*FlowPath][]orb.Point) []Label {
	// Corridor symbols are taken first: no name covers a port (Adana
	// beside the Ceyhan terminal).
	for _, m := range f.topMarks {
		r := (m.m.radius + m.m.ringW) * f.px
		occ.claim(Box{m.p[0] - r, m.p[1] - r, m.p[0] + r, m.p[1] + r})
	}
	slices.SortStableFunc(f.labels, func(a, b label) int { return a.prio - b.prio })
	var out []Label
	var anchors [][2]float64 // corridor nodes placed
	placeFlows := func() {
		for _, df := range drawn {
			if l, ok := f.placeFlowLabel(occ, df, lines[df.fp], drawn); ok {
				out = append(out, l)
			}
		}
	}
	// The flows' labels go first: each must sit by its own band, while a
	// node's name can take a place further round its symbol.
	placeFlows()
	for _, l := range f.labels {
		if l.dot > 0 && l.kind != KeyPlaceLabel && nearAny(anchors, l.x, l.y, 18*f.px) {
			// A town at a corridor port ("Aqtau" beside "Aktau"): the
			// port's label names the place already.
			continue
		}
		if p, ok := f.placeLabel(occ, l); ok {
			out = append(out, p)
			if l.kind == NodeLabel {
				anchors = append(anchors, [2]float64{l.x, l.y})
			}
		}
	}
	f.labels = f.labels[:0]
	return out
}

func nearAny(anchors [][2]float64, x, y, r float64) bool {
	for _, a := range anchors {
		if (a[0]-x)*(a[0]-x)+(a[1]-y)*(a[1]-y) < r*r {
			return true
		}
	}
	return false
}

// placeLabel finds a free place for a point or area label and claims it.
func (f *frame) placeLabel(occ *occupancy, l label) (Label, bool) {
	size := f.textSize(l.size, l.floor)
	face := f.r.faces.get(l.style, size)
	w, asc, desc := textBox(face, l.text)
	halo := 1.7 * f.px * f.s.labelScale()
	pad := max(1.5*f.px, halo)
	type cand struct{ x, y float64 } // baseline start
	var cands []cand
	mid := l.y + (asc-desc)/2
	if l.centred {
		h := asc + desc
		cands = []cand{{l.x - w/2, mid}}
		// An area name moves off a band or another name rather than be
		// cut: a few places around its centre, nearest first.
		for _, d := range [][2]float64{{0, -1.3}, {0, 1.3}, {-0.35, 0}, {0.35, 0}, {-0.35, -1.3}, {0.35, 1.3}, {0.35, -1.3}, {-0.35, 1.3}, {0, -2.6}, {0, 2.6}, {-0.7, 0}, {0.7, 0}} {
			cands = append(cands, cand{l.x - w/2 + d[0]*w, mid + d[1]*h})
		}
	} else {
		// Eight places round the symbol; a corridor node also tries them
		// further out, clear of the bands that end at its port.
		rings := []float64{0}
		switch l.kind {
		case NodeLabel:
			rings = []float64{0, 6, 14, 24}
		case KeyPlaceLabel:
			rings = []float64{0, 8, 18}
		}
		for _, extra := range rings {
			gap := (l.dot+l.offset+extra)*f.px + 3*f.px*f.s.labelScale()
			dg := gap * 0.72
			cands = append(cands,
				cand{l.x + gap, mid},                // right
				cand{l.x - gap - w, mid},            // left
				cand{l.x + dg, l.y - dg - desc},     // above right
				cand{l.x + dg, l.y + dg + asc},      // below right
				cand{l.x - dg - w, l.y - dg - desc}, // above left
				cand{l.x - dg - w, l.y + dg + asc},  // below left
				cand{l.x - w/2, l.y - gap - desc},   // above
				cand{l.x - w/2, l.y + gap + asc},    // below
			)
		}
	}
	var dotBox Box
	if l.dot > 0 {
		r := (l.dot + 1) * f.px
		dotBox = Box{l.x - r, l.y - r, l.x + r, l.y + r}
		if !occ.free(dotBox, true) {
			return Label{}, false
		}
	}
	// A corridor node is never left unnamed: failing a place clear of
	// the bands, its name goes next to its symbol over a band, and is
	// drawn above the flows.
	passes := []bool{true}
	if l.kind == NodeLabel {
		passes = append(passes, false)
	}
	for _, bands := range passes {
		for i, c := range cands {
			if !bands && i >= 8 {
				break
			}
			box := Box{c.x - pad, c.y - asc - pad, c.x + w + pad, c.y + desc + pad}
			if !occ.free(box, bands) {
				continue
			}
			occ.claim(box)
			out := Label{Kind: l.kind, Halo: halo, Box: box, Over: !bands,
				Runs: []TextRun{{Text: l.text, Style: l.style, Size: size, X: c.x, Y: c.y, Colour: l.col}}}
			if l.dot > 0 {
				occ.claim(dotBox)
				out.Dot = &Dot{X: l.x, Y: l.y, R: l.dot * f.px, Capital: l.capital, Colour: l.dotCol}
			}
			return out, true
		}
	}
	return Label{}, false
}

// placeFlowLabel puts a flow's label beside the visible part of its own
// band: its name, its figure and, for a total, what it includes. Places
// along the band are tried from the middle of what shows outwards, on
// either side; the label keeps clear of other labels, panels and bands.
// A flow whose band shows always gets its label: failing a clear place,
// it may cross another band, but never a label or a panel.
func (f *frame) placeFlowLabel(occ *occupancy, df drawnFlow, line []orb.Point, drawn []drawnFlow) (Label, bool) {
	if len(line) < 2 {
		return Label{}, false
	}
	name, figure, ok := FlowLabelLines(df.fp.Flow, f.s.Year, f.s.lang())
	if !ok {
		return Label{}, false
	}
	// Where the label sat in the last layout of this zoom and year, moved
	// with the map, if it is still clear there: a pan keeps labels in
	// place instead of placing them afresh.
	key := fmt.Sprintf("%v|%g|%v|%g|%s", keyOf(f.s.View), f.s.labelScale(), occ.frame, math.Floor(float64(f.s.Year)+1e-9), name+figure)
	if p, ok := f.r.flowPlaced[df.fp]; ok && p.key == key && f.keep {
		dx, dy := f.dx-p.dx, f.dy-p.dy
		move := func(b Box) Box { return Box{b.X0 + dx, b.Y0 + dy, b.X1 + dx, b.Y1 + dy} }
		all, hi := move(p.label.Box), move(p.hi)
		if clampBox(all, occ.frame) == all && occ.free(hi, p.bands) && occ.free(all, false) {
			occ.claim(all)
			l := p.label
			l.Box, l.Runs = all, shiftRuns(l.Runs, dx, dy)
			return l, true
		}
	}
	remember := func(l Label, hi Box, bands bool) {
		if f.r.flowPlaced == nil || len(f.r.flowPlaced) > 64 {
			f.r.flowPlaced = map[*FlowPath]placedFlow{}
		}
		f.r.flowPlaced[df.fp] = placedFlow{key: key, dx: f.dx, dy: f.dy, label: l, hi: hi, bands: bands}
	}
	col := FlowColour(df.fp.Flow.ID, df.fp.Index)
	size := f.textSize(flowSize, flowFloor)
	type line_ struct {
		text  string
		style fontStyle
		size  float64
	}
	texts := []line_{{name, bold, size}, {figure, regular, size * 0.93}}
	var others []*FlowPath
	for _, d := range drawn {
		others = append(others, d.fp)
	}
	if inc, ok := Included(df.fp.Flow, others); ok {
		texts = append(texts, line_{f.s.lang().T("flow.includes", map[string]string{"Flow": inc.IncludedAsIn(f.s.lang())}), regular, size * 0.86})
	}
	var bw, bh float64
	type metric struct{ w, asc, desc float64 }
	var ms []metric
	halo := 1.7 * f.px * f.s.labelScale()
	pad := max(1.5*f.px, halo)
	setUp := func(t []line_) {
		texts, ms, bw, bh = t, ms[:0], 0, 0
		for _, t := range texts {
			w, a, d := textBox(f.r.faces.get(t.style, t.size), t.text)
			ms = append(ms, metric{w, a, d})
			bw = max(bw, w)
			bh += a + d
		}
		bw += 2 * pad
		bh += 2 * pad
	}
	full := texts
	setUp(full)
	// The label's box (its text and halo) keeps 2.5 px from the band's
	// edge at its widest in the year: the flow's own band is a band the
	// placer keeps clear like the others.
	gap := 2.5 * f.px
	ow := bandOutline(df.env, f.px)
	// Sample the band where it shows (in the frame, off the panels).
	runs, _ := runsIn(line, f.dx, f.dy, orb.Bound{Min: orb.Point{occ.frame.X0, occ.frame.Y0}, Max: orb.Point{occ.frame.X1, occ.frame.Y1}})
	type sample struct{ p, t orb.Point }
	var samples []sample
	// Every 10 px, or at most 48 places along what shows.
	shown := 0.0
	for _, ru := range runs {
		for k := 1; k < len(ru.pts); k++ {
			shown += math.Hypot(ru.pts[k][0]-ru.pts[k-1][0], ru.pts[k][1]-ru.pts[k-1][1])
		}
	}
	step := max(10*f.px, shown/48)
	for i := range runs {
		runs[i].along(0, step, func(_ float64, p, t orb.Point) {
			for _, b := range occ.panels {
				if b.Contains(p[0], p[1]) {
					return // under a panel: not seen
				}
			}
			samples = append(samples, sample{p, t})
		})
	}
	if len(samples) == 0 {
		return Label{}, false
	}
	// From the middle of what shows outwards.
	order := make([]int, 0, len(samples))
	mid := len(samples) / 2
	for k := 0; len(order) < len(samples); k++ {
		if mid+k < len(samples) {
			order = append(order, mid+k)
		}
		if k > 0 && mid-k >= 0 {
			order = append(order, mid-k)
		}
	}
	boxAt := func(sm sample, side float64, w float64) (Box, orb.Point) {
		n := orb.Point{-sm.t[1] * side, sm.t[0] * side}
		d := w/2 + ow + gap
		hx, hy := bw/2, bh/2
		reach := d + hx*math.Abs(n[0]) + hy*math.Abs(n[1])
		cx, cy := sm.p[0]+n[0]*reach, sm.p[1]+n[1]*reach
		return Box{cx - hx, cy - hy, cx + hx, cy + hy}, n
	}
	// The band's own segments near the samples, to measure how far a
	// candidate box really is from it (a box beside a bend is further
	// than beside a straight stretch).
	type seg struct {
		a, b orb.Point
		box  Box
	}
	var segs []seg
	cell := 32 * f.px
	grid := map[[2]int][]int32{}
	for _, ru := range runs {
		for k := 1; k < len(ru.pts); k++ {
			a, b := ru.pts[k-1], ru.pts[k]
			sb := Box{min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])}
			i := int32(len(segs))
			segs = append(segs, seg{a, b, sb})
			for x := int(math.Floor(sb.X0 / cell)); x <= int(math.Floor(sb.X1/cell)); x++ {
				for y := int(math.Floor(sb.Y0 / cell)); y <= int(math.Floor(sb.Y1/cell)); y++ {
					grid[[2]int{x, y}] = append(grid[[2]int{x, y}], i)
				}
			}
		}
	}
	// near is the distance from a box to the band's centre line, or
	// reach when it is further than that (only so much matters).
	reach := df.env/2 + ow + gap + 24*f.px
	near := func(b Box) float64 {
		d := reach
		q := b.Grow(reach)
		for x := int(math.Floor(q.X0 / cell)); x <= int(math.Floor(q.X1/cell)); x++ {
			for y := int(math.Floor(q.Y0 / cell)); y <= int(math.Floor(q.Y1/cell)); y++ {
				for _, i := range grid[[2]int{x, y}] {
					sg := &segs[i]
					// The gap between the boxes is a lower bound.
					gx := max(0, sg.box.X0-b.X1, b.X0-sg.box.X1)
					gy := max(0, sg.box.Y0-b.Y1, b.Y0-sg.box.Y1)
					if gx >= d || gy >= d {
						continue
					}
					d = min(d, boxSegmentDistance(b, sg.a, sg.b))
				}
			}
		}
		return d
	}
	// fit moves a box along n until its near side is want from the
	// band's centre line, and reports whether it got there: a few steps
	// by the distance still to go, then halving, since beside a bend the
	// distance does not follow the move one for one.
	fit := func(b Box, n orb.Point, want float64) (Box, bool) {
		move := func(m float64) Box { return Box{b.X0 + n[0]*m, b.Y0 + n[1]*m, b.X1 + n[0]*m, b.Y1 + n[1]*m} }
		m := 0.0
		for range 3 {
			d := near(move(m))
			if math.Abs(d-want) < 0.75*f.px {
				return move(m), true
			}
			m -= d - want
		}
		lo, hi := m-want-4*f.px, m+want+4*f.px // too near, too far
		if near(move(lo)) > want || near(move(hi)) < want {
			return b, false
		}
		for range 10 {
			mid := (lo + hi) / 2
			d := near(move(mid))
			if math.Abs(d-want) < 0.75*f.px {
				return move(mid), true
			}
			if d < want {
				lo = mid
			} else {
				hi = mid
			}
		}
		return b, false
	}
	try := func(bands, lines bool) (Label, bool) {
		for _, i := range order {
			for k := range 6 {
				side := float64(1 - 2*(k%2))
				// Beside the sample, then slid half its length either way.
				along := []float64{0, 0.5, -0.5}[k/2]
				at, n := boxAt(samples[i], side, df.at)
				t := samples[i].t
				at = Box{at.X0 + t[0]*along*bw, at.Y0 + t[1]*along*bw, at.X1 + t[0]*along*bw, at.Y1 + t[1]*along*bw}
				// A band that shows only near the frame's edge keeps its
				// label: a box that would leave the frame slides in.
				at = clampBox(at, occ.frame)
				// Fitting costs more than the look-up: a place taken before
				// fitting stays taken after a pixel or two of it.
				if !occ.free(at.Grow(-3*f.px), bands) {
					continue
				}
				want := df.at/2 + ow + gap
				var ok bool
				if at, ok = fit(at, n, want); !ok {
					continue
				}
				if at = clampBox(at, occ.frame); math.Abs(near(at)-want) > 1.5*f.px {
					continue
				}
				shift := func(w float64) Box {
					m := (w - df.at) / 2
					return Box{at.X0 + n[0]*m, at.Y0 + n[1]*m, at.X1 + n[0]*m, at.Y1 + n[1]*m}
				}
				lo, hi := shift(min(df.w, df.at)), shift(df.env)
				// The label slides between these as the band eases within
				// the year: inside its own band's widest extent, so only
				// where it sits at the widest must keep off the bands.
				all := at.Union(lo).Union(hi)
				all = clampBox(all, occ.frame)
				if !occ.free(clampBox(hi, occ.frame), bands) || !occ.free(all, false) {
					continue
				}
				if lines && !occ.clearOfLines(all) {
					continue
				}
				occ.claim(all)
				lab := Label{Kind: FlowLabel, Halo: halo, Box: all, Flow: df.fp, Normal: n, BandWidth: df.at}
				defer func() { remember(lab, clampBox(hi, occ.frame), bands) }()
				y := at.Y0 + pad
				for k, t := range texts {
					x := at.X0 + pad
					switch {
					case n[0] < -0.35:
						x = at.X1 - pad - ms[k].w
					case n[0] <= 0.35:
						x = (at.X0+at.X1)/2 - ms[k].w/2
					}
					y += ms[k].asc
					c := col
					if k > 0 {
						c = mixInk(col)
					}
					lab.Runs = append(lab.Runs, TextRun{Text: t.text, Style: t.style, Size: t.size, X: x, Y: y, Colour: c})
					y += ms[k].desc
				}
				return lab, true
			}
		}
		return Label{}, false
	}
	// Off the corridor's lines where there is room, else across them.
	// Where the full label finds no room (a band that shows only in a
	// corner), its name and figure alone: the legend says the rest.
	// Failing that, the shorter label may cross another band.
	for _, c := range []struct {
		bands, lines bool
		texts        []line_
	}{{true, true, full}, {true, false, full}, {true, true, full[:2]}, {true, false, full[:2]}, {false, false, full[:2]}, {false, false, full}} {
		setUp(c.texts)
		if l, ok := try(c.bands, c.lines); ok {
			return l, true
		}
	}
	return Label{}, false
}

// placedFlow is a flow label as the last layout placed it, with the
// image offset of that layout's view.
type placedFlow struct {
	key    string
	dx, dy float64
	label  Label
	hi     Box // where it sits at the band's widest
	bands  bool
}

// clampBox moves a box (no larger than fr) into fr.
func clampBox(b, fr Box) Box {
	dx := -min(0, b.X0-fr.X0) - max(0, b.X1-fr.X1)
	dy := -min(0, b.Y0-fr.Y0) - max(0, b.Y1-fr.Y1)
	return Box{b.X0 + dx, b.Y0 + dy, b.X1 + dx, b.Y1 + dy}
}

// boxSegmentDistance is the distance between a box and segment ab: 0
// when they meet.
func boxSegmentDistance(b Box, a, c orb.Point) float64 {
	if segmentMeetsBox(a, c, b) {
		return 0
	}
	d := math.Inf(1)
	for _, p := range []orb.Point{a, c} {
		dx := max(0, b.X0-p[0], p[0]-b.X1)
		dy := max(0, b.Y0-p[1], p[1]-b.Y1)
		d = min(d, math.Hypot(dx, dy))
	}
	for _, q := range []orb.Point{{b.X0, b.Y0}, {b.X1, b.Y0}, {b.X0, b.Y1}, {b.X1, b.Y1}} {
		r := closestOnSegment(q, a, c)
		d = min(d, math.Hypot(q[0]-r[0], q[1]-r[1]))
	}
	return d
}

// mixInk darkens a flow colour towards ink for a label's smaller lines.
func mixInk(c color.NRGBA) color.NRGBA {
	m := func(a, b uint8) uint8 { return uint8((float64(a)*0.55 + float64(b)*0.45) + 0.5) }
	return color.NRGBA{m(c.R, colInk.R), m(c.G, colInk.G), m(c.B, colInk.B), 0xFF}
}
