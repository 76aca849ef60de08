package window

import (
	"fmt"
	"math"
	"strings"

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

// speeds are the playback speeds offered, as the select shows them.
var speeds = []struct {
	label string
	k     float64
}{{"0.5×", 0.5}, {"1×", 1}, {"2×", 2}, {"4×", 4}}

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
	slider   *panelSlider
	label    *widget.Label
	speedSel *widget.Select
	loopChk  *panelCheck
	dashChk  *panelCheck
	box      fyne.CanvasObject
	syncing  bool
}

func newTimeline(a *Atlas) *timeline {
	// Moving dashes start off: a paused window should cost no CPU (they
	// redraw 20 times a second); playing animates the flows anyway.
	t := &timeline{a: a, speed: 1, loop: true}
	t.play = widget.NewButtonWithIcon("", theme.MediaPlayIcon(), func() {
		t.setPlaying(!t.playing)
		a.focusMap()
	})
	t.play.Importance = widget.HighImportance
	t.slider = newPanelSlider(float64(a.first), float64(a.last), a.focusMap)
	t.slider.Step = 0.01
	t.slider.OnChanged = func(v float64) {
		if !t.syncing {
			a.setYear(geo.Year(v))
		}
	}
	t.label = widget.NewLabel("")
	t.label.TextStyle = fyne.TextStyle{Monospace: true}
	labels := make([]string, len(speeds))
	for i, s := range speeds {
		labels[i] = s.label
	}
	t.speedSel = widget.NewSelect(labels, nil)
	t.speedSel.SetSelected("1×")
	t.speedSel.OnChanged = func(s string) {
		for _, sp := range speeds {
			if sp.label == s {
				t.speed = sp.k
			}
		}
		a.focusMap()
	}
	t.loopChk = newPanelCheck("Loop", func(on bool) { t.loop = on }, a.focusMap)
	t.loopChk.SetChecked(true)
	t.dashChk = newPanelCheck("Moving dashes", func(on bool) {
		t.dashes = on
		a.anim.update(a)
	}, a.focusMap)
	t.dashChk.SetChecked(false)
	right := container.NewHBox(t.label, t.speedSel, t.loopChk, t.dashChk)
	t.box = container.NewBorder(nil, nil, t.play, right, t.slider)
	return t
}

func (t *timeline) object() fyne.CanvasObject { return t.box }

// setRange changes the slider's years (flow data was added or a project
// opened).
func (t *timeline) setRange(first, last geo.Year) {
	t.slider.Min, t.slider.Max = float64(first), float64(last)
	t.slider.Refresh()
}

// setPlaying starts or pauses playback; at the end of an unlooped run,
// play starts again from the first year.
func (t *timeline) setPlaying(on bool) {
	if on && !t.loop && t.a.year >= t.a.last {
		t.a.year = t.a.first
	}
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
			kinds = append(kinds, k.String())
		}
	}
	text := fmt.Sprintf("%6.1f", float64(y))
	if len(kinds) == 0 {
		return text + " · no figures"
	}
	return text + " · " + strings.Join(kinds, " + ")
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

// setYear moves the timeline to a fractional year.
func (a *Atlas) setYear(y geo.Year) {
	y = geo.Year(math.Max(float64(a.first), math.Min(float64(a.last), float64(y))))
	if y == a.year {
		return
	}
	a.year = y
	a.timeline.sync()
	a.anim.update(a)
	a.redraw()
}

// stepYear moves to the previous or next whole year (presentation ←/→).
func (a *Atlas) stepYear(dir int) {
	y := math.Floor(float64(a.year))
	if dir > 0 {
		y++
	} else if float64(a.year) == y {
		y--
	}
	a.setYear(geo.Year(y))
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
		y := float64(a.year) + dt*yearsPerSecond*t.speed
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
		a.year = geo.Year(y)
		t.sync()
	}
	if t.playing || t.dashes {
		a.phase = math.Mod(a.phase+dt*export.DashCycles, 1)
	}
	a.redraw()
}
