package window

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// measureStep is the longest straight piece of a drawn measuring line:
// the line follows the great circle the distance is measured on, so a
// long leg bends on the Mercator map as it should.
const measureStep geo.Km = 25

var measureColour = color.NRGBA{0xC0, 0x10, 0x60, 0xFF}

// measureTool measures a polyline clicked on the map, point by point, as
// the geodesic (s2) length geo.Length gives. The line is drawn with Fyne
// objects over the map picture, so adding a point redraws no map.
type measureTool struct {
	a      *Atlas
	on     bool
	pts    []orb.Point // lon/lat
	layer  *fyne.Container
	button *widget.Button
}

func newMeasureTool(a *Atlas) *measureTool {
	m := &measureTool{a: a, layer: a.mapv.overlay}
	m.button = widget.NewButton(tr("measure.button"), m.toggle)
	m.button.Importance = widget.LowImportance
	return m
}

// toggle starts or ends measuring; ending clears the line.
func (m *measureTool) toggle() {
	m.on = !m.on
	m.pts = nil
	if m.on {
		m.button.Importance = widget.HighImportance
	} else {
		m.button.Importance = widget.LowImportance
	}
	m.button.Refresh()
	m.layout()
	m.a.focusMap()
}

// add appends a clicked point.
func (m *measureTool) add(ll orb.Point) {
	m.pts = append(m.pts, ll)
	m.layout()
}

// length is the geodesic length of the line so far.
func (m *measureTool) length() geo.Km { return geo.Length(orb.LineString(m.pts)) }

// text is the status line's report.
func (m *measureTool) text() string {
	if !m.on {
		return ""
	}
	if len(m.pts) == 0 {
		return tr("measure.start")
	}
	return tn("measure.points", len(m.pts), map[string]any{"Length": uiLang.Km(float64(m.length()))})
}

// layout draws the line for the current viewport.
func (m *measureTool) layout() {
	if !m.on && len(m.layer.Objects) == 0 {
		return // the common case: nothing to draw, no status to change
	}
	m.layer.RemoveAll()
	v := m.a.mapv.View()
	if m.on && v.Valid() {
		s := float32(v.Scale)
		at := func(ll orb.Point) fyne.Position {
			p := v.ToPixel(ll)
			return fyne.NewPos(float32(p[0])/s, float32(p[1])/s)
		}
		for i := 1; i < len(m.pts); i++ {
			gc := geo.GreatCircle(m.pts[i-1], m.pts[i], measureStep)
			for j := 1; j < len(gc); j++ {
				l := canvas.NewLine(measureColour)
				l.StrokeWidth = 2.5
				l.Position1, l.Position2 = at(gc[j-1]), at(gc[j])
				m.layer.Add(l)
			}
		}
		for _, p := range m.pts {
			c := canvas.NewCircle(color.White)
			c.StrokeColor, c.StrokeWidth = measureColour, 2
			pos := at(p)
			c.Move(pos.SubtractXY(4, 4))
			c.Resize(fyne.NewSize(8, 8))
			m.layer.Add(c)
		}
	}
	m.layer.Refresh()
	m.a.status.setMeasure(m.text())
}
