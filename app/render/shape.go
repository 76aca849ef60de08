package render

import (
	"bytes"
	"embed"
	"math"
	"sync"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// DejaVu Sans Condensed covers Latin (with Azerbaijani ə and Turkish ı ş
// ğ), Cyrillic (with the Kazakh letters), Georgian Mkhedruli, Armenian and
// Hebrew; the regular and bold faces also cover Arabic, which the oblique
// face borrows from the regular one. Its narrow widths suit map labels.
//
//go:embed fonts/*.ttf
var fontFiles embed.FS

type fontStyle int

const (
	regular fontStyle = iota
	bold
	italic
)

var fontNames = [...]string{
	regular: "fonts/DejaVuSansCondensed.ttf",
	bold:    "fonts/DejaVuSansCondensed-Bold.ttf",
	italic:  "fonts/DejaVuSansCondensed-Oblique.ttf",
}

// maxShapedRunes bounds the text shaped for one label. A label is one
// line of a few words; beyond this it is wider than any picture the app
// draws (7680 px) at any legible size, and the rest is not set.
const maxShapedRunes = 2048

// line is a string set in one style: its glyphs in visual order (left to
// right, whatever the script's direction), in em units with y up. The
// shaper applies no hinting, so a line set once serves every size by
// scaling, and advances and kerning stay exact at 9 px as at 90.
type line struct {
	glyphs  []placedGlyph
	advance float64
	// ink is the union of the glyphs' outline bounds (x0, y0, x1, y1).
	ink [4]float64
}

type placedGlyph struct {
	g    *glyph
	x, y float64 // pen position with the shaper's offsets
	// face is the face the glyph is from (an index of fontNames: the
	// style's, or the regular face a missing letter falls back to), and
	// r the character that stands for it in text: the one it was shaped
	// from, or for a glyph shaping substituted (a ligature, a joined
	// Arabic form) a character the face maps to it; 0 when there is none.
	face fontStyle
	r    rune
	// cluster is the text a substituted glyph was shaped from, on the
	// first glyph of its cluster ("fi" for the ligature); "" otherwise.
	cluster      string
	clusterIndex int
}

// glyph is one glyph's outline in em units, y up.
type glyph struct {
	id   font.GID
	segs []ot.Segment
	ink  [4]float64 // x0, y0, x1, y1; x0 > x1 when the glyph is blank
	adv  float64    // the face's own advance, em
}

type lineKey struct {
	style fontStyle
	s     string
}

type glyphKey struct {
	face *font.Face
	gid  font.GID
}

// typesetter sets text: HarfBuzz shaping (go-text's port) for kerning,
// marks and Arabic joining, bidi runs put in visual order, and glyph
// outlines for the rasteriser. go-text faces and its shaper are not safe
// for concurrent use, so all of it runs under mu; the results are cached,
// as the same names are set on every frame.
type typesetter struct {
	mu      sync.Mutex
	faces   [len(fontNames)]*font.Face
	ascent  [len(fontNames)]float64 // em
	descent [len(fontNames)]float64 // em, positive below the baseline
	seg     shaping.Segmenter
	shaper  shaping.HarfbuzzShaper
	lines   map[lineKey]*line
	glyphs  map[glyphKey]*glyph
	// chars maps each face's glyphs back to a character, made on first
	// need (see char).
	chars [len(fontNames)]map[font.GID]rune
}

// maxLines bounds the shaped-line cache (cleared when full). The label
// pass measures every candidate, placed or not: a user layer of 20,000
// named points is set once and then measured from the cache (a few
// hundred bytes a line), instead of shaped again on every frame.
const maxLines = 1 << 16

// typeset is the typesetter, made on first use. Reading the three faces
// (go-text parses every glyph up front) takes 20–60 ms, so New starts it
// while its caller gets ready. They are read one after the other: read
// side by side, they saved nothing on two cores, and BenchmarkRenderWarm
// then ran at half speed in every later frame, all of it in the canvas's
// floating-point accumulation over the same pixels (a layout effect of
// the heap, not of the fonts).
var typeset = sync.OnceValue(func() *typesetter {
	t := &typesetter{lines: map[lineKey]*line{}, glyphs: map[glyphKey]*glyph{}}
	for i, name := range fontNames {
		b, err := fontFiles.ReadFile(name)
		if err != nil {
			panic("render: embedded font missing: " + name) // a build error, not an input error
		}
		f, err := font.ParseTTF(bytes.NewReader(b))
		if err != nil {
			panic("render: embedded font unreadable: " + name)
		}
		t.faces[i] = f
		ext, _ := f.FontHExtents()
		upem := float64(f.Upem())
		t.ascent[i] = float64(ext.Ascender) / upem
		t.descent[i] = -float64(ext.Descender) / upem
	}
	// The shaper's cache of HarfBuzz fonts holds none by default: each
	// call built its font again, two thirds of the time shaping took.
	t.shaper.SetFontCacheSize(len(fontNames))
	return t
})

// fallback picks, for each rune, the style's face or else the regular one
// (the oblique face has no Arabic).
type fallback [2]*font.Face

func (f fallback) ResolveFace(r rune) *font.Face {
	for _, fc := range f {
		if _, ok := fc.NominalGlyph(r); ok {
			return fc
		}
	}
	return f[0]
}

// set shapes s in style, or returns it from the cache.
func (t *typesetter) set(style fontStyle, s string) *line {
	k := lineKey{style, s}
	t.mu.Lock()
	defer t.mu.Unlock()
	if l, ok := t.lines[k]; ok {
		return l
	}
	l := t.shape(style, s)
	if len(t.lines) >= maxLines {
		clear(t.lines)
	}
	t.lines[k] = l
	return l
}

func (t *typesetter) shape(style fontStyle, s string) *line {
	runes := []rune(s)
	if len(runes) > maxShapedRunes {
		runes = runes[:maxShapedRunes]
	}
	l := &line{ink: [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}}
	if len(runes) == 0 {
		l.ink = [4]float64{}
		return l
	}
	face := t.faces[style]
	// The shaper is asked for the size in font units: its positions come
	// back in font units with 1/64 precision, whatever the drawn size.
	in := shaping.Input{Text: runes, RunEnd: len(runes), Direction: di.DirectionLTR, Face: face,
		Size: fixed.I(int(face.Upem()))}
	runs := visualOrder(runes, t.seg.Split(in, fallback{face, t.faces[regular]}))
	x := 0.0
	for _, run := range runs {
		out := t.shaper.Shape(run)
		upem := float64(run.Face.Upem())
		pen := func(v fixed.Int26_6) float64 { return float64(v) / 64 / upem }
		fi := t.faceIndex(run.Face)
		for _, g := range out.Glyphs {
			gl := t.outline(run.Face, g.GlyphID)
			px, py := x+pen(g.XOffset), pen(g.YOffset)
			r := rune(0)
			if g.RuneCount == 1 && g.GlyphCount == 1 && g.ClusterIndex < len(runes) {
				if nom, ok := run.Face.NominalGlyph(runes[g.ClusterIndex]); ok && nom == g.GlyphID {
					r = runes[g.ClusterIndex]
				}
			}
			cluster := ""
			if r == 0 {
				if g.GlyphCount == 1 {
					r = t.char(fi, g.GlyphID) // a ligature, a joined form
				}
				if first := len(l.glyphs) == 0 || l.glyphs[len(l.glyphs)-1].clusterIndex != g.ClusterIndex; first {
					cluster = string(runes[g.ClusterIndex:min(len(runes), g.ClusterIndex+g.RuneCount)])
				}
			}
			l.glyphs = append(l.glyphs, placedGlyph{g: gl, x: px, y: py, face: fi, r: r, cluster: cluster, clusterIndex: g.ClusterIndex})
			if gl.ink[0] <= gl.ink[2] {
				l.ink[0] = math.Min(l.ink[0], px+gl.ink[0])
				l.ink[1] = math.Min(l.ink[1], py+gl.ink[1])
				l.ink[2] = math.Max(l.ink[2], px+gl.ink[2])
				l.ink[3] = math.Max(l.ink[3], py+gl.ink[3])
			}
			x += pen(g.XAdvance)
		}
	}
	l.advance = x
	if l.ink[0] > l.ink[2] {
		l.ink = [4]float64{} // only spaces
	}
	return l
}

// char is a character the face maps to the glyph, or 0: the character
// a writer of text puts for a glyph shaping substituted (U+FB01 for the
// "fi" ligature, an Arabic presentation form for a joined letter), which
// text extraction reads back as the letters.
func (t *typesetter) char(f fontStyle, gid font.GID) rune {
	m := t.chars[f]
	if m == nil {
		m = map[font.GID]rune{}
		it := t.faces[f].Cmap.Iter()
		for it.Next() {
			r, g := it.Char()
			if old, ok := m[g]; !ok || r < old {
				m[g] = r
			}
		}
		t.chars[f] = m
	}
	return m[gid]
}

// faceIndex is the style whose face f is.
func (t *typesetter) faceIndex(f *font.Face) fontStyle {
	for i, fc := range t.faces {
		if fc == f {
			return fontStyle(i)
		}
	}
	return regular
}

// outline returns a glyph's outline scaled to em units, cached per face.
func (t *typesetter) outline(face *font.Face, gid font.GID) *glyph {
	k := glyphKey{face, gid}
	if g, ok := t.glyphs[k]; ok {
		return g
	}
	g := &glyph{id: gid, ink: [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)},
		adv: float64(face.HorizontalAdvance(gid)) / float64(face.Upem())}
	// Fonts with bitmap or SVG glyphs carry an outline too; DejaVu has
	// only outlines.
	if o, ok := face.GlyphData(gid).(font.GlyphOutline); ok {
		k := 1 / float32(face.Upem())
		g.segs = o.Segments
		for i := range g.segs {
			for j := range g.segs[i].ArgsSlice() {
				p := &g.segs[i].Args[j]
				p.X, p.Y = p.X*k, p.Y*k
				g.ink[0] = math.Min(g.ink[0], float64(p.X))
				g.ink[1] = math.Min(g.ink[1], float64(p.Y))
				g.ink[2] = math.Max(g.ink[2], float64(p.X))
				g.ink[3] = math.Max(g.ink[3], float64(p.Y))
			}
		}
	}
	t.glyphs[k] = g
	return g
}

// FallbackFont is the regular face of the map's labels as a TrueType
// file. The window gives it to Fyne as the last face to look a character
// up in, so the panels can set what Fyne's own font lacks (arrows, the
// Georgian and Armenian of place names) with the letters the map uses.
func FallbackFont() []byte {
	b, err := fontFiles.ReadFile(fontNames[regular])
	if err != nil {
		panic(err) // embedded: present in every build
	}
	return b
}
