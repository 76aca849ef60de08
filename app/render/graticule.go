package render

import (
	"image/color"
	"math"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/data/i18n"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// The graticule is the map's lines of longitude and latitude, a round
// number of degrees apart, labelled where they leave the map's frame. In
// the conic the meridians converge and the parallels curve, which the
// graticule shows as no scale bar can.

var (
	colGraticule     = color.NRGBA{0x4A, 0x6A, 0x88, 0x70}
	colGraticuleText = rgb(0x3E, 0x5A, 0x74)
)

const graticuleSize, graticuleFloor = 10.5, 8.0

// graticuleSteps are the spacings a graticule may use, in degrees.
var graticuleSteps = []float64{0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 15, 20, 30}

// gridLine is a meridian (lon set) or parallel in world pixels.
type gridLine struct {
	meridian bool
	deg      float64
	pts      []orb.Point
}

// graticule is the scene's lines, densified so the conic's parallels
// curve, in world pixels.
func graticule(v geo.Viewport) []gridLine {
	b := v.Bound()
	// The picture's width in degrees of latitude, from its scale.
	span := float64(max(v.Width, v.Height)) * v.GroundResolution() / 111320
	step := graticuleSteps[len(graticuleSteps)-1]
	for _, s := range graticuleSteps {
		if span/s <= 9 {
			step = s
			break
		}
	}
	latLo, latHi := max(-80, math.Floor(b.Min[1]/step)*step), min(80, math.Ceil(b.Max[1]/step)*step)
	lonLo, lonHi := math.Floor(b.Min[0]/step)*step, math.Ceil(b.Max[0]/step)*step
	p := v.Proj()
	var out []gridLine
	const n = 64 // points along a line
	// A line is cut where it crosses the map's cut.
	add := func(meridian bool, deg float64, at func(t float64) (lon, lat float64)) {
		var pts []orb.Point
		prev := math.NaN()
		for k := 0; k <= n; k++ {
			lon, lat := at(float64(k) / n)
			d := p.Relative(lon)
			if !math.IsNaN(prev) && math.Abs(d-prev) > 180 {
				if len(pts) > 1 {
					out = append(out, gridLine{meridian, deg, pts})
				}
				pts = nil
			}
			prev = d
			pts = append(pts, v.WorldRelative(d, lat))
		}
		if len(pts) > 1 {
			out = append(out, gridLine{meridian, deg, pts})
		}
	}
	for lon := lonLo; lon <= lonHi+1e-9 && lon <= 180; lon += step {
		if lon < -180 {
			continue
		}
		add(true, lon, func(t float64) (float64, float64) { return lon, latLo + (latHi-latLo)*t })
	}
	for lat := latLo; lat <= latHi+1e-9; lat += step {
		add(false, lat, func(t float64) (float64, float64) { return lonLo + (lonHi-lonLo)*t, lat })
	}
	return out
}

// drawGraticule strokes the scene's graticule.
func (f *frame) drawGraticule() {
	pa := f.path()
	for _, g := range graticule(f.s.View) {
		pa.Line(g.pts, f.dx, f.dy)
	}
	f.p.Stroke(pa, Pen{Width: 0.7 * f.px}, colGraticule)
}

// graticuleLabels places the degrees of each line where it leaves the
// map's frame: meridians at the top and bottom, parallels at the left
// and right, inside the frame, where no panel is.
func (f *frame) graticuleLabels(occ *occupancy) []Label {
	fr := occ.frame
	size := max(graticuleSize*f.px, graticuleFloor)
	face := f.r.faces.get(regular, size)
	pad := 3 * f.px
	halo := 1.5 * f.px
	var out []Label
	place := func(text string, x, y float64, anchor int) {
		w, asc, desc := textBox(face, text)
		var bx, by float64 // baseline start
		switch anchor {
		case 0: // top edge, centred on x
			bx, by = x-w/2, fr.Y0+pad+asc
		case 1: // bottom edge
			bx, by = x-w/2, fr.Y1-pad-desc
		case 2: // left edge, centred on y
			bx, by = fr.X0+pad, y+(asc-desc)/2
		case 3: // right edge
			bx, by = fr.X1-pad-w, y+(asc-desc)/2
		}
		box := Box{bx - halo, by - asc - halo, bx + w + halo, by + desc + halo}
		if box.X0 < fr.X0 || box.X1 > fr.X1 || box.Y0 < fr.Y0 || box.Y1 > fr.Y1 || !occ.free(box, false) {
			return
		}
		occ.claim(box)
		out = append(out, Label{Kind: GraticuleLabel, Halo: halo, Box: box,
			Runs: []TextRun{{Text: text, Style: regular, Size: size, X: bx, Y: by, Colour: colGraticuleText}}})
	}
	for _, g := range graticule(f.s.View) {
		text := degreeText(f.s.lang(), g.deg, g.meridian)
		for i := 1; i < len(g.pts); i++ {
			a := orb.Point{g.pts[i-1][0] + f.dx, g.pts[i-1][1] + f.dy}
			b := orb.Point{g.pts[i][0] + f.dx, g.pts[i][1] + f.dy}
			if g.meridian {
				for k, y := range []float64{fr.Y0, fr.Y1} {
					if (a[1]-y)*(b[1]-y) <= 0 && a[1] != b[1] {
						x := a[0] + (b[0]-a[0])*(y-a[1])/(b[1]-a[1])
						if x > fr.X0 && x < fr.X1 {
							place(text, x, y, k)
						}
					}
				}
				continue
			}
			for k, x := range []float64{fr.X0, fr.X1} {
				if (a[0]-x)*(b[0]-x) <= 0 && a[0] != b[0] {
					y := a[1] + (b[1]-a[1])*(x-a[0])/(b[0]-a[0])
					if y > fr.Y0 && y < fr.Y1 {
						place(text, x, y, 2+k)
					}
				}
			}
		}
	}
	return out
}

// degreeText writes a line's degrees in l as maps label them: 45° E,
// 40° N (the equator and the 180th meridian without a side).
func degreeText(l i18n.Lang, d float64, meridian bool) string {
	if !meridian {
		if d == 0 {
			return "0°"
		}
		return latitudeText(l, d)
	}
	if d == 0 || math.Abs(d) == 180 {
		return l.Number(math.Abs(d), 2) + "°"
	}
	key := "lon.east"
	if d < 0 {
		key, d = "lon.west", -d
	}
	return l.T(key, map[string]any{"Deg": l.Number(d, 2)})
}
