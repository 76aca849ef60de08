package render

import (
	"cmp"
	"fmt"
	"image"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// Renderer draws scenes. It keeps what is expensive between calls:
// geometry projected and simplified per zoom (so a pan re-projects
// nothing) and the static base picture of the last viewport (so an
// animation frame only draws the flow overlay on a copy of it).
//
// A Renderer is safe for concurrent use; calls are serialised.
type Renderer struct {
	mu    sync.Mutex
	faces faces
	prep  map[prepKey]*prepared
	// levels holds geometry in Mercator metres per simplification level,
	// shared by every zoom that uses the level (see levelFor).
	levels map[levelKey]*prepared
	order  []prepKey // oldest first, for eviction

	flowPrep map[flowKey][]orb.Point

	// geom is the last viewport's geometry without labels; a pan by whole
	// pixels at the same zoom scrolls it and draws only what came into view.
	geom       *image.RGBA
	geomKey    string
	geomOrigin orb.Point
	// geomStale is set when the last full redraw went straight into base
	// and geom does not hold the view's geometry.
	geomStale bool
	// base is geom with the labels: what every animation frame starts from.
	base    *image.RGBA
	baseKey string
	// lay is the base's layout: its labels are in base, its flows'
	// labels and panels are drawn over every frame.
	lay *Layout
	// bundle is the flows' lines laid side by side for the last zoom,
	// and drawnLines the same for PickFlow.
	bundle     bundle
	drawnLines atomic.Pointer[drawnLines]
	// flowPlaced are the flows' labels as last placed, tried first by the
	// next layout.
	flowPlaced map[*FlowPath]placedFlow
	// legendCorner is where the last legend went.
	legendCorner cornerChoice
	// fresh lays every picture out from nothing, as an export does (for
	// tests that compare a panned picture with a new one).
	fresh bool
	// cv is the canvas every frame draws with: its rasterisers, masks and
	// path buffers grow to the largest picture once instead of being
	// allocated for every frame (a fresh 4K canvas cost more than the
	// drawing on it).
	cv *canvas
	// cv2 is the second core's canvas when a base is drawn by bands.
	cv2 *canvas
	// clipper and best are the label pass's buffers for area labels.
	clipper ringClipper
	best    orb.Ring
	// legendImg is the last legend panel as drawn, reused while its key
	// (rows, size, place) is unchanged: the legend is the same in every
	// animation frame.
	legendImg *image.RGBA
	legendKey string
	// Stats counts the work done, for tests and benchmarks.
	Stats Stats
}

// Stats counts what the renderer drew: full geometry renders, scrolls,
// label passes and frames.
type Stats struct {
	Full, Scrolls, Labels, Frames int
}

type prepKey struct {
	layer *Layer
	zk    zoomKey
}

// levelKey names a layer's geometry simplified in metres for one level.
type levelKey struct {
	layer    *Layer
	detailed bool
	level    int
}

// maxPrepared bounds the prepared-geometry cache: a few zoom levels of
// every layer, so zooming back and forth stays warm without growing.
const maxPrepared = 6 * 24

// New returns an empty renderer.
func New() *Renderer {
	go typeset() // the fonts are read while the caller loads its data
	return &Renderer{faces: faces{}, prep: map[prepKey]*prepared{}, levels: map[levelKey]*prepared{}}
}

// Render draws the scene into a new image.
func (r *Renderer) Render(s *Scene) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, s.View.Width, s.View.Height))
	r.RenderInto(img, s)
	return img
}

// RenderInto draws the scene into img, which must be the viewport's size.
// Work is reused from the previous call where the scene allows: the
// geometry when only the flows, year or phase changed, and most of it when
// the view moved by whole pixels at the same zoom; the layout and the
// labels in the base while the picture stays in the same whole year.
func (r *Renderer) RenderInto(img *image.RGBA, s *Scene) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !s.View.Valid() {
		return
	}
	r.Stats.Frames++
	gk := geomKey(s)
	o := s.View.Origin()
	bounds := img.Bounds()
	lk := layoutKey(s, gk)
	switch {
	case r.geom == nil || r.geomKey != gk || r.geom.Bounds() != bounds:
		if r.geom == nil || r.geom.Bounds() != bounds {
			r.geom = image.NewRGBA(bounds)
			r.base = image.NewRGBA(bounds)
		}
		// A new zoom or new layers: the geometry is drawn straight into
		// the base and the labels over it, saving a copy of the picture
		// on the path of every zoom step. The label-free geometry a pan
		// scrolls is drawn when a pan first needs it.
		r.drawBase(r.base, s, bounds)
		r.Stats.Full++
		r.lay = r.layout(s, !r.fresh)
		r.drawPlaceLabels(r.base, r.lay)
		r.Stats.Labels++
		r.geomKey, r.geomOrigin, r.baseKey, r.geomStale = gk, o, lk, true
	case r.geomStale && (o != r.geomOrigin || r.baseKey != lk):
		r.drawBase(r.geom, s, bounds)
		r.Stats.Full++
		r.geomOrigin, r.baseKey, r.geomStale = o, "", false
	case o != r.geomOrigin:
		dx, dy := r.geomOrigin[0]-o[0], r.geomOrigin[1]-o[1]
		ix, iy := math.Round(dx), math.Round(dy)
		w, h := float64(bounds.Dx()), float64(bounds.Dy())
		if math.Abs(dx-ix) < 1e-6 && math.Abs(dy-iy) < 1e-6 && math.Abs(ix) < w && math.Abs(iy) < h {
			scroll(r.geom, int(ix), int(iy))
			for _, strip := range exposed(bounds, int(ix), int(iy)) {
				r.drawBase(r.geom, s, strip)
			}
			r.Stats.Scrolls++
		} else {
			r.drawBase(r.geom, s, bounds)
			r.Stats.Full++
		}
		r.geomOrigin, r.baseKey = o, ""
	}
	if r.baseKey != lk {
		copyPixels(r.base.Pix, r.geom.Pix)
		r.lay = r.layout(s, !r.fresh)
		r.drawPlaceLabels(r.base, r.lay)
		r.Stats.Labels++
		r.baseKey = lk
	}
	copyPixels(img.Pix, r.base.Pix)
	r.drawOverlay(img, s, r.lay)
}

// layoutKey names everything a layout depends on: the geometry's key,
// the view's position, the label scale, the whole year, the flows and the
// decorations.
func layoutKey(s *Scene, gk string) string {
	var b strings.Builder
	o := s.View.Origin()
	fmt.Fprintf(&b, "%s|%.9f,%.9f|%g|%g|", gk, o[0], o[1], s.labelScale(), math.Floor(float64(s.Year)+1e-9))
	for _, fp := range s.Flows {
		fmt.Fprintf(&b, "%p,", fp)
	}
	sc := s.widthScales()
	keys := make([]string, 0, len(sc))
	for k := range sc {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%g,", k, sc[k])
	}
	fmt.Fprintf(&b, "|%q|%v%v%v|%v|%s", s.Title, s.Legend, s.ScaleBar, s.NorthArrow, s.Frame, s.Lang)
	return b.String()
}

// scroll moves the picture's content by (dx, dy) pixels in place.
func scroll(img *image.RGBA, dx, dy int) {
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	n := 4 * (w - abs(dx)) // bytes per row that survive
	if n <= 0 || abs(dy) >= h {
		return
	}
	src, dst := 0, 0 // byte offsets within a row
	if dx > 0 {
		dst = 4 * dx
	} else {
		src = -4 * dx
	}
	row := func(y int) {
		sy := y - dy
		copy(img.Pix[y*img.Stride+dst:y*img.Stride+dst+n], img.Pix[sy*img.Stride+src:sy*img.Stride+src+n])
	}
	if dy > 0 {
		for y := h - 1; y >= dy; y-- {
			row(y)
		}
	} else {
		for y := 0; y < h+dy; y++ {
			row(y)
		}
	}
}

// exposed returns the strips a scroll by (dx, dy) left undrawn.
func exposed(b image.Rectangle, dx, dy int) []image.Rectangle {
	var out []image.Rectangle
	switch {
	case dx > 0:
		out = append(out, image.Rect(b.Min.X, b.Min.Y, b.Min.X+dx, b.Max.Y))
	case dx < 0:
		out = append(out, image.Rect(b.Max.X+dx, b.Min.Y, b.Max.X, b.Max.Y))
	}
	switch {
	case dy > 0:
		out = append(out, image.Rect(b.Min.X, b.Min.Y, b.Max.X, b.Min.Y+dy))
	case dy < 0:
		out = append(out, image.Rect(b.Min.X, b.Max.Y+dy, b.Max.X, b.Max.Y))
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// canvasFor returns the renderer's canvas, set to draw on img.
func (r *Renderer) canvasFor(img *image.RGBA) *canvas {
	if r.cv == nil {
		r.cv = newCanvas(img)
	}
	r.cv.img, r.cv.clip = img, img.Bounds()
	r.cv.reset()
	return r.cv
}

// RenderOnce draws the scene into img without keeping a base picture:
// the export path, where there is no next frame to reuse it and copying a
// 4K base would only cost time and memory. The pixels are the same as
// RenderInto's.
func (r *Renderer) RenderOnce(img *image.RGBA, s *Scene) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !s.View.Valid() {
		return
	}
	r.drawBase(img, s, img.Bounds())
	lay := r.layout(s, false)
	r.drawPlaceLabels(img, lay)
	r.drawOverlay(img, s, lay)
}

// InvalidateBase forgets the cached pictures, for callers that change a
// layer's features or style in place.
func (r *Renderer) InvalidateBase() {
	r.mu.Lock()
	r.geomKey, r.baseKey = "", ""
	r.mu.Unlock()
}

// Forget drops everything prepared for a layer (it was removed or its
// features changed).
func (r *Renderer) Forget(l *Layer) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for k := range r.prep {
		if k.layer == l {
			delete(r.prep, k)
		}
	}
	for k := range r.levels {
		if k.layer == l {
			delete(r.levels, k)
		}
	}
	r.geomKey, r.baseKey = "", ""
}

// geomKey names everything the geometry picture depends on except the
// view's position.
func geomKey(s *Scene) string {
	var b strings.Builder
	v := s.View
	fmt.Fprintf(&b, "%.9f,%d,%d,%g,%v|", v.Zoom, v.Width, v.Height, v.Scale, s.detailed())
	for _, l := range s.Layers {
		fmt.Fprintf(&b, "%p:%g:%v:%g:%s;", l, l.Opacity, l.Style.Colour, l.Style.Width, l.Style.LabelField)
	}
	return b.String()
}

// visibleShapes returns the layer's shapes that meet the viewport grown
// by margin device pixels, preparing for this zoom those not yet seen.
// Features are culled by their lon/lat bounds first, so a world file
// viewed over the Caspian projects only its Caspian countries.
func (r *Renderer) visibleShapes(l *Layer, v geo.Viewport, detailed bool, margin float64) []shape {
	if l.Overview == nil {
		detailed = true // one file for all zooms: share the preparation
	}
	feats := l.Features(detailed)
	k := prepKey{l, keyFor(v, detailed)}
	p := r.prep[k]
	if p == nil {
		p = newPrepared(len(feats))
		r.prep[k] = p
		r.order = append(r.order, k)
		for len(r.order) > maxPrepared {
			delete(r.prep, r.order[0])
			r.order = r.order[1:]
		}
	}
	bounds := l.boundsOf(feats)
	a := v.ToLonLat(orb.Point{-margin, float64(v.Height) + margin})
	b := v.ToLonLat(orb.Point{float64(v.Width) + margin, -margin})
	view := orb.Bound{Min: a, Max: b}
	o := v.Origin()
	lk := levelKey{l, detailed, levelFor(v)}
	lv := r.levels[lk]
	if lv == nil {
		lv = newPrepared(len(feats))
		r.levels[lk] = lv
	}
	// Simplify what this view needs and the level lacks, on both cores:
	// features are independent and each writes only its own slot.
	var todo []int
	for i, f := range feats {
		if f != nil && f.Geometry != nil && lv.state[i] == 0 && bounds[i].Intersects(view) {
			todo = append(todo, i)
		}
	}
	// Biggest first (by the area of their bounds), so the two cores do
	// not end with one of them alone on Russia: the peer export's view
	// took 14 ms to prepare in file order.
	area := func(i int) float64 {
		b := bounds[i]
		return (b.Max[0] - b.Min[0]) * (b.Max[1] - b.Min[1])
	}
	slices.SortFunc(todo, func(a, b int) int { return cmp.Compare(area(b), area(a)) })
	var next atomic.Int64
	simplify := func() {
		var scratch shape
		for {
			k := int(next.Add(1)) - 1
			if k >= len(todo) {
				return
			}
			i := todo[k]
			sh, ok := simplifyLevel(feats[i], i, bounds[i], lk.level, &scratch)
			lv.shapes[i], lv.state[i] = sh, 2
			if ok {
				lv.state[i] = 1
			}
		}
	}
	if len(todo) >= 8 {
		onBoth(simplify, simplify)
	} else {
		simplify()
	}
	var out []shape
	for i, f := range feats {
		if f == nil || f.Geometry == nil || !bounds[i].Intersects(view) {
			continue
		}
		if p.state[i] == 0 {
			p.state[i] = 2
			if lv.state[i] == 1 {
				p.shapes[i], p.state[i] = lv.shapes[i].toWorld(v), 1
			}
		}
		if p.state[i] == 1 && p.shapes[i].visible(o, float64(v.Width), float64(v.Height), margin) {
			out = append(out, p.shapes[i])
		}
	}
	return out
}

// Prepare projects every layer of the scene for its zoom ahead of time,
// so the first frame at a new zoom costs only drawing.
func (r *Renderer) Prepare(s *Scene) {
	r.mu.Lock()
	defer r.mu.Unlock()
	det := s.detailed()
	for _, l := range s.Layers {
		r.visibleShapes(l, s.View, det, 16*s.View.Scale)
	}
}
