package vector

import (
	"math"

	"github.com/corridor-atlas/corridor-atlas/app/render"
)

// setRun is a run of glyphs that are their characters' own glyphs in
// one face, to be written as text: the writer sets the characters from
// the first glyph's origin, and moves each glyph by its shift from where
// the previous one's advance left it (kerning, a mark's offset).
type setRun struct {
	font  render.FontStyle
	size  float64
	x, y  float64
	runes []rune
	// shift is each glyph's move, zero for most; nil when none moved.
	shift [][2]float64
	// pos is each glyph's origin.
	pos [][2]float64
	// actual is what the glyphs shaping substituted stand for, by index
	// (see render.Glyph.Text); nil when none.
	actual map[int]string
}

// shifted reports whether glyph i is moved from its natural place.
func (r *setRun) shifted(i int) bool {
	return r.shift != nil && (r.shift[i][0] != 0 || r.shift[i][1] != 0)
}

// splitRun sorts a run's glyphs (moved by dx, dy) into runs set as text
// and glyphs drawn by their outlines: those shaping substituted (joined
// Arabic, ligatures), which have no character of their own to write.
func splitRun(t render.TextRun, dx, dy float64) (runs []setRun, outlined []render.Glyph) {
	t.X += dx
	t.Y += dy
	size := t.SetSize()
	var cur *setRun
	var penX, penY float64
	for _, g := range t.Glyphs() {
		if g.Rune == 0 {
			if g.ID != 0 || g.Advance > 0 {
				outlined = append(outlined, g)
			}
			cur = nil
			continue
		}
		if cur == nil || cur.font != g.Font {
			runs = append(runs, setRun{font: g.Font, size: size, x: g.X, y: g.Y})
			cur = &runs[len(runs)-1]
			penX, penY = g.X, g.Y
		}
		sx, sy := round3(g.X-penX), round3(g.Y-penY)
		if sx != 0 || sy != 0 {
			if cur.shift == nil {
				cur.shift = make([][2]float64, len(cur.runes), len(cur.runes)+8)
			}
		}
		if g.Text != "" {
			if cur.actual == nil {
				cur.actual = map[int]string{}
			}
			cur.actual[len(cur.runes)] = g.Text
		}
		cur.runes = append(cur.runes, g.Rune)
		cur.pos = append(cur.pos, [2]float64{g.X, g.Y})
		if cur.shift != nil {
			cur.shift = append(cur.shift, [2]float64{sx, sy})
		}
		penX, penY = g.X+g.Advance, g.Y
	}
	return runs, outlined
}

// round3 drops shifts below a thousandth of a pixel (rounding noise of
// the shaper's 1/64 units).
func round3(v float64) float64 {
	v = math.Round(v*1000) / 1000
	if v == 0 {
		return 0 // no -0
	}
	return v
}

// outlines is the outline of every glyph of the runs, moved by (dx, dy):
// what a halo strokes, or what outlined text fills.
func outlines(runs []render.TextRun, dx, dy float64, dst []render.Segment) []render.Segment {
	for _, t := range runs {
		t.X += dx
		t.Y += dy
		for _, g := range t.Glyphs() {
			dst = g.Outline(dst)
		}
	}
	return dst
}

// haloWidth is the width of the stroke that draws a halo of radius r
// (device pixels) round the letters' outlines. The raster path grows
// the letters' anti-aliased mask by r, which puts the halo's half-covered
// edge half a pixel inside r from the outline; the stroke is as wide, so
// a label reads the same in the PNG, the SVG and the PDF.
func haloWidth(r float64) float64 { return max(r, 2*r-1) }
