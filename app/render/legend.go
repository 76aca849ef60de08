package render

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"strings"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/data"
)

// legendKinds names the corridor line kinds in legend order.
var legendKinds = []struct{ kind, text string }{
	{"rail", "Railway (Middle Corridor)"},
	{"ferry-lane", "Ferry lane"},
	{"tanker-lane", "Tanker lane (Kazakh crude)"},
	{"pipeline", "Oil pipeline (BTC)"},
	{"fibre-cable", "Fibre-optic cable"},
	{"power-cable", "Power cable"},
}

// legendRow is one entry: a swatch drawn by draw at (x, y, w, h) and a text.
type legendRow struct {
	sig  string // what the swatch shows beyond the text (a colour, a scale)
	text string
	draw func(x, y, w, h float64)
	high float64 // row height in logical pixels
}

func (f *frame) legendRows(u float64) []legendRow {
	scaled := func(v []float64) []float64 {
		if v == nil {
			return nil
		}
		out := make([]float64, len(v))
		for i, x := range v {
			out[i] = x * u
		}
		return out
	}
	var rows []legendRow
	kinds := map[string]bool{}
	statuses := map[string]bool{}
	ports := map[string]bool{}
	var users, blocs []*Layer
	disputed := false
	for _, l := range f.s.Layers {
		switch l.Group {
		case data.Basemap:
			if l.ID == "disputed" && len(f.visibleShapes(l)) > 0 {
				disputed = true
			}
		case data.Context:
			blocs = append(blocs, l)
		case data.Corridor:
			for _, ft := range l.Detailed {
				kinds[Prop(ft, "kind")] = true
				statuses[Prop(ft, "status")] = true
				if k := Prop(ft, "kind"); k == "port" || k == "terminal" {
					ports[k] = true
				}
				if _, ok := ft.Properties["uncertainty_km"]; ok {
					ports["uncertain"] = true
				}
			}
		case UserGroup:
			users = append(users, l)
		}
	}
	line := func(st lineStyle) func(x, y, w, h float64) {
		return func(x, y, w, h float64) {
			pts := []orb.Point{{x + 3*u, y + h/2}, {x + w - 3*u, y + h/2}}
			if st.casingW > 0 {
				f.c.stroke(pts, st.casingW*u, 0, 0)
				f.c.flush(st.casing)
			}
			f.strokePlain(pts, st.w*u, scaled(st.dash), st.col)
			if st.overW > 0 {
				f.strokePlain(pts, st.overW*u, scaled(st.overDash), st.over)
			}
		}
	}
	for _, k := range legendKinds {
		if kinds[k.kind] {
			rows = append(rows, legendRow{text: k.text, draw: line(kindStyle(k.kind, "operating")), high: 18})
		}
	}
	if statuses["planned"] {
		rows = append(rows, legendRow{text: "Planned: faded, broken line", draw: line(kindStyle("rail", "planned")), high: 18})
	}
	if statuses["under-construction"] {
		rows = append(rows, legendRow{text: "Under construction", draw: line(kindStyle("rail", "under-construction")), high: 18})
	}
	if ports["port"] || ports["terminal"] {
		text := "Port (size by role) · oil terminal"
		if !ports["terminal"] {
			text = "Port (size by role)"
		}
		if ports["uncertain"] {
			text += " · dashed circle: position uncertain"
		}
		rows = append(rows, legendRow{text: text, draw: func(x, y, w, h float64) {
			f.marker(orb.Point{x + w*0.3, y + h/2}, markerFor("port", "ferry", "operating"), 1, u)
			if ports["terminal"] {
				f.marker(orb.Point{x + w*0.72, y + h/2}, markerFor("terminal", "oil", "operating"), 1, u)
			}
		}, high: 18})
	}
	if disputed {
		rows = append(rows, legendRow{text: "Line of control, ceasefire or breakaway line", draw: func(x, y, w, h float64) {
			f.strokePlain([]orb.Point{{x + 3*u, y + h/2}, {x + w - 3*u, y + h/2}}, 1.5*u, scaled(disputedDash), colDisputed)
		}, high: 18})
	}
	for _, l := range blocs {
		bl, ok := data.BlocByID(l.ID)
		if !ok {
			continue
		}
		col, err := ParseColour(bl.Colour)
		if err != nil {
			col = colInk
		}
		text := bl.Short + ": members hatched"
		for _, m := range bl.Members {
			if m.Status == "observer" {
				text += ", observers dashed"
				break
			}
		}
		rows = append(rows, legendRow{sig: bl.Colour, text: text, draw: func(x, y, w, h float64) {
			box := [][]orb.Point{{{x + 3*u, y + 2*u}, {x + w - 3*u, y + 2*u}, {x + w - 3*u, y + h - 2*u}, {x + 3*u, y + h - 2*u}}}
			for _, seg := range hatch([][][]orb.Point{box}, hatchSpacing*u*0.7, bl.Hatch, orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + w, y + h}}) {
				f.c.stroke(seg[:], hatchWidth*u, 0, 0)
			}
			f.c.flush(withAlpha(col, 0.7))
			f.c.stroke(closed(box[0]), blocOutline*u, 0, 0)
			f.c.flush(withAlpha(col, 0.9))
		}, high: 18})
	}
	for _, l := range users {
		col := l.Style.Colour
		rows = append(rows, legendRow{sig: fmt.Sprint(col, l.Style.Width), text: l.Title, draw: func(x, y, w, h float64) {
			f.strokePlain([]orb.Point{{x + 3*u, y + h/2}, {x + w - 3*u, y + h/2}}, 3*u, nil, col)
		}, high: 18})
	}
	// Flows: one row each, then the locked width scale per unit.
	scales := f.s.widthScales()
	units := map[string]bool{}
	for _, fp := range f.s.Flows {
		col := FlowColour(fp.Flow.ID, fp.Index)
		units[fp.Flow.Unit] = true
		rows = append(rows, legendRow{sig: fmt.Sprint(col), text: shorten(fp.Flow.Title, 48), draw: func(x, y, w, h float64) {
			f.strokePlain([]orb.Point{{x + 4*u, y + h/2}, {x + w - 4*u, y + h/2}}, 8*u, nil, withAlpha(col, 0.8))
		}, high: 18})
	}
	for unit := range units {
		max := scales[unit]
		steps := scaleSteps(max)
		texts := make([]string, len(steps))
		for i, v := range steps {
			texts[i] = fmt.Sprintf("%g", v)
		}
		// One row: bands of the key values side by side, on the locked scale.
		rows = append(rows, legendRow{sig: fmt.Sprint(max), text: "Band width: " + strings.Join(texts, " · ") + " " + unit, draw: func(x, y, w, h float64) {
			// Short bands of the key values, widest last, each as thick as
			// it is drawn on the map.
			seg := w / float64(len(steps))
			for i, v := range steps {
				bw := BandWidth(v, max, u)
				x0 := x + float64(i)*seg
				f.c.rect(x0+u, y+h/2-bw/2, x0+seg-u, y+h/2+bw/2)
			}
			f.c.flush(withAlpha(colInk, 0.4))
		}, high: MaxBandWidth + 6})
		rows = append(rows, legendRow{text: "Plan / forecast: broken band", draw: func(x, y, w, h float64) {
			pts := []orb.Point{{x + 4*u, y + h/2}, {x + w - 4*u, y + h/2}}
			f.strokePlain(pts, 8*u, []float64{12 * u, 6 * u}, withAlpha(colInk, 0.35))
		}, high: 18})
	}
	return rows
}

// scaleSteps picks two or three round values up to max for the width key.
func scaleSteps(max float64) []float64 {
	if max <= 0 {
		return nil
	}
	p := math.Pow(10, math.Floor(math.Log10(max)))
	top := math.Floor(max/p) * p
	var out []float64
	for _, v := range []float64{top / 4, top / 2, top} {
		if v > 0 && (len(out) == 0 || v > out[len(out)-1]) {
			out = append(out, math.Round(v*100)/100)
		}
	}
	return out
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// strokePlain strokes a line given in image pixels, dashed when dash is set.
func (f *frame) strokePlain(pts []orb.Point, w float64, dash []float64, col color.NRGBA) {
	if dash == nil {
		f.c.stroke(pts, w, 0, 0)
	} else {
		for _, p := range dashes(pts, dash, 0, nil) {
			f.c.stroke(p, w, 0, 0)
		}
	}
	f.c.flush(col)
}

// legend draws the key at the bottom right (the corridor's west end,
// Ceyhan and the Black Sea ports, is at the left of most views). Rows flow
// into more columns rather than let the panel climb over the map, and the
// whole key shrinks on small pictures at a high DPI.
func (f *frame) legend() labelBox {
	rows := f.legendRows(f.px)
	if len(rows) == 0 {
		return labelBox{}
	}
	u := f.px
	if limit := f.w / 3 / 260; u > limit {
		u = math.Max(limit, 0.6*f.px)
		rows = f.legendRows(u)
	}
	face := f.r.faces.get(regular, 12*u)
	hf := f.r.faces.get(bold, 12.5*u)
	sw := 44 * u
	pad := 9 * u
	gap := 14 * u
	_, ha, hd := textBox(hf, "Legend")
	maxCol := math.Max(0.5*f.h, 90*u)
	// Lay the rows out in columns.
	type placed struct {
		row  legendRow
		x, y float64
	}
	var cells []placed
	colX, colY, colW := 0.0, 0.0, 0.0
	tallest := 0.0
	for _, r := range rows {
		rh := r.high * u
		if colY > 0 && colY+rh > maxCol {
			colX += colW + gap
			colY, colW = 0, 0
		}
		tw, _, _ := textBox(face, r.text)
		colW = math.Max(colW, sw+8*u+tw)
		cells = append(cells, placed{r, colX, colY})
		colY += rh
		tallest = math.Max(tallest, colY)
	}
	width := colX + colW
	height := ha + hd + 4*u + tallest
	// Whole pixels: the panel is opaque, so its picture does not depend on
	// the map under it and is kept for the next frame.
	x1 := math.Round(f.w - 16*u)
	y1 := math.Round(f.h - 30*u)
	y0 := math.Round(y1 - height - 2*pad)
	x0 := math.Round(x1 - width - 2*pad)
	if f.measure {
		return labelBox{x0, y0, x1, y1}
	}
	rect := image.Rect(int(x0), int(y0), int(x1), int(y1))
	var key strings.Builder
	fmt.Fprintf(&key, "%g|%v|", u, rect)
	for _, c := range cells {
		fmt.Fprintf(&key, "%s|%s|%g|%g|%g;", c.row.text, c.row.sig, c.x, c.y, c.row.high)
	}
	if f.r.legendImg != nil && f.r.legendKey == key.String() {
		draw.Draw(f.img, rect, f.r.legendImg, image.Point{}, draw.Src)
		return labelBox{x0, y0, x1, y1}
	}
	f.c.rect(x0, y0, x1, y1)
	f.c.flush(colHalo)
	f.panel(x0, y0, x1, y1)
	drawText(f.img, hf, "Legend", x0+pad, y0+pad+ha, colInk, colPanel, 0)
	top := y0 + pad + ha + hd + 4*u
	_, a, d := textBox(face, "Hg")
	for _, c := range cells {
		rh := c.row.high * u
		x, y := x0+pad+c.x, top+c.y
		c.row.draw(x, y, sw, rh)
		drawText(f.img, face, c.row.text, x+sw+8*u, y+rh/2+(a-d)/2, colInk, colPanel, 0)
	}
	f.r.legendImg = image.NewRGBA(image.Rect(0, 0, rect.Dx(), rect.Dy()))
	draw.Draw(f.r.legendImg, f.r.legendImg.Rect, f.img, rect.Min, draw.Src)
	f.r.legendKey = key.String()
	return labelBox{x0, y0, x1, y1}
}
