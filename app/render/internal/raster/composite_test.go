package raster

import (
	"image"
	"image/color"
	"image/draw"
	"math/rand/v2"
	"testing"
)

// TestCompositeMatchesDrawMask holds the compositor to the standard
// library's: draw.DrawMask of a uniform colour through an alpha mask,
// source over, on opaque and translucent pictures, for opaque,
// translucent and nearly clear colours. draw computes in 16 bits and we
// in 8, so a channel may differ by one.
func TestCompositeMatchesDrawMask(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, tc := range []struct {
		name   string
		col    color.NRGBA
		opaque bool
	}{
		{"opaque colour on an opaque picture", color.NRGBA{200, 30, 60, 255}, true},
		{"translucent colour on an opaque picture", color.NRGBA{200, 30, 60, 77}, true},
		{"nearly clear colour", color.NRGBA{10, 240, 90, 3}, true},
		{"translucent colour on a translucent picture", color.NRGBA{40, 90, 220, 150}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const w, h = 75, 23
			dst := image.NewRGBA(image.Rect(0, 0, w+6, h+4))
			for i := 0; i < len(dst.Pix); i += 4 {
				a := uint8(255)
				if !tc.opaque {
					a = uint8(rng.IntN(256))
				}
				// Premultiplied: no channel above alpha.
				for k := range 3 {
					dst.Pix[i+k] = uint8(rng.IntN(int(a) + 1))
				}
				dst.Pix[i+3] = a
				if (i/4)%(w+6) < 30 { // a plain run for the remembered block
					dst.Pix[i], dst.Pix[i+1], dst.Pix[i+2], dst.Pix[i+3] = 180, 200, 220, 255
				}
			}
			mask := image.NewAlpha(image.Rect(0, 0, w, h))
			for i := range mask.Pix {
				switch x := i % w; {
				case x < 16:
					mask.Pix[i] = 255
				case x < 24:
					mask.Pix[i] = 0
				default:
					mask.Pix[i] = uint8(rng.IntN(256))
				}
			}
			r := image.Rect(3, 2, 3+w, 2+h)
			want := image.NewRGBA(dst.Rect)
			copy(want.Pix, dst.Pix)
			draw.DrawMask(want, r, image.NewUniform(tc.col), image.Point{}, mask, image.Point{}, draw.Over)
			Composite(dst, r, mask.Pix, tc.col)
			for i := range dst.Pix {
				if d := int(dst.Pix[i]) - int(want.Pix[i]); d > 1 || d < -1 {
					t.Fatalf("pixel %d,%d channel %d: %d, draw.DrawMask %d", (i%dst.Stride)/4, i/dst.Stride, i%4, dst.Pix[i], want.Pix[i])
				}
			}
		})
	}
}
