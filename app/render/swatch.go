package render

import (
	"image"
	"image/color"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/data"
)

// Swatch draws the legend swatch of a layer, w×h device pixels at the
// given pixel scale, on a transparent background, with the very styles the
// map uses: the side panel's key can never disagree with the map.
//
// A corridor layer shows its most common line kind and status (or its
// point symbol when it has no lines); a basemap layer its fill or line; a
// user layer its automatic colour.
func Swatch(l *Layer, w, h int, scale float64) *image.RGBA {
	f, img := swatchFrame(w, h, scale)
	fw, fh := float64(w), float64(h)
	u := scale
	line := []orb.Point{{3 * u, fh / 2}, {fw - 3*u, fh / 2}}
	op := 1.0
	switch l.Group {
	case data.Basemap:
		switch l.ID {
		case "countries":
			f.box(2*u, 2*u, fw-2*u, fh-2*u, colLand, colBorder)
		case "seas":
			f.box(2*u, 2*u, fw-2*u, fh-2*u, colWater, colCoast)
		case "lakes":
			f.box(2*u, 2*u, fw-2*u, fh-2*u, colWater, colCoast)
		case "rivers":
			f.strokePlain(line, 1.6*u, nil, colRiver)
		case "coastline":
			f.strokePlain(line, 1.6*u, nil, colCoast)
		case "borders":
			f.strokePlain(line, 1.6*u, f.scaled([]float64{5, 2.5}), colBorder)
		case "disputed":
			f.strokePlain(line, 1.6*u, f.scaled(disputedDash), colDisputed)
		case "cities":
			f.c.disc(fw/2, fh/2, 3.6*u)
			f.c.flush(colHalo)
			f.c.disc(fw/2, fh/2, 2.6*u)
			f.c.flush(colCity)
		case "seaports":
			f.c.disc(fw/2, fh/2, 3*u)
			f.c.flush(colHalo)
			f.c.disc(fw/2, fh/2, 2*u)
			f.c.flush(colFerry)
		}
	case data.Context:
		if bl, ok := data.BlocByID(l.ID); ok {
			col, err := ParseColour(bl.Colour)
			if err != nil {
				col = colInk
			}
			box := []orb.Point{{2 * u, 2 * u}, {fw - 2*u, 2 * u}, {fw - 2*u, fh - 2*u}, {2 * u, fh - 2*u}}
			for _, seg := range hatch([][][]orb.Point{{box}}, hatchSpacing*u*0.6, bl.Hatch, orb.Bound{Max: orb.Point{fw, fh}}) {
				f.c.stroke(seg[:], hatchWidth*u, 0, 0)
			}
			f.c.flush(withAlpha(col, 0.7))
			f.c.stroke(closed(box), blocOutline*u, 0, 0)
			f.c.flush(withAlpha(col, 0.9))
		}
	case data.Corridor:
		kind, status, point := dominantKind(l)
		if point {
			f.marker(orb.Point{fw / 2, fh / 2}, markerFor(kind, commonRole(l, kind), status), op, f.px)
		} else {
			f.styledLine(line, kindStyle(kind, status))
		}
	default:
		col := l.Style.Colour
		if col.A == 0 {
			col = UserColour(0)
		}
		f.strokePlain(line, 3*u, nil, col)
	}
	return img
}

// FlowSwatch draws a flow's band as the legend draws it: a short band in
// the flow's colour with its darker edge, ending in a point when the flow
// runs one way.
func FlowSwatch(fp *FlowPath, w, h int, scale float64) *image.RGBA {
	f, img := swatchFrame(w, h, scale)
	k := Key{Kind: KeyFlow, Flow: fp, Colour: FlowColour(fp.Flow.ID, fp.Index), Figure: data.Actual, TwoWay: fp.Flow.TwoWay()}
	f.drawKey(&k, Box{0, 0, float64(w), float64(h)})
	return img
}

func swatchFrame(w, h int, scale float64) (*frame, *image.RGBA) {
	if w < 1 {
		w = 1
	}
	if h < 1 {
		h = 1
	}
	if scale <= 0 {
		scale = 1
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	return &frame{img: img, c: newCanvas(img), w: float64(w), h: float64(h), px: scale}, img
}

// box fills a rectangle with a one-pixel frame.
func (f *frame) box(x0, y0, x1, y1 float64, fill, edge color.NRGBA) {
	f.c.rect(x0, y0, x1, y1)
	f.c.flush(edge)
	lw := f.px
	f.c.rect(x0+lw, y0+lw, x1-lw, y1-lw)
	f.c.flush(fill)
}

// styledLine draws a line in a corridor kind's full style: casing, line
// and overlay, as on the map.
func (f *frame) styledLine(pts []orb.Point, st lineStyle) {
	u := f.px
	if st.casingW > 0 {
		f.strokePlain(pts, st.casingW*u, nil, st.casing)
	}
	f.strokePlain(pts, st.w*u, f.scaled(st.dash), st.col)
	if st.overW > 0 {
		f.strokePlain(pts, st.overW*u, f.scaled(st.overDash), st.over)
	}
}

// dominantKind is the kind and status most of a corridor layer's line
// features have, or of its points when it has no lines.
func dominantKind(l *Layer) (kind, status string, point bool) {
	lines := map[[2]string]int{}
	points := map[[2]string]int{}
	var lineOrder, pointOrder [][2]string
	for _, ft := range l.Detailed {
		if ft == nil || ft.Geometry == nil {
			continue
		}
		k := [2]string{Prop(ft, "kind"), Prop(ft, "status")}
		switch ft.Geometry.(type) {
		case orb.Point, orb.MultiPoint:
			if points[k] == 0 {
				pointOrder = append(pointOrder, k)
			}
			points[k]++
		default:
			if lines[k] == 0 {
				lineOrder = append(lineOrder, k)
			}
			lines[k]++
		}
	}
	pick := func(order [][2]string, n map[[2]string]int) [2]string {
		best := order[0]
		for _, k := range order[1:] {
			if n[k] > n[best] {
				best = k
			}
		}
		return best
	}
	switch {
	case len(lineOrder) > 0:
		k := pick(lineOrder, lines)
		return k[0], k[1], false
	case len(pointOrder) > 0:
		k := pick(pointOrder, points)
		return k[0], k[1], true
	}
	return "", "", false
}

// commonRole is the role most features of the kind have (the first such
// in the layer at a tie), so the ports swatch shows a port as most of them
// are drawn.
func commonRole(l *Layer, kind string) string {
	count := map[string]int{}
	best := ""
	for _, ft := range l.Detailed {
		if Prop(ft, "kind") != kind {
			continue
		}
		r := Prop(ft, "role")
		count[r]++
		if best == "" || count[r] > count[best] {
			best = r
		}
	}
	return best
}
