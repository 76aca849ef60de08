package render

import (
	"image"
	"testing"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// benchScene is the default view with every layer and flow, as the window
// opens it.
func benchScene(b *testing.B, w, h int) *Scene {
	b.Helper()
	s := corridorScene(b, geo.DefaultView, w, h)
	s.Title, s.Legend, s.ScaleBar, s.NorthArrow = "Bench", true, true, true
	return s
}

// warm returns a renderer that has drawn s once, and the picture it drew.
func warm(s *Scene) (*Renderer, *image.RGBA) {
	r := New()
	img := image.NewRGBA(image.Rect(0, 0, s.View.Width, s.View.Height))
	r.RenderInto(img, s)
	return r, img
}

// redraw times full redraws of s at its prepared zoom.
func redraw(b *testing.B, s *Scene) {
	r, img := warm(s)
	for b.Loop() {
		r.InvalidateBase()
		r.RenderInto(img, s)
	}
}

// BenchmarkRenderNewZoom: every frame at a zoom level not seen before, so
// every visible feature is projected and simplified before drawing (the
// first render after a zoom step).
func BenchmarkRenderNewZoom(b *testing.B) {
	s := benchScene(b, 1920, 1080)
	base := s.View
	r, img := warm(s)
	i := 0
	for b.Loop() {
		i++
		s.View = base.ZoomAbout(orb.Point{960, 540}, float64(i%500)*0.001+0.0005)
		r.RenderInto(img, s)
	}
}

// BenchmarkRenderColdStart: a new renderer, as at start-up (fonts and all
// preparation from nothing).
func BenchmarkRenderColdStart(b *testing.B) {
	s := benchScene(b, 1920, 1080)
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	for b.Loop() {
		New().RenderInto(img, s)
	}
}

// BenchmarkRenderWarm: the zoom's data is prepared; the base is redrawn
// in full each time (what a layer toggle costs; a pan scrolls instead).
func BenchmarkRenderWarm(b *testing.B) {
	redraw(b, benchScene(b, 1920, 1080))
}

// BenchmarkRenderPan: alternate between two positions at the same zoom.
func BenchmarkRenderPan(b *testing.B) {
	s := benchScene(b, 1920, 1080)
	views := []geo.Viewport{s.View, s.View.Pan(37, -21)}
	r, img := warm(s)
	i := 0
	for b.Loop() {
		i++
		s.View = views[i%2]
		r.RenderInto(img, s)
	}
}

// BenchmarkFlowFrame: an animation frame on an unchanged base.
func BenchmarkFlowFrame(b *testing.B) {
	s := benchScene(b, 1920, 1080)
	r, img := warm(s)
	i := 0
	for b.Loop() {
		i++
		s.Phase = float64(i%60) / 60
		s.Year = 2021 + geo.Year(i%400)/100
		r.RenderInto(img, s)
	}
}

// BenchmarkRender4KWarm: the same at 3840×2160.
func BenchmarkRender4KWarm(b *testing.B) {
	redraw(b, benchScene(b, 3840, 2160))
}

// benchLabels are names as a map sets them: towns, ports, seas, a flow
// value, in Latin and Cyrillic.
var benchLabels = []string{"Trabzon", "Aktau", "Kuryk", "Baku", "Alat", "Sangachal", "Tbilisi", "Batumi",
	"Poti", "Kars", "Ceyhan", "Yerevan", "Caspian Sea", "Black Sea", "KAZAKHSTAN", "AZERBAIJAN",
	"Астрахань", "Махачкала", "Ақтау", "Şəki", "4.50 Mt · 2024 · actual", "Türkmenbaşy"}

// labelText measures and draws every bench label with its halo at
// sub-pixel positions that differ from call to call.
func labelText(img *image.RGBA, fc faces, i int) {
	for j, s := range benchLabels {
		f := fc.get(fontStyle(j%3), 11+float64(j%4))
		w, a, _ := textBox(f, s)
		x := float64(40+(j*97)%(1900-int(w))) + float64(i%4)*0.25
		drawText(img, f, s, x, a+float64(10+j*45)+float64(i%3)*0.25, colInk, colHalo, 1.7)
	}
}

// BenchmarkLabelTextCold: the label texts set and rasterised from
// nothing (the mask cache emptied each time), as after a zoom step.
func BenchmarkLabelTextCold(b *testing.B) {
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	fc := faces{}
	i := 0
	for b.Loop() {
		maskCache.Lock()
		clear(maskCache.m)
		maskCache.bytes = 0
		maskCache.Unlock()
		labelText(img, fc, i)
		i++
	}
}

// BenchmarkLabelTextWarm: the same labels again (masks cached), as in a
// pan's label pass.
func BenchmarkLabelTextWarm(b *testing.B) {
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	fc := faces{}
	for i := range 12 {
		labelText(img, fc, i)
	}
	i := 0
	for b.Loop() {
		labelText(img, fc, i)
		i++
	}
}

// BenchmarkLayout: the picture's layout alone (panels, legend, flow lines
// side by side, every label placed) at 1920×1080 on prepared geometry:
// what a pan or a new year adds to drawing.
func BenchmarkLayout(b *testing.B) {
	s := benchScene(b, 1920, 1080)
	r, _ := warm(s)
	for b.Loop() {
		r.Layout(s)
	}
}
