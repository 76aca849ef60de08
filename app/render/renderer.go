package render

import (
	"fmt"
	"image"
	"image/draw"
	"strings"
	"sync"

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
	prep  map[prepKey][]shape
	order []prepKey // oldest first, for eviction

	flowPrep map[flowKey][]orb.Point

	base    *image.RGBA
	baseKey string
	// schematic remembers whether the cached base shows schematic features.
	schematic bool
	// top holds the base's corridor labels, drawn again over the flows.
	top []drawnText
}

type prepKey struct {
	layer *Layer
	zk    zoomKey
}

// maxPrepared bounds the prepared-geometry cache: a few zoom levels of
// every layer, so zooming back and forth stays warm without growing.
const maxPrepared = 6 * 24

// New returns an empty renderer.
func New() *Renderer {
	return &Renderer{faces: faces{}, prep: map[prepKey][]shape{}}
}

// Render draws the scene into a new image.
func (r *Renderer) Render(s *Scene) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, s.View.Width, s.View.Height))
	r.RenderInto(img, s)
	return img
}

// RenderInto draws the scene into img, which must be the viewport's size.
func (r *Renderer) RenderInto(img *image.RGBA, s *Scene) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !s.View.Valid() {
		return
	}
	key := baseKey(s)
	if r.base == nil || r.baseKey != key || r.base.Bounds() != img.Bounds() {
		if r.base == nil || r.base.Bounds() != img.Bounds() {
			r.base = image.NewRGBA(img.Bounds())
		}
		r.schematic, r.top = r.drawBase(r.base, s)
		r.baseKey = key
	}
	copy(img.Pix, r.base.Pix)
	r.drawOverlay(img, s, r.schematic)
}

// InvalidateBase forgets the cached base picture, for callers that change
// a layer's features or style in place.
func (r *Renderer) InvalidateBase() {
	r.mu.Lock()
	r.base, r.baseKey = nil, ""
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
	r.base, r.baseKey = nil, ""
}

// baseKey names everything the base picture depends on.
func baseKey(s *Scene) string {
	var b strings.Builder
	v := s.View
	fmt.Fprintf(&b, "%.9f,%.9f,%.9f,%d,%d,%g,%g|", v.Center[0], v.Center[1], v.Zoom, v.Width, v.Height, v.Scale, s.labelScale())
	for _, l := range s.Layers {
		fmt.Fprintf(&b, "%p:%g:%v:%g:%s;", l, l.Opacity, l.Style.Colour, l.Style.Width, l.Style.LabelField)
	}
	return b.String()
}

// shapes returns the layer's features prepared for the viewport's zoom.
func (r *Renderer) shapes(l *Layer, v geo.Viewport, detailed bool) []shape {
	if l.Overview == nil {
		detailed = true // one file for all zooms: share the preparation
	}
	k := prepKey{l, keyFor(v, detailed)}
	if s, ok := r.prep[k]; ok {
		return s
	}
	s := prepare(l.Features(detailed), v)
	r.prep[k] = s
	r.order = append(r.order, k)
	for len(r.order) > maxPrepared {
		delete(r.prep, r.order[0])
		r.order = r.order[1:]
	}
	return s
}

// Prepare projects every layer of the scene for its zoom ahead of time,
// so the first frame at a new zoom costs only drawing.
func (r *Renderer) Prepare(s *Scene) {
	r.mu.Lock()
	defer r.mu.Unlock()
	det := s.detailed()
	for _, l := range s.Layers {
		r.shapes(l, s.View, det)
	}
}

// clearTo fills img with one colour quickly.
func clearTo(img *image.RGBA, c image.Image) {
	draw.Draw(img, img.Bounds(), c, image.Point{}, draw.Src)
}
