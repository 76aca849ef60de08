package export

import (
	"bufio"
	"cmp"
	"compress/lzw"
	"encoding/binary"
	"image"
	"image/color"
	"io"
	"slices"
)

// This file is the GIF side of animated exports: one palette for the
// whole animation, pixels mapped to it without dithering, and frames
// written as the changed rectangle only.
//
// image/gif is not used for writing because it needs every frame in
// memory before EncodeAll (200 frames of 1280×720 are 184 MB as
// paletted images) and quantises each frame on its own; our writer
// streams frames as they are rendered and shares one palette, so a flat
// land colour is the same index in every frame and unchanged pixels can
// be left transparent.

// transparent is the palette index of "unchanged since the last frame".
// Map colours use 1..255, so a zero in the lookup table can mean "not yet
// looked up".
const transparent = 0

// rgbKey packs a pixel's colour as the lookup table's index.
func rgbKey(p []byte) uint32 { return uint32(p[0]) | uint32(p[1])<<8 | uint32(p[2])<<16 }

// histogram counts the colours of opaque pictures. Runs of one colour
// (most of a flat map) cost one map update each.
type histogram map[uint32]int

func (h histogram) add(img *image.RGBA) {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := img.Pix[img.PixOffset(b.Min.X, y):img.PixOffset(b.Max.X, y)]
		run, n := rgbKey(row), 0
		for i := 0; i < len(row); i += 4 {
			if k := rgbKey(row[i:]); k != run {
				h[run] += n
				run, n = k, 0
			}
			n++
		}
		h[run] += n
	}
}

// Palette sizes: 255 colours besides the transparent index; colours that
// cover at least 1/exactShare of the sampled pixels (the flat land,
// water, flow bands, panels) get an exact entry, up to maxExact of them,
// and median cut shares the rest among antialiased edges and text.
const (
	paletteColours = 255
	maxExact       = 160
	exactShare     = 2000
)

type colourCount struct {
	c uint32
	n int
}

// buildPalette chooses at most 255 colours for the counted pixels: every
// colour in must exactly, then the most common colours exactly (so flat
// areas are their true colour, with no dithering noise), then median-cut
// boxes of what is left, each the weighted mean of its colours.
func buildPalette(h histogram, must []color.NRGBA) []color.RGBA {
	total := 0
	all := make([]colourCount, 0, len(h))
	for c, n := range h {
		all = append(all, colourCount{c, n})
		total += n
	}
	slices.SortFunc(all, func(a, b colourCount) int {
		if a.n != b.n {
			return cmp.Compare(b.n, a.n)
		}
		return cmp.Compare(a.c, b.c)
	})
	var pal []color.RGBA
	in := map[uint32]bool{}
	addExact := func(c uint32) {
		if !in[c] && len(pal) < paletteColours {
			in[c] = true
			pal = append(pal, color.RGBA{uint8(c), uint8(c >> 8), uint8(c >> 16), 0xFF})
		}
	}
	for _, c := range must {
		addExact(uint32(c.R) | uint32(c.G)<<8 | uint32(c.B)<<16)
	}
	if len(all) <= paletteColours-len(pal) {
		for _, cc := range all {
			addExact(cc.c)
		}
		return pal
	}
	for _, cc := range all {
		if len(pal) >= maxExact || cc.n*exactShare < total {
			break
		}
		addExact(cc.c)
	}
	var rest []colourCount
	for _, cc := range all {
		if !in[cc.c] {
			rest = append(rest, cc)
		}
	}
	for _, c := range medianCut(rest, paletteColours-len(pal)) {
		if k := uint32(c.R) | uint32(c.G)<<8 | uint32(c.B)<<16; !in[k] {
			in[k] = true
			pal = append(pal, c)
		}
	}
	return pal
}

// medianCut splits the colours into at most n boxes, each time cutting
// the box with the widest weighted spread at the weighted median of its
// widest channel, and returns each box's weighted mean.
func medianCut(cs []colourCount, n int) []color.RGBA {
	if n <= 0 || len(cs) == 0 {
		return nil
	}
	type box struct {
		cs    []colourCount
		ch    int // widest channel
		score int // spread × pixels: which box to cut next
	}
	channel := func(c uint32, ch int) int { return int(c>>(8*ch)) & 0xFF }
	measure := func(cs []colourCount) box {
		lo, hi := [3]int{255, 255, 255}, [3]int{}
		w := 0
		for _, cc := range cs {
			for ch := range 3 {
				v := channel(cc.c, ch)
				lo[ch], hi[ch] = min(lo[ch], v), max(hi[ch], v)
			}
			w += cc.n
		}
		b := box{cs: cs}
		for ch := range 3 {
			if s := hi[ch] - lo[ch]; s > hi[b.ch]-lo[b.ch] {
				b.ch = ch
			}
		}
		b.score = (hi[b.ch] - lo[b.ch]) * w
		if len(cs) < 2 {
			b.score = -1
		}
		return b
	}
	boxes := []box{measure(cs)}
	for len(boxes) < n {
		best := 0
		for i, b := range boxes {
			if b.score > boxes[best].score {
				best = i
			}
		}
		b := boxes[best]
		if b.score <= 0 {
			break
		}
		slices.SortFunc(b.cs, func(x, y colourCount) int {
			return cmp.Compare(channel(x.c, b.ch), channel(y.c, b.ch))
		})
		w := 0
		for _, cc := range b.cs {
			w += cc.n
		}
		cut, acc := 1, 0
		for i, cc := range b.cs {
			acc += cc.n
			if 2*acc >= w {
				cut = max(1, min(i+1, len(b.cs)-1))
				break
			}
		}
		boxes[best] = measure(b.cs[:cut])
		boxes = append(boxes, measure(b.cs[cut:]))
	}
	out := make([]color.RGBA, 0, len(boxes))
	for _, b := range boxes {
		var sum [3]int
		w := 0
		for _, cc := range b.cs {
			for ch := range 3 {
				sum[ch] += channel(cc.c, ch) * cc.n
			}
			w += cc.n
		}
		if w == 0 {
			continue
		}
		out = append(out, color.RGBA{uint8((sum[0] + w/2) / w), uint8((sum[1] + w/2) / w), uint8((sum[2] + w/2) / w), 0xFF})
	}
	return out
}

// quantiser maps colours to palette indices 1..len(pal) by the nearest
// colour, without dithering: dithering turns flat land and water into
// noise that compresses badly and looks wrong on a projector. Each colour
// is looked up once; the table holds every 24-bit colour (16 MB), so a
// frame's 921,600 pixels cost one indexed load each.
type quantiser struct {
	pal []color.RGBA
	lut []uint8
}

func newQuantiser(pal []color.RGBA) *quantiser {
	return &quantiser{pal: pal, lut: make([]uint8, 1<<24)}
}

func (q *quantiser) index(k uint32) uint8 {
	if i := q.lut[k]; i != 0 {
		return i
	}
	r, g, b := int(k&0xFF), int(k>>8&0xFF), int(k>>16&0xFF)
	best, bestD := 0, int(^uint(0)>>1)
	for i, c := range q.pal {
		// Weights for how differences show (green most, blue least).
		dr, dg, db := r-int(c.R), g-int(c.G), b-int(c.B)
		d := 3*dr*dr + 4*dg*dg + 2*db*db
		if d < bestD {
			best, bestD = i, d
			if d == 0 {
				break
			}
		}
	}
	idx := uint8(best + 1)
	q.lut[k] = idx
	return idx
}

// gifWriter streams an animated GIF: a global palette, a loop forever,
// and frames that each replace only a rectangle of the last one.
type gifWriter struct {
	w      *bufio.Writer
	q      *quantiser
	width  int
	height int
	shown  []uint8 // the palette index each pixel shows now
	next   []uint8 // this frame's indices
	rect   []uint8 // the rectangle to write
	frames int
	blocks blockWriter
}

func newGIFWriter(w io.Writer, width, height int, q *quantiser) (*gifWriter, error) {
	g := &gifWriter{w: bufio.NewWriterSize(w, 1<<20), q: q, width: width, height: height,
		shown: make([]uint8, width*height), next: make([]uint8, width*height)}
	g.blocks.w = g.w
	bw := g.w
	bw.WriteString("GIF89a")
	var lsd [7]byte
	binary.LittleEndian.PutUint16(lsd[0:], uint16(width))
	binary.LittleEndian.PutUint16(lsd[2:], uint16(height))
	lsd[4] = 0x80 | 7<<4 | 7 // a global table of 256 colours, 8 bits per channel
	bw.Write(lsd[:])
	var table [256 * 3]byte // index 0 (transparent) stays black
	for i, c := range q.pal {
		table[3*(i+1)], table[3*(i+1)+1], table[3*(i+1)+2] = c.R, c.G, c.B
	}
	bw.Write(table[:])
	// NETSCAPE2.0: loop forever, as slide programs and browsers expect.
	bw.Write([]byte{0x21, 0xFF, 0x0B})
	bw.WriteString("NETSCAPE2.0")
	_, err := bw.Write([]byte{0x03, 0x01, 0x00, 0x00, 0x00})
	return g, err
}

// frame adds a picture shown for delay hundredths of a second. The first
// frame is written whole; later ones as the bounding rectangle of the
// pixels whose palette index changed, unchanged pixels inside it
// transparent (disposal "leave in place"), so a frame where only the
// flows move costs little more than the flows.
func (g *gifWriter) frame(img *image.RGBA, delay int) error {
	w, h := g.width, g.height
	x0, y0, x1, y1 := w, h, -1, -1
	first := g.frames == 0
	for y := range h {
		row := img.Pix[img.PixOffset(0, y):]
		idx := g.next[y*w : (y+1)*w]
		old := g.shown[y*w : (y+1)*w]
		changed := false
		for x := range idx {
			k := g.q.index(rgbKey(row[4*x:]))
			idx[x] = k
			if k != old[x] && !changed {
				changed = true
				x0 = min(x0, x)
			}
		}
		if changed {
			for x := w - 1; x >= 0; x-- {
				if idx[x] != old[x] {
					x1 = max(x1, x)
					break
				}
			}
			y0, y1 = min(y0, y), y
		}
	}
	if first {
		x0, y0, x1, y1 = 0, 0, w-1, h-1
	}
	if x1 < 0 {
		x0, y0, x1, y1 = 0, 0, 0, 0 // nothing changed: one transparent pixel
	}
	rw, rh := x1-x0+1, y1-y0+1
	g.rect = slices.Grow(g.rect[:0], rw*rh)[:rw*rh]
	for y := y0; y <= y1; y++ {
		src := g.next[y*w+x0 : y*w+x1+1]
		old := g.shown[y*w+x0 : y*w+x1+1]
		dst := g.rect[(y-y0)*rw : (y-y0+1)*rw]
		for x, k := range src {
			if k == old[x] && !first {
				dst[x] = transparent
			} else {
				dst[x] = k
				old[x] = k
			}
		}
	}
	// Graphic control: disposal 1 (leave in place), transparency after
	// the first frame, the delay.
	flags := byte(1 << 2)
	if !first {
		flags |= 1
	}
	gce := []byte{0x21, 0xF9, 0x04, flags, byte(delay), byte(delay >> 8), transparent, 0x00}
	g.w.Write(gce)
	var desc [10]byte
	desc[0] = 0x2C
	binary.LittleEndian.PutUint16(desc[1:], uint16(x0))
	binary.LittleEndian.PutUint16(desc[3:], uint16(y0))
	binary.LittleEndian.PutUint16(desc[5:], uint16(rw))
	binary.LittleEndian.PutUint16(desc[7:], uint16(rh))
	g.w.Write(desc[:])
	g.w.WriteByte(8) // LZW minimum code size for 8-bit indices
	lw := lzw.NewWriter(&g.blocks, lzw.LSB, 8)
	if _, err := lw.Write(g.rect); err != nil {
		return err
	}
	if err := lw.Close(); err != nil {
		return err
	}
	if err := g.blocks.flush(); err != nil {
		return err
	}
	g.frames++
	return g.w.WriteByte(0x00) // end of the image data
}

// close writes the trailer.
func (g *gifWriter) close() error {
	g.w.WriteByte(0x3B)
	return g.w.Flush()
}

// blockWriter cuts LZW output into GIF data sub-blocks of at most 255
// bytes, each prefixed by its length.
type blockWriter struct {
	w   *bufio.Writer
	buf [256]byte
	n   int
}

func (b *blockWriter) Write(p []byte) (int, error) {
	total := len(p)
	for len(p) > 0 {
		k := copy(b.buf[1+b.n:], p)
		b.n += k
		p = p[k:]
		if b.n == 255 {
			if err := b.flush(); err != nil {
				return total - len(p), err
			}
		}
	}
	return total, nil
}

func (b *blockWriter) flush() error {
	if b.n == 0 {
		return nil
	}
	b.buf[0] = byte(b.n)
	_, err := b.w.Write(b.buf[:1+b.n])
	b.n = 0
	return err
}
