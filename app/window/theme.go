package window

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// themeChoice is the theme override of the View menu.
type themeChoice string

// The theme choices: follow the system, or force light or dark.
const (
	themeSystem themeChoice = "System"
	themeLight  themeChoice = "Light"
	themeDark   themeChoice = "Dark"
)

var themeChoices = []themeChoice{themeSystem, themeLight, themeDark}

// label is the choice in the window's language. The choice itself is
// what the preferences store.
func (c themeChoice) label() string {
	switch c {
	case themeLight:
		return tr("theme.light")
	case themeDark:
		return tr("theme.dark")
	}
	return tr("theme.system")
}

// variantTheme is Fyne's theme with the light/dark variant forced.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

// Color is part of fyne.Theme: the default colour of the forced variant.
func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// themeFor is the theme a choice stands for.
func themeFor(c themeChoice) fyne.Theme {
	switch c {
	case themeLight:
		return variantTheme{theme.DefaultTheme(), theme.VariantLight}
	case themeDark:
		return variantTheme{theme.DefaultTheme(), theme.VariantDark}
	}
	return theme.DefaultTheme()
}

// setTheme applies and remembers a theme choice.
func (a *Atlas) setTheme(c themeChoice) {
	a.themeChoice = c
	a.app.Settings().SetTheme(themeFor(c))
	for i, it := range a.themeItems {
		it.Checked = themeChoices[i] == c
	}
	if m := a.win.MainMenu(); m != nil {
		m.Refresh()
	}
}
