package render

import (
	"image"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

var bigLayer, peerLayer = struct {
	sync.Once
	l   *Layer
	err error
}{}, struct {
	sync.Once
	l   *Layer
	err error
}{}

// bigScene shows the whole 107 MB benchmark layer (five copies of the
// world's countries) at 1920×1080.
func bigScene(b *testing.B) *Scene {
	bigLayer.Do(func() {
		_, big, err := load.BenchmarkFiles("../../../shared/bench/countries-10m.geojson.gz")
		if err != nil {
			bigLayer.err = err
			return
		}
		res, err := load.GeoJSON("big.geojson", big)
		if err != nil {
			bigLayer.err = err
			return
		}
		bigLayer.l = NewUserLayer("big", "big", res.Features, res.Bound, 0)
		bigLayer.l.FeatureBounds = res.Bounds
	})
	if bigLayer.err != nil {
		b.Skipf("benchmark file not available: %v", bigLayer.err)
	}
	l := bigLayer.l
	bd := l.Bound
	bd.Min[1], bd.Max[1] = max(bd.Min[1], -84), min(bd.Max[1], 84)
	return &Scene{View: geo.Fit(bd, 1920, 1080, 1), Layers: []*Layer{l}}
}

// peerScene is the peer benchmark's export: Natural Earth 10m countries
// over lon 25..90 / lat 30..56 at 3840×2160, the file's layer only.
func peerScene(b *testing.B) *Scene {
	peerLayer.Do(func() {
		small, _, err := load.BenchmarkFiles("../../../shared/bench/countries-10m.geojson.gz")
		if err != nil {
			peerLayer.err = err
			return
		}
		res, err := load.GeoJSON("countries-10m.geojson", small)
		if err != nil {
			peerLayer.err = err
			return
		}
		peerLayer.l = NewUserLayer("countries-10m", "countries-10m", res.Features, res.Bound, 0)
		peerLayer.l.FeatureBounds = res.Bounds
	})
	if peerLayer.err != nil {
		b.Skipf("benchmark file not available: %v", peerLayer.err)
	}
	bd := orb.Bound{Min: orb.Point{25, 30}, Max: orb.Point{90, 56}}
	return &Scene{View: geo.Fit(bd, 3840, 2160, 1), Layers: []*Layer{peerLayer.l}}
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

// BenchmarkBigLayerLevels: building the feature-bounds index and the
// simplification level the whole view needs, once (measured apart from
// parsing, as the import target asks).
func BenchmarkBigLayerLevels(b *testing.B) {
	s := bigScene(b)
	for b.Loop() {
		boundsCache.Lock()
		clear(boundsCache.m)
		boundsCache.Unlock()
		New().Prepare(s)
	}
}

// BenchmarkBigLayerRender: a full redraw of the whole layer once its level
// is built.
func BenchmarkBigLayerRender(b *testing.B) {
	s := bigScene(b)
	r := New()
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	r.RenderInto(img, s)
	for b.Loop() {
		r.InvalidateBase()
		r.RenderInto(img, s)
	}
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
	for b.Loop() {
		chunkCache.Lock()
		clear(chunkCache.m)
		chunkCache.Unlock()
		s.Layers[0].IndexForPicking()
	}
}

// BenchmarkPeerExportLevels: preparing the peer benchmark's 4K export view
// (the level its features need), as the export does before drawing.
func BenchmarkPeerExportLevels(b *testing.B) {
	s := peerScene(b)
	for b.Loop() {
		New().Prepare(s)
	}
}
