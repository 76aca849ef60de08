package window

import (
	"fmt"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// metresPerLogicalPixel is the size of a logical pixel on a screen at
// 96 dpi, the size Fyne's logical pixel is designed for: the basis of the
// "1:N" scale.
const metresPerLogicalPixel = 0.0254 / 96

// statusLine shows the lon/lat under the pointer and the map scale.
type statusLine struct {
	label   *widget.Label
	cursor  string
	scale   string
	measure string
}

func newStatusLine() *statusLine {
	s := &statusLine{label: widget.NewLabel("")}
	s.label.TextStyle = fyne.TextStyle{Monospace: true}
	s.label.Truncation = fyne.TextTruncateEllipsis
	return s
}

func (s *statusLine) object() fyne.CanvasObject { return s.label }

func (s *statusLine) setCursor(ll orb.Point, in bool) {
	if in {
		s.cursor = formatLonLat(ll)
	} else {
		s.cursor = ""
	}
	s.update()
}

func (s *statusLine) setView(v geo.Viewport) {
	s.scale = formatScale(v)
	s.update()
}

func (s *statusLine) setMeasure(text string) {
	s.measure = text
	s.update()
}

func (s *statusLine) update() {
	text := s.scale
	if s.cursor != "" {
		text = s.cursor + "   ·   " + text
	}
	if s.measure != "" {
		text = s.measure + "   ·   " + text
	}
	if s.label.Text != text {
		s.label.SetText(text)
	}
}

// formatLonLat writes a position the way atlases do: "41.7151° N  44.8271° E".
func formatLonLat(p orb.Point) string {
	ns, ew := "N", "E"
	if p[1] < 0 {
		ns = "S"
	}
	if p[0] < 0 {
		ew = "W"
	}
	return fmt.Sprintf("%7.4f° %s  %8.4f° %s", math.Abs(p[1]), ns, math.Abs(p[0]), ew)
}

// formatScale gives the scale at the map's centre two ways: as a
// representative fraction for a 96-dpi screen and as the ground length of
// 100 logical pixels, which holds on any screen.
func formatScale(v geo.Viewport) string {
	if !v.Valid() {
		return ""
	}
	mpp := v.GroundResolution() * v.Scale // metres per logical px
	return fmt.Sprintf("1:%s   ·   100 px = %s   ·   zoom %.2f", scaleDenominator(mpp/metresPerLogicalPixel), formatKm(geo.Km(mpp*100/1000)), v.Zoom)
}

// scaleDenominator shortens a scale number: 5 200 000 → "5.2M".
func scaleDenominator(d float64) string {
	switch {
	case d >= 1e6:
		return fmt.Sprintf("%.1fM", d/1e6)
	case d >= 1e4:
		return fmt.Sprintf("%.0fk", d/1e3)
	}
	return fmt.Sprintf("%.0f", d)
}

func formatKm(k geo.Km) string {
	if k < 1 {
		return fmt.Sprintf("%.0f m", float64(k)*1000)
	}
	if k < 10 {
		return fmt.Sprintf("%.1f km", float64(k))
	}
	return fmt.Sprintf("%.0f km", float64(k))
}
