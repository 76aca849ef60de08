package render

import (
	"fmt"
	"image"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/app/render/internal/raster"
	"github.com/corridor-atlas/corridor-atlas/geo"
	"github.com/corridor-atlas/corridor-atlas/geo/shapes"
)

// Renderer draws scenes. It keeps what is expensive between calls: the
// static base picture of the last viewport (so a pan scrolls it and an
// animation frame only draws the flow overlay on a copy of it) and the
// canvases every frame draws with. Geometry is prepared by geo/shapes,
// and kept by each layer.
//
// A Renderer is safe for concurrent use; calls are serialised.
type Renderer struct {
	mu    sync.Mutex
	faces faces

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
	// tools are the canvases and scratch paths every frame draws with,
	// one set per goroutine drawing bands: their rasterisers, masks and
	// path buffers grow to the largest picture once instead of being
	// allocated for every frame (a fresh 4K canvas cost more than the
	// drawing on it).
	tools []*tools
	// clipper and best are the label pass's buffers for area labels.
	clipper ringClipper
	best    orb.Ring
	// legend is the last legend panel as drawn, reused while its key
	// (rows, size, place) is unchanged: the legend is the same in every
	// animation frame.
	legend savedPixels
	// bandLegends are the same for each band of a picture drawn in bands.
	bandLegends struct {
		frame image.Rectangle
		saved map[int]*savedPixels
	}
	// Stats counts the work done, for tests and benchmarks.
	Stats Stats
}

// Stats counts what the renderer drew: full geometry renders, scrolls,
// label passes and frames.
type Stats struct {
	Full, Scrolls, Labels, Frames int
}

// New returns an empty renderer.
func New() *Renderer {
	go typeset() // the fonts are read while the caller loads its data
	return &Renderer{faces: faces{}}
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
	case r.base == nil || r.geomKey != gk || r.base.Bounds() != bounds:
		if r.base == nil || r.base.Bounds() != bounds {
			// The label-free geometry is kept from the first pan on: a
			// window that is only looked at needs no second picture.
			r.geom = nil
			r.base = image.NewRGBA(bounds)
		}
		// A new zoom or new layers: the geometry is drawn straight into
		// the base and the labels over it, saving a copy of the picture
		// on the path of every zoom step. The label-free geometry a pan
		// scrolls is drawn when a pan first needs it.
		r.lay = r.withLayout(s, !r.fresh, func() { r.drawBase(r.base, s, bounds) })
		r.Stats.Full++
		r.drawLabels(r.base, s, r.lay)
		r.Stats.Labels++
		r.geomKey, r.geomOrigin, r.baseKey, r.geomStale = gk, o, lk, true
	case r.geomStale && (o != r.geomOrigin || r.baseKey != lk):
		if r.geom == nil {
			r.geom = image.NewRGBA(bounds)
		}
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
		r.lay = r.withLayout(s, !r.fresh, func() { copyPixels(r.base.Pix, r.geom.Pix) })
		r.drawLabels(r.base, s, r.lay)
		r.Stats.Labels++
		r.baseKey = lk
	}
	copyPixels(img.Pix, r.base.Pix)
	r.drawOverlay(img, s, r.lay)
}

// drawLabels draws the layout's place labels into img: a big picture in
// bands on every core, like the geometry (and, like it, in the same bands
// on one core, so the pixels are the same).
func (r *Renderer) drawLabels(img *image.RGBA, s *Scene, lay *Layout) {
	b := img.Bounds()
	workers := runtime.GOMAXPROCS(0)
	if b.Dx()*b.Dy() < splitArea {
		f, done := r.whole(img, s)
		defer done()
		f.drawPlaceLabels(lay)
		return
	}
	o := s.View.Origin()
	raster.InBands(b, splitRows, workers, func(k int, band image.Rectangle) {
		t := r.tool(k)
		t.cv.SetSolo(true)
		p := newRasterPainter(t.cv, img, band, r.faces, nil)
		f := &frame{s: s, r: r, p: p, pa: &t.path, clip: band, dx: -o[0], dy: -o[1],
			w: float64(s.View.Width), h: float64(s.View.Height), px: s.View.Scale, detailed: s.detailed()}
		f.drawPlaceLabels(lay)
	})
	for k := range workers {
		r.tool(k).cv.SetSolo(false)
		r.tool(k).release()
	}
}

// drawOverlay draws what changes from frame to frame over the base (the
// flows, the selection, the flows' labels, the panels) into img: a big
// picture in bands on every core like the base and the labels, each band
// drawing all of it clipped to itself, and in the same bands on one core,
// so the pixels are the same. Left to one goroutine it was a tenth of a
// 4K redraw that a second core could not help with.
func (r *Renderer) drawOverlay(img *image.RGBA, s *Scene, lay *Layout) {
	b := img.Bounds()
	lines := r.flowLines(s)
	if b.Dx()*b.Dy() < splitArea {
		f, done := r.whole(img, s)
		defer done()
		f.drawOverlay(lay, lines)
		return
	}
	// What the bands share is worked out first, so they only read it: the
	// flows' lines, and a saved legend for each band.
	bands := raster.Bands(b, overlayRows)
	if r.bandLegends.frame != b {
		r.bandLegends.frame = b
		r.bandLegends.saved = map[int]*savedPixels{}
		for _, band := range bands {
			r.bandLegends.saved[band.Min.Y] = &savedPixels{}
		}
	}
	workers := runtime.GOMAXPROCS(0)
	raster.InBands(b, overlayRows, workers, func(k int, band image.Rectangle) {
		t := r.tool(k)
		t.cv.SetSolo(true)
		p := newRasterPainter(t.cv, img, band, r.faces, r.bandLegends.saved[band.Min.Y])
		f := r.newFrame(p, &t.path, s)
		f.clip = band
		f.drawOverlay(lay, lines)
	})
	for k := range workers {
		r.tool(k).cv.SetSolo(false)
		r.tool(k).release()
	}
}

// overlayRows is the height of a band of the overlay: twice the base's,
// as each band strokes every flow again.
const overlayRows = 384

// layoutKey names everything a layout depends on: the geometry's key,
// the view's position, the label scale, the whole year, the flows and the
// decorations.
func layoutKey(s *Scene, gk string) string {
	var b strings.Builder
	o := s.View.Origin()
	fmt.Fprintf(&b, "%s|%.9f,%.9f|%g|%g|", gk, o[0], o[1], s.labelScale(), math.Floor(float64(s.Year)+1e-9))
	for _, fp := range s.Flows {
		fmt.Fprintf(&b, "%d,", fp.key())
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

// whole returns a frame drawing all of img through the renderer's
// first canvas; done lets go of what its buffers refer to.
func (r *Renderer) whole(img *image.RGBA, s *Scene) (f *frame, done func()) {
	t := r.tool(0)
	p := newRasterPainter(t.cv, img, img.Bounds(), r.faces, &r.legend)
	return r.newFrame(p, &t.path, s), t.release
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
	lay := r.withLayout(s, false, func() { r.drawBase(img, s, img.Bounds()) })
	r.drawLabels(img, s, lay)
	r.drawOverlay(img, s, lay)
}

// Paint draws the scene through p: the frame, the layout and every
// drawing call RenderOnce makes into pixels, made to p instead, in one
// pass over the whole picture. The vector writers draw through it, so an
// SVG or a PDF shows what the PNG of the same scene shows.
func (r *Renderer) Paint(s *Scene, p Painter) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !s.View.Valid() {
		return
	}
	t := r.tool(0)
	defer t.release()
	f := r.newFrame(p, &t.path, s)
	f.drawBase()
	lay := r.layout(s, false)
	f.drawPlaceLabels(lay)
	f.drawOverlay(lay, r.flowLines(s))
}

// withLayout lays the scene out while draw runs: the layout reads only
// prepared shapes and the renderer's layout state, the drawing neither, so
// on more than one core the layout costs no time of its own.
func (r *Renderer) withLayout(s *Scene, keep bool, draw func()) *Layout {
	if runtime.GOMAXPROCS(0) == 1 {
		draw()
		return r.layout(s, keep)
	}
	done := make(chan *Layout, 1)
	go func() { done <- r.layout(s, keep) }()
	draw()
	return <-done
}

// InvalidateBase forgets the cached pictures, for callers that change a
// layer's features or style in place.
func (r *Renderer) InvalidateBase() {
	r.mu.Lock()
	r.geomKey, r.baseKey = "", ""
	r.mu.Unlock()
}

// Forget lets go of everything the renderer holds of a layer that was
// removed: the pictures that show it. What was prepared for drawing and
// picking it belongs to the layer itself and goes with it.
func (r *Renderer) Forget(l *Layer) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.geomKey, r.baseKey = "", ""
	for _, t := range r.tools {
		t.release()
	}
}

// geomKey names everything the geometry picture depends on except the
// view's position.
func geomKey(s *Scene) string {
	var b strings.Builder
	v := s.View
	fmt.Fprintf(&b, "%.9f,%d,%d,%g,%v,%s,%v|", v.Zoom, v.Width, v.Height, v.Scale, s.detailed(), v.Proj().ID(), s.Graticule)
	for _, l := range s.Layers {
		fmt.Fprintf(&b, "%d:%g:%v:%g:%s;", l.key(), l.Opacity, l.Style.Colour, l.Style.Width, l.Style.LabelField)
	}
	return b.String()
}

// visibleShapes returns the layer's shapes that meet the viewport grown
// by margin device pixels, as geo prepares them for the viewport's
// projection and zoom.
func (r *Renderer) visibleShapes(l *Layer, v geo.Viewport, detailed bool, margin float64) []shapes.Shape {
	return l.set(detailed).Visible(v, margin)
}

// Prepare projects every layer of the scene for its zoom ahead of time,
// so the first frame at a new zoom costs only drawing.
func (r *Renderer) Prepare(s *Scene) {
	r.mu.Lock()
	defer r.mu.Unlock()
	det := s.detailed()
	for _, l := range s.Layers {
		r.visibleShapes(l.Layer, s.View, det, 16*s.View.Scale)
	}
}
