package render

import (
	_ "embed"
	"image"
	"image/color"
	"math"
	"strings"
	"sync"
	"unicode"

	ot "github.com/go-text/typesetting/font/opentype"
	"golang.org/x/image/vector"

	"github.com/corridor-atlas/corridor-atlas/app/render/internal/raster"
)

// upperLabel capitalises a label set in capitals (country names), except
// Georgian: Unicode maps Mkhedruli to the Mtavruli capitals, which the
// font lacks, and Georgian is written without case.
func upperLabel(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0x10D0 && r <= 0x10FF {
			return r
		}
		return unicode.ToUpper(r)
	}, s)
}

// face is a font style at a pixel size, with its line metrics.
type face struct {
	style           fontStyle
	size            float64 // px per em
	ascent, descent float64 // px, both positive
}

// faces hands out faces by style and pixel size, rounded to a quarter
// pixel so the label and mask caches see few distinct sizes. A face is a
// few numbers worked out on each call, so the goroutines drawing the
// bands of one picture share nothing through it.
type faces struct{}

func (faces) get(style fontStyle, size float64) *face {
	size = math.Round(size*4) / 4
	t := typeset()
	return &face{style: style, size: size, ascent: t.ascent[style] * size, descent: t.descent[style] * size}
}

// textBox is the pixel extent of a string: its advance and its ascent and
// descent from the baseline.
func textBox(face *face, s string) (w, ascent, descent float64) {
	return typeset().set(face.style, s).advance * face.size, face.ascent, face.descent
}

// drawText draws s with its baseline starting at (x, y), surrounded by a
// halo of radius haloR (0 for none) so it stays legible over any map,
// inside clip.
func drawText(dst *image.RGBA, clip image.Rectangle, face *face, s string, x, y float64, col, halo color.NRGBA, haloR float64) {
	if halo.A == 0 {
		haloR = 0
	}
	m := textMask(face, s, x, y, haloR)
	off := image.Pt(int(math.Floor(x)), int(math.Floor(y)))
	r := m.text.Bounds().Add(off).Intersect(clip)
	if r.Empty() {
		return
	}
	i := m.text.PixOffset(r.Min.X-off.X, r.Min.Y-off.Y)
	if m.halo == nil {
		raster.CompositeStride(dst, r, m.text.Pix[i:], m.text.Stride, col)
		return
	}
	// Halo and text in one pass over the pixels (the masks share their
	// bounds): the label pass blended every label's pixels twice.
	raster.CompositeTwo(dst, r, m.halo.Pix[i:], m.text.Pix[i:], m.text.Stride, halo, col)
}

// masks are a string's glyph coverage and its halo, positioned relative
// to the whole pixel the baseline starts in.
type masks struct {
	text, halo *image.Alpha
}

type maskKey struct {
	style  fontStyle
	size   float64
	s      string
	haloR  float64
	fx, fy int // sub-pixel position of the baseline start, in quarters
}

// maskCache keeps rendered labels: the same names are drawn at every
// frame, and glyph rendering plus dilation was a fifth of a pan's time.
var maskCache = struct {
	sync.Mutex
	m     map[maskKey]masks
	bytes int
}{m: map[maskKey]masks{}}

// The mask cache is cleared when it holds maxMasks labels or
// maxMaskBytes of masks (a few long labels on an 8K picture).
const (
	maxMasks     = 4096
	maxMaskBytes = 64 << 20
)

func textMask(face *face, s string, x, y, haloR float64) masks {
	fx := int(math.Round((x - math.Floor(x)) * 4))
	fy := int(math.Round((y - math.Floor(y)) * 4))
	k := maskKey{face.style, face.size, s, haloR, fx, fy}
	maskCache.Lock()
	m, ok := maskCache.m[k]
	maskCache.Unlock()
	if ok {
		return m
	}
	m.text = rasterize(typeset().set(face.style, s), face.size, float64(fx)/4, float64(fy)/4, int(math.Ceil(haloR))+1)
	if haloR > 0 {
		m.halo = dilate(m.text, haloR)
	}
	size := len(m.text.Pix)
	if m.halo != nil {
		size += len(m.halo.Pix)
	}
	maskCache.Lock()
	if len(maskCache.m) >= maxMasks || maskCache.bytes+size > maxMaskBytes {
		clear(maskCache.m)
		maskCache.bytes = 0
	}
	maskCache.m[k] = m
	maskCache.bytes += size
	maskCache.Unlock()
	return m
}

// rasterize draws a set line's glyph outlines at size px per em with the
// baseline starting at (ox, oy) (within the first pixel) into a coverage
// mask covering its ink plus pad pixels all round, in coordinates
// relative to that pixel.
func rasterize(l *line, size, ox, oy float64, pad int) *image.Alpha {
	// The ink box in pixels, y down.
	x0 := int(math.Floor(ox+l.ink[0]*size)) - pad
	x1 := int(math.Ceil(ox+l.ink[2]*size)) + pad
	y0 := int(math.Floor(oy-l.ink[3]*size)) - pad
	y1 := int(math.Ceil(oy-l.ink[1]*size)) + pad
	m := image.NewAlpha(image.Rect(x0, y0, x1, y1))
	if len(l.glyphs) == 0 || l.ink == [4]float64{} {
		return m
	}
	var z vector.Rasterizer
	z.Reset(x1-x0, y1-y0)
	for _, pg := range l.glyphs {
		// Rasteriser coordinates: relative to the mask's corner.
		gx, gy := ox+pg.x*size-float64(x0), oy-pg.y*size-float64(y0)
		pt := func(p ot.SegmentPoint) (float32, float32) {
			return float32(gx + float64(p.X)*size), float32(gy - float64(p.Y)*size)
		}
		open := false
		for _, sg := range pg.g.segs {
			switch sg.Op {
			case ot.SegmentOpMoveTo:
				if open {
					z.ClosePath()
				}
				z.MoveTo(pt(sg.Args[0]))
				open = true
			case ot.SegmentOpLineTo:
				z.LineTo(pt(sg.Args[0]))
			case ot.SegmentOpQuadTo:
				ax, ay := pt(sg.Args[0])
				bx, by := pt(sg.Args[1])
				z.QuadTo(ax, ay, bx, by)
			case ot.SegmentOpCubeTo:
				ax, ay := pt(sg.Args[0])
				bx, by := pt(sg.Args[1])
				cx, cy := pt(sg.Args[2])
				z.CubeTo(ax, ay, bx, by, cx, cy)
			}
		}
		if open {
			z.ClosePath()
		}
	}
	z.Draw(&image.Alpha{Pix: m.Pix, Stride: m.Stride, Rect: image.Rect(0, 0, x1-x0, y1-y0)}, image.Rect(0, 0, x1-x0, y1-y0), image.Opaque, image.Point{})
	return m
}

// dilate grows a glyph mask by radius r (a max filter over a disc), which
// gives a halo that follows the letter shapes.
func dilate(m *image.Alpha, r float64) *image.Alpha {
	b := m.Bounds()
	out := image.NewAlpha(b)
	ri := int(math.Ceil(r))
	type off struct {
		dx, dy int
		w      float64
	}
	var offs []off
	for dy := -ri; dy <= ri; dy++ {
		for dx := -ri; dx <= ri; dx++ {
			d := math.Hypot(float64(dx), float64(dy))
			if d <= r+0.5 {
				offs = append(offs, off{dx, dy, clamp01(r + 0.5 - d)})
			}
		}
	}
	w, h := b.Dx(), b.Dy()
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			a := m.Pix[y*m.Stride+x]
			if a == 0 {
				continue
			}
			for _, o := range offs {
				xx, yy := x+o.dx, y+o.dy
				if xx < 0 || yy < 0 || xx >= w || yy >= h {
					continue
				}
				v := uint8(float64(a) * o.w)
				if i := yy*out.Stride + xx; out.Pix[i] < v {
					out.Pix[i] = v
				}
			}
		}
	}
	return out
}

//go:embed fonts/LICENSE-DejaVu.txt
var fontLicense string

// FontLicense is the licence of the embedded DejaVu fonts, for
// `corridor-atlas --licenses` and Help → About.
func FontLicense() string { return fontLicense }
