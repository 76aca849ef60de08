package render

import (
	"cmp"
	"image"
	"image/color"
	"image/draw"
	"math"
	"slices"
	"sort"
	"sync/atomic"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
)

// overviewBox is the extent of the 1:50m data; beyond it the map shows a
// neutral "no data" tone rather than pretending the land is sea.
var overviewBox = orb.Bound{Min: orb.Point{-10, 15}, Max: orb.Point{125, 72}}

// frame holds what one base drawing needs: the scene, the canvas and the
// offset from world pixels to image pixels.
type frame struct {
	s        *Scene
	r        *Renderer
	img      *image.RGBA
	c        *canvas
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
	vis map[*Layer][]shape
}

func (r *Renderer) newFrame(img *image.RGBA, s *Scene) *frame {
	o := s.View.Origin()
	return &frame{s: s, r: r, img: img, c: r.canvasFor(img), dx: -o[0], dy: -o[1],
		w: float64(s.View.Width), h: float64(s.View.Height), px: s.View.Scale, detailed: s.detailed()}
}

// visibleShapes returns the layer's shapes that meet the image, or the
// part of it being drawn.
//
// The result of a strip is in the canvas's buffer, valid until the next
// call with the same canvas.
func (f *frame) visibleShapes(l *Layer) []shape {
	all, ok := f.vis[l]
	if !ok {
		all = f.r.visibleShapes(l, f.s.View, f.detailed, 16*f.px)
		if f.vis != nil && f.img == nil {
			f.vis[l] = all // a layout asks for the same layer several times
		}
	}
	if f.img == nil || f.c.clip == f.img.Bounds() {
		return all
	}
	// Drawing a strip: keep the shapes that reach it (with room for the
	// widest casing or marker).
	m := 16 * f.px
	cl := f.c.clip
	out := f.c.shapes[:0]
	defer func() { f.c.shapes = out[:0] }()
	for i := range all {
		s := &all[i]
		if s.max[0]+f.dx >= float64(cl.Min.X)-m && s.min[0]+f.dx <= float64(cl.Max.X)+m &&
			s.max[1]+f.dy >= float64(cl.Min.Y)-m && s.min[1]+f.dy <= float64(cl.Max.Y)+m {
			out = append(out, *s)
		}
	}
	return out
}

// drawBase paints water, land and every layer's geometry inside clip
// (image pixels). Labels are drawn separately (drawLabels), so the
// geometry of a panned view can be scrolled and only the strips that came
// into view drawn.
func (r *Renderer) drawBase(img *image.RGBA, s *Scene, clip image.Rectangle) {
	clip = clip.Intersect(img.Bounds())
	if clip.Dx()*clip.Dy() < splitArea {
		r.drawBaseOn(r.canvasFor(img), img, s, clip, nil)
		return
	}
	// A big picture is drawn as horizontal bands, taken in turn by the two
	// cores, each drawing every layer into its band with its own canvas.
	// Batches big enough to split are split anyway (see canvas.flush), but
	// a frame also has many small ones (ports, dashes, casings) that ran
	// on one core: by bands, a zoom step at 1080p went from 15.5 to
	// 12 ms. Shapes are prepared first, so the bands only read them.
	det := s.detailed()
	vis := make(map[*Layer][]shape, len(s.Layers))
	for _, l := range s.Layers {
		vis[l] = r.visibleShapes(l, s.View, det, 16*s.View.Scale)
	}
	if r.cv2 == nil {
		r.cv2 = newCanvas(img)
	}
	cvs := [2]*canvas{r.canvasFor(img), r.cv2}
	cvs[1].img = img
	cvs[0].solo, cvs[1].solo = true, true
	defer func() { cvs[0].solo, cvs[1].solo = false, false }()
	inBands(clip, splitRows, func(f func(k int)) { onBoth(func() { f(0) }, func() { f(1) }) },
		func(k int, band image.Rectangle) {
			cvs[k].reset()
			r.drawBaseOn(cvs[k], img, s, band, vis)
		})
}

// inBands cuts r into bands of at most rows rows (two at least) and has
// draw(k, band) called for each, with k the core: onCores runs its
// function once per core, and each core takes the next band from a shared
// counter until none is left, so an uneven picture still keeps both busy.
func inBands(r image.Rectangle, rows int, onCores func(func(k int)), draw func(k int, band image.Rectangle)) {
	n := max(2, (r.Dy()+rows-1)/rows)
	var next atomic.Int32
	onCores(func(k int) {
		for {
			b := int(next.Add(1)) - 1
			if b >= n {
				return
			}
			band := r
			band.Min.Y = r.Min.Y + r.Dy()*b/n
			band.Max.Y = r.Min.Y + r.Dy()*(b+1)/n
			draw(k, band)
		}
	})
}

// splitArea is the clip area from which drawBase draws by bands on both
// cores, and splitRows the height of a band.
const (
	splitArea = 640 * 480
	splitRows = 192
)

// drawBaseOn draws the base inside clip with canvas c, with each layer's
// shapes from vis when given.
func (r *Renderer) drawBaseOn(c *canvas, img *image.RGBA, s *Scene, clip image.Rectangle, vis map[*Layer][]shape) {
	o := s.View.Origin()
	f := &frame{s: s, r: r, img: img, c: c, dx: -o[0], dy: -o[1], vis: vis,
		w: float64(s.View.Width), h: float64(s.View.Height), px: s.View.Scale, detailed: s.detailed()}
	f.c.clip = clip
	// Water is the background inside the data's coverage (see package
	// data), when land is drawn over it: without the land, a blue box
	// behind the user's own layers would claim the whole region is sea.
	// Each pixel is painted once, water or no-data.
	var wr image.Rectangle
	if hasLand(s) {
		cov := overviewBox
		tl := s.View.ToPixel(orb.Point{cov.Min[0], cov.Max[1]})
		br := s.View.ToPixel(orb.Point{cov.Max[0], cov.Min[1]})
		wr = image.Rect(int(math.Round(tl[0])), int(math.Round(tl[1])), int(math.Round(br[0])), int(math.Round(br[1]))).Intersect(clip)
	}
	fillRect(img, wr, colWater, !c.solo)
	for _, rest := range around(clip, wr) {
		fillRect(img, rest, colNoData, !c.solo)
	}

	for _, l := range s.Layers {
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
	}
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

// fillRect paints r in an opaque colour, a big area on both cores when
// both is set.
func fillRect(img *image.RGBA, r image.Rectangle, col color.NRGBA, both bool) {
	r = r.Intersect(img.Bounds())
	if r.Empty() {
		return
	}
	if !both || r.Dx()*r.Dy() < parallelArea {
		draw.Draw(img, r, image.NewUniform(col), image.Point{}, draw.Src)
		return
	}
	mid := (r.Min.Y + r.Max.Y) / 2
	top, bottom := r, r
	top.Max.Y, bottom.Min.Y = mid, mid
	onBoth(func() { draw.Draw(img, top, image.NewUniform(col), image.Point{}, draw.Src) },
		func() { draw.Draw(img, bottom, image.NewUniform(col), image.Point{}, draw.Src) })
}

// copyPixels copies src's pixels into dst (the same size) on both cores:
// a 1080p frame is 8 MB, copied twice per redraw (geometry to base,
// base to frame), and one core does not reach the memory's bandwidth.
func copyPixels(dst, src []byte) {
	if len(dst) < 1<<20 {
		copy(dst, src)
		return
	}
	h := len(dst) / 2
	onBoth(func() { copy(dst[:h], src[:h]) }, func() { copy(dst[h:], src[h:]) })
}

// onBoth runs a and b at once.
func onBoth(a, b func()) {
	done := make(chan struct{})
	go func() {
		b()
		close(done)
	}()
	a()
	<-done
}

// hasLand reports whether the scene draws the embedded land or seas.
func hasLand(s *Scene) bool {
	for _, l := range s.Layers {
		if l.Group == data.Basemap && (l.ID == "countries" || l.ID == "seas") {
			return true
		}
	}
	return false
}

func (f *frame) fillPolys(shapes []shape, col color.NRGBA) {
	f.c.build(len(shapes), func(c *canvas, i int) {
		for _, poly := range shapes[i].polys {
			for _, ring := range poly {
				c.ring(ring, f.dx, f.dy)
			}
		}
	})
	f.c.flush(col)
}

// strokeShapes strokes lines, and polygon outlines when outlines is set.
func (f *frame) strokeShapes(shapes []shape, w float64, col color.NRGBA, dash []float64, outlines bool) {
	add := func(c *canvas, line []orb.Point) {
		if dash == nil {
			c.stroke(line, w, f.dx, f.dy)
			return
		}
		c.dashed(line, w, dash, 0, f.dx, f.dy)
	}
	f.c.build(len(shapes), func(c *canvas, i int) {
		for _, line := range shapes[i].lines {
			add(c, line)
		}
		if outlines {
			for _, poly := range shapes[i].polys {
				for _, ring := range poly {
					add(c, ring)
				}
			}
		}
	})
	f.c.flush(col)
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

func (f *frame) basemapLayer(l *Layer) {
	shapes := f.visibleShapes(l)
	op := l.Opacity
	px := f.px
	overview := !f.detailed
	switch l.ID {
	case "countries":
		f.fillPolys(shapes, withAlpha(colLand, op))
	case "lakes":
		shapes = byRank(shapes, f.s.View.Zoom+4)
		f.fillPolys(shapes, withAlpha(colWater, op))
		f.strokeShapes(shapes, 0.6*px, withAlpha(colCoast, op), nil, true)
	case "rivers":
		shapes = byRank(shapes, f.s.View.Zoom+1.5)
		f.strokeShapes(shapes, 0.9*px, withAlpha(colRiver, op), nil, false)
	case "coastline":
		f.strokeShapes(shapes, 0.8*px, withAlpha(colCoast, op), nil, overview)
	case "borders":
		f.strokeShapes(shapes, 1.1*px, withAlpha(colBorder, op), f.scaled([]float64{5, 2.5}), overview)
	case "disputed":
		f.strokeShapes(shapes, 1.5*px, withAlpha(colDisputed, op), f.scaled(disputedDash), false)
	case "seaports":
		for i := range shapes {
			for _, p := range shapes[i].points {
				f.c.disc(p[0]+f.dx, p[1]+f.dy, 3*px)
			}
		}
		f.c.flush(withAlpha(colHalo, op))
		for i := range shapes {
			for _, p := range shapes[i].points {
				f.c.disc(p[0]+f.dx, p[1]+f.dy, 2*px)
			}
		}
		f.c.flush(withAlpha(colFerry, op*0.8))
	}
}

// byRank keeps features whose Natural Earth scalerank is at most max, so
// minor lakes and rivers appear only as the map zooms in.
func byRank(shapes []shape, max float64) []shape {
	out := shapes[:0:0]
	for _, s := range shapes {
		if r, ok := numProp(s.f, "scalerank", "SCALERANK"); !ok || r <= max {
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

func (f *frame) cities(shapes []shape, op float64) {
	type city struct {
		p    orb.Point
		name string
		rank float64
		pop  float64
		cap  bool
	}
	maxRank := f.s.View.Zoom - 1
	var cs []city
	for i := range shapes {
		s := &shapes[i]
		if len(s.points) == 0 {
			continue
		}
		name := strProp(s.f, "NAME", "name")
		shown := nameIn(s.f, f.s.lang(), name)
		rank, _ := numProp(s.f, "SCALERANK", "scalerank")
		pop, _ := numProp(s.f, "POP_MAX", "pop_max")
		capital, _ := numProp(s.f, "ADM0CAP", "adm0cap")
		key := keyPlaces[name]
		if rank > maxRank && !key && capital == 0 {
			continue
		}
		if key {
			rank = -1
		}
		cs = append(cs, city{s.points[0], shown, rank, pop, capital > 0})
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
func largestPoly(s *shape) ([]orb.Point, float64) {
	var best []orb.Point
	bestA := 0.0
	for _, poly := range s.polys {
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
func (f *frame) areaLabelAt(s *shape, minArea float64) (orb.Point, bool) {
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
	for _, poly := range s.polys {
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

func (f *frame) countryLabel(s *shape) {
	name := nameIn(s.f, f.s.lang(), strProp(s.f, "name", "NAME"))
	at, ok := f.areaLabelAt(s, 6000)
	if !ok || name == "" {
		return
	}
	f.labels = append(f.labels, label{kind: CountryLabel, text: upperName(name), x: at[0], y: at[1], size: countrySize,
		floor: countryFloor, style: regular, col: colCountry, prio: 200, centred: true})
}

func (f *frame) seaLabel(s *shape) {
	name := nameIn(s.f, f.s.lang(), strProp(s.f, "name"))
	at, ok := f.areaLabelAt(s, 6000)
	if !ok || name == "" {
		return
	}
	f.labels = append(f.labels, label{kind: SeaLabel, text: name, x: at[0], y: at[1], size: seaSize,
		floor: seaFloor, style: italic, col: colSea, prio: 150, centred: true})
}
