package window

import (
	"fmt"
	"math"
	"strconv"

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

// formatLonLat writes a position the way atlases do, in the window's
// language: "41.7151° N  44.8271° E", "41,7151° N  44,8271° O",
// "41,7151° с. ш.  44,8271° в. д.".
func formatLonLat(p orb.Point) string {
	ns, ew := tr("status.north"), tr("status.east")
	if p[1] < 0 {
		ns = tr("status.south")
	}
	if p[0] < 0 {
		ew = tr("status.west")
	}
	return fmt.Sprintf("%7s° %s  %8s° %s", uiLang.Decimal(math.Abs(p[1]), 4), ns, uiLang.Decimal(math.Abs(p[0]), 4), ew)
}

// formatScale gives the scale at the map's centre two ways: as a
// representative fraction for a 96-dpi screen and as the ground length of
// 100 logical pixels, which holds on any screen.
func formatScale(v geo.Viewport) string {
	if !v.Valid() {
		return ""
	}
	mpp := v.GroundResolution() * v.Scale // metres per logical px
	return tr("status.scale", map[string]any{"Scale": scaleDenominator(mpp / metresPerLogicalPixel),
		"Length": formatKm(geo.Km(mpp * 100 / 1000)), "Zoom": uiLang.Decimal(v.Zoom, 2)})
}

// scaleDenominator shortens a scale number: 5 200 000 → "5.2M" ("5,2 Mio."
// in German, "5,2 млн" in Russian).
func scaleDenominator(d float64) string {
	switch {
	case d >= 1e6:
		return tr("status.millions", map[string]any{"N": uiLang.Decimal(d/1e6, 1)})
	case d >= 1e4:
		return tr("status.thousands", map[string]any{"N": uiLang.Number(math.Round(d/1e3), 0)})
	}
	return strconv.Itoa(int(math.Round(d)))
}

func formatKm(k geo.Km) string {
	switch {
	case k < 1:
		return uiLang.Number(math.Round(float64(k)*1000), 0) + " " + uiLang.Unit("m")
	case k < 10:
		return uiLang.Decimal(float64(k), 1) + " " + uiLang.Unit("km")
	}
	return uiLang.Number(math.Round(float64(k)), 0) + " " + uiLang.Unit("km")
}
