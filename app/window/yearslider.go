package window

import (
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// yearSlider is the timeline's slider. Dragged or clicked, it stops at
// the data years, the years with published figures, so a quick drag
// lands on 2023 and not on 2022.99 (where the crude, whose figures start
// in 2023, is not drawn). With Shift held it moves finely, a hundredth
// of a year at a time. Reached with Tab, ←/→ step through the data years.
type yearSlider struct {
	widget.Slider
	t *timeline
}

func newYearSlider(t *timeline) *yearSlider {
	s := &yearSlider{t: t}
	s.Min, s.Max, s.Step, s.Value = float64(t.a.first), float64(t.a.last), yearStep, float64(t.a.year)
	s.Orientation = widget.Horizontal
	s.OnChanged = s.changed
	s.ExtendBaseWidget(s)
	return s
}

func (s *yearSlider) changed(v float64) {
	if s.t.syncing {
		return
	}
	y := geo.Year(v)
	if !s.t.fine() {
		y = s.t.a.nearestDataYear(y)
	}
	s.t.a.setYear(y)
	s.t.sync() // the thumb onto the year, also when it snapped back to the same one
}

// Tapped moves the slider, then gives the keyboard back to the map.
func (s *yearSlider) Tapped(e *fyne.PointEvent) {
	s.Slider.Tapped(e)
	s.t.a.focusMap()
}

// TypedKey steps through the data years with ←/→.
func (s *yearSlider) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyLeft:
		s.t.a.stepYear(-1)
	case fyne.KeyRight:
		s.t.a.stepYear(1)
	default:
		s.Slider.TypedKey(e)
	}
}

// trackInset is how far from its ends the slider puts its first and last
// values: Fyne's Slider.endOffset (v2.7), which is not exported.
func trackInset(th fyne.Theme) float32 {
	return (th.Size(theme.SizeNameInlineIcon)-4)/2 + th.Size(theme.SizeNameInnerPadding) - 1.5
}

// yearTicks is the scale under the timeline's slider: a short tick at
// every whole year and, at each data year, a longer one with the year
// written under it (as many as fit).
type yearTicks struct {
	widget.BaseWidget
	slider      *yearSlider
	first, last geo.Year
	data        []geo.Year
}

func newYearTicks(s *yearSlider) *yearTicks {
	t := &yearTicks{slider: s}
	t.ExtendBaseWidget(t)
	return t
}

// set changes the span and the data years, redrawing only on a change.
func (t *yearTicks) set(first, last geo.Year, data []geo.Year) {
	if first == t.first && last == t.last && slices.Equal(data, t.data) {
		return
	}
	t.first, t.last, t.data = first, last, data
	t.Refresh()
}

// CreateRenderer is part of fyne.Widget.
func (t *yearTicks) CreateRenderer() fyne.WidgetRenderer {
	return &ticksRenderer{t: t}
}

type ticksRenderer struct {
	t       *yearTicks
	objects []fyne.CanvasObject
	size    fyne.Size
}

const (
	tickShort = 3
	tickLong  = 6
)

func (r *ticksRenderer) textSize() float32 {
	return r.t.Theme().Size(theme.SizeNameCaptionText)
}

func (r *ticksRenderer) MinSize() fyne.Size {
	return fyne.NewSize(0, tickLong+2+r.textSize()*1.3)
}

func (r *ticksRenderer) Layout(size fyne.Size) {
	r.size = size
	r.build()
}

func (r *ticksRenderer) Refresh() { r.build() }

func (r *ticksRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *ticksRenderer) Destroy() {}

// x is where the slider puts year y, in the ticks' coordinates (the
// slider above has the same x and width).
func (r *ticksRenderer) x(y float64) float32 {
	pad := trackInset(r.t.Theme())
	return pad + float32((y-float64(r.t.first))/float64(r.t.last-r.t.first))*(r.size.Width-2*pad)
}

// build places the ticks and years for the current size.
func (r *ticksRenderer) build() {
	t := r.t
	r.objects = r.objects[:0]
	th := t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	if t.last <= t.first || r.size.Width <= 2*trackInset(th) {
		return
	}
	x := r.x
	col := th.Color(theme.ColorNamePlaceHolder, v)
	tick := func(y float64, long bool) {
		h := float32(tickShort)
		if long {
			h = tickLong
		}
		l := canvas.NewLine(col)
		l.StrokeWidth = 1
		l.Position1 = fyne.NewPos(x(y), 0)
		l.Position2 = fyne.NewPos(x(y), h)
		r.objects = append(r.objects, l)
	}
	for y := math.Ceil(float64(t.first)); y <= float64(t.last); y++ {
		if !slices.Contains(t.data, geo.Year(y)) {
			tick(y, false)
		}
	}
	right := float32(math.Inf(-1)) // the end of the last year written
	for _, y := range t.data {
		tick(float64(y), true)
		txt := canvas.NewText(uiLang.Year(float64(y)), col)
		txt.TextSize = r.textSize()
		ts := txt.MinSize()
		left := x(float64(y)) - ts.Width/2
		left = max(0, min(r.size.Width-ts.Width, left))
		if left < right+ts.Height/2 {
			continue // no room: the neighbour's year is written
		}
		txt.Move(fyne.NewPos(left, tickLong+1))
		txt.Resize(ts)
		r.objects = append(r.objects, txt)
		right = left + ts.Width
	}
}
