package window

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/corridor-atlas/corridor-atlas/app/render"
)

// Limits of the style dialog's line width, logical pixels: a hairline to
// a marker pen (the project format allows up to 50, for hand edits).
const (
	minStyleWidth = 0.5
	maxStyleWidth = 12
)

// noLabels is the label-field choice for no labels, in the window's
// language.
func noLabels() string { return tr("style.no_labels") }

// maxKeyScan bounds how many features are read for their property keys:
// enough to see every key of a consistent file, quick on a big one.
const maxKeyScan = 5000

// styleEditor is the open style dialog of a user layer, kept for tests.
type styleEditor struct {
	layer   *render.Layer
	d       dialog.Dialog
	colour  *canvas.Rectangle
	pick    *widget.Button
	width   *widget.Slider
	opacity *widget.Slider
	label   *widget.Select
}

// propertyKeys lists the property names of a layer's features, sorted.
func propertyKeys(l *render.Layer) []string { return l.PropertyKeys(maxKeyScan) }

// setStyle changes a user layer's look; the map redraws at once.
func (a *Atlas) setStyle(l *render.Layer, st render.UserStyle) {
	if a.styleOf(l) == st {
		return
	}
	a.style[l] = st
	a.setDirty()
	a.redraw()
}

// styleDialog edits a user layer's colour (Fyne's colour picker), line
// width, opacity and label field. Every change shows on the map at once;
// the panel's swatch follows when the dialog closes.
func (a *Atlas) styleDialog(l *render.Layer) {
	st := a.styleOf(l)
	ed := &styleEditor{layer: l}
	ed.colour = canvas.NewRectangle(st.Colour)
	ed.colour.SetMinSize(fyne.NewSize(48, 24))
	ed.colour.CornerRadius = 4
	ed.pick = widget.NewButtonWithIcon(tr("style.choose"), theme.ColorPaletteIcon(), func() {
		p := dialog.NewColorPicker(tr("style.colour_of", map[string]any{"Layer": l.Title}), tr("style.colour_hint"), func(c color.Color) {
			a.setLayerColour(l, c)
		}, a.win)
		p.Advanced = true
		p.SetColor(a.styleOf(l).Colour)
		a.showModal(p, nil, p.Hide)
	})
	widthText := widget.NewLabel("")
	ed.width = widget.NewSlider(minStyleWidth, maxStyleWidth)
	ed.width.Step = 0.5
	ed.width.Value = max(minStyleWidth, min(maxStyleWidth, st.Width))
	widthText.SetText(fmt.Sprintf("%.1f px", ed.width.Value))
	ed.width.OnChanged = func(v float64) {
		widthText.SetText(fmt.Sprintf("%.1f px", v))
		s := a.styleOf(l)
		s.Width = v
		a.setStyle(l, s)
	}
	opText := widget.NewLabel("")
	ed.opacity = widget.NewSlider(0, 1)
	ed.opacity.Step = 0.05
	ed.opacity.Value = a.opacity[l.ID]
	opText.SetText(fmt.Sprintf("%.0f %%", 100*ed.opacity.Value))
	ed.opacity.OnChanged = func(v float64) {
		opText.SetText(fmt.Sprintf("%.0f %%", 100*v))
		a.setOpacity(l.ID, v)
	}
	keys := propertyKeys(l)
	ed.label = widget.NewSelect(append([]string{noLabels()}, keys...), nil)
	if st.LabelField == "" {
		ed.label.SetSelected(noLabels())
	} else {
		ed.label.SetSelected(st.LabelField)
	}
	ed.label.OnChanged = func(k string) {
		if k == noLabels() {
			k = ""
		}
		s := a.styleOf(l)
		s.LabelField = k
		a.setStyle(l, s)
	}
	note := widget.NewLabel(tr("style.note"))
	note.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(tr("style.colour"), container.NewHBox(ed.colour, ed.pick)),
		widget.NewFormItem(tr("style.width"), container.NewBorder(nil, nil, nil, sized(widthText, 70), ed.width)),
		widget.NewFormItem(tr("style.opacity"), container.NewBorder(nil, nil, nil, sized(opText, 70), ed.opacity)),
		widget.NewFormItem(tr("style.labels_from"), ed.label),
		widget.NewFormItem("", note),
	)
	d := dialog.NewCustom(tr("style.title", map[string]any{"Layer": shorten(l.Title, 40)}), tr("dialog.close"), form, a.win)
	d.SetOnClosed(func() {
		if a.styleEd == ed {
			a.styleEd = nil
		}
		a.panel.rebuild() // the swatch and the opacity slider
		a.focusMap()
	})
	d.Resize(fyne.NewSize(480, 0))
	ed.d = d
	a.styleEd = ed
	a.showModal(d, d.Hide, d.Hide)
}

// setLayerColour is the colour picker's choice.
func (a *Atlas) setLayerColour(l *render.Layer, c color.Color) {
	if c == nil {
		return
	}
	s := a.styleOf(l)
	s.Colour = color.NRGBAModel.Convert(c).(color.NRGBA)
	s.Colour.A = 0xFF // opacity is the layer's, not the colour's
	a.setStyle(l, s)
	if ed := a.styleEd; ed != nil && ed.layer == l {
		ed.colour.FillColor = s.Colour
		ed.colour.Refresh()
	}
	a.panel.rebuild()
}
