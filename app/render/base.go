package render

import (
	"cmp"
	"image"
	"image/color"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/app/render/internal/raster"
	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
	"github.com/corridor-atlas/corridor-atlas/geo"
	"github.com/corridor-atlas/corridor-atlas/geo/shapes"
)

// overviewBox is the extent of the 1:50m data; beyond it the map shows a
// neutral "no data" tone rather than pretending the land is sea.
var overviewBox = orb.Bound{Min: orb.Point{-10, 15}, Max: orb.Point{125, 72}}

// frame is one drawing or layout of a scene: the scene, the painter it
// draws through and the offset from world pixels to image pixels. A
// frame without a painter only lays out.
type frame struct {
	s        *Scene
	r        *Renderer
	p        Painter
	pa       *Path           // scratch path, reused batch after batch
	clip     image.Rectangle // where the frame draws, image pixels
	dx, dy   float64
	w, h     float64
	px       float64 // device pixels per logical pixel
	detailed bool
	labels   []label // collected for the layout
	topMarks []topMark
	// layerOpacity is the opacity of the layer whose labels are collected.
	layerOpacity float64
	// keep lets the layout keep labels where the last one put them.
	keep bool
	// vis holds each layer's shapes for the view when they were found
	// before drawing by bands (which only read them).
	vis map[*Layer][]shapes.Shape
	// strip is the shapes of the strip being drawn (visibleShapes).
	strip *[]shapes.Shape
	// marks and tips are the flow bands' chevrons and points, gathered
	// while the band is drawn.
	marks, tips Path
}

// newFrame is a frame drawing the whole of s through p.
func (r *Renderer) newFrame(p Painter, pa *Path, s *Scene) *frame {
	o := s.View.Origin()
	return &frame{s: s, r: r, p: p, pa: pa, clip: image.Rect(0, 0, s.View.Width, s.View.Height), dx: -o[0], dy: -o[1],
		w: float64(s.View.Width), h: float64(s.View.Height), px: s.View.Scale, detailed: s.detailed()}
}

// path returns the frame's scratch path, emptied.
func (f *frame) path() *Path { return f.pa.Reset() }

// visibleShapes returns the layer's shapes that meet the image, or the
// part of it being drawn.
//
// The result of a strip is in the frame's strip buffer, valid until the
// next call.
func (f *frame) visibleShapes(l *Layer) []shapes.Shape {
	all, ok := f.vis[l]
	if !ok {
		all = f.r.visibleShapes(l, f.s.View, f.detailed, 16*f.px)
		if f.vis != nil && f.p == nil {
			f.vis[l] = all // a layout asks for the same layer several times
		}
	}
	if f.p == nil || f.strip == nil || f.clip == image.Rect(0, 0, int(f.w), int(f.h)) {
		return all
	}
	// Drawing a strip: keep the shapes that reach it (with room for the
	// widest casing or marker).
	m := 16 * f.px
	cl := f.clip
	out := (*f.strip)[:0]
	for i := range all {
		s := &all[i]
		if s.Max[0]+f.dx >= float64(cl.Min.X)-m && s.Min[0]+f.dx <= float64(cl.Max.X)+m &&
			s.Max[1]+f.dy >= float64(cl.Min.Y)-m && s.Min[1]+f.dy <= float64(cl.Max.Y)+m {
			out = append(out, *s)
		}
	}
	*f.strip = out
	return out
}

// tools are what one goroutine draws a base with: its canvas, its
// scratch path and strip buffer.
type tools struct {
	cv    *raster.Canvas
	path  Path
	strip []shapes.Shape
}

// release lets go of the shapes and points the buffers still refer to,
// so a layer dropped by its owner is not kept alive by a canvas.
func (t *tools) release() {
	t.path.Reset()
	clear(t.strip)
	t.strip = t.strip[:0]
}

// tool returns the tools of goroutine k.
func (r *Renderer) tool(k int) *tools {
	for len(r.tools) <= k {
		r.tools = append(r.tools, &tools{cv: &raster.Canvas{}})
	}
	return r.tools[k]
}

// drawBase paints water, land and every layer's geometry inside clip
// (image pixels). Labels are drawn separately (drawLabels), so the
// geometry of a panned view can be scrolled and only the strips that came
// into view drawn.
func (r *Renderer) drawBase(img *image.RGBA, s *Scene, clip image.Rectangle) {
	clip = clip.Intersect(img.Bounds())
	if clip.Dx()*clip.Dy() < splitArea {
		t := r.tool(0)
		r.drawBaseOn(t, img, s, clip, nil)
		t.release()
		return
	}
	// A big picture is drawn as horizontal bands, each goroutine drawing
	// every layer into the bands it takes with its own canvas. Batches
	// big enough to split are split anyway (see raster.Canvas.Flush), but
	// a frame also has many small ones (ports, dashes, casings) that one
	// goroutine would draw alone. Shapes are prepared first, so the bands
	// only read them. The bands are the same on any number of cores, so
	// the picture is too.
	workers := runtime.GOMAXPROCS(0)
	det := s.detailed()
	vis := make(map[*Layer][]shapes.Shape, len(s.Layers))
	for _, l := range s.Layers {
		vis[l.Layer] = r.visibleShapes(l.Layer, s.View, det, 16*s.View.Scale)
	}
	for k := range workers {
		r.tool(k).cv.SetSolo(true)
	}
	raster.InBands(clip, splitRows, workers, func(k int, band image.Rectangle) {
		r.drawBaseOn(r.tool(k), img, s, band, vis)
	})
	for k := range workers {
		t := r.tool(k)
		t.cv.SetSolo(false)
		t.release()
	}
}

// splitArea is the clip area from which drawBase draws by bands, and
// splitRows the height of a band.
const (
	splitArea = 640 * 480
	splitRows = 192
)

// drawBaseOn draws the base inside clip with t's canvas, with each
// layer's shapes from vis when given.
func (r *Renderer) drawBaseOn(t *tools, img *image.RGBA, s *Scene, clip image.Rectangle, vis map[*Layer][]shapes.Shape) {
	o := s.View.Origin()
	p := newRasterPainter(t.cv, img, clip, r.faces, nil)
	f := &frame{s: s, r: r, p: p, pa: &t.path, clip: clip, dx: -o[0], dy: -o[1], vis: vis, strip: &t.strip,
		w: float64(s.View.Width), h: float64(s.View.Height), px: s.View.Scale, detailed: s.detailed()}
	f.drawBase()
}

// drawBase paints water, land and every layer's geometry inside the
// frame's clip, each layer in a group of its id.
func (f *frame) drawBase() {
	s, p, clip := f.s, f.p, f.clip
	// Water is the background inside the data's coverage (see package
	// data), when land is drawn over it: without the land, a blue box
	// behind the user's own layers would claim the whole region is sea.
	// In Web Mercator the coverage is a rectangle and each pixel is
	// painted once, water or no-data; a conic curves its edges, and the
	// water is filled over the grey.
	p.Begin(GroupBackground)
	switch {
	case !hasLand(s):
		f.fillRects(around(clip, image.Rectangle{}), colNoData)
	case s.View.Proj().Kind() == geo.MercatorKind:
		cov := overviewBox
		tl := s.View.ToPixel(orb.Point{cov.Min[0], cov.Max[1]})
		br := s.View.ToPixel(orb.Point{cov.Max[0], cov.Min[1]})
		wr := image.Rect(int(math.Round(tl[0])), int(math.Round(tl[1])), int(math.Round(br[0])), int(math.Round(br[1]))).Intersect(clip)
		if !wr.Empty() {
			f.fillRects([]image.Rectangle{wr}, colWater)
		}
		f.fillRects(around(clip, wr), colNoData)
	default:
		f.fillRects([]image.Rectangle{clip}, colNoData)
		pa := f.path()
		pa.Ring(coverageRing(s.View), 0, 0)
		p.Fill(pa, colWater)
	}
	p.End()
	grid := s.Graticule
	for _, l := range s.Layers {
		if grid && l.Group != data.Basemap {
			// Over the land and water, under everything drawn on them.
			p.Begin(GroupGraticule)
			f.drawGraticule()
			p.End()
			grid = false
		}
		p.Begin(l.ID)
		switch {
		case l.Group == data.Basemap:
			f.basemapLayer(l)
		case l.Group == data.Corridor:
			f.corridorLayer(l)
		case l.Group == data.Context:
			f.contextLayer(l)
		default:
			f.userLayer(l)
		}
		p.End()
	}
	if grid {
		p.Begin(GroupGraticule)
		f.drawGraticule()
		p.End()
	}
}

// fillRects fills rectangles of whole pixels.
func (f *frame) fillRects(rs []image.Rectangle, col color.NRGBA) {
	if len(rs) == 0 {
		return
	}
	pa := f.path()
	for _, b := range rs {
		pa.Rect(float64(b.Min.X), float64(b.Min.Y), float64(b.Max.X), float64(b.Max.Y))
	}
	f.p.Fill(pa, col)
}

// coverageRing is the edge of the data's coverage in image pixels, its
// sides densified: a conic curves the parallels.
func coverageRing(v geo.Viewport) []orb.Point {
	b := overviewBox
	o := v.Origin()
	const n = 48
	var r []orb.Point
	add := func(lon, lat float64) {
		w := v.World(orb.Point{lon, lat})
		r = append(r, orb.Point{w[0] - o[0], w[1] - o[1]})
	}
	for k := range n {
		add(b.Min[0]+(b.Max[0]-b.Min[0])*float64(k)/n, b.Min[1])
	}
	for k := range n {
		add(b.Max[0], b.Min[1]+(b.Max[1]-b.Min[1])*float64(k)/n)
	}
	for k := range n {
		add(b.Max[0]-(b.Max[0]-b.Min[0])*float64(k)/n, b.Max[1])
	}
	for k := range n {
		add(b.Min[0], b.Max[1]-(b.Max[1]-b.Min[1])*float64(k)/n)
	}
	return r
}

// around returns the parts of r outside in, as up to four rectangles.
func around(r, in image.Rectangle) []image.Rectangle {
	in = in.Intersect(r)
	if in.Empty() {
		return []image.Rectangle{r}
	}
	out := []image.Rectangle{
		image.Rect(r.Min.X, r.Min.Y, r.Max.X, in.Min.Y),   // above
		image.Rect(r.Min.X, in.Max.Y, r.Max.X, r.Max.Y),   // below
		image.Rect(r.Min.X, in.Min.Y, in.Min.X, in.Max.Y), // left
		image.Rect(in.Max.X, in.Min.Y, r.Max.X, in.Max.Y), // right
	}
	return slices.DeleteFunc(out, image.Rectangle.Empty)
}

// copyPixels copies src's pixels into dst (the same size), in pieces on
// every core: a 1080p frame is 8 MB, copied twice per redraw (geometry to
// base, base to frame), and one core does not reach the memory's
// bandwidth.
func copyPixels(dst, src []byte) {
	n := min(runtime.GOMAXPROCS(0), len(dst)>>20)
	if n <= 1 {
		copy(dst, src)
		return
	}
	var wg sync.WaitGroup
	for k := range n {
		lo, hi := len(dst)*k/n, len(dst)*(k+1)/n
		wg.Go(func() { copy(dst[lo:hi], src[lo:hi]) })
	}
	wg.Wait()
}

// hasLand reports whether the scene draws the embedded land or seas.
func hasLand(s *Scene) bool {
	for _, l := range s.Layers {
		if l.Group == data.Basemap && s.style(l.ID).Land {
			return true
		}
	}
	return false
}

// fillPolys fills the shapes' polygons.
func (f *frame) fillPolys(shs []shapes.Shape, col color.NRGBA) {
	pa := f.path()
	for i := range shs {
		for _, poly := range shs[i].Polys {
			for _, ring := range poly {
				pa.Ring(ring, f.dx, f.dy)
			}
		}
	}
	f.p.Fill(pa, col)
}

// strokeShapes strokes lines, and polygon outlines when outlines is set.
func (f *frame) strokeShapes(shs []shapes.Shape, w float64, col color.NRGBA, dash []float64, outlines bool) {
	pa := f.path()
	for i := range shs {
		for _, line := range shs[i].Lines {
			pa.Line(line, f.dx, f.dy)
		}
		if outlines {
			for _, poly := range shs[i].Polys {
				for _, ring := range poly {
					pa.Line(ring, f.dx, f.dy)
				}
			}
		}
	}
	f.p.Stroke(pa, Pen{Width: w, Dash: dash}, col)
}

// discs fills a disc of radius r round every point of the shapes.
func (f *frame) discs(shs []shapes.Shape, r float64, col color.NRGBA) {
	pa := f.path()
	for i := range shs {
		for _, p := range shs[i].Points {
			pa.Circle(p[0]+f.dx, p[1]+f.dy, r)
		}
	}
	f.p.Fill(pa, col)
}

func (f *frame) scaled(v []float64) []float64 {
	if v == nil {
		return nil
	}
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = x * f.px
	}
	return out
}

// basemapLayer draws an embedded basemap layer in its style.
func (f *frame) basemapLayer(l SceneLayer) {
	st := f.s.style(l.ID)
	shs := f.visibleShapes(l.Layer)
	op := l.Opacity
	if st.Ranked {
		shs = byRank(shs, f.s.View.Zoom+st.RankZoom)
	}
	if st.Fill.A > 0 {
		f.fillPolys(shs, withAlpha(st.Fill, op))
	}
	if st.Stroke.A > 0 {
		outlines := st.Outline == AlwaysOutline || (st.Outline == OverviewOutline && !f.detailed)
		f.strokeShapes(shs, st.Width*f.px, withAlpha(st.Stroke, op), f.scaled(st.Dash), outlines)
	}
	for _, m := range st.Marks {
		f.discs(shs, m.R*f.px, withAlpha(m.Colour, op*m.Opacity))
	}
}

// byRank keeps features whose Natural Earth scalerank is at most max, so
// minor lakes and rivers appear only as the map zooms in.
func byRank(shs []shapes.Shape, max float64) []shapes.Shape {
	out := shs[:0:0]
	for _, s := range shs {
		if r, ok := numProp(s.Feature, "scalerank", "SCALERANK"); !ok || r <= max {
			out = append(out, s)
		}
	}
	return out
}

// nameIn is a basemap feature's name in l (name_de, name_ru…, which the
// data adds to the Natural Earth features), else en, its English name: a
// label is never empty for want of a translation.
func nameIn(f *geojson.Feature, l i18n.Lang, en string) string {
	if l != i18n.EN {
		if s := strProp(f, i18n.Key("name", l)); s != "" {
			return s
		}
	}
	return en
}

// keyPlaces are labelled before anything else: the corridor's cities.
var keyPlaces = map[string]bool{"Baku": true, "Tbilisi": true, "Kars": true}

func (f *frame) cities(shs []shapes.Shape, op float64) {
	type city struct {
		p    orb.Point
		name string
		rank float64
		pop  float64
		cap  bool
	}
	maxRank := f.s.View.Zoom - 1
	var cs []city
	for i := range shs {
		s := &shs[i]
		if len(s.Points) == 0 {
			continue
		}
		name := strProp(s.Feature, "NAME", "name")
		shown := nameIn(s.Feature, f.s.lang(), name)
		rank, _ := numProp(s.Feature, "SCALERANK", "scalerank")
		pop, _ := numProp(s.Feature, "POP_MAX", "pop_max")
		capital, _ := numProp(s.Feature, "ADM0CAP", "adm0cap")
		key := keyPlaces[name]
		if rank > maxRank && !key && capital == 0 {
			continue
		}
		if key {
			rank = -1
		}
		cs = append(cs, city{s.Points[0], shown, rank, pop, capital > 0})
	}
	sort.Slice(cs, func(a, b int) bool {
		if cs[a].rank != cs[b].rank {
			return cs[a].rank < cs[b].rank
		}
		return cs[a].pop > cs[b].pop
	})
	for i, c := range cs {
		l := label{kind: CityLabel, text: c.name, x: c.p[0] + f.dx, y: c.p[1] + f.dy, size: citySize, floor: cityFloor,
			style: regular, col: withAlpha(colTown, op), prio: 300 + i, dot: 2.2, dotCol: withAlpha(colTown, op)}
		switch {
		case c.rank < 0:
			l.kind, l.size, l.floor, l.style, l.col, l.prio = KeyPlaceLabel, keySize, keyFloor, bold, withAlpha(colInk, op), 10+i
			l.dot, l.dotCol, l.capital = 2.8, withAlpha(colInk, op), c.cap
		case c.cap:
			l.kind, l.size, l.floor, l.col, l.prio = CapitalLabel, capitalSize, capitalFloor, withAlpha(colCapital, op), 100+i
			l.dot, l.dotCol, l.capital = 2.8, withAlpha(colCapital, op), true
		}
		f.labels = append(f.labels, l)
	}
}

// largestPoly returns the projected polygon of the shape with the largest
// area, and that area.
func largestPoly(s *shapes.Shape) ([]orb.Point, float64) {
	var best []orb.Point
	bestA := 0.0
	for _, poly := range s.Polys {
		if a := math.Abs(signedArea(poly[0])); a > bestA {
			best, bestA = poly[0], a
		}
	}
	return best, bestA
}

// centroid is the area centroid of a projected ring.
func centroid(r []orb.Point) orb.Point {
	var cx, cy, a float64
	for i := range r {
		j := (i + 1) % len(r)
		cr := r[i][0]*r[j][1] - r[j][0]*r[i][1]
		a += cr
		cx += (r[i][0] + r[j][0]) * cr
		cy += (r[i][1] + r[j][1]) * cr
	}
	if a == 0 {
		return r[0]
	}
	return orb.Point{cx / (3 * a), cy / (3 * a)}
}

// areaLabelAt finds where to put the name of an area: the centroid of its
// largest polygon as clipped to the image, so a country mostly off-screen
// is still named on its visible part. It returns false when the visible
// part is too small (minArea, in logical pixels squared) to hold a name.
func (f *frame) areaLabelAt(s *shapes.Shape, minArea float64) (orb.Point, bool) {
	inset := 24 * f.px
	view := orb.Bound{Min: orb.Point{-f.dx + inset, -f.dy + inset}, Max: orb.Point{-f.dx + f.w - inset, -f.dy + f.h - inset}}
	// Polygons are tried largest visible bounds first, and clipped (a copy:
	// clip.Ring works in place and the shape is cached) only while their
	// bounds could hold more than the best so far: most countries need one
	// clip, not one per island.
	type cand struct {
		ring orb.Ring
		area float64 // of its bounds within the view
		in   bool    // wholly inside the view
	}
	var cands []cand
	for _, poly := range s.Polys {
		r := orb.Ring(poly[0])
		rb := r.Bound()
		w := min(rb.Max[0], view.Max[0]) - max(rb.Min[0], view.Min[0])
		h := min(rb.Max[1], view.Max[1]) - max(rb.Min[1], view.Min[1])
		if w > 0 && h > 0 {
			cands = append(cands, cand{r, w * h, view.Contains(rb.Min) && view.Contains(rb.Max)})
		}
	}
	slices.SortFunc(cands, func(a, b cand) int { return cmp.Compare(b.area, a.area) })
	best := f.r.best[:0]
	defer func() { f.r.best = best[:0] }()
	bestA := 0.0
	for _, c := range cands {
		if c.area <= bestA {
			break
		}
		r := c.ring
		if !c.in {
			r = f.r.clipper.clip(view, r)
		}
		if len(r) < 4 {
			continue
		}
		if a := math.Abs(signedArea(r)); a > bestA {
			best, bestA = append(best[:0], r...), a
		}
	}
	if best == nil || bestA < minArea*f.px*f.px {
		return orb.Point{}, false
	}
	c := centroid(best)
	return orb.Point{c[0] + f.dx, c[1] + f.dy}, true
}

// areaLabel names an area where enough of it shows, as rule says, in the
// scene's language.
func (f *frame) areaLabel(s *shapes.Shape, rule *AreaLabels) {
	name := nameIn(s.Feature, f.s.lang(), strProp(s.Feature, rule.Keys...))
	at, ok := f.areaLabelAt(s, 6000)
	if !ok || name == "" {
		return
	}
	if rule.Upper {
		name = upperName(name)
	}
	f.labels = append(f.labels, label{kind: rule.Kind, text: name, x: at[0], y: at[1], size: rule.Size,
		floor: rule.Floor, style: rule.Style, col: rule.Colour, prio: rule.Prio, centred: true})
}

// signedArea is the shoelace area of a ring in screen coordinates (y
// down): negative for the winding every stroke piece has.
func signedArea(r []orb.Point) float64 {
	a := 0.0
	for i := range r {
		j := (i + 1) % len(r)
		a += r[i][0]*r[j][1] - r[j][0]*r[i][1]
	}
	return a / 2
}
