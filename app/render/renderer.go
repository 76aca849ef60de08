package render

import (
	"fmt"
	"image"
	"image/draw"
	"strings"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"

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
	return &Renderer{faces: faces{}, prep: map[prepKey]*prepared{}}
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
	schematic, top := r.drawBase(img, s)
	saved := r.top
	r.top = top
	r.drawOverlay(img, s, schematic)
	r.top = saved
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
		p = &prepared{shapes: make([]shape, len(feats)), state: make([]uint8, len(feats))}
		r.prep[k] = p
		r.order = append(r.order, k)
		for len(r.order) > maxPrepared {
			delete(r.prep, r.order[0])
			r.order = r.order[1:]
		}
	}
	bounds := featureBounds(feats)
	a := v.ToLonLat(orb.Point{-margin, float64(v.Height) + margin})
	b := v.ToLonLat(orb.Point{float64(v.Width) + margin, -margin})
	view := orb.Bound{Min: a, Max: b}
	o := v.Origin()
	var dp *simplify.DouglasPeuckerSimplifier
	var out []shape
	for i, f := range feats {
		if f == nil || f.Geometry == nil || !bounds[i].Intersects(view) {
			continue
		}
		if p.state[i] == 0 {
			if dp == nil {
				dp = simplify.DouglasPeucker(simplifyPx)
			}
			sh, ok := prepareOne(f, v, dp)
			p.shapes[i], p.state[i] = sh, 2
			if ok {
				p.state[i] = 1
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

// clearTo fills img with one colour quickly.
func clearTo(img *image.RGBA, c image.Image) {
	draw.Draw(img, img.Bounds(), c, image.Point{}, draw.Src)
}
