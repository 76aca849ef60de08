package window

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Dialogs take Enter and Esc, as desktop dialogs do, and while one is
// open the window's own keys and menu shortcuts do nothing: F11 or Ctrl+D
// acting behind an error message would leave the message over a changed
// window, and the keys meant for the dialog would move the map.
//
// Fyne 2.7 gives keys to the focused widget, or to the canvas's handler
// when the dialog on top has nothing focused, and runs main-menu
// shortcuts whatever is on top. So every dialog the window shows is
// registered with what Enter and Esc do in it; the canvas handler (the
// map's key handler) sends those keys to the dialog on top and drops the
// rest, and menu actions check for an open dialog first.

// modal is a dialog on screen and what Enter and Esc do in it (nil: the
// key does nothing, as in a progress dialog that cannot be cancelled).
type modal struct {
	overlay    fyne.CanvasObject // its pop-up: the canvas's top overlay while it is in front
	enter, esc func()
}

// showModal shows d and registers its Enter and Esc actions until it
// closes.
func (a *Atlas) showModal(d dialog.Dialog, enter, esc func()) {
	d.Show()
	m := &modal{overlay: a.win.Canvas().Overlays().Top(), enter: enter, esc: esc}
	a.modals = append(a.modals, m)
	d.SetOnClosed(func() {
		a.modals = slices.DeleteFunc(a.modals, func(x *modal) bool { return x == m })
	})
}

// modalOpen reports whether a dialog or a pop-up covers the window.
func (a *Atlas) modalOpen() bool {
	c := a.win.Canvas()
	return c != nil && c.Overlays().Top() != nil
}

// modalKey handles a key that reached the canvas while a dialog or pop-up
// is open: Enter and Esc go to the dialog in front, and every other key
// is dropped. It reports whether the key was taken.
func (a *Atlas) modalKey(e *fyne.KeyEvent) bool {
	if !a.modalOpen() {
		return false
	}
	top := a.win.Canvas().Overlays().Top()
	i := slices.IndexFunc(a.modals, func(m *modal) bool { return m.overlay == top })
	if i < 0 {
		return true // a pop-up menu or list: it takes its own keys when focused
	}
	m := a.modals[i]
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if m.enter != nil {
			m.enter()
		}
	case fyne.KeyEscape:
		if m.esc != nil {
			m.esc()
		}
	}
	return true
}

// guard makes a menu action do nothing while a dialog is open (its
// shortcut would run behind the dialog).
func (a *Atlas) guard(f func()) func() {
	return func() {
		if !a.modalOpen() {
			f()
		}
	}
}

// formEntry is a text field in a dialog. A focused field receives every
// key, so Esc in it closes the dialog here, as Esc does elsewhere in the
// dialog, and Enter submits through OnSubmitted.
type formEntry struct {
	widget.Entry
	esc func()
}

func newFormEntry() *formEntry {
	e := &formEntry{}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip) // as widget.NewEntry
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey is part of fyne.Focusable.
func (e *formEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.esc != nil {
		e.esc()
		return
	}
	e.Entry.TypedKey(k)
}

// closeWith sets what Esc and Enter do in every field of a dialog.
func closeWith(esc, enter func(), fields ...*formEntry) {
	for _, f := range fields {
		f.esc = esc
		f.OnSubmitted = func(string) { enter() }
	}
}
