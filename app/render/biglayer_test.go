package render

import (
	"image"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo"
	"github.com/corridor-atlas/corridor-atlas/geo/corpus"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
	"github.com/corridor-atlas/corridor-atlas/geo/shapes"
)

// benchLayer is a layer made from a benchmark file, loaded once for all
// benchmarks.
type benchLayer struct {
	sync.Once
	l   *Layer
	err error
}

var bigLayer, peerLayer benchLayer

// get loads the layer with the loader the window and export use: the
// 107 MB file when big is set, else the peer file itself.
func (bl *benchLayer) get(b *testing.B, id string, big bool) *Layer {
	small, large := corpus.BenchmarkFiles(b) // skips without the peer file
	bl.Do(func() {
		if big {
			small = large
		}
		res, err := load.GeoJSON(id+".geojson", small)
		if err != nil {
			bl.err = err
			return
		}
		bl.l = NewUserLayer(id, id, res.Features, res.Bound, 0)
		bl.l.FeatureBounds = res.Bounds
	})
	if bl.err != nil {
		b.Skipf("benchmark file not available: %v", bl.err)
	}
	return bl.l
}

// bigScene shows the whole 107 MB benchmark layer (five copies of the
// world's countries) at 1920×1080.
func bigScene(b *testing.B) *Scene {
	l := bigLayer.get(b, "big", true)
	bd := l.Bound
	bd.Min[1], bd.Max[1] = max(bd.Min[1], -84), min(bd.Max[1], 84)
	return &Scene{View: geo.Fit(nil, bd, 1920, 1080, 1), Layers: Shown(l)}
}

// peerScene is the peer benchmark's export: Natural Earth 10m countries
// over lon 25..90 / lat 30..56 at 3840×2160, the file's layer only.
func peerScene(b *testing.B) *Scene {
	l := peerLayer.get(b, "countries-10m", false)
	bd := orb.Bound{Min: orb.Point{25, 30}, Max: orb.Point{90, 56}}
	return &Scene{View: geo.Fit(nil, bd, 3840, 2160, 1), Layers: Shown(l)}
}

// BenchmarkPeerExportRender: the render step of the peer benchmark's 4K
// export (RenderOnce, as export does, with the level already built).
func BenchmarkPeerExportRender(b *testing.B) {
	s := peerScene(b)
	r := New()
	img := image.NewRGBA(image.Rect(0, 0, 3840, 2160))
	r.RenderOnce(img, s)
	for b.Loop() {
		r.RenderOnce(img, s)
	}
}

// fresh is the scene with a new layer of the same features, with nothing
// prepared for drawing: what the layer keeps is built again.
func fresh(s *Scene) *Scene {
	f := *s
	l := s.Layers[0]
	f.Layers = Shown(&Layer{ID: l.ID, Title: l.Title, Group: l.Group, Detailed: l.Detailed, FeatureBounds: l.FeatureBounds})
	return &f
}

// BenchmarkBigLayerLevels: building the simplification level the whole
// view needs, once (measured apart from parsing, as the import target
// asks). The feature-bounds index comes with the layer: the loader keeps
// each feature's bounds as it parses.
func BenchmarkBigLayerLevels(b *testing.B) {
	s := bigScene(b)
	for b.Loop() {
		New().Prepare(fresh(s))
	}
}

// BenchmarkBigLayerRender: a full redraw of the whole layer once its level
// is built.
func BenchmarkBigLayerRender(b *testing.B) {
	redraw(b, bigScene(b))
}

// BenchmarkBigLayerPick: what is under the cursor, in the whole layer,
// indexed for picking as the window does after loading.
func BenchmarkBigLayerPick(b *testing.B) {
	s := bigScene(b)
	r := New()
	r.Render(s)
	s.Layers[0].IndexForPicking()
	px := s.View.ToPixel(orb.Point{51, 43})
	for b.Loop() {
		r.Pick(s, px, 6)
	}
}

// BenchmarkBigLayerPickIndex: building the pick index of every long ring
// of the layer (the window does it off the UI thread after loading).
func BenchmarkBigLayerPickIndex(b *testing.B) {
	s := bigScene(b)
	l := s.Layers[0]
	for b.Loop() {
		shapes.New(l.Detailed, l.FeatureBounds).Index()
	}
}

// BenchmarkPeerExportLevels: preparing the peer benchmark's 4K export view
// (the level its features need), as the export does before drawing.
func BenchmarkPeerExportLevels(b *testing.B) {
	s := peerScene(b)
	for b.Loop() {
		New().Prepare(fresh(s))
	}
}
