package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// The panel controls hand the keyboard back to the map after a click.
//
// Fyne gives focus to a check box or slider when it is clicked, and a
// focused widget receives every unmodified key: the arrows would move the
// last-touched opacity slider instead of the map. After a pointer click
// these controls return focus to the map; reached with Tab they keep it,
// so the panel stays usable from the keyboard.

// panelCheck is a check box that returns focus to the map when clicked.
type panelCheck struct {
	widget.Check
	after func()
}

func newPanelCheck(label string, changed func(bool), after func()) *panelCheck {
	c := &panelCheck{after: after}
	c.Text = label
	c.OnChanged = changed
	c.ExtendBaseWidget(c)
	return c
}

// Tapped toggles the box, then gives the keyboard back to the map.
func (c *panelCheck) Tapped(e *fyne.PointEvent) {
	c.Check.Tapped(e)
	if c.after != nil {
		c.after()
	}
}

// panelSlider is a slider that returns focus to the map when clicked.
type panelSlider struct {
	widget.Slider
	after func()
}

func newPanelSlider(min, max float64, after func()) *panelSlider {
	s := &panelSlider{after: after}
	s.Min, s.Max, s.Step, s.Value = min, max, (max-min)/100, min
	s.Orientation = widget.Horizontal
	s.ExtendBaseWidget(s)
	return s
}

// Tapped moves the slider, then gives the keyboard back to the map.
func (s *panelSlider) Tapped(e *fyne.PointEvent) {
	s.Slider.Tapped(e)
	if s.after != nil {
		s.after()
	}
}

// focusMap gives the keyboard to the map.
func (a *Atlas) focusMap() {
	if c := a.win.Canvas(); c != nil && c.Focused() != a.mapv {
		c.Focus(a.mapv)
	}
}
