package window

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// stage is what lies over the window while presenting: the slide counter
// in the top right corner and the curtain that blanks the screen (B).
type stage struct {
	curtain *curtain
	counter *canvas.Text
	plate   *canvas.Rectangle // the counter's background
	box     *fyne.Container
}

// curtain is the black screen. It takes the pointer too, so a click on
// the blank screen does not select what lies under it: a click lifts it.
type curtain struct {
	widget.BaseWidget
	lift func()
}

func newCurtain() *curtain {
	c := &curtain{}
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer is part of fyne.Widget.
func (c *curtain) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Black))
}

// Tapped is part of fyne.Tappable.
func (c *curtain) Tapped(*fyne.PointEvent) {
	if c.lift != nil {
		c.lift()
	}
}

// Scrolled is part of fyne.Scrollable: the map behind stays still.
func (c *curtain) Scrolled(*fyne.ScrollEvent) {}

// Dragged is part of fyne.Draggable: the map behind stays still.
func (c *curtain) Dragged(*fyne.DragEvent) {}

// DragEnd is part of fyne.Draggable.
func (c *curtain) DragEnd() {}

func newStage() *stage {
	s := &stage{curtain: newCurtain()}
	s.counter = canvas.NewText("", color.NRGBA{0x22, 0x22, 0x22, 0xFF})
	s.counter.TextSize = 15
	s.counter.TextStyle = fyne.TextStyle{Bold: true}
	s.plate = canvas.NewRectangle(color.NRGBA{0xFF, 0xFF, 0xFF, 0xE6})
	s.plate.StrokeColor = color.NRGBA{0x22, 0x22, 0x22, 0x40}
	s.plate.StrokeWidth = 1
	s.plate.CornerRadius = 4
	s.box = container.New(s, s.plate, s.counter, s.curtain)
	s.curtain.Hide()
	s.setCounter("")
	return s
}

// Layout is part of fyne.Layout: the curtain covers everything, the
// counter sits 16 px from the top right corner, as the map's own panels
// keep 16 px from the edges.
func (s *stage) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	s.curtain.Resize(size)
	ts := s.counter.MinSize()
	const m, padX, padY = 16, 10, 5
	s.plate.Resize(fyne.NewSize(ts.Width+2*padX, ts.Height+2*padY))
	s.plate.Move(fyne.NewPos(size.Width-m-ts.Width-2*padX, m))
	s.counter.Resize(ts)
	s.counter.Move(fyne.NewPos(size.Width-m-ts.Width-padX, m+padY))
}

// MinSize is part of fyne.Layout.
func (s *stage) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }

// setCounter shows text in the corner, or nothing for "".
func (s *stage) setCounter(text string) {
	s.counter.Text = text
	if text == "" {
		s.counter.Hide()
		s.plate.Hide()
	} else {
		s.counter.Show()
		s.plate.Show()
	}
	s.box.Refresh()
}

// setPresenting enters or leaves presentation mode: full screen, every
// panel and the menu hidden, larger labels, and the picture's own title,
// year and legend (the scene draws them; L turns them off and on), so the
// map is all the room sees.
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
		a.setBlank(false)
	}
	a.syncInfo()
	a.win.SetPadded(!on) // edge to edge on the projector
	a.win.SetFullScreen(on)
	a.fitContent()
	a.root.Refresh()
	a.syncCounter()
	a.redraw()
	a.focusMap()
}

// fitContent lays the content out over the whole canvas again. Fyne 2.7.1
// moves the content when the padding or the main menu changes but
// resizes it only when the window's size changes: entering presentation
// in a window already the size of the screen left the menu bar's height
// as a dark strip at the bottom, and leaving it lost the padding.
func (a *Atlas) fitContent() {
	c := a.win.Canvas()
	if r, ok := c.(interface{ Resize(fyne.Size) }); ok {
		r.Resize(c.Size())
	}
}

// setBlank blanks the screen or brings the map back (B while presenting,
// as in presentation software).
func (a *Atlas) setBlank(on bool) {
	if a.blank == on {
		return
	}
	a.blank = on
	if on {
		a.stage.curtain.Show()
	} else {
		a.stage.curtain.Hide()
	}
	a.stage.box.Refresh()
}

// syncCounter shows the slide counter while presenting a project's
// scenes: "2 / 5", or "– / 5" before the first.
func (a *Atlas) syncCounter() {
	if !a.presenting || len(a.scenes) == 0 {
		a.stage.setCounter("")
		return
	}
	n := "–"
	if a.sceneIndex >= 0 {
		n = fmt.Sprint(a.sceneIndex + 1)
	}
	a.stage.setCounter(fmt.Sprintf("%s / %d", n, len(a.scenes)))
}

// decorated reports whether the map carries the picture's title and
// legend: always while presenting unless L took them away, in the window
// when View → Title and Legend is on.
func (a *Atlas) decorated() bool {
	if a.presenting {
		return !a.presentPlain
	}
	return a.mapKey
}

// setMapKey shows or hides the title and legend on the window's map.
func (a *Atlas) setMapKey(on bool) {
	a.mapKey = on
	if a.keyItem != nil {
		a.keyItem.Checked = on
		if m := a.win.MainMenu(); m != nil {
			m.Refresh()
		}
	}
	a.redraw()
}

// mapTitle is the title the map carries: the current scene's caption,
// else the export's title.
func (a *Atlas) mapTitle() string {
	if c := a.sceneCaption(); c != "" {
		return c
	}
	return a.exportSet.title
}

// decorate adds the export's title, year line and legend to a scene.
func (a *Atlas) decorate(s *render.Scene) {
	s.Title = a.mapTitle()
	s.Legend = true
}

// key handles the window's keys, which reach the focused map (or the
// canvas when nothing has focus): F11 and Esc for presentation mode (Esc
// also ends measuring and clears the selection), Space to play or pause,
// PageUp/PageDown for the scenes (or, without scenes, the named views)
// and, while presenting, ←/→ for the data years, B to blank the screen
// and L for the title and legend. It reports whether it used the key; the
// map handles the rest (arrows pan).
func (a *Atlas) key(e *fyne.KeyEvent) bool {
	if a.blank {
		// A blank screen waits for B or Esc (or a clicker's "." key);
		// nothing else may change the picture behind it.
		switch e.Name {
		case fyne.KeyB, fyne.KeyPeriod, fyne.KeyEscape:
			a.setBlank(false)
		}
		return true
	}
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
		case fyne.KeyB, fyne.KeyPeriod:
			a.setBlank(true)
			return true
		case fyne.KeyL:
			a.presentPlain = !a.presentPlain
			a.redraw()
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
	a.mapv.FitBound(geo.Views[a.viewIndex].Bound, a.projectionFor(geo.Views[a.viewIndex].Bound))
}
