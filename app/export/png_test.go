package export

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"testing"
)

func testPicture(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(3, 4))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{uint8(x), uint8(y), uint8(x ^ y), 255}
			if (x/37+y/23)%5 == 0 {
				c = color.RGBA{uint8(r.IntN(256)), uint8(r.IntN(256)), uint8(r.IntN(256)), 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// TestEncodePNGRoundTrip decodes our PNG with image/png and compares every
// pixel, for sizes that give one piece and several.
func TestEncodePNGRoundTrip(t *testing.T) {
	for _, size := range []image.Point{{1, 1}, {17, 5}, {640, 360}, {1000, 1700}} {
		img := testPicture(size.X, size.Y)
		var buf bytes.Buffer
		if err := EncodePNG(&buf, img, 300); err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("%v: decode: %v", size, err)
		}
		for y := 0; y < size.Y; y++ {
			for x := 0; x < size.X; x++ {
				if a, b := img.RGBAAt(x, y), color.RGBAModel.Convert(got.At(x, y)).(color.RGBA); a != b {
					t.Fatalf("%v: pixel %d,%d = %v, want %v", size, x, y, b, a)
				}
			}
		}
		if dpi, ok := ReadDPI(buf.Bytes()); !ok || dpi != 300 {
			t.Errorf("%v: dpi %v %v", size, dpi, ok)
		}
	}
}

// TestPNGPiecesJoin: however many pieces the rows are deflated in (one,
// two, one per core of any machine, one per row), the stream is one
// valid PNG of the same pixels, so the multi-piece path is tested on any
// number of cores.
func TestPNGPiecesJoin(t *testing.T) {
	img := testPicture(333, 257)
	for _, pieces := range []int{1, 2, 3, 7, 16, 32, 257, 1000} {
		t.Run(fmt.Sprint(pieces), func(t *testing.T) {
			var buf bytes.Buffer
			if err := encodePNG(&buf, img, 96, pieces); err != nil {
				t.Fatal(err)
			}
			got, err := png.Decode(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			for y := 0; y < 257; y++ {
				for x := 0; x < 333; x++ {
					if a, b := img.RGBAAt(x, y), color.RGBAModel.Convert(got.At(x, y)).(color.RGBA); a != b {
						t.Fatalf("pixel %d,%d = %v, want %v", x, y, b, a)
					}
				}
			}
		})
	}
}
