package render

import (
	"fmt"
	"image"
	"math"
	"sort"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// drawOverlay draws what changes from frame to frame on top of the cached
// base: the highlight, the flows and the decorations.
func (r *Renderer) drawOverlay(img *image.RGBA, s *Scene, schematic bool) {
	f := r.newFrame(img, s)
	p := &placer{bounds: labelBox{0, 0, f.w, f.h}}
	if s.Highlight != "" || s.HighlightFeature != nil {
		f.highlight(s.Highlight, s.HighlightFeature)
	}
	// Decorations are laid out first (measured, not drawn) so flow labels
	// keep clear of them, and drawn last so they stay readable over flows.
	f.measure = true
	for _, b := range f.decorations(schematic) {
		p.claim(b)
	}
	f.measure = false
	for _, t := range r.top {
		p.claim(t.box)
	}
	f.drawFlows(p)
	if len(s.Flows) > 0 {
		for _, m := range r.topMarks {
			f.marker(m.p, m.m, m.op, f.px)
		}
	}
	for _, t := range r.top {
		drawText(img, r.faces.get(t.style, t.size), t.text, t.x, t.y, t.col, withAlpha(colHalo, 0.9), t.halo)
	}
	f.decorations(schematic)
}

// decorations draws (or, with f.measure, only lays out) the title, legend,
// north arrow, scale bar and attribution, returning their boxes.
func (f *frame) decorations(schematic bool) []labelBox {
	s := f.s
	var boxes []labelBox
	if s.Title != "" {
		boxes = append(boxes, f.titleBlock())
	}
	if s.Legend {
		boxes = append(boxes, f.legend())
	}
	if s.NorthArrow {
		boxes = append(boxes, f.northArrow())
	}
	if s.ScaleBar {
		boxes = append(boxes, f.scaleBar())
	}
	return append(boxes, f.attribution(schematic))
}

// highlight outlines the feature with the given id, or the given feature,
// in every visible layer.
func (f *frame) highlight(id string, feat *geojson.Feature) {
	for _, l := range f.s.Layers {
		for _, sh := range f.visibleShapes(l) {
			if sh.f != feat && (id == "" || l.featureIDAt(sh.f, int(sh.idx)) != id) {
				continue
			}
			for _, line := range sh.lines {
				f.c.stroke(line, 9*f.px, f.dx, f.dy)
			}
			for _, poly := range sh.polys {
				for _, ring := range poly {
					f.c.stroke(ring, 5*f.px, f.dx, f.dy)
				}
			}
			for _, pt := range sh.points {
				f.c.disc(pt[0]+f.dx, pt[1]+f.dy, 12*f.px)
			}
			f.c.flush(withAlpha(colHighlight, 0.75))
		}
	}
}

func (f *frame) panel(x0, y0, x1, y1 float64) {
	f.c.rect(x0, y0, x1, y1)
	f.c.flush(colPanel)
	// A hairline frame.
	lw := math.Max(1, f.px)
	f.c.rect(x0, y0, x1, y0+lw)
	f.c.rect(x0, y1-lw, x1, y1)
	f.c.rect(x0, y0, x0+lw, y1)
	f.c.rect(x1-lw, y0, x1, y1)
	f.c.flush(withAlpha(colInk, 0.25))
}

// Subtitle is the year line under the title, marked plan or forecast
// where any drawn flow is.
func Subtitle(s *Scene) string {
	var kinds []string
	seen := map[data.FigureKind]bool{}
	for _, fp := range s.Flows {
		if _, k, ok := fp.Flow.At(s.Year); ok && k != data.Actual && !seen[k] {
			seen[k] = true
			kinds = append(kinds, k.String())
		}
	}
	sort.Strings(kinds)
	sub := YearLabel(s.Year)
	if len(kinds) > 0 {
		sub += " · includes " + strings.Join(kinds, " and ") + " figures"
	}
	return sub
}

func (f *frame) titleBlock() labelBox {
	u := f.px
	m := 16 * u
	tf := f.r.faces.get(bold, 24*u)
	sf := f.r.faces.get(regular, 15*u)
	tw, ta, td := textBox(tf, f.s.Title)
	sub := Subtitle(f.s)
	sw, sa, sd := textBox(sf, sub)
	w := math.Max(tw, sw) + 2*12*u
	h := ta + td + sa + sd + 2*10*u + 4*u
	if f.measure {
		return labelBox{m, m, m + w, m + h}
	}
	f.panel(m, m, m+w, m+h)
	drawText(f.img, tf, f.s.Title, m+12*u, m+10*u+ta, colInk, colPanel, 0)
	drawText(f.img, sf, sub, m+12*u, m+10*u+ta+td+4*u+sa, withAlpha(colInk, 0.8), colPanel, 0)
	return labelBox{m, m, m + w, m + h}
}

func (f *frame) northArrow() labelBox {
	u := f.px
	size := 26 * u
	x := f.w - 16*u - size/2
	y := 16*u + 18*u
	// Two halves of an arrow: dark and light, the classic compass needle.
	if f.measure {
		return labelBox{x - size/2, y - size/2 - 18*u, x + size/2, y + size/2}
	}
	left := []orb.Point{{x, y - size/2}, {x - size/3, y + size/2}, {x, y + size/4}}
	right := []orb.Point{{x, y - size/2}, {x, y + size/4}, {x + size/3, y + size/2}}
	for _, t := range [][]orb.Point{left, right} {
		if signedArea(t) > 0 {
			t[1], t[2] = t[2], t[1]
		}
	}
	f.c.ring(left, 0, 0)
	f.c.flush(colInk)
	f.c.ring(right, 0, 0)
	f.c.flush(withAlpha(colInk, 0.45))
	face := f.r.faces.get(bold, 13*u)
	w, a, _ := textBox(face, "N")
	drawText(f.img, face, "N", x-w/2, y-size/2-3*u, colInk, colHalo, 1.5*u)
	return labelBox{x - size/2, y - size/2 - a - 4*u, x + size/2, y + size/2}
}

// ScaleBarLength picks a round distance for a bar of about target device
// pixels at the viewport's centre and returns it with its pixel length.
func ScaleBarLength(v geo.Viewport, target float64) (geo.Km, float64) {
	mpp := v.GroundResolution()
	if mpp <= 0 || math.IsNaN(mpp) {
		return 0, 0
	}
	raw := target * mpp / 1000 // km
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	best := p
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p <= raw {
			best = m * p
		}
	}
	return geo.Km(best), best * 1000 / mpp
}

func (f *frame) scaleBar() labelBox {
	u := f.px
	km, length := ScaleBarLength(f.s.View, 140*u)
	if length <= 0 {
		return labelBox{}
	}
	x0 := 16 * u
	x1 := x0 + length
	y := f.h - 34*u
	h := 6 * u
	face := f.r.faces.get(regular, 12*u)
	text := formatKm(km)
	tw, ta, _ := textBox(face, text)
	if f.measure {
		return labelBox{x0 - 8*u, y - ta - 12*u, x1 + 8*u, y + h + 6*u}
	}
	f.panel(x0-8*u, y-ta-12*u, x1+8*u, y+h+6*u)
	// Alternating halves, like a surveyor's bar.
	f.c.rect(x0, y, x1, y+h)
	f.c.flush(colInk)
	f.c.rect(x0+length/2, y+u, x1-u, y+h-u)
	f.c.flush(colHalo)
	drawText(f.img, face, text, x1-tw, y-4*u, colInk, colPanel, 0)
	drawText(f.img, face, "0", x0, y-4*u, colInk, colPanel, 0)
	return labelBox{x0 - 8*u, y - ta - 12*u, x1 + 8*u, y + h + 6*u}
}

func formatKm(k geo.Km) string {
	if k < 1 {
		return fmt.Sprintf("%.0f m", float64(k)*1000)
	}
	return fmt.Sprintf("%g km", float64(k))
}

// AttributionText is the credit line for a picture; schematic adds the
// warning that routes are drawn schematically, and disputed the map's
// border policy, for a picture showing an area it covers.
func AttributionText(schematic, disputed bool) string {
	text := data.Attribution
	if schematic {
		text += " · " + data.SchematicNote
	}
	if disputed {
		text += " · " + data.BorderNote
	}
	return text
}

func (f *frame) attribution(schematic bool) labelBox {
	u := f.px
	text := AttributionText(schematic, hasLand(f.s) && data.DisputedInView(f.s.View.Bound()))
	size := 10.5 * u
	face := f.r.faces.get(regular, size)
	w, a, d := textBox(face, text)
	// Narrow images: shrink the line until it fits.
	for w > f.w-8*u && size > 6*u {
		size *= 0.9
		face = f.r.faces.get(regular, size)
		w, a, d = textBox(face, text)
	}
	x1 := f.w
	x0 := math.Max(0, x1-w-12*u)
	y1 := f.h
	y0 := y1 - a - d - 6*u
	if f.measure {
		return labelBox{x0, y0, x1, y1}
	}
	f.c.rect(x0, y0, x1, y1)
	f.c.flush(withAlpha(colHalo, 0.8))
	drawText(f.img, face, text, x0+6*u, y1-d-3*u, withAlpha(colInk, 0.85), colHalo, 0)
	return labelBox{x0, y0, x1, y1}
}
