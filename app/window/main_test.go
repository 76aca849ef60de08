package window

// The tests run in a locale Fyne can parse, as the app does (see
// app/locale): under LANG=C.UTF-8 every registration of the window's
// language would log Fyne's "Error parsing user locale".
import _ "github.com/corridor-atlas/corridor-atlas/app/locale"
