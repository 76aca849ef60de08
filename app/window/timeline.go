package window

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/corridor-atlas/corridor-atlas/app/export"
	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// yearsPerSecond is the playback rate at 1×: the 2021–2025 figures play
// in 8 s, slow enough to read the value labels, quick enough for a slide.
// The direction dashes move export.DashCycles periods a second, the rate
// animated exports use, so the screen and an exported GIF move alike.
const yearsPerSecond = 0.5

// speeds are the playback speeds offered.
var speeds = []float64{0.5, 1, 2, 4}

// speedLabels are the speeds as the select shows them: "0.5×", "0,5×".
func speedLabels() []string {
	out := make([]string, len(speeds))
	for i, k := range speeds {
		out[i] = uiLang.Number(k, 1) + "×"
	}
	return out
}

// timeline is the bar under the map: play/pause, the year slider over the
// flow data's span, the year and what kind of figures it shows, speed,
// loop and the direction-dash toggle.
type timeline struct {
	a       *Atlas
	playing bool
	speed   float64
	loop    bool
	dashes  bool

	play     *widget.Button
	slider   *yearSlider
	ticks    *yearTicks
	label    *widget.Label
	speedSel *widget.Select
	loopChk  *panelCheck
	dashChk  *panelCheck
	box      fyne.CanvasObject
	syncing  bool
	// pos is the playback position: the year advances by fractions of a
	// step per frame and is shown rounded to yearStep.
	pos float64
	// fine reports whether the user is moving the slider finely (Shift
	// held): then it stops at every yearStep instead of the data years.
	fine func() bool
}

func newTimeline(a *Atlas) *timeline {
	// Moving dashes start off: a paused window should cost no CPU (they
	// redraw 20 times a second); playing animates the flows anyway.
	t := &timeline{a: a, speed: 1, loop: true, fine: shiftHeld}
	t.play = widget.NewButtonWithIcon("", theme.MediaPlayIcon(), func() {
		t.setPlaying(!t.playing)
		a.focusMap()
	})
	t.play.Importance = widget.HighImportance
	t.slider = newYearSlider(t)
	t.ticks = newYearTicks(t.slider)
	t.label = widget.NewLabel("")
	t.label.TextStyle = fyne.TextStyle{Monospace: true}
	t.speedSel = widget.NewSelect(speedLabels(), nil)
	t.speedSel.SetSelectedIndex(slices.Index(speeds, 1))
	t.speedSel.OnChanged = func(string) {
		if i := t.speedSel.SelectedIndex(); i >= 0 {
			t.speed = speeds[i]
		}
		a.focusMap()
	}
	t.loopChk = newPanelCheck(tr("timeline.loop"), func(on bool) { t.loop = on }, a.focusMap)
	t.loopChk.SetChecked(true)
	t.dashChk = newPanelCheck(tr("timeline.dashes"), func(on bool) {
		t.dashes = on
		a.anim.update(a)
	}, a.focusMap)
	t.dashChk.SetChecked(false)
	right := container.NewHBox(t.label, t.speedSel, t.loopChk, t.dashChk)
	// The year scale under the slider makes the row taller: the button
	// and the controls keep their own height, centred.
	t.box = container.NewBorder(nil, nil, container.NewCenter(t.play), container.NewCenter(right),
		container.NewVBox(t.slider, t.ticks))
	t.setRange(a.first, a.last)
	return t
}

func (t *timeline) object() fyne.CanvasObject { return t.box }

// setRange changes the slider's years (flow data was added or a project
// opened).
func (t *timeline) setRange(first, last geo.Year) {
	t.slider.Min, t.slider.Max = float64(first), float64(last)
	t.slider.Refresh()
	t.ticks.set(first, last, t.a.dataYears())
}

// setPlaying starts or pauses playback; at the end of an unlooped run,
// play starts again from the first year.
func (t *timeline) setPlaying(on bool) {
	if on && !t.loop && t.a.year >= t.a.last {
		t.a.year = t.a.first
	}
	t.pos = float64(t.a.year)
	t.playing = on
	if on {
		t.play.SetIcon(theme.MediaPauseIcon())
	} else {
		t.play.SetIcon(theme.MediaPlayIcon())
	}
	t.a.anim.update(t.a)
	t.sync()
	t.a.redraw()
}

// sync shows the current year on the slider and the label.
func (t *timeline) sync() {
	t.syncing = true
	t.slider.SetValue(float64(t.a.year))
	t.syncing = false
	t.label.SetText(yearText(t.a.year, t.a.visibleFlows()))
	t.ticks.set(t.a.first, t.a.last, t.a.dataYears())
}

// yearText is the timeline's year label: the year and the kinds of the
// figures the drawn flows show at it, "2024 · actual + plan", so nobody
// reads a plan as an outcome.
func yearText(y geo.Year, flows []*render.FlowPath) string {
	seen := map[data.FigureKind]bool{}
	for _, fp := range flows {
		if _, k, ok := fp.Flow.At(y); ok {
			seen[k] = true
		}
	}
	var kinds []string
	for _, k := range []data.FigureKind{data.Actual, data.Estimate, data.Plan, data.Forecast} {
		if seen[k] {
			kinds = append(kinds, k.In(uiLang))
		}
	}
	text := fmt.Sprintf("%-7s · ", uiLang.Year(float64(y)))
	if len(kinds) == 0 {
		text += tr("timeline.no_figures")
	} else {
		text += strings.Join(kinds, " + ")
	}
	// Monospaced and padded to the longest text, so neither the year nor
	// the slider beside it moves as the year runs through 2022.99, 2023
	// and 2023.01 and the kinds change.
	return fmt.Sprintf("%-*s", yearTextWidth(), text)
}

// yearTextWidth is the longest year label in the window's language, in
// characters.
func yearTextWidth() int {
	w := utf8.RuneCountInString(tr("timeline.no_figures"))
	all := 0
	for _, k := range []data.FigureKind{data.Actual, data.Plan, data.Forecast} {
		all += utf8.RuneCountInString(k.In(uiLang)) + 3
	}
	return utf8.RuneCountInString("2024.99 · ") + max(w, all-3)
}

// visibleFlows are the flows the scene draws.
func (a *Atlas) visibleFlows() []*render.FlowPath {
	var out []*render.FlowPath
	for _, fp := range a.flows {
		if !a.hiddenFlows[fp.Flow.ID] {
			out = append(out, fp)
		}
	}
	return out
}

// yearStep is the finest year the timeline shows: a hundredth of a year
// (three or four days). Every year the window draws is a multiple of it,
// so the label, the picture's subtitle and a scene saved from the view
// all name exactly the year drawn: 2022.99 is never shown as "2023".
const yearStep = 1.0 / stepsPerYear

const stepsPerYear = 100

// exactYear rounds y to the timeline's step. (Dividing by the steps per
// year gives the double nearest the decimal, so 2021.83 is stored and
// saved as 2021.83, not 2021.8300000000002.)
func exactYear(y geo.Year) geo.Year {
	return geo.Year(math.Round(float64(y)*stepsPerYear) / stepsPerYear)
}

// clampYear is y on the timeline: inside its span, on its step.
func (a *Atlas) clampYear(y geo.Year) geo.Year {
	return exactYear(geo.Year(math.Max(float64(a.first), math.Min(float64(a.last), float64(y)))))
}

// setYear moves the timeline to a year, rounded to yearStep.
func (a *Atlas) setYear(y geo.Year) {
	y = a.clampYear(y)
	a.timeline.pos = float64(y)
	if y == a.year {
		return
	}
	a.year = y
	a.timeline.sync()
	a.anim.update(a)
	a.redraw()
}

// dataYears are the years the visible flows have figures for, sorted:
// the slider's stops and the steps of ←/→ while presenting. Without
// visible flows, every flow's years; without flows, the whole years of
// the timeline's span.
func (a *Atlas) dataYears() []geo.Year {
	flows := a.visibleFlows()
	if len(flows) == 0 {
		flows = a.flows
	}
	var years []geo.Year
	for _, fp := range flows {
		for _, v := range fp.Flow.Values {
			years = append(years, exactYear(v.Year))
		}
	}
	if len(years) == 0 {
		for y := math.Ceil(float64(a.first)); y <= float64(a.last); y++ {
			years = append(years, geo.Year(y))
		}
	}
	slices.Sort(years)
	return slices.Compact(years)
}

// nearestDataYear is the data year closest to y (y itself if there is
// none).
func (a *Atlas) nearestDataYear(y geo.Year) geo.Year {
	best, d := y, math.Inf(1)
	for _, dy := range a.dataYears() {
		if dd := math.Abs(float64(dy - y)); dd < d {
			best, d = dy, dd
		}
	}
	return best
}

// stepYear moves to the previous or next data year (presentation ←/→,
// the focused slider's arrow keys).
func (a *Atlas) stepYear(dir int) {
	years := a.dataYears()
	if dir > 0 {
		for _, y := range years {
			if y > a.year {
				a.setYear(y)
				return
			}
		}
		return
	}
	for i := len(years) - 1; i >= 0; i-- {
		if years[i] < a.year {
			a.setYear(years[i])
			return
		}
	}
}

// tick advances the animation by dt seconds: a fly-to, the year while
// playing, the dash phase while playing or while moving dashes are on. The
// animator calls it with the time elapsed; tests call it with their own
// clock.
func (a *Atlas) tick(dt float64) {
	if a.flight != nil {
		a.stepFlight(dt)
	}
	t := a.timeline
	if t.playing {
		y := t.pos + dt*yearsPerSecond*t.speed
		if y > float64(a.last) {
			if t.loop {
				y = float64(a.first) + math.Mod(y-float64(a.last), math.Max(1e-9, float64(a.last-a.first)))
			} else {
				y = float64(a.last)
				t.playing = false
				t.play.SetIcon(theme.MediaPlayIcon())
				defer a.anim.update(a)
			}
		}
		t.pos = y
		a.year = exactYear(geo.Year(y))
		t.sync()
	}
	if t.playing || t.dashes {
		a.phase = math.Mod(a.phase+dt*export.DashCycles, 1)
	}
	a.redraw()
}
