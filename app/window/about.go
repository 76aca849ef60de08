package window

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data"
)

// aboutText is Help → About: the same text as `corridor-atlas --licenses`
// (version, credit line, data sources and licences, font licence).
func aboutText() string {
	return fmt.Sprintf("Corridor data of %s\n\n%s", data.CorridorVersion, data.LicensesText(Version, render.FontLicense()))
}

// Version is the app version, set from FyneApp.toml by main.
var Version = "dev"

func (a *Atlas) aboutDialog() {
	text := widget.NewLabel(aboutText())
	text.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(640, 420))
	d := dialog.NewCustom("About Corridor Atlas", "Close", scroll, a.win)
	a.showModal(d, d.Hide, d.Hide)
}

// errorDialog shows an error with its full text: the loaders' errors name
// the file, line and fault, and all of it matters.
func errorDialog(err error, win fyne.Window) *dialog.CustomDialog {
	text := widget.NewLabel(err.Error())
	text.Wrapping = fyne.TextWrapWord
	box := container.NewVScroll(text)
	box.SetMinSize(fyne.NewSize(480, 90))
	return dialog.NewCustom("Error", "OK", box, win)
}
