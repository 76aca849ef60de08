package render

import (
	"image"
	"runtime"
	"slices"
	"testing"
	"weak"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// gridLayer is a user layer of n×n small polygons with a long ring each,
// over the Caspian: enough geometry to notice, and rings long enough to
// be indexed for picking.
func gridLayer(n int) *Layer {
	var feats []*geojson.Feature
	for i := range n {
		for j := range n {
			x0, y0 := 46+8*float64(i)/float64(n), 38+8*float64(j)/float64(n)
			var r orb.Ring
			for k := range 200 {
				t := float64(k) / 199
				r = append(r, orb.Point{x0 + 0.05*t, y0 + 0.002*float64(k%2)})
			}
			r = append(r, orb.Point{x0 + 0.05, y0 + 0.05}, orb.Point{x0, y0 + 0.05}, r[0])
			f := geojson.NewFeature(orb.Polygon{r})
			f.Properties["name"] = "cell"
			feats = append(feats, f)
		}
	}
	return NewUserLayer("grid", "Grid", feats, orb.Bound{Min: orb.Point{46, 38}, Max: orb.Point{54, 46}}, 0)
}

// TestForgetFreesTheLayer: a layer drawn, laid out, picked and indexed,
// then removed and forgotten, is collected with everything prepared for
// it: nothing in the renderer or anywhere else keeps it.
func TestForgetFreesTheLayer(t *testing.T) {
	r := New()
	s := corridorScene(t, "caspian", 1280, 720)
	l := gridLayer(30)
	lw := weak.Make(l)
	fw := weak.Make(l.Detailed[0])
	s.Layers = append(s.Layers, l.Shown(nil))
	img := image.NewRGBA(image.Rect(0, 0, 1280, 720))
	r.RenderInto(img, s)
	s.View = s.View.Pan(40, 20) // a scrolled pan draws strips of it
	r.RenderInto(img, s)
	r.RenderOnce(img, s)
	r.Layout(s)
	l.IndexForPicking()
	if _, _, ok := r.Pick(s, s.View.ToPixel(orb.Point{50.01, 42.02}), 6); !ok {
		t.Fatal("nothing to pick")
	}
	// Removed, as the window removes it: the next frame draws without it.
	s.Layers = slices.DeleteFunc(s.Layers, func(sl SceneLayer) bool { return sl.Layer == l })
	r.RenderInto(img, s)
	r.Forget(l)
	l = nil
	for range 3 {
		runtime.GC()
	}
	if lw.Value() != nil || fw.Value() != nil {
		t.Error("the removed layer is still reachable")
	}
	runtime.KeepAlive(r)
	runtime.KeepAlive(s)
}
