package window

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"github.com/paulmach/orb"
)

// benchAtlas is a window whose map is 1920×1080 device pixels: the
// presentation layout (no panels) in a 1920×1080 test window.
func benchAtlas(b *testing.B) *Atlas {
	a := newTestAtlas(b, 1920, 1080)
	a.setPresenting(true)
	a.win.Resize(fyne.NewSize(1920, 1080))
	flush(b, a)
	v := a.mapv.View()
	b.Logf("map %d×%d device px at zoom %.2f", v.Width, v.Height, v.Zoom)
	return a
}

// reportP95 adds the 95th percentile of the frame times to the results.
func reportP95(b *testing.B, times []time.Duration) {
	if len(times) == 0 {
		return
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
}

// BenchmarkFramePan is one pan step through the widget: the viewport
// change, the renderer (a new base picture, geometry already projected for
// the zoom) and the hand-over of the frame to Fyne.
func BenchmarkFramePan(b *testing.B) {
	a := benchAtlas(b)
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		t := time.Now()
		dx := float32(8)
		if i%200 >= 100 {
			dx = -8 // back and forth, so the view stays on the corridor
		}
		a.mapv.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: dx}})
		a.painter.Flush()
		times = append(times, time.Since(t))
	}
	reportP95(b, times)
}

// BenchmarkFrameZoom is one wheel-zoom step: geometry is projected anew
// for each zoom, then drawn and handed over.
func BenchmarkFrameZoom(b *testing.B) {
	a := benchAtlas(b)
	c := orb.Point{960, 540}
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		t := time.Now()
		dz := float32(wheelNotch / 4)
		if i%16 >= 8 {
			dz = -dz
		}
		a.mapv.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(float32(c[0]), float32(c[1]))}, Scrolled: fyne.Delta{DY: dz}})
		a.painter.Flush()
		times = append(times, time.Since(t))
	}
	reportP95(b, times)
}

// BenchmarkFrameAnimation is one animation frame: the clock tick, the
// flow overlay over the cached base, and the hand-over.
func BenchmarkFrameAnimation(b *testing.B) {
	a := benchAtlas(b)
	a.timeline.setPlaying(true)
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for b.Loop() {
		t := time.Now()
		a.tick(1.0 / 60)
		a.painter.Flush()
		times = append(times, time.Since(t))
	}
	reportP95(b, times)
}

// BenchmarkPick is a hover pick at the corridor view.
func BenchmarkPick(b *testing.B) {
	a := benchAtlas(b)
	a.goToView("corridor")
	s := a.scene(a.mapv.View())
	for b.Loop() {
		a.renderer.Pick(s, orb.Point{900, 500}, 6)
		a.renderer.PickFlow(s, orb.Point{900, 500}, 6)
	}
}
