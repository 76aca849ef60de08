package vector

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"image/color"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"golang.org/x/text/unicode/bidi"

	"github.com/corridor-atlas/corridor-atlas/app/render"
)

// SVGText is how an SVG carries its text.
type SVGText int

const (
	// SVGEmbed writes text as text, in the embedded font (subset to the
	// letters used): selectable, searchable and editable where the
	// program reads embedded fonts (browsers; PowerPoint and Illustrator
	// use an installed DejaVu Sans Condensed, else a fallback).
	SVGEmbed SVGText = iota
	// SVGOutline writes every letter as its outline: exactly the map's
	// letters in any program, no longer text.
	SVGOutline
)

// SVG is a Painter writing an SVG document. Each Begin opens a <g> with
// the group's id and title (Inkscape reads the top-level ones as layers,
// Illustrator names its layers by their ids); each Fill or Stroke is one
// <path>; text is <text> with a halo drawn under it as a stroked copy.
// The document is written by Close, once the letters used are known.
type SVG struct {
	// width and height are the picture's size in pixels (the viewBox);
	// physW and physH its size as the document states it ("297mm"), or
	// empty for the same pixels.
	width, height float64
	physW, physH  string
	title, desc   string
	mode          SVGText
	groupTitle    func(string) string

	body  bytes.Buffer
	path  svgPath
	box   orb.Bound // the picture, grown a little: geometry is cut to it
	ids   map[string]int
	depth int
	used  [3]map[uint16]bool // glyphs set as text, by face
	segs  []render.Segment
	st    []stroke
}

// SVGOptions describe an SVG document.
type SVGOptions struct {
	Width, Height float64 // pixels
	// PhysicalWidth and PhysicalHeight state a print size ("297mm"); empty
	// for pixels.
	PhysicalWidth, PhysicalHeight string
	Title, Description            string
	Text                          SVGText
	// GroupTitle names a group in words (render.Scene.GroupTitle).
	GroupTitle func(string) string
}

// NewSVG starts an SVG document.
func NewSVG(o SVGOptions) *SVG {
	s := &SVG{width: o.Width, height: o.Height, physW: o.PhysicalWidth, physH: o.PhysicalHeight,
		title: o.Title, desc: o.Description, mode: o.Text, groupTitle: o.GroupTitle, ids: map[string]int{}}
	if s.groupTitle == nil {
		s.groupTitle = func(n string) string { return n }
	}
	s.box = grow(orb.Bound{Max: orb.Point{o.Width, o.Height}}, 2)
	for i := range s.used {
		s.used[i] = map[uint16]bool{}
	}
	return s
}

// Begin opens a group named for what it holds.
func (s *SVG) Begin(name string) {
	id := xmlID(name)
	if n := s.ids[id]; n > 0 {
		s.ids[id]++
		id = fmt.Sprintf("%s-%d", id, n+1)
	} else {
		s.ids[id] = 1
	}
	title := s.groupTitle(name)
	s.body.WriteString("<g id=\"")
	s.body.WriteString(id)
	s.body.WriteString("\"")
	if s.depth == 0 {
		s.body.WriteString(` inkscape:groupmode="layer" inkscape:label="`)
		xml.EscapeText(&s.body, []byte(title))
		s.body.WriteString(`"`)
	}
	s.body.WriteString("><title>")
	xml.EscapeText(&s.body, []byte(title))
	s.body.WriteString("</title>\n")
	s.depth++
}

// End closes the innermost group.
func (s *SVG) End() {
	if s.depth == 0 {
		return
	}
	s.depth--
	s.body.WriteString("</g>\n")
}

// Fill writes the path's subpaths that show as one filled path.
func (s *SVG) Fill(p *render.Path, col color.NRGBA) {
	if p.Empty() || col.A == 0 {
		return
	}
	s.path.reset(10)
	fillPath(p, s.box, &s.path)
	if len(s.path.b) == 0 {
		return
	}
	s.pathElem(s.path.b)
	s.body.WriteString(`" fill="`)
	s.paint(col, "fill-opacity")
	s.body.WriteString("/>\n")
}

// Stroke writes the outline of the path's subpaths with the pen: one
// path for each dash phase (a dash pattern starts anew at each subpath
// at one phase per path element).
func (s *SVG) Stroke(p *render.Path, pen render.Pen, col color.NRGBA) {
	if p.Empty() || col.A == 0 || pen.Width <= 0 {
		return
	}
	s.st = strokePieces(p, grow(s.box, pen.Width), s.st[:0])
	for _, phase := range phases(s.st, pen) {
		s.path.reset(10)
		for i := range s.st {
			if pen.Dash == nil || s.st[i].phase == phase {
				sendStroke(&s.path, &s.st[i])
			}
		}
		if len(s.path.b) == 0 {
			continue
		}
		s.pathElem(s.path.b)
		s.body.WriteString(`" fill="none" stroke="`)
		s.paint(col, "stroke-opacity")
		s.strokeAttrs(pen.Width, pen.Cap == render.ButtCap)
		if pen.Dash != nil {
			s.body.WriteString(` stroke-dasharray="`)
			for i, d := range pen.Dash {
				if i > 0 {
					s.body.WriteByte(' ')
				}
				s.body.WriteString(fnum(d, 2))
			}
			s.body.WriteString(`"`)
			if phase != 0 {
				fmt.Fprintf(&s.body, ` stroke-dashoffset="%s"`, fnum(phase, 2))
			}
		}
		s.body.WriteString("/>\n")
	}
	clear(s.st)
}

// phases lists the distinct dash phases of the pieces, in order (one,
// 0, for a solid pen).
func phases(st []stroke, pen render.Pen) []float64 {
	if pen.Dash == nil {
		return []float64{0}
	}
	var out []float64
	for i := range st {
		ph := phaseIn(st[i].phase, pen.Dash)
		st[i].phase = ph
		found := false
		for _, o := range out {
			if o == ph {
				found = true
				break
			}
		}
		if !found {
			out = append(out, ph)
		}
	}
	return out
}

// phaseIn is a phase reduced to one period of the pattern, rounded to a
// hundredth of a pixel, so pieces that start alike share a path.
func phaseIn(ph float64, dash []float64) float64 {
	period := 0.0
	for _, d := range dash {
		period += d
	}
	if len(dash)%2 == 1 {
		period *= 2
	}
	if period <= 0 {
		return 0
	}
	ph = ph - period*float64(int64(ph/period))
	if ph < 0 {
		ph += period
	}
	return float64(int64(ph*100+0.5)) / 100
}

func (s *SVG) pathElem(d []byte) {
	s.body.WriteString(`<path d="`)
	s.body.Write(d)
}

// strokeAttrs writes a stroke's width, and its caps when they are not
// the document's round ones.
func (s *SVG) strokeAttrs(w float64, butt bool) {
	s.body.WriteString(` stroke-width="`)
	s.body.WriteString(fnum(w, 2))
	s.body.WriteString(`"`)
	if butt {
		s.body.WriteString(` stroke-linecap="butt"`)
	}
}

// paint writes a colour and closes the attribute, then its opacity
// attribute when it is not opaque.
func (s *SVG) paint(col color.NRGBA, opacity string) {
	fmt.Fprintf(&s.body, "#%02x%02x%02x\"", col.R, col.G, col.B)
	if col.A < 0xFF {
		fmt.Fprintf(&s.body, ` %s="%s"`, opacity, fnum(float64(col.A)/255, 3))
	}
}

// Text writes the runs: halo under every run first, then the letters.
func (s *SVG) Text(runs []render.TextRun, dx, dy, halo float64, haloCol color.NRGBA) {
	if halo > 0 && haloCol.A > 0 {
		for _, t := range runs {
			s.text(t, dx, dy, halo, haloCol)
		}
	}
	for _, t := range runs {
		s.text(t, dx, dy, 0, t.Colour)
	}
}

// text writes one run in col: its letters, or (halo > 0) their halo.
func (s *SVG) text(t render.TextRun, dx, dy, halo float64, col color.NRGBA) {
	if col.A == 0 || strings.TrimSpace(t.Text) == "" {
		return
	}
	var outlined []render.Glyph
	if s.mode == SVGOutline {
		t.X += dx
		t.Y += dy
		outlined = t.Glyphs()
	} else {
		var set []setRun
		set, outlined = splitRun(t, dx, dy)
		for i := range set {
			s.setText(&set[i], halo, col)
		}
	}
	if len(outlined) == 0 {
		return
	}
	s.segs = s.segs[:0]
	for _, g := range outlined {
		s.segs = g.Outline(s.segs)
	}
	if len(s.segs) == 0 {
		return
	}
	s.path.reset(100)
	sendOutline(&s.path, s.segs)
	s.pathElem(s.path.b)
	if halo > 0 {
		s.body.WriteString(`" fill="none" stroke="`)
		s.paint(col, "stroke-opacity")
		s.strokeAttrs(haloWidth(halo), false)
		s.body.WriteString(` aria-hidden="true"/>` + "\n")
		return
	}
	s.body.WriteString(`" fill="`)
	s.paint(col, "fill-opacity")
	s.body.WriteString("/>\n")
}

// setText writes a run of letters as a <text>, each moved letter in a
// <tspan> of its move. Letters are written in the order they are drawn,
// left to right, so right-to-left ones are kept from being reordered.
func (s *SVG) setText(r *setRun, halo float64, col color.NRGBA) {
	b := &s.body
	fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s"`, fnum(r.x, 2), fnum(r.y, 2), fnum(r.size, 2))
	switch r.font {
	case render.Bold:
		b.WriteString(` font-weight="bold"`)
	case render.Italic:
		b.WriteString(` font-style="oblique"`)
	}
	if hasRTL(r.runes) {
		b.WriteString(` direction="ltr" unicode-bidi="bidi-override"`)
	}
	if halo > 0 {
		b.WriteString(` fill="none" stroke="`)
		s.paint(col, "stroke-opacity")
		s.strokeAttrs(haloWidth(halo), false)
		b.WriteString(` aria-hidden="true">`)
	} else {
		b.WriteString(` fill="`)
		s.paint(col, "fill-opacity")
		b.WriteString(">")
	}
	canon := canonicalRunes(r.font)
	open := false
	for i, ru := range r.runes {
		if r.shifted(i) {
			if open {
				b.WriteString("</tspan>")
			}
			b.WriteString("<tspan")
			if sx := r.shift[i][0]; sx != 0 {
				fmt.Fprintf(b, ` dx="%s"`, fnum(sx, 3))
			}
			if sy := r.shift[i][1]; sy != 0 {
				fmt.Fprintf(b, ` dy="%s"`, fnum(sy, 3))
			}
			b.WriteString(">")
			open = true
		}
		// A ligature is written as the letters it joins, which the
		// embedded face sets side by side: "fi" is found and edited as
		// "fi". (A joined Arabic form stays the form: its letter alone
		// would be set unjoined.)
		chars := []rune{ru}
		if a := []rune(r.actual[i]); len(a) > 1 {
			chars = a
		}
		for _, c := range chars {
			gid, cr := canon(c)
			if halo == 0 {
				s.used[r.font][gid] = true
			}
			xml.EscapeText(b, utf8.AppendRune(nil, cr))
		}
	}
	if open {
		b.WriteString("</tspan>")
	}
	b.WriteString("</text>\n")
}

// Reuse draws: an SVG keeps nothing between pictures.
func (s *SVG) Reuse(_ string, _ render.Box, draw func()) { draw() }

// Close writes the document: the header, the embedded fonts (subset to
// the letters used) and the groups drawn.
func (s *SVG) Close(w io.Writer) error {
	for s.depth > 0 {
		s.End()
	}
	var h bytes.Buffer
	h.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	pw, ph := s.physW, s.physH
	if pw == "" {
		pw, ph = fnum(s.width, 2), fnum(s.height, 2)
	}
	fmt.Fprintf(&h, `<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" version="1.1" width="%s" height="%s" viewBox="0 0 %s %s" xml:space="preserve"`,
		pw, ph, fnum(s.width, 2), fnum(s.height, 2))
	h.WriteString(` font-family="'` + render.FontFamily + `', 'DejaVu Sans', sans-serif" font-stretch="condensed" stroke-linecap="round" stroke-linejoin="round">` + "\n")
	if s.title != "" {
		h.WriteString("<title>")
		xml.EscapeText(&h, []byte(s.title))
		h.WriteString("</title>\n")
	}
	if s.desc != "" {
		h.WriteString("<desc>")
		xml.EscapeText(&h, []byte(s.desc))
		h.WriteString("</desc>\n")
	}
	if err := s.writeFonts(&h); err != nil {
		return err
	}
	if _, err := w.Write(h.Bytes()); err != nil {
		return err
	}
	if _, err := w.Write(s.body.Bytes()); err != nil {
		return err
	}
	_, err := io.WriteString(w, "</svg>\n")
	return err
}

// writeFonts writes a <style> with an @font-face for each face that set
// letters, subset to them; text-rendering options keep renderers from
// kerning again what the positions already kern.
func (s *SVG) writeFonts(w *bytes.Buffer) error {
	var faces []string
	for _, f := range render.FontStyles {
		if len(s.used[f]) == 0 {
			continue
		}
		ttf, err := subsetFont(f, s.used[f])
		if err != nil {
			return err
		}
		weight, style := "normal", "normal"
		switch f {
		case render.Bold:
			weight = "bold"
		case render.Italic:
			style = "oblique"
		}
		faces = append(faces, fmt.Sprintf("@font-face{font-family:'%s';font-weight:%s;font-style:%s;font-stretch:condensed;src:url(data:font/ttf;base64,%s) format('truetype')}",
			render.FontFamily, weight, style, base64.StdEncoding.EncodeToString(ttf)))
	}
	if len(faces) == 0 {
		return nil
	}
	w.WriteString("<style>\n")
	for _, f := range faces {
		w.WriteString(f)
		w.WriteString("\n")
	}
	w.WriteString("text{font-kerning:none;font-feature-settings:'kern' 0,'liga' 0}\n</style>\n")
	return nil
}

// xmlID makes a group name an XML id: letters, digits, '-', '_' and '.',
// starting with a letter or '_'.
func xmlID(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	id := b.String()
	if id == "" {
		return "_"
	}
	if r := []rune(id)[0]; !unicode.IsLetter(r) && r != '_' {
		id = "_" + id
	}
	return id
}

// fnum formats v with at most prec decimals, without trailing zeros.
func fnum(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.IndexByte(s, '.') >= 0 {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		return "0"
	}
	return s
}

// hasRTL reports whether any letter is written right to left.
func hasRTL(rs []rune) bool {
	for _, r := range rs {
		p, _ := bidi.LookupRune(r)
		if c := p.Class(); c == bidi.R || c == bidi.AL {
			return true
		}
	}
	return false
}
