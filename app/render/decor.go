package render

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// The decorations scale with the picture: sizes below are logical pixels,
// multiplied by the viewport's scale (which an export sets from the
// picture's size unless --dpi is given, so a map looks the same on a
// slide at 1280×720, 1920×1080 and 3840×2160), with a floor in device
// pixels so text on a small picture stays legible.
const (
	titleSize, titleFloor         = 30.0, 15.0
	subtitleSize, subtitleFloor   = 17.0, 10.5
	legendSize, legendFloor       = 14.5, 9.5
	scaleSize, scaleFloor         = 13.0, 9.0
	scaleNoteSize, scaleNoteFloor = 10.5, 7.5
	attribSize, attribFloor       = 11.5, 8.0
	marginSize, marginFloor       = 14.0, 6.0
)

// subjectWeight is what a panel pays for covering a piece of the
// subject: more than all the rest of the corridor together.
const subjectWeight = 1e6

// subjectIDs are the corridor features the pictures are about: the
// Caspian crossing and its ports. No panel may cover them.
var subjectIDs = map[string]bool{"port-aktau": true, "port-alat": true, "titr-ferry-aktau-alat": true}

// subjectPlaces are basemap places that belong to the subject.
var subjectPlaces = map[string]bool{"Baku": true}

// panelSet is the laid-out decorations of a picture.
type panelSet struct {
	list      []Panel
	frame     Box
	banded    bool
	schematic bool
	disputed  bool
	// The legend, kept to lay it out again without keys nothing shows.
	legend    []legendSpec
	legendAt  int    // index in list, or −1
	anchor    string // "br", "bl", "tr", "tl", "band"
	legendMax Box    // where the legend may go
}

// cornerChoice is the corner the last legend went in, for a view of
// the key's zoom and size.
type cornerChoice struct {
	key        string
	corner     int
	titleRight bool
}

// weighted is a point of the map and what it costs to cover it.
type weighted struct {
	x, y, w float64
}

// importance samples what the panels should leave clear, in image
// pixels: the subject at subjectWeight, corridor nodes, flows and lines.
func (f *frame) importance(subjectOnly bool) []weighted {
	var out []weighted
	add := func(pts []orb.Point, step, w float64) {
		for i := 1; i < len(pts); i++ {
			a := orb.Point{pts[i-1][0] + f.dx, pts[i-1][1] + f.dy}
			b := orb.Point{pts[i][0] + f.dx, pts[i][1] + f.dy}
			t0, t1, ok := geo.ClipSegment(a, b, orb.Bound{Max: orb.Point{f.w, f.h}})
			if !ok {
				continue
			}
			l := math.Hypot(b[0]-a[0], b[1]-a[1]) * (t1 - t0)
			n := int(l/step) + 1
			for k := 0; k <= n; k++ {
				t := t0 + (t1-t0)*float64(k)/float64(n)
				out = append(out, weighted{a[0] + (b[0]-a[0])*t, a[1] + (b[1]-a[1])*t, w})
			}
		}
	}
	for _, l := range f.s.Layers {
		switch {
		case l.Group == data.Corridor:
			for _, sh := range f.visibleShapes(l.Layer) {
				subj := subjectIDs[FeatureID(sh.Feature)]
				if subjectOnly && !subj {
					continue
				}
				for _, line := range sh.Lines {
					w := 2.0
					if subj {
						w = subjectWeight
					}
					add(line, 16*f.px, w)
				}
				for _, p := range sh.Points {
					w := 40.0
					if subj {
						w = subjectWeight
					}
					out = append(out, weighted{p[0] + f.dx, p[1] + f.dy, w})
				}
			}
		case l.Group == data.Basemap && f.s.style(l.ID).Places:
			for _, sh := range f.visibleShapes(l.Layer) {
				if subjectPlaces[strProp(sh.Feature, "NAME", "name")] && len(sh.Points) > 0 {
					out = append(out, weighted{sh.Points[0][0] + f.dx, sh.Points[0][1] + f.dy, subjectWeight})
				}
			}
		}
	}
	if subjectOnly {
		return out
	}
	lines := f.r.flowLines(f.s)
	for _, df := range f.s.drawnFlows() {
		add(lines[df.fp], 16*f.px, 5)
	}
	return out
}

func cost(pts []weighted, b Box) float64 {
	c := 0.0
	for _, p := range pts {
		if b.Contains(p.x, p.y) {
			c += p.w
		}
	}
	return c
}

// panels lays out the decorations. allYears sizes the legend for every
// year of the scene's flows (MapFrame), not only the scene's year.
func (f *frame) panels(allYears bool) *panelSet {
	s := f.s
	u := f.px
	W, H := f.w, f.h
	m := max(marginSize*u, marginFloor)
	ps := &panelSet{legendAt: -1, frame: Box{0, 0, W, H}}
	ps.schematic = f.schematicInView()
	ps.disputed = hasLand(s) && data.DisputedInView(s.View.Bound())
	// What the panels should leave clear: the whole corridor, sampled
	// when a choice is to be made, and the subject alone to check a
	// choice kept from the last layout.
	var impAll []weighted
	imp := func() []weighted {
		if impAll == nil {
			impAll = f.importance(false)
		}
		return impAll
	}
	subject := f.importance(true)
	ck := fmt.Sprintf("%v|%d|%d|%g|%v|%s", keyOf(s.View), s.View.Width, s.View.Height, s.labelScale(), s.Title, s.Lang)
	last := f.r.legendCorner
	kept := f.keep && last.key == ck

	var specs []legendSpec
	if s.Legend {
		specs = f.legendSpecs(allYears)
	}
	banded := false
	switch {
	case s.Frame != nil:
		banded = *s.Frame != Box{0, 0, W, H}
	case len(specs) > 0:
		banded = H > W*0.8 || W < 1000
	}
	attrib := AttributionTextIn(s.lang(), ps.schematic, ps.disputed)
	asz := f.textSize2(attribSize, attribFloor)
	tsz, ssz := f.textSize2(titleSize, titleFloor), f.textSize2(subtitleSize, subtitleFloor)

	layoutBanded := func() {
		ps.list = ps.list[:0]
		ps.banded = true
		// The attribution runs along the bottom, wrapping.
		ap := f.attributionPanel(attrib, asz, 0, W, H, false)
		top, bottom := 0.0, ap.Box.Y0
		// The title goes in a band above a portrait map.
		var tp *Panel
		if s.Title != "" && W < H {
			p := f.titlePanel(tsz, ssz, m, m, W-2*m, false)
			tp = &p
			top = p.Box.Y1 + m/2
		}
		// The legend in a band below the map, in as many columns as fit;
		// a picture too small to keep most of itself for the map has none.
		lp, ok := f.legendPanel(specs, Box{m, 0, W - m, 0}, true)
		if ok && lp.Box.Y1-lp.Box.Y0 > 0.45*(bottom-top) {
			ok = false
		}
		if ok {
			h := lp.Box.Y1 - lp.Box.Y0
			if s.Frame != nil {
				h = max(h, H-s.Frame.Y1-(H-bottom)-m)
			}
			lp = f.movePanel(lp, m, bottom-m/2-h)
			bottom = lp.Box.Y0 - m/2
			ps.legend, ps.anchor = specs, "band"
			ps.legendMax = Box{m, lp.Box.Y0, W - m, lp.Box.Y1}
		}
		ps.frame = Box{0, top, W, bottom}
		if s.Frame != nil {
			ps.frame = *s.Frame
		}
		if tp != nil {
			ps.list = append(ps.list, *tp)
		} else if s.Title != "" {
			ps.list = append(ps.list, f.titlePanel(tsz, ssz, m, ps.frame.Y0+m, min(0.6*W, 760*u), true))
		}
		if ok {
			ps.legendAt = len(ps.list)
			ps.list = append(ps.list, lp)
		}
		if s.NorthArrow {
			ps.list = append(ps.list, f.northArrowPanel(W-m, ps.frame.Y0+m))
		}
		if s.ScaleBar {
			if sb, ok := f.scaleBarPanel(m, ps.frame.Y1-m); ok {
				ps.list = append(ps.list, sb)
			}
		}
		ps.list = append(ps.list, ap)
	}
	if banded {
		layoutBanded()
		return ps
	}

	// In the map: title top left (or right, if that hides less), north
	// arrow top right, scale bar bottom left, attribution bottom right,
	// and the legend in the corner that hides least of the corridor.
	var sb *Panel
	if s.ScaleBar {
		if p, ok := f.scaleBarPanel(m, H-m); ok {
			sb = &p
		}
	}
	sbw := 0.0
	if sb != nil {
		sbw = sb.Box.X1 + m
	}
	ap := f.attributionPanel(attrib, asz, sbw, W, H, true)
	if sb != nil && ap.Box.Y0 < sb.Box.Y1 && ap.Box.X0 < sb.Box.X1 {
		// Too long to sit beside the bar even wrapped: the whole width,
		// with the bar above it.
		ap = f.attributionPanel(attrib, asz, 0, W, H, false)
		p, _ := f.scaleBarPanel(m, ap.Box.Y0-m/2)
		sb = &p
	}
	var tp *Panel
	if s.Title != "" {
		maxW := min(0.5*W, 760*u)
		left := f.titlePanel(tsz, ssz, m, m, maxW, true)
		right := f.movePanel(left, W-m-(left.Box.X1-left.Box.X0), m)
		if s.NorthArrow {
			right = f.movePanel(left, W-m-(left.Box.X1-left.Box.X0)-40*u, m)
		}
		switch {
		case kept && last.titleRight && cost(subject, right.Box) < subjectWeight:
			left = right
		case kept && !last.titleRight && cost(subject, left.Box) < subjectWeight:
		case cost(imp(), right.Box) < cost(imp(), left.Box)/2:
			left = right
		}
		f.r.legendCorner.titleRight = left.Box.X0 > W/2
		tp = &left
	}
	var na *Panel
	if s.NorthArrow {
		p := f.northArrowPanel(W-m, m)
		na = &p
	}
	if len(specs) > 0 {
		type corner struct {
			name string
			room Box // where the legend may go
		}
		bottomY := ap.Box.Y0 - m/2
		topY := m
		if na != nil {
			topY = na.Box.Y1 + m/2
		}
		leftBottom := H - m
		if sb != nil {
			leftBottom = sb.Box.Y0 - m/2
		}
		titleBottom := m
		if tp != nil && tp.Box.X0 < W/2 {
			titleBottom = tp.Box.Y1 + m/2
		}
		corners := []corner{
			// A bottom corner may take most of the width for a low legend
			// in several columns; a top one keeps clear of the title.
			{"br", Box{m, topY, W - m, bottomY}},
			{"bl", Box{m, titleBottom, W - m, leftBottom}},
			{"tr", Box{W / 2, topY, W - m, bottomY}},
			{"tl", Box{m, titleBottom, W / 2, leftBottom}},
		}
		best, bestCost := -1, math.Inf(1)
		var bestPanel Panel
		// A pan keeps the legend in its corner while it hides no part
		// of the subject: only that corner is tried first.
		order := []int{0, 1, 2, 3}
		if kept {
			order = append([]int{last.corner}, order...)
		}
		for k, i := range order {
			c := corners[i]
			if k > 0 && i == order[0] && len(order) == 5 {
				continue
			}
			lp, ok := f.legendPanel(specs, Box{c.room.X0, c.room.Y0, c.room.X1, c.room.Y1}, false)
			if !ok {
				continue
			}
			lw, lh := lp.Box.X1-lp.Box.X0, lp.Box.Y1-lp.Box.Y0
			var x, y float64
			switch c.name {
			case "br":
				x, y = c.room.X1-lw, c.room.Y1-lh
			case "bl":
				x, y = c.room.X0, c.room.Y1-lh
			case "tr":
				x, y = c.room.X1-lw, c.room.Y0
			case "tl":
				x, y = c.room.X0, c.room.Y0
			}
			if lh > c.room.Y1-c.room.Y0 || (tp != nil && f.movePanel(lp, x, y).Box.Overlaps(tp.Box)) {
				continue
			}
			lp = f.movePanel(lp, x, y)
			if len(order) == 5 && k == 0 {
				if cost(subject, lp.Box.Grow(4*u)) < subjectWeight {
					// The kept corner still hides none of the subject.
					best, bestCost, bestPanel = i, 0, lp
					ps.legendMax = c.room
					break
				}
				continue
			}
			// Ties go to the first corner: bottom right, where a legend
			// is looked for.
			if k := cost(imp(), lp.Box.Grow(4*u)) * (1 + 0.02*float64(i)); k < bestCost {
				best, bestCost, bestPanel = i, k, lp
				ps.legendMax = c.room
			}
		}
		if best >= 0 {
			f.r.legendCorner.key, f.r.legendCorner.corner = ck, best
		}
		if (best < 0 || bestCost >= subjectWeight) && s.Frame == nil {
			// Every corner would hide the subject: the legend goes in a
			// band below the map.
			layoutBanded()
			return ps
		}
		if best >= 0 {
			ps.legendAt = len(ps.list)
			ps.list = append(ps.list, bestPanel)
			ps.legend, ps.anchor = specs, corners[best].name
		}
	}
	if tp != nil {
		ps.list = append(ps.list, *tp)
	}
	if na != nil {
		ps.list = append(ps.list, *na)
	}
	if sb != nil {
		ps.list = append(ps.list, *sb)
	}
	ps.list = append(ps.list, ap)
	return ps
}

// textSize2 is a decoration's text size in device pixels (decorations
// do not grow with the presentation's label scale).
func (f *frame) textSize2(logical, floor float64) float64 { return max(logical*f.px, floor) }

// schematicInView reports whether a schematic corridor feature shows.
func (f *frame) schematicInView() bool {
	for _, l := range f.s.Layers {
		if l.Group != data.Corridor {
			continue
		}
		for _, sh := range f.visibleShapes(l.Layer) {
			if Prop(sh.Feature, "precision") == "schematic" {
				return true
			}
		}
	}
	return false
}

// movePanel moves a panel and everything in it so its box starts at (x, y).
func (f *frame) movePanel(p Panel, x, y float64) Panel {
	dx, dy := x-p.Box.X0, y-p.Box.Y0
	q := p
	q.Box = Box{p.Box.X0 + dx, p.Box.Y0 + dy, p.Box.X1 + dx, p.Box.Y1 + dy}
	q.Texts = shiftRuns(p.Texts, dx, dy)
	q.Rows = make([]LegendRow, len(p.Rows))
	for i, r := range p.Rows {
		r.Swatch = Box{r.Swatch.X0 + dx, r.Swatch.Y0 + dy, r.Swatch.X1 + dx, r.Swatch.Y1 + dy}
		r.Texts = shiftRuns(r.Texts, dx, dy)
		q.Rows[i] = r
	}
	if p.Bar != nil {
		b := *p.Bar
		b.X0, b.X1, b.Y = b.X0+dx, b.X1+dx, b.Y+dy
		q.Bar = &b
	}
	return q
}

func shiftRuns(rs []TextRun, dx, dy float64) []TextRun {
	out := make([]TextRun, len(rs))
	for i, r := range rs {
		r.X, r.Y = r.X+dx, r.Y+dy
		out[i] = r
	}
	return out
}

// Subtitle is the year line under the title, marked plan or forecast
// where any drawn flow is, in the scene's language.
func Subtitle(s *Scene) string {
	l := s.lang()
	var kinds []data.FigureKind
	seen := map[data.FigureKind]bool{}
	for _, fp := range s.Flows {
		if _, k, ok := fp.Flow.At(s.Year); ok && k != data.Actual && !seen[k] {
			seen[k] = true
			kinds = append(kinds, k)
		}
	}
	// In the English names' order (forecast before plan), as before there
	// were other languages.
	sort.Slice(kinds, func(i, j int) bool { return kinds[i].String() < kinds[j].String() })
	sub := l.Year(float64(s.Year))
	if len(kinds) > 0 {
		words := make([]string, len(kinds))
		for i, k := range kinds {
			words[i] = k.In(l)
		}
		sub += l.T("subtitle.includes", map[string]string{"Kinds": strings.Join(words, l.T("subtitle.and"))})
	}
	return sub
}

// titlePanel sets the title, wrapped to maxW, and the year under it, at
// (x, y).
func (f *frame) titlePanel(tsz, ssz, x, y, maxW float64, framed bool) Panel {
	u := f.px
	pad := max(12*u, 6)
	tf := f.r.faces.get(bold, tsz)
	sf := f.r.faces.get(regular, ssz)
	lines := f.r.faces.wrap(bold, tsz, f.s.Title, maxW-2*pad)
	p := Panel{Kind: TitlePanel, Plain: !framed}
	cy := y + pad
	w := 0.0
	for _, l := range lines {
		lw, a, d := textBox(tf, l)
		p.Texts = append(p.Texts, TextRun{Text: l, Style: bold, Size: tsz, X: x + pad, Y: cy + a, Colour: colInk})
		cy += a + d
		w = max(w, lw)
	}
	// The year line follows the timeline through the year the layout
	// holds for (drawPanels sets it), so it is sized for any tenth.
	sub := Subtitle(f.s)
	for i, l := range f.r.faces.wrap(regular, ssz, sub, maxW-2*pad) {
		lw, a, d := textBox(sf, l)
		if i == 0 {
			widest, _, _ := textBox(sf, strings.Replace(l, f.s.lang().Year(float64(f.s.Year)), f.s.lang().Year(8888.8), 1))
			lw = max(lw, widest)
		}
		cy += 2 * u
		p.Texts = append(p.Texts, TextRun{Text: l, Style: regular, Size: ssz, X: x + pad, Y: cy + a, Colour: withAlpha(colInk, 0.8)})
		cy += a + d
		w = max(w, lw)
	}
	p.Box = Box{x, y, x + w + 2*pad, cy + pad*0.8}
	return p
}

// northArrowPanel is the north arrow with its top right corner at (x1, y0).
func (f *frame) northArrowPanel(x1, y0 float64) Panel {
	u := f.px
	size := 26 * u
	face := f.r.faces.get(bold, max(13*u, 9))
	north := f.s.lang().T("map.north")
	w, a, _ := textBox(face, north)
	cx := x1 - size/2
	return Panel{Kind: NorthArrowPanel, Plain: true, Box: Box{cx - size/2, y0, cx + size/2, y0 + a + 4*u + size},
		Texts: []TextRun{{Text: north, Style: bold, Size: max(13*u, 9), X: cx - w/2, Y: y0 + a, Colour: colInk}}}
}

// ScaleBarLength picks a round distance for a bar of about target device
// pixels at the viewport's centre and returns it with its pixel length.
func ScaleBarLength(v geo.Viewport, target float64) (geo.Km, float64) {
	mpp := v.GroundResolution()
	if mpp <= 0 || math.IsNaN(mpp) {
		return 0, 0
	}
	raw := target * mpp / 1000 // km
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	best := p
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p <= raw {
			best = m * p
		}
	}
	return geo.Km(best), best * 1000 / mpp
}

// scaleBarPanel is the scale bar with its bottom left corner at (x0, y1).
func (f *frame) scaleBarPanel(x0, y1 float64) (Panel, bool) {
	u := f.px
	km, length := ScaleBarLength(f.s.View, 140*u)
	if length <= 0 {
		return Panel{}, false
	}
	sz := f.textSize2(scaleSize, scaleFloor)
	face := f.r.faces.get(regular, sz)
	text := formatKm(f.s.lang(), km)
	tw, ta, td := textBox(face, text)
	// Under the bar: where it holds. No flat map keeps one scale
	// everywhere; the bar is measured at the map's centre.
	nsz := f.textSize2(scaleNoteSize, scaleNoteFloor)
	note := ScaleNote(f.s.lang(), f.s.View)
	nw, na, nd := textBox(f.r.faces.get(regular, nsz), note)
	pad := max(7*u, 4)
	h := max(6*u, 3)
	bx0 := x0 + pad
	bx1 := bx0 + length
	ny := y1 - pad*0.8 - nd
	by := ny - na - 2*u - h
	ty := by - 3*u - td
	p := Panel{Kind: ScaleBarPanel, Box: Box{x0, ty - ta - pad*0.8, max(bx1, bx0+nw) + pad, y1},
		Bar: &ScaleBar{X0: bx0, X1: bx1, Y: by, H: h, Km: km},
		Texts: []TextRun{
			{Text: "0", Style: regular, Size: sz, X: bx0, Y: ty, Colour: colInk},
			{Text: text, Style: regular, Size: sz, X: bx1 - tw, Y: ty, Colour: colInk},
			{Text: note, Style: regular, Size: nsz, X: bx0, Y: ny, Colour: withAlpha(colInk, 0.8)},
		}}
	return p, true
}

// ScaleNote says in l where the scale bar holds: at the map's centre
// latitude ("scale at 41° N").
func ScaleNote(l i18n.Lang, v geo.Viewport) string {
	return l.T("scale.at", map[string]any{"Lat": latitudeText(l, math.Round(v.Center[1]))})
}

// latitudeText writes a latitude in l: "41° N", "41° с. ш.".
func latitudeText(l i18n.Lang, lat float64) string {
	key := "lat.north"
	if lat < 0 {
		key, lat = "lat.south", -lat
	}
	return l.T(key, map[string]any{"Deg": l.Number(lat, 2)})
}

// formatKm writes the scale bar's round distance in l: "500 km",
// "500 км", "200 m".
func formatKm(l i18n.Lang, k geo.Km) string {
	if k < 1 {
		return l.Number(math.Round(float64(k)*1000), 0) + " " + l.Unit("m")
	}
	return l.Number(float64(k), 3) + " " + l.Unit("km")
}

// AttributionText is the credit line for a picture in English (see
// AttributionTextIn).
func AttributionText(schematic, disputed bool) string {
	return AttributionTextIn(i18n.EN, schematic, disputed)
}

// AttributionTextIn is the credit line for a picture in l; schematic adds
// the warning that routes are drawn schematically, and disputed the map's
// border policy, for a picture showing an area it covers. The sources'
// names stay as they are.
func AttributionTextIn(l i18n.Lang, schematic, disputed bool) string {
	text := data.AttributionIn(l)
	if schematic {
		text += " · " + data.SchematicNoteIn(l)
	}
	if disputed {
		text += " · " + data.BorderNoteIn(l)
	}
	return text
}

// attributionPanel sets the credits at the bottom right, between x0 and
// x1, wrapped onto as many lines as they need (never below the
// attribution floor of 8 px); at the whole width (right false) it is a
// band across the bottom.
func (f *frame) attributionPanel(text string, size, x0, x1, y1 float64, right bool) Panel {
	u := f.px
	pad := max(5*u, 3)
	face := f.r.faces.get(regular, size)
	maxW := x1 - x0 - 2*pad
	lines := f.r.faces.wrap(regular, size, text, maxW)
	w := 0.0
	for _, l := range lines {
		lw, _, _ := textBox(face, l)
		w = max(w, lw)
	}
	_, a, d := textBox(face, "Hg")
	lh := a + d
	h := lh*float64(len(lines)) + 2*pad*0.6
	bx0 := x0
	if right {
		bx0 = x1 - w - 2*pad
	}
	p := Panel{Kind: AttributionPanel, Plain: true, Box: Box{bx0, y1 - h, x1, y1}}
	y := y1 - h + pad*0.6
	for _, l := range lines {
		p.Texts = append(p.Texts, TextRun{Text: l, Style: regular, Size: size, X: bx0 + pad, Y: y + a, Colour: withAlpha(colInk, 0.85)})
		y += lh
	}
	return p
}

// wrap breaks text set in the style and size into lines no wider than
// maxW at spaces (after " · " where it can); a word wider than maxW
// keeps a line of its own.
func (fc faces) wrap(style fontStyle, size float64, text string, maxW float64) []string {
	k := wrapKey{style, size, text, maxW}
	wrapCache.Lock()
	lines, ok := wrapCache.m[k]
	wrapCache.Unlock()
	if ok {
		return lines
	}
	lines = fc.wrapText(style, size, text, maxW)
	wrapCache.Lock()
	if len(wrapCache.m) >= 1024 {
		clear(wrapCache.m)
	}
	wrapCache.m[k] = lines
	wrapCache.Unlock()
	return lines
}

// wrapCache keeps wrapped texts: the legend is laid out for each corner
// it could go in, on every pan.
var wrapCache = struct {
	sync.Mutex
	m map[wrapKey][]string
}{m: map[wrapKey][]string{}}

type wrapKey struct {
	style fontStyle
	size  float64
	text  string
	maxW  float64
}

func (fc faces) wrapText(style fontStyle, size float64, text string, maxW float64) []string {
	face := fc.get(style, size)
	width := func(s string) float64 {
		w, _, _ := textBox(face, s)
		return w
	}
	if width(text) <= maxW || maxW <= 0 {
		return []string{text}
	}
	words := strings.Split(text, " ")
	var lines []string
	cur := ""
	for _, w := range words {
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if width(try) <= maxW || cur == "" {
			cur = try
			continue
		}
		lines = append(lines, strings.TrimSuffix(cur, " ·"))
		if w == "·" {
			cur = ""
			continue
		}
		cur = w
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}
