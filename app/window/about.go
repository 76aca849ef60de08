package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data"
)

// aboutText is Help → About: the corridor data's date, the credit line and
// the border policy in the window's language, then the same text as
// `corridor-atlas --licenses`: the data sources and licences and the font
// licence as they were published.
func aboutText() string {
	return tr("about.data", map[string]any{"Date": uiLang.Date(data.CorridorVersion)}) + "\n\n" +
		tr("about.attribution") + ": " + data.AttributionIn(uiLang) + "\n\n" +
		tr("about.borders") + ": " + data.BorderPolicyIn(uiLang) + "\n\n" +
		tr("about.licences") + "\n\n" + data.SourcesText(render.FontLicense())
}

func (a *Atlas) aboutDialog() {
	text := widget.NewLabel(aboutText())
	text.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(640, 420))
	d := dialog.NewCustom(tr("about.title"), tr("dialog.close"), scroll, a.win)
	a.showModal(d, d.Hide, d.Hide)
}

// errorDialog shows an error with its full text: the loaders' errors name
// the file, line and fault, and all of it matters.
func errorDialog(err error, win fyne.Window) *dialog.CustomDialog {
	text := widget.NewLabel(err.Error())
	text.Wrapping = fyne.TextWrapWord
	box := container.NewVScroll(text)
	box.SetMinSize(fyne.NewSize(480, 90))
	return dialog.NewCustom(tr("dialog.error"), tr("dialog.ok"), box, win)
}
