package window

import (
	"image/color"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/corridor-atlas/corridor-atlas/app/project"
	"github.com/corridor-atlas/corridor-atlas/app/render"
)

func TestStyleEditChangesTheRenderedImage(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(a *Atlas, ed *styleEditor)
		check func(t *testing.T, st render.UserStyle, a *Atlas)
	}{
		{"colour", func(a *Atlas, ed *styleEditor) {
			a.setLayerColour(ed.layer, color.RGBA{0xE0, 0x10, 0x10, 0xFF}) // what the colour picker hands back
		}, func(t *testing.T, st render.UserStyle, _ *Atlas) {
			if st.Colour != (color.NRGBA{0xE0, 0x10, 0x10, 0xFF}) {
				t.Errorf("colour %v", st.Colour)
			}
		}},
		{"line width", func(a *Atlas, ed *styleEditor) { ed.width.SetValue(9) }, func(t *testing.T, st render.UserStyle, _ *Atlas) {
			if st.Width != 9 {
				t.Errorf("width %v", st.Width)
			}
		}},
		{"opacity", func(a *Atlas, ed *styleEditor) { ed.opacity.SetValue(0.25) }, func(t *testing.T, _ render.UserStyle, a *Atlas) {
			if a.opacity["route"] != 0.25 {
				t.Errorf("opacity %v", a.opacity["route"])
			}
		}},
		{"label field", func(a *Atlas, ed *styleEditor) { ed.label.SetSelected("operator") }, func(t *testing.T, st render.UserStyle, _ *Atlas) {
			if st.LabelField != "operator" {
				t.Errorf("label field %q", st.LabelField)
			}
		}},
		{"no labels", func(a *Atlas, ed *styleEditor) { ed.label.SetSelected(noLabels()) }, func(t *testing.T, st render.UserStyle, _ *Atlas) {
			if st.LabelField != "" {
				t.Errorf("label field %q", st.LabelField)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			a := newTestAtlas(t, 900, 600)
			a.openFiles([]string{writeFile(t, dir, "route.geojson", routeJSON)})
			a.goToView("aktau-baku")
			l := a.layerByID("route")
			if l == nil {
				t.Fatal("not loaded")
			}
			if got := propertyKeys(l); !slices.Equal(got, []string{"name", "operator"}) {
				t.Errorf("label choices %v", got)
			}
			a.dirty = false
			loaded := l.Style
			before := frameCopy(t, a)
			a.styleDialog(l)
			ed := a.styleEd
			if ed == nil || a.win.Canvas().Overlays().Top() == nil {
				t.Fatal("no style dialog")
			}
			tt.edit(a, ed)
			after := frameCopy(t, a) // the next frame, without closing the dialog
			if n := diffPixels(before, after); n < 20 {
				t.Errorf("the edit changed %d pixels", n)
			}
			tt.check(t, a.styleOf(l), a)
			// The layer stays as loaded; the scene drawn carries the style.
			if l.Style != loaded {
				t.Errorf("the layer changed: %+v, loaded %+v", l.Style, loaded)
			}
			drawn := false
			for _, sl := range a.scene(a.mapv.View()).Layers {
				if sl.Layer == l {
					drawn = sl.Style == a.styleOf(l)
				}
			}
			if !drawn {
				t.Errorf("the scene does not draw the layer in %+v", a.styleOf(l))
			}
			if !a.dirty {
				t.Error("a style edit left the project clean")
			}
			// Closing the dialog redraws the panel's swatch; the project
			// keeps the style.
			ed.d.Hide()
			if a.styleEd != nil {
				t.Error("the editor is still open")
			}
			path := filepath.Join(dir, "p.catlas")
			if err := a.saveProjectTo(path); err != nil {
				t.Fatal(err)
			}
			p, err := project.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(p.Layers, func(pl project.Layer) bool { return pl.ID == "route" })
			st := a.styleOf(l)
			if i < 0 || p.Layers[i].Style == nil || p.Layers[i].Style.Colour != hexColour(st.Colour) ||
				p.Layers[i].Style.Width != st.Width || p.Layers[i].Style.LabelField != st.LabelField || p.Layers[i].Opacity != a.opacity["route"] {
				t.Errorf("saved %+v, want style %+v", p.Layers[i], st)
			}
		})
	}
}

func TestStyleButtonOpensTheDialog(t *testing.T) {
	a := newTestAtlas(t, 900, 600)
	path := writeFile(t, t.TempDir(), "route.geojson", routeJSON)
	a.openFiles([]string{path})
	// The user row: swatch row, then the buttons (style, up, down, delete).
	row := a.panel.user.Objects[0]
	var found bool
	for _, b := range buttonsIn(row) {
		if b.Text == "Style…" {
			test.Tap(b)
			found = true
		}
	}
	if !found || a.styleEd == nil || a.styleEd.layer != a.layerByID("route") {
		t.Fatal("the Style… button did not open the layer's style dialog")
	}
}

// buttonsIn lists the buttons in a tree of containers.
func buttonsIn(o fyne.CanvasObject) []*widget.Button {
	switch o := o.(type) {
	case *widget.Button:
		return []*widget.Button{o}
	case *fyne.Container:
		var out []*widget.Button
		for _, c := range o.Objects {
			out = append(out, buttonsIn(c)...)
		}
		return out
	}
	return nil
}
