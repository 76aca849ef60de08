package window

import (
	"image"
	"image/color"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// Side-panel geometry, logical pixels.
const (
	panelWidth  = 330
	swatchW     = 34
	swatchH     = 16
	opacityW    = 84
	swatchScale = 2 // swatches are drawn at 2× so they stay sharp on HiDPI
)

// sidePanel is the collapsible panel left of the map: the named views as
// buttons, the project's scenes, and the layers in their groups
// (Corridor, Flows, Basemap, Your data), each with a legend swatch, a
// visibility box and an opacity slider; user layers can also be styled,
// moved and removed.
type sidePanel struct {
	a      *Atlas
	box    *fyne.Container
	user   *fyne.Container
	scenes *fyne.Container
	scroll *container.Scroll
	checks map[string]*panelCheck // layer id (flows: "flow:" + id)
	search *searchBox

	sceneButtons []*widget.Button // the scenes' jump buttons, in order
	// flowFiles holds each flow data file's remove button.
	flowFiles map[string]*widget.Button
}

func newSidePanel(a *Atlas) *sidePanel {
	p := &sidePanel{a: a, checks: map[string]*panelCheck{}}
	p.search = newSearchBox(a)
	p.box = container.NewVBox()
	p.user = container.NewVBox()
	p.scenes = container.NewVBox()
	// A strut keeps the panel wide enough for the layer rows.
	strut := canvas.NewRectangle(color.Transparent)
	strut.SetMinSize(fyne.NewSize(panelWidth, 0))
	p.scroll = container.NewVScroll(container.NewStack(strut, p.box))
	p.fill()
	return p
}

// fill builds the panel's content from the window's layers, flows and
// scenes: at the start, and again when a project or flow data replaced
// them.
func (p *sidePanel) fill() {
	a := p.a
	p.checks = map[string]*panelCheck{}
	p.flowFiles = map[string]*widget.Button{}
	p.box.RemoveAll()
	views := container.NewGridWithColumns(2)
	for _, v := range geo.Views {
		name := v.Name
		views.Add(widget.NewButton(uiLang.T("view."+name), func() {
			a.goToView(name)
			a.focusMap()
		}))
	}
	box := p.box
	box.Add(p.search.object())
	box.Add(heading(tr("panel.views")))
	box.Add(views)
	box.Add(heading(tr("panel.scenes")))
	box.Add(p.scenes)
	box.Add(heading(groupTitle(data.Corridor)))
	for _, l := range a.layers {
		if l.Group == data.Corridor {
			box.Add(p.layerRow(l))
		}
	}
	box.Add(heading(tr("panel.flows")))
	for _, fp := range a.flows {
		box.Add(p.flowRow(fp))
	}
	for _, path := range a.flowData {
		box.Add(p.flowFileRow(path))
	}
	box.Add(widget.NewButtonWithIcon(tr("panel.open_flows"), theme.FolderOpenIcon(), func() { a.openFlowsDialog() }))
	for _, g := range []data.Group{data.Context, data.Basemap} {
		box.Add(heading(groupTitle(g)))
		for _, l := range a.layers {
			if l.Group == g {
				box.Add(p.layerRow(l))
			}
		}
	}
	box.Add(heading(groupTitle(render.UserGroup)))
	box.Add(p.user)
	open := widget.NewButtonWithIcon(tr("panel.open_data"), theme.FolderOpenIcon(), func() { a.openDialog() })
	box.Add(open)
	p.rebuild()
	p.rebuildScenes()
	box.Refresh()
}

func (p *sidePanel) object() fyne.CanvasObject { return p.scroll }

func heading(text string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return l
}

// swatchImage shows a swatch the renderer drew.
func swatchImage(img image.Image) *canvas.Image {
	c := canvas.NewImageFromImage(img)
	c.FillMode = canvas.ImageFillContain
	c.SetMinSize(fyne.NewSize(swatchW, swatchH))
	return c
}

// layerRow is a layer's swatch, visibility box and opacity slider.
func (p *sidePanel) layerRow(l *render.Layer) fyne.CanvasObject {
	a := p.a
	id := l.ID
	sw := swatchImage(render.Swatch(a.shown(l), swatchW*swatchScale, swatchH*swatchScale, swatchScale))
	chk := newPanelCheck(shorten(p.title(l), 34), func(on bool) { a.setLayerVisible(id, on) }, a.focusMap)
	chk.Checked = !a.hidden[id]
	p.checks[id] = chk
	op := newPanelSlider(0, 1, a.focusMap)
	op.Value = a.opacity[id]
	op.OnChanged = func(v float64) { a.setOpacity(id, v) }
	return container.NewBorder(nil, nil, container.NewCenter(sw), sized(op, opacityW), chk)
}

// title is a layer's title, with its id when another layer has the same
// title (the same file loaded twice).
func (p *sidePanel) title(l *render.Layer) string {
	for _, o := range p.a.layers {
		if o != l && o.Title == l.Title {
			return layerTitle(l) + " (" + l.ID + ")"
		}
	}
	return layerTitle(l)
}

// groupTitle is a layer group's heading in the window's language.
func groupTitle(g data.Group) string {
	switch g {
	case data.Corridor:
		return tr("group.corridor")
	case data.Context:
		return tr("group.context")
	case data.Basemap:
		return tr("group.basemap")
	case render.UserGroup:
		return tr("group.user")
	}
	return string(g)
}

// flowRow is a flow's swatch and visibility box.
func (p *sidePanel) flowRow(fp *render.FlowPath) fyne.CanvasObject {
	a := p.a
	id := fp.Flow.ID
	sw := swatchImage(render.FlowSwatch(fp, swatchW*swatchScale, swatchH*swatchScale, swatchScale))
	chk := newPanelCheck(shorten(fp.Flow.TitleIn(uiLang), 40), func(on bool) { a.setFlowVisible(id, on) }, a.focusMap)
	chk.Checked = !a.hiddenFlows[id]
	p.checks["flow:"+id] = chk
	return container.NewBorder(nil, nil, container.NewCenter(sw), nil, chk)
}

// flowFileRow names a flow data file that added flows, with a button to
// take them out again.
func (p *sidePanel) flowFileRow(path string) fyne.CanvasObject {
	a := p.a
	name := widget.NewLabel(shorten(tr("panel.flows_from", map[string]any{"File": filepath.Base(path)}), 40))
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { a.removeFlowData(path); a.focusMap() })
	del.Importance = widget.LowImportance
	p.flowFiles[path] = del
	return container.NewBorder(nil, nil, nil, del, name)
}

// userRow is a layer row with buttons to edit its style, to move the
// layer up or down the drawing order and to remove it.
func (p *sidePanel) userRow(l *render.Layer) fyne.CanvasObject {
	a := p.a
	// The buttons name the layer by its id: Fyne keeps a removed row's
	// widgets for a while, and a layer they held could not be freed.
	id := l.ID
	with := func(f func(l *render.Layer)) func() {
		return func() {
			if l := a.layerByID(id); l != nil {
				f(l)
			}
		}
	}
	style := widget.NewButtonWithIcon(tr("panel.style"), theme.ColorPaletteIcon(), with(a.styleDialog))
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), with(func(l *render.Layer) { a.moveLayer(l, +1); a.focusMap() }))
	down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), with(func(l *render.Layer) { a.moveLayer(l, -1); a.focusMap() }))
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), with(func(l *render.Layer) { a.removeLayer(l); a.focusMap() }))
	style.Importance, up.Importance, down.Importance, del.Importance = widget.LowImportance, widget.LowImportance, widget.LowImportance, widget.LowImportance
	return container.NewVBox(p.layerRow(l), container.NewHBox(layout.NewSpacer(), style, up, down, del))
}

// rebuild refreshes the "Your data" group after a layer was added,
// moved or removed.
func (p *sidePanel) rebuild() {
	p.user.RemoveAll()
	for id := range p.checks {
		if strings.HasPrefix(id, "flow:") {
			continue
		}
		if l := p.a.layerByID(id); l == nil || l.Group == render.UserGroup {
			delete(p.checks, id) // user rows are made again below
		}
	}
	users := p.a.userLayers()
	if len(users) == 0 {
		hint := widget.NewLabel(tr("panel.user_hint"))
		hint.Wrapping = fyne.TextWrapWord
		p.user.Add(hint)
	}
	for _, l := range users {
		p.user.Add(p.userRow(l))
	}
	p.user.Refresh()
}

// syncChecks shows the layers' visibility (after preferences are read).
func (p *sidePanel) syncChecks() {
	for id, c := range p.checks {
		on := !p.a.hidden[id]
		if f, ok := strings.CutPrefix(id, "flow:"); ok {
			on = !p.a.hiddenFlows[f]
		}
		if c.Checked != on {
			c.Checked = on
			c.Refresh()
		}
	}
}

// sized gives an object a fixed width.
func sized(o fyne.CanvasObject, w float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
