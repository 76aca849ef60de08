package raster

import (
	"encoding/binary"
	"image"
	"image/color"
)

// Composite blends col (straight alpha) into dst through an 8-bit
// coverage mask the size of r, as draw.DrawMask with draw.Over does
// (TestCompositeMatchesDrawMask), skipping uncovered pixels eight at a
// time. draw.DrawMask's generic path, and x/image/vector's own RGBA
// compositing with a divide per channel of every pixel of its area, were
// most of a frame's drawing where a thin line touches few of them.
func Composite(dst *image.RGBA, r image.Rectangle, mask []uint8, col color.NRGBA) {
	CompositeStride(dst, r, mask, r.Dx(), col)
}

// CompositeStride is Composite with a mask whose rows are stride bytes
// apart.
func CompositeStride(dst *image.RGBA, r image.Rectangle, mask []uint8, stride int, col color.NRGBA) {
	w := r.Dx()
	sa := uint32(col.A)
	sr, sg, sb := uint32(col.R), uint32(col.G), uint32(col.B)
	// Fully covered pixels of a translucent colour (a layer's fill at 30 %
	// over a whole continent) all blend with the same weights: look the
	// result up per destination value instead of multiplying.
	var lut [3][256]uint8
	if sa < 255 {
		inv := 255 - sa
		for v := uint32(0); v < 256; v++ {
			lut[0][v] = uint8(Div255(sr*sa + v*inv))
			lut[1][v] = uint8(Div255(sg*sa + v*inv))
			lut[2][v] = uint8(Div255(sb*sa + v*inv))
		}
	}
	// Eight opaque pixels at once, for the insides of opaque fills (land).
	var solid [32]byte
	for i := 0; i < 32; i += 4 {
		solid[i], solid[i+1], solid[i+2], solid[i+3] = col.R, col.G, col.B, 0xFF
	}
	// A translucent fill over a plain background (a layer over the no-data
	// grey, or over open water) meets the same eight pixels again and
	// again: the last eight blended are remembered and copied.
	var seen, blended [32]byte
	seenOK := false
	for y := 0; y < r.Dy(); y++ {
		row := mask[y*stride : y*stride+w]
		pix := dst.Pix[dst.PixOffset(r.Min.X, r.Min.Y+y):]
		x := 0
		for x < w {
			if x+8 <= w {
				switch binary.LittleEndian.Uint64(row[x:]) {
				case 0:
					x += 8
					continue
				case ^uint64(0):
					block := pix[4*x : 4*x+32]
					if sa == 255 {
						copy(block, solid[:])
						x += 8
						continue
					}
					if seenOK && [32]byte(block) == seen {
						copy(block, blended[:])
						x += 8
						continue
					}
					if opaque8(block) {
						seen, seenOK = [32]byte(block), true
						for i := 0; i < 32; i += 4 {
							block[i], block[i+1], block[i+2] = lut[0][block[i]], lut[1][block[i+1]], lut[2][block[i+2]]
						}
						blended = [32]byte(block)
						x += 8
						continue
					}
				}
			}
			m := uint32(row[x])
			if m == 0 {
				x++
				continue
			}
			i := 4 * x
			switch {
			case m == 255 && sa == 255:
				pix[i], pix[i+1], pix[i+2], pix[i+3] = col.R, col.G, col.B, 0xFF
			case m == 255 && pix[i+3] == 0xFF:
				pix[i], pix[i+1], pix[i+2] = lut[0][pix[i]], lut[1][pix[i+1]], lut[2][pix[i+2]]
			default:
				BlendPixel(pix[i:i+4:i+4], m, col)
			}
			x++
		}
	}
}

// CompositeTwo blends a then b into dst through two coverage masks with
// the same layout: per pixel, what Composite would give for a followed
// by b, in one pass (a label's halo and its letters).
func CompositeTwo(dst *image.RGBA, r image.Rectangle, ma, mb []uint8, stride int, a, b color.NRGBA) {
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
				BlendPixel(p, m, a)
			}
			if m := uint32(rb[x]); m != 0 {
				BlendPixel(p, m, b)
			}
		}
	}
}

// DrawMask blends col into dst through mask placed at off, clipped to
// dst.
func DrawMask(dst *image.RGBA, mask *image.Alpha, off image.Point, col color.NRGBA) {
	r := mask.Bounds().Add(off).Intersect(dst.Bounds())
	if r.Empty() {
		return
	}
	i := mask.PixOffset(r.Min.X-off.X, r.Min.Y-off.Y)
	CompositeStride(dst, r, mask.Pix[i:], mask.Stride, col)
}

// BlendPixel blends col into one premultiplied RGBA pixel at coverage m
// (1..255): source over, with coverage times alpha rounded to 8 bits.
func BlendPixel(p []byte, m uint32, col color.NRGBA) {
	if m == 255 && col.A == 255 {
		p[0], p[1], p[2], p[3] = col.R, col.G, col.B, 0xFF
		return
	}
	a := Div255(m * uint32(col.A))
	inv := 255 - a
	p[0] = uint8(Div255(uint32(col.R)*a + uint32(p[0])*inv))
	p[1] = uint8(Div255(uint32(col.G)*a + uint32(p[1])*inv))
	p[2] = uint8(Div255(uint32(col.B)*a + uint32(p[2])*inv))
	p[3] = uint8(Div255(255*a + uint32(p[3])*inv))
}

// opaque8 reports whether eight RGBA pixels are all opaque.
func opaque8(b []byte) bool {
	return b[3]&b[7]&b[11]&b[15]&b[19]&b[23]&b[27]&b[31] == 0xFF
}

// Div255 is x/255 rounded, exact for x ≤ 65535, without a division.
func Div255(x uint32) uint32 {
	x += 128
	return (x + x>>8) >> 8
}
