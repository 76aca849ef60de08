package window

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/corridor-atlas/corridor-atlas/app/export"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
)

// prefLanguage is the window's language in the preferences: a code of
// i18n.All, or "" to follow the system.
const prefLanguage = "language"

// languageChoice is what the preferences say: "" follows the system.
func languageFor(choice string) i18n.Lang {
	if l := i18n.Lang(choice); l.Valid() {
		return l
	}
	return systemLanguage()
}

// setLanguage switches the window to the language choice stands for ("" for
// the system's) while it is open: nothing open is closed or lost. The
// layers, flows, scenes, selection, view, year, playback and a measurement
// stay as they are; the menus, panels, status line, info panel and the map
// are laid out again in the new language.
func (a *Atlas) setLanguage(choice string) error {
	l := languageFor(choice)
	a.langChoice = choice
	a.app.Preferences().SetString(prefLanguage, choice)
	if l == uiLang {
		return nil
	}
	old := uiLang
	if err := useLanguage(l); err != nil {
		return err
	}
	if a.exportSet.title == export.DefaultTitleIn(old) {
		a.exportSet.title = export.DefaultTitleIn(l)
	}
	a.relabel()
	return nil
}

// relabel writes every text of the window again in its language, in
// place: widgets that hold state (the search field, the timeline, the
// measure tool, the map) keep it.
func (a *Atlas) relabel() {
	if !a.presenting {
		a.win.SetMainMenu(a.mainMenu())
	}
	a.panel.relabel()
	a.timeline.relabel()
	a.measure.button.SetText(tr("measure.button"))
	a.status.setView(a.mapv.View())
	a.measure.layout()
	switch {
	case a.sel.flow != nil:
		a.info.showFlow(a.sel.flow)
	case a.sel.feature != nil:
		a.info.showFeature(a.sel.layer, a.sel.feature, a.flowsAlong(a.sel.layer, a.sel.feature))
	}
	a.updateTitle()
	a.syncCounter()
	// The panels' widths follow their texts: lay the window out again.
	a.root.Refresh()
	a.fitContent()
	a.redraw()
}

// relabel fills the panel again and keeps the search as typed.
func (p *sidePanel) relabel() {
	offset := p.scroll.Offset
	p.search.entry.SetPlaceHolder(tr("search.placeholder"))
	p.fill()
	p.search.update(p.search.entry.Text)
	p.scroll.Offset = offset
	p.scroll.Refresh()
}

// relabel writes the timeline's texts again.
func (t *timeline) relabel() {
	t.loopChk.Text = tr("timeline.loop")
	t.loopChk.Refresh()
	t.dashChk.Text = tr("timeline.dashes")
	t.dashChk.Refresh()
	t.speedSel.Options = speedLabels()
	t.speedSel.SetSelectedIndex(slices.IndexFunc(speeds, func(s float64) bool { return s == t.speed }))
	t.sync()
}

// prefsDialog is File → Preferences: the window's language and theme, each
// applied as it is chosen.
func (a *Atlas) prefsDialog() {
	choices := append([]string{""}, codes()...)
	labels := make([]string, len(choices))
	for i, c := range choices {
		if c == "" {
			labels[i] = tr("prefs.language.system", map[string]any{"Lang": systemLanguage().Name()})
		} else {
			labels[i] = i18n.Lang(c).Name()
		}
	}
	var d dialog.Dialog
	langSel := widget.NewSelect(labels, nil)
	langSel.SetSelectedIndex(max(0, slices.Index(choices, a.langChoice)))
	langSel.OnChanged = func(string) {
		choice := choices[max(0, langSel.SelectedIndex())]
		if choice == a.langChoice {
			return
		}
		if err := a.setLanguage(choice); err != nil {
			a.showError(err)
			return
		}
		// The dialog itself, in the new language, where it was.
		d.Hide()
		a.prefsDialog()
	}
	themeLabels := make([]string, len(themeChoices))
	for i, c := range themeChoices {
		themeLabels[i] = c.label()
	}
	themeSel := widget.NewSelect(themeLabels, func(string) {})
	themeSel.SetSelectedIndex(max(0, slices.Index(themeChoices, a.themeChoice)))
	themeSel.OnChanged = func(string) { a.setTheme(themeChoices[max(0, themeSel.SelectedIndex())]) }
	note := widget.NewLabel(tr("prefs.language.note"))
	note.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(tr("prefs.language"), langSel),
		widget.NewFormItem("", note),
		widget.NewFormItem(tr("prefs.theme"), themeSel),
	)
	cd := dialog.NewCustom(tr("prefs.title"), tr("dialog.close"), container.NewPadded(form), a.win)
	cd.Resize(fyne.NewSize(480, 0))
	d = cd
	a.prefs = &prefsForm{d: cd, title: tr("prefs.title"), language: langSel, theme: themeSel}
	cd.SetOnClosed(func() {
		if a.prefs != nil && a.prefs.d == cd {
			a.prefs = nil
		}
	})
	a.showModal(cd, cd.Hide, cd.Hide)
}

// prefsForm is the open Preferences dialog, for tests.
type prefsForm struct {
	d               *dialog.CustomDialog
	title           string
	language, theme *widget.Select
}

// codes are the languages' codes, in menu order.
func codes() []string {
	out := make([]string, len(i18n.All))
	for i, l := range i18n.All {
		out[i] = string(l)
	}
	return out
}
