package window

import (
	"fyne.io/fyne/v2"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// setPresenting enters or leaves presentation mode: full screen, every
// panel and the menu hidden, larger labels, and the picture's own title,
// year and legend (the scene draws them), so the map is all the room sees.
func (a *Atlas) setPresenting(on bool) {
	if a.presenting == on {
		return
	}
	a.presenting = on
	for _, o := range []fyne.CanvasObject{a.toolbar, a.bottom} {
		if on {
			o.Hide()
		} else {
			o.Show()
		}
	}
	if on {
		a.sideWasVisible = a.side.Visible()
		a.side.Hide()
		a.win.SetMainMenu(nil)
	} else {
		if a.sideWasVisible {
			a.side.Show()
		}
		a.win.SetMainMenu(a.mainMenu())
	}
	a.syncInfo()
	a.win.SetPadded(!on) // edge to edge on the projector
	a.win.SetFullScreen(on)
	a.root.Refresh()
	a.redraw()
	a.focusMap()
}

// key handles the window's keys, which reach the focused map (or the
// canvas when nothing has focus): F11 and Esc for presentation mode (Esc
// also ends measuring and clears the selection),
// Space to play or pause, PageUp/PageDown for the scenes (or, without
// scenes, the named views) and, while presenting, ←/→ for the year. The
// scene's caption heads the map while presenting. It reports whether it
// used the key;
// the map handles the rest (arrows pan).
func (a *Atlas) key(e *fyne.KeyEvent) bool {
	switch e.Name {
	case fyne.KeyF11:
		a.setPresenting(!a.presenting)
		return true
	case fyne.KeySpace:
		a.timeline.setPlaying(!a.timeline.playing)
		return true
	case fyne.KeyEscape:
		if a.measure.on {
			a.measure.toggle()
		} else if a.presenting {
			a.setPresenting(false)
		} else {
			a.clearSelection()
		}
		return true
	case fyne.KeyPageUp, fyne.KeyPageDown:
		dir := 1
		if e.Name == fyne.KeyPageUp {
			dir = -1
		}
		// A project's scenes when it has some (the briefing), else the
		// named views.
		if len(a.scenes) > 0 {
			a.stepScene(dir)
		} else {
			a.stepView(dir)
		}
		return true
	}
	if a.presenting {
		switch e.Name {
		case fyne.KeyLeft:
			a.stepYear(-1)
			return true
		case fyne.KeyRight:
			a.stepYear(1)
			return true
		}
	}
	return false
}

// stepView frames the previous or next named view, in the order the
// View menu lists them.
func (a *Atlas) stepView(dir int) {
	a.cancelFlight()
	n := len(geo.Views)
	a.viewIndex = ((a.viewIndex+dir)%n + n) % n
	a.mapv.FitBound(geo.Views[a.viewIndex].Bound)
}
