package window

import (
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// Preference keys. They are stored by Fyne per app ID, so renaming one
// forgets the user's setting: keep them.
const (
	prefLon          = "view.lon"
	prefLat          = "view.lat"
	prefZoom         = "view.zoom"
	prefHiddenLayers = "layers.hidden"
	// prefShownLayers lists the layers that are off by default (the
	// context blocs) which the user turned on.
	prefShownLayers = "layers.shown"
	prefHiddenFlows = "flows.hidden"
	prefYear        = "timeline.year"
	prefDashes      = "timeline.dashes"
	prefLoop        = "timeline.loop"
	prefSpeed       = "timeline.speed"
	prefTheme       = "theme"
	prefMapKey      = "map.titleLegend"
	prefWidth       = "window.width"
	prefHeight      = "window.height"
	prefHandout     = "handout.paper"
)

// defaultWindowSize fits a 1366×768 laptop screen with room for the
// task bar.
var defaultWindowSize = fyne.NewSize(1280, 720)

// loadPrefs restores the last session: view, visible layers, year, theme,
// the handout's paper and window size. Values out of range are ignored, so a damaged
// preferences file can only cost the user their last view.
func (a *Atlas) loadPrefs() {
	p := a.app.Preferences()
	lon, lat, zoom := p.Float(prefLon), p.Float(prefLat), p.Float(prefZoom)
	if zoom >= geo.MinZoom && zoom <= geo.MaxZoom && math.Abs(lon) <= 180 && math.Abs(lat) <= geo.MaxLat {
		a.mapv.SetCenterZoom(orb.Point{lon, lat}, zoom)
	}
	for _, id := range p.StringList(prefHiddenLayers) {
		if l := a.layerByID(id); l != nil && l.Group != render.UserGroup {
			a.hidden[id] = true
		}
	}
	for _, id := range p.StringList(prefShownLayers) {
		if l := a.layerByID(id); l != nil && l.Off {
			delete(a.hidden, id)
		}
	}
	for _, id := range p.StringList(prefHiddenFlows) {
		a.hiddenFlows[id] = true
	}
	a.panel.syncChecks()
	if y := geo.Year(p.FloatWithFallback(prefYear, math.NaN())); y >= a.first && y <= a.last {
		a.year = a.clampYear(y)
	}
	t := a.timeline
	t.dashChk.SetChecked(p.BoolWithFallback(prefDashes, false))
	t.loopChk.SetChecked(p.BoolWithFallback(prefLoop, true))
	if i := slices.Index(speeds, p.FloatWithFallback(prefSpeed, 1)); i >= 0 {
		t.speedSel.SetSelectedIndex(i)
	}
	t.sync()
	a.setMapKey(p.BoolWithFallback(prefMapKey, false))
	c := themeChoice(p.StringWithFallback(prefTheme, string(themeSystem)))
	switch c {
	case themeLight, themeDark:
		a.setTheme(c)
	default:
		a.themeChoice = themeSystem
	}
	for i, h := range handoutPapers {
		if h.key == p.String(prefHandout) {
			a.handoutPaper = i
		}
	}
	size := defaultWindowSize
	if w, h := p.Float(prefWidth), p.Float(prefHeight); w >= 400 && h >= 300 && w <= 16384 && h <= 16384 {
		size = fyne.NewSize(float32(w), float32(h))
	}
	a.win.Resize(size)
	a.anim.update(a)
	a.redraw()
}

// savePrefs writes the session for next time.
func (a *Atlas) savePrefs() {
	p := a.app.Preferences()
	v := a.mapv.View()
	if v.Valid() {
		p.SetFloat(prefLon, v.Center[0])
		p.SetFloat(prefLat, v.Center[1])
		p.SetFloat(prefZoom, v.Zoom)
	}
	var hidden, shown []string
	for _, l := range a.layers {
		switch {
		case l.Off && !a.hidden[l.ID]:
			shown = append(shown, l.ID)
		case !l.Off && a.hidden[l.ID] && l.Group != render.UserGroup:
			hidden = append(hidden, l.ID)
		}
	}
	p.SetStringList(prefHiddenLayers, hidden)
	p.SetStringList(prefShownLayers, shown)
	var hiddenFlows []string
	for _, fp := range a.flows {
		if a.hiddenFlows[fp.Flow.ID] {
			hiddenFlows = append(hiddenFlows, fp.Flow.ID)
		}
	}
	p.SetStringList(prefHiddenFlows, hiddenFlows)
	p.SetFloat(prefYear, float64(a.year))
	p.SetBool(prefDashes, a.timeline.dashes)
	p.SetBool(prefLoop, a.timeline.loop)
	p.SetFloat(prefSpeed, a.timeline.speed)
	p.SetString(prefTheme, string(a.themeChoice))
	p.SetBool(prefMapKey, a.mapKey)
	p.SetString(prefHandout, handoutPapers[a.handoutPaper].key)
	if !a.presenting {
		if s := a.win.Canvas().Size(); s.Width > 0 && s.Height > 0 {
			p.SetFloat(prefWidth, float64(s.Width))
			p.SetFloat(prefHeight, float64(s.Height))
		}
	}
}
