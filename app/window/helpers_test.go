package window

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"
)

// newTestAtlas builds the window on Fyne's test driver, w×h logical
// pixels, with frames drawn synchronously (Flush), and draws the first.
func newTestAtlas(t testing.TB, w, h float32) *Atlas {
	t.Helper()
	app := test.NewTempApp(t)
	win := app.NewWindow(Title)
	a, err := newAtlas(app, win, false)
	if err != nil {
		t.Fatal(err)
	}
	win.Resize(fyne.NewSize(w, h))
	flush(t, a)
	t.Cleanup(func() {
		a.close()
		win.Close()
	})
	return a
}

// flush draws the pending frame, as the painter goroutine would.
func flush(t testing.TB, a *Atlas) {
	t.Helper()
	a.painter.Flush()
	if a.mapv.shown.img == nil {
		t.Fatal("no frame was drawn")
	}
}

// frameCopy is a copy of the frame on screen.
func frameCopy(t testing.TB, a *Atlas) *image.RGBA {
	t.Helper()
	flush(t, a)
	src := a.mapv.shown.img
	img := image.NewRGBA(src.Rect)
	copy(img.Pix, src.Pix)
	return img
}

// diffPixels counts the pixels that differ between two frames.
func diffPixels(a, b *image.RGBA) int {
	if a.Rect != b.Rect {
		return -1
	}
	n := 0
	for i := 0; i < len(a.Pix); i += 4 {
		if a.Pix[i] != b.Pix[i] || a.Pix[i+1] != b.Pix[i+1] || a.Pix[i+2] != b.Pix[i+2] {
			n++
		}
	}
	return n
}

// near reports whether two pixel positions agree to within tol.
func near(p, q orb.Point, tol float64) bool {
	dx, dy := p[0]-q[0], p[1]-q[1]
	return dx*dx+dy*dy <= tol*tol
}

// mapPos converts an image pixel of the map to a canvas position.
func mapPos(a *Atlas, px orb.Point) fyne.Position {
	s := float32(a.mapv.scale)
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(a.mapv)
	return fyne.NewPos(abs.X+float32(px[0])/s, abs.Y+float32(px[1])/s)
}
