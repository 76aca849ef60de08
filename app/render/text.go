package render

import (
	"embed"
	"encoding/binary"
	"image"
	"image/color"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// DejaVu Sans Condensed covers Latin (with Azerbaijani ə and Turkish ı ş ğ)
// and Cyrillic, and its narrow widths suit map labels.
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

var parsedFonts = sync.OnceValue(func() [3]*opentype.Font {
	var out [3]*opentype.Font
	for i, name := range fontNames {
		b, err := fontFiles.ReadFile(name)
		if err != nil {
			panic("render: embedded font missing: " + name) // a build error, not an input error
		}
		f, err := opentype.Parse(b)
		if err != nil {
			panic("render: embedded font unreadable: " + name)
		}
		out[i] = f
	}
	return out
})

type faceKey struct {
	style fontStyle
	size  float64
}

// faces caches font faces by style and pixel size. Faces are not safe for
// concurrent use; each Renderer has its own cache and lock.
type faces map[faceKey]font.Face

func (fc faces) get(style fontStyle, size float64) font.Face {
	size = math.Round(size*4) / 4
	k := faceKey{style, size}
	if f, ok := fc[k]; ok {
		return f
	}
	f, err := opentype.NewFace(parsedFonts()[style], &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic("render: font face: " + err.Error())
	}
	fc[k] = f
	return f
}

// textBox is the pixel extent of a string: its advance and its ascent and
// descent from the baseline.
func textBox(face font.Face, s string) (w, ascent, descent float64) {
	m := face.Metrics()
	adv := font.MeasureString(face, s)
	return float64(adv) / 64, float64(m.Ascent) / 64, float64(m.Descent) / 64
}

// drawText draws s with its baseline starting at (x, y), surrounded by a
// halo of radius haloR (0 for none) so it stays legible over any map.
func drawText(dst *image.RGBA, face font.Face, s string, x, y float64, col, halo color.NRGBA, haloR float64) {
	if halo.A == 0 {
		haloR = 0
	}
	m := textMask(face, s, x, y, haloR)
	off := image.Pt(int(math.Floor(x)), int(math.Floor(y)))
	if m.halo == nil {
		drawMask(dst, m.text, off, col)
		return
	}
	// Halo and text in one pass over the pixels (the masks share their
	// bounds): the label pass blended every label's pixels twice.
	r := m.text.Bounds().Add(off).Intersect(dst.Bounds())
	if r.Empty() {
		return
	}
	i := m.text.PixOffset(r.Min.X-off.X, r.Min.Y-off.Y)
	compositeTwo(dst, r, m.halo.Pix[i:], m.text.Pix[i:], m.text.Stride, halo, col)
}

// compositeTwo blends a then b into dst through two coverage masks with
// the same layout: per pixel, what composite would give for a followed
// by b.
func compositeTwo(dst *image.RGBA, r image.Rectangle, ma, mb []uint8, stride int, a, b color.NRGBA) {
	w := r.Dx()
	for y := 0; y < r.Dy(); y++ {
		ra, rb := ma[y*stride:y*stride+w], mb[y*stride:y*stride+w]
		pix := dst.Pix[dst.PixOffset(r.Min.X, r.Min.Y+y):]
		for x := 0; x < w; x++ {
			if x+8 <= w && binary.LittleEndian.Uint64(ra[x:])|binary.LittleEndian.Uint64(rb[x:]) == 0 {
				x += 7
				continue
			}
			p := pix[4*x : 4*x+4 : 4*x+4]
			if m := uint32(ra[x]); m != 0 {
				blendPixel(p, m, a)
			}
			if m := uint32(rb[x]); m != 0 {
				blendPixel(p, m, b)
			}
		}
	}
}

// blendPixel blends col into one RGBA pixel at coverage m (1..255), as
// composite does.
func blendPixel(p []byte, m uint32, col color.NRGBA) {
	if m == 255 && col.A == 255 {
		p[0], p[1], p[2], p[3] = col.R, col.G, col.B, 0xFF
		return
	}
	al := div255(m * uint32(col.A))
	inv := 255 - al
	p[0] = uint8(div255(uint32(col.R)*al + uint32(p[0])*inv))
	p[1] = uint8(div255(uint32(col.G)*al + uint32(p[1])*inv))
	p[2] = uint8(div255(uint32(col.B)*al + uint32(p[2])*inv))
	p[3] = uint8(div255(255*al + uint32(p[3])*inv))
}

// drawMask blends col into dst through mask placed at off, clipped to
// dst, with the renderer's compositing (draw.DrawMask's generic path was
// most of the label pass).
func drawMask(dst *image.RGBA, mask *image.Alpha, off image.Point, col color.NRGBA) {
	r := mask.Bounds().Add(off).Intersect(dst.Bounds())
	if r.Empty() {
		return
	}
	i := mask.PixOffset(r.Min.X-off.X, r.Min.Y-off.Y)
	compositeStride(dst, r, mask.Pix[i:], mask.Stride, col)
}

// masks are a string's glyph coverage and its halo, positioned relative
// to the whole pixel the baseline starts in.
type masks struct {
	text, halo *image.Alpha
}

type maskKey struct {
	face   font.Face
	s      string
	haloR  float64
	fx, fy int // sub-pixel position of the baseline start, in quarters
}

// maskCache keeps rendered labels: the same names are drawn at every
// frame, and glyph rendering plus dilation was a fifth of a pan's time.
var maskCache = struct {
	sync.Mutex
	m map[maskKey]masks
}{m: map[maskKey]masks{}}

const maxMasks = 4096

func textMask(face font.Face, s string, x, y, haloR float64) masks {
	fx := int(math.Round((x - math.Floor(x)) * 4))
	fy := int(math.Round((y - math.Floor(y)) * 4))
	k := maskKey{face, s, haloR, fx, fy}
	maskCache.Lock()
	m, ok := maskCache.m[k]
	maskCache.Unlock()
	if ok {
		return m
	}
	w, asc, desc := textBox(face, s)
	pad := int(math.Ceil(haloR)) + 1
	mw, mh := int(math.Ceil(w))+2*pad+2, int(math.Ceil(asc+desc))+2*pad+2
	// The mask's origin sits pad pixels left of the baseline start and
	// ascent+pad above it; it is placed at the start's whole pixel.
	oy := int(math.Ceil(asc)) + pad
	m.text = image.NewAlpha(image.Rect(-pad, -oy, mw-pad, mh-oy))
	d := font.Drawer{Dst: m.text, Src: image.Opaque, Face: face,
		Dot: fixed.Point26_6{X: fixed.Int26_6(fx * 16), Y: fixed.Int26_6(fy * 16)}}
	d.DrawString(s)
	if haloR > 0 {
		m.halo = dilate(m.text, haloR)
	}
	maskCache.Lock()
	if len(maskCache.m) >= maxMasks {
		clear(maskCache.m)
	}
	maskCache.m[k] = m
	maskCache.Unlock()
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
