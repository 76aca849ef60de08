package render

import (
	"math"

	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/paulmach/orb"
)

// The glyphs of a text run as the raster path sets them, for writers
// that place text themselves: the vector writers put real text where the
// PNG puts pixels, glyph for glyph, so kerning, fallback faces and
// right-to-left runs come out the same.

// Glyph is one glyph of a set run.
type Glyph struct {
	// Font is the face the glyph is from: the run's style, or the regular
	// face a letter missing from it falls back to (see FontFile).
	Font FontStyle
	ID   uint16
	// X, Y are its origin on the baseline, in device pixels (y down).
	X, Y float64
	// Advance is the face's own advance for the glyph, in device
	// pixels: a writer that sets a string moves by it, and shifts the
	// next glyph where kerning moved it.
	Advance float64
	// Rune is the character that stands for the glyph in text: the one it
	// was shaped from, or for a glyph shaping substituted a character the
	// face maps to it (U+FB01 for the "fi" ligature, an Arabic
	// presentation form for a joined letter), which text extraction reads
	// as the letters. It is 0 when the face maps no character to the
	// glyph (a cluster's extra glyphs): such a glyph is drawn by its
	// outline.
	Rune rune
	// Text is what a substituted glyph was shaped from ("fi" for the
	// ligature, the letter a joined form stands for), on the first glyph
	// of its cluster: a PDF gives it as the glyph's actual text.
	Text string

	g    *glyph
	size float64
}

// SetSize is the size a run is set at, in device pixels: its Size, rounded
// as the raster path rounds it.
func (t TextRun) SetSize() float64 { return math.Round(t.Size*4) / 4 }

// Glyphs sets the run and returns its glyphs from left to right.
func (t TextRun) Glyphs() []Glyph {
	size := t.SetSize()
	l := typeset().set(t.Style, t.Text)
	out := make([]Glyph, len(l.glyphs))
	for i, pg := range l.glyphs {
		out[i] = Glyph{Font: pg.face, ID: uint16(pg.g.id), X: t.X + pg.x*size, Y: t.Y - pg.y*size,
			Advance: pg.g.adv * size, Rune: pg.r, Text: pg.cluster, g: pg.g, size: size}
	}
	return out
}

// SegmentOp is what an outline segment does.
type SegmentOp uint8

// Outline segment operations.
const (
	MoveTo SegmentOp = iota
	LineTo
	QuadTo  // one control point, then the end point
	CubicTo // two control points, then the end point
)

// Segment is one piece of a glyph outline in device pixels: its
// operation and its points (one, two or three).
type Segment struct {
	Op  SegmentOp
	Pts [3]orb.Point
	N   int
}

// Outline appends the glyph's outline, in device pixels at its place, to
// dst. Contours are closed: each MoveTo starts a new one.
func (g Glyph) Outline(dst []Segment) []Segment {
	if g.g == nil {
		return dst
	}
	for _, sg := range g.g.segs {
		var s Segment
		switch sg.Op {
		case ot.SegmentOpMoveTo:
			s.Op = MoveTo
		case ot.SegmentOpLineTo:
			s.Op = LineTo
		case ot.SegmentOpQuadTo:
			s.Op = QuadTo
		case ot.SegmentOpCubeTo:
			s.Op = CubicTo
		}
		args := sg.ArgsSlice()
		s.N = len(args)
		for i, a := range args {
			s.Pts[i] = orb.Point{g.X + float64(a.X)*g.size, g.Y - float64(a.Y)*g.size}
		}
		dst = append(dst, s)
	}
	return dst
}

// FontFile is the embedded font file of a face, for writers that embed
// it (subset to the glyphs they use).
func FontFile(f FontStyle) []byte {
	b, err := fontFiles.ReadFile(fontNames[f])
	if err != nil {
		panic("render: embedded font missing: " + fontNames[f]) // a build error
	}
	return b
}

// FontFamily is the family name of the embedded faces.
const FontFamily = "DejaVu Sans Condensed"

// FontStyleName names a face's style as its font file does.
func FontStyleName(f FontStyle) string {
	switch f {
	case Bold:
		return "Bold"
	case Italic:
		return "Oblique"
	}
	return "Book"
}

// FontStyles are every face, for writers that register them all.
var FontStyles = []FontStyle{Regular, Bold, Italic}

// TextWidth is the advance of s set in style at size device pixels, as
// the raster path sets it.
func TextWidth(style FontStyle, size float64, s string) float64 {
	w, _, _ := textBox(faces{}.get(style, size), s)
	return w
}

// WrapText breaks s into lines no wider than width (a word wider than
// that stands alone), as titles and legend rows are broken.
func WrapText(style FontStyle, size float64, s string, width float64) []string {
	return faces{}.wrap(style, size, s, width)
}
