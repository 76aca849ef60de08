package window

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// typeKey sends a key as the window does when nothing has focus (a dialog
// without a focused field, or no map focus).
func typeKey(a *Atlas, k fyne.KeyName) {
	a.win.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: k})
}

// menuAction finds a main-menu item by label and runs it, as its
// shortcut does.
func menuAction(t *testing.T, a *Atlas, label string) {
	t.Helper()
	for _, m := range a.mainMenu().Items {
		for _, it := range m.Items {
			if it.Label == label {
				it.Action()
				return
			}
		}
	}
	t.Fatalf("no menu item %q", label)
}

// The real window's layout is checked under X (TestRealWindow); Fyne's
// test canvas lays padding out correctly on its own, so this holds the
// window's side: nothing but the map while presenting, and the panels and
// padding back after Esc.
func TestPresentationIsEdgeToEdgeAndEscRestores(t *testing.T) {
	a := newTestAtlas(t, 900, 600)
	c := a.win.Canvas()
	// The test canvas reports positions less a pretend inset.
	inset, _ := c.InteractiveArea()
	abs := func(o fyne.CanvasObject) fyne.Position {
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Add(inset)
	}
	before := a.mapv.Size()
	typeKey(a, fyne.KeyF11)
	if p := abs(a.mapv); p != (fyne.Position{}) || a.mapv.Size() != c.Size() {
		t.Errorf("presenting: map at %v, %v, on a %v canvas", p, a.mapv.Size(), c.Size())
	}
	typeKey(a, fyne.KeyEscape)
	pad := theme.Padding()
	if p := abs(a.root); p != fyne.NewPos(pad, pad) {
		t.Errorf("after Esc the content is at %v, want the padding %v", p, pad)
	}
	if a.mapv.Size() != before {
		t.Errorf("after Esc the map is %v, was %v", a.mapv.Size(), before)
	}
}

func TestBlankScreen(t *testing.T) {
	a := newTestAtlas(t, 900, 600)
	typeKey(a, fyne.KeyB)
	if a.blank {
		t.Fatal("B blanked the window outside presentation")
	}
	typeKey(a, fyne.KeyF11)
	year, view := a.year, a.viewIndex
	typeKey(a, fyne.KeyB)
	if !a.blank || !a.stage.curtain.Visible() {
		t.Fatal("B did not blank the screen")
	}
	black := func() bool {
		img := a.win.Canvas().Capture()
		b := img.Bounds()
		for _, p := range [][2]int{{b.Dx() / 2, b.Dy() / 2}, {5, 5}, {b.Dx() - 5, b.Dy() - 5}} {
			if r, g, bl, _ := img.At(p[0], p[1]).RGBA(); r|g|bl != 0 {
				return false
			}
		}
		return true
	}
	if !black() {
		t.Error("the blank screen is not black")
	}
	// Behind the curtain nothing moves: the keys a clicker or a stray
	// hand sends wait until the screen is back.
	for _, k := range []fyne.KeyName{fyne.KeyRight, fyne.KeyPageDown, fyne.KeySpace, fyne.KeyL} {
		typeKey(a, k)
	}
	if a.year != year || a.viewIndex != view || a.timeline.playing || a.presentPlain || !a.presenting {
		t.Errorf("keys acted behind the blank screen: year %v, view %d, playing %v, plain %v, presenting %v",
			a.year, a.viewIndex, a.timeline.playing, a.presentPlain, a.presenting)
	}
	typeKey(a, fyne.KeyB)
	if a.blank || a.stage.curtain.Visible() || black() {
		t.Error("B again did not bring the map back")
	}
	typeKey(a, fyne.KeyB)
	typeKey(a, fyne.KeyEscape)
	if a.blank || !a.presenting {
		t.Errorf("Esc on the blank screen: blank %v, presenting %v (want the map back, still presenting)", a.blank, a.presenting)
	}
	typeKey(a, fyne.KeyB)
	test.Tap(a.stage.curtain)
	if a.blank {
		t.Error("a click on the blank screen did not bring the map back")
	}
}

func TestSlideCounter(t *testing.T) {
	a := newTestAtlas(t, 900, 600)
	for _, v := range []string{"corridor", "aktau-baku", "btc"} {
		a.goToView(v)
		if err := a.addScene(v, ""); err != nil {
			t.Fatal(err)
		}
	}
	a.sceneIndex = -1
	counter := func() string {
		if !a.stage.counter.Visible() {
			return ""
		}
		return a.stage.counter.Text
	}
	if got := counter(); got != "" {
		t.Errorf("counter %q outside presentation", got)
	}
	typeKey(a, fyne.KeyF11)
	steps := []struct {
		key  fyne.KeyName
		want string
	}{
		{"", "– / 3"},
		{fyne.KeyPageDown, "1 / 3"},
		{fyne.KeyPageDown, "2 / 3"},
		{fyne.KeyPageDown, "3 / 3"},
		{fyne.KeyPageDown, "3 / 3"},
		{fyne.KeyPageUp, "2 / 3"},
	}
	for _, st := range steps {
		if st.key != "" {
			typeKey(a, st.key)
			fly(t, a, 1.0/30)
		}
		if got := counter(); got != st.want {
			t.Errorf("after %q the counter reads %q, want %q", st.key, got, st.want)
		}
	}
	// Top right, clear of the title (top left) and inside the window.
	pos, size := a.stage.plate.Position(), a.stage.plate.Size()
	if cs := a.win.Canvas().Size(); pos.X+size.Width > cs.Width || pos.X < cs.Width/2 || pos.Y < 0 || pos.Y > 40 {
		t.Errorf("counter plate at %v %v on a %v canvas", pos, size, cs)
	}
	typeKey(a, fyne.KeyEscape)
	if got := counter(); got != "" {
		t.Errorf("counter %q after leaving presentation", got)
	}
}

func TestTitleAndLegendToggle(t *testing.T) {
	a := newTestAtlas(t, 900, 600)
	s := a.scene(a.mapv.View())
	if s.Title != "" || s.Legend {
		t.Fatalf("the window's map starts with title %q, legend %v", s.Title, s.Legend)
	}
	plain := frameCopy(t, a)
	menuAction(t, a, "Title and Legend")
	a.exportSet.title = "Briefing map"
	s = a.scene(a.mapv.View())
	if s.Title != "Briefing map" || !s.Legend {
		t.Errorf("View → Title and Legend: title %q, legend %v (want the export's)", s.Title, s.Legend)
	}
	a.redraw()
	if d := diffPixels(plain, frameCopy(t, a)); d < 5000 {
		t.Errorf("the title and legend changed only %d pixels", d)
	}
	menuAction(t, a, "Title and Legend")
	typeKey(a, fyne.KeyF11)
	if s := a.scene(a.mapv.View()); !s.Legend || s.Title == "" {
		t.Errorf("presentation: title %q, legend %v", s.Title, s.Legend)
	}
	typeKey(a, fyne.KeyL)
	if s := a.scene(a.mapv.View()); s.Legend || s.Title != "" {
		t.Errorf("L while presenting: title %q, legend %v", s.Title, s.Legend)
	}
	typeKey(a, fyne.KeyL)
	if s := a.scene(a.mapv.View()); !s.Legend {
		t.Error("L again did not bring the legend back")
	}
}

// A dialog takes Enter and Esc, and the window's keys and menu shortcuts
// do nothing behind it (the issue: F11 and Ctrl+D acted behind an error).
func TestKeysBehindADialog(t *testing.T) {
	a := newTestAtlas(t, 900, 600)
	top := func() fyne.CanvasObject { return a.win.Canvas().Overlays().Top() }

	a.showError(errors.New("routes.geojson: line 3:14: not a number"))
	typeKey(a, fyne.KeyF11)
	typeKey(a, fyne.KeyPageDown)
	a.win.Canvas().(interface{ OnTypedRune() func(rune) }).OnTypedRune()('+')
	menuAction(t, a, "Add Scene…")
	menuAction(t, a, "Presentation")
	if a.presenting || a.viewIndex != 0 || a.scenePrompt != nil || top() == nil {
		t.Fatalf("behind the error: presenting %v, view %d, scene prompt %v, dialog shown %v",
			a.presenting, a.viewIndex, a.scenePrompt != nil, top() != nil)
	}
	typeKey(a, fyne.KeyEscape)
	if top() != nil {
		t.Fatal("Esc did not close the error")
	}
	if a.presenting {
		t.Fatal("Esc closed the error and acted on the window too")
	}
	a.showInfo("Export finished", "x.png")
	typeKey(a, fyne.KeyReturn)
	if top() != nil {
		t.Fatal("Enter did not close the message")
	}

	t.Run("scene form: Enter adds, Esc cancels", func(t *testing.T) {
		menuAction(t, a, "Add Scene…")
		if top() == nil {
			t.Fatal("no scene dialog")
		}
		typeKey(a, fyne.KeyReturn) // as if the dialog had no field focused
		if len(a.scenes) != 1 || top() != nil {
			t.Fatalf("Enter: %d scenes, dialog open %v", len(a.scenes), top() != nil)
		}
		menuAction(t, a, "Add Scene…")
		name := a.win.Canvas().Focused().(*formEntry)
		name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) // Esc in the focused name field
		if len(a.scenes) != 1 || top() != nil {
			t.Fatalf("Esc: %d scenes, dialog open %v", len(a.scenes), top() != nil)
		}
	})
	t.Run("delete: Enter confirms, Esc keeps", func(t *testing.T) {
		a.deleteScenePrompt(0)
		typeKey(a, fyne.KeyEscape)
		if len(a.scenes) != 1 || top() != nil {
			t.Fatalf("Esc: %d scenes, dialog open %v", len(a.scenes), top() != nil)
		}
		a.deleteScenePrompt(0)
		typeKey(a, fyne.KeyEnter)
		if len(a.scenes) != 0 || top() != nil {
			t.Fatalf("Enter: %d scenes, dialog open %v", len(a.scenes), top() != nil)
		}
	})
	t.Run("unsaved changes: Esc is Cancel", func(t *testing.T) {
		a.setDirty()
		quit := false
		a.exit = func() { quit = true }
		menuAction(t, a, "Quit")
		if a.prompt == nil {
			t.Fatal("no question about unsaved changes")
		}
		typeKey(a, fyne.KeyEscape)
		if quit || a.prompt != nil || top() != nil {
			t.Errorf("Esc: quit %v, prompt %v, dialog open %v", quit, a.prompt != nil, top() != nil)
		}
	})
	t.Run("export form: Esc in a field cancels", func(t *testing.T) {
		menuAction(t, a, "Export…")
		if a.exportUI == nil || top() == nil {
			t.Fatal("no export dialog")
		}
		a.exportUI.width.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if top() != nil || a.exporting != 0 {
			t.Errorf("Esc in the width field: dialog open %v, exporting %d", top() != nil, a.exporting)
		}
	})
	if len(a.modals) != 0 {
		t.Errorf("%d dialogs still registered after all closed", len(a.modals))
	}
	if !strings.Contains(a.lastError, "routes.geojson") {
		t.Errorf("last error %q", a.lastError)
	}
}
