package render

import (
	"image"
	"runtime"
	"slices"
	"testing"
)

// TestSamePixelsOnAnyCores: the work is shared by runtime.GOMAXPROCS(0)
// goroutines (bands, batches, level builds), always so that the picture
// does not depend on how many: at 1, 2 and 8 the pixels are the same, for
// a full redraw, a scrolled pan and an export's single render.
func TestSamePixelsOnAnyCores(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	draw := func(procs int) [][]byte {
		runtime.GOMAXPROCS(procs)
		s := corridorScene(t, "corridor", 2400, 1500)
		s.Title, s.Legend, s.ScaleBar = "Cores", true, true
		// A layer of many features: batches big enough to be built in
		// pieces, and a level built by every goroutine.
		s.Layers = append(s.Layers, gridLayer(40).Shown(nil))
		r := New()
		r.fresh = true
		img := image.NewRGBA(image.Rect(0, 0, 2400, 1500))
		r.RenderInto(img, s)
		full := slices.Clone(img.Pix)
		s.View = s.View.Pan(-37, 23)
		r.RenderInto(img, s)
		r.RenderInto(img, s) // the scrolled geometry under the labels
		panned := slices.Clone(img.Pix)
		once := image.NewRGBA(img.Rect)
		New().RenderOnce(once, s)
		return [][]byte{full, panned, once.Pix}
	}
	want := draw(1)
	for _, procs := range []int{2, 8} {
		got := draw(procs)
		for k, name := range []string{"full redraw", "panned", "export"} {
			if !slices.Equal(got[k], want[k]) {
				n := 0
				for i := range got[k] {
					if got[k][i] != want[k][i] {
						n++
					}
				}
				t.Errorf("GOMAXPROCS %d, %s: %d bytes differ from GOMAXPROCS 1", procs, name, n)
			}
		}
	}
}
