package export

import (
	"bytes"
	"image/png"
	"io"
	"testing"

	"github.com/corridor-atlas/corridor-atlas/app/render"
)

func benchMap(b *testing.B) *render.Scene {
	c := catalogue(b)
	o := Defaults()
	o.Out = "x.png"
	o.Width, o.Height = 3840, 2160
	s, err := o.Scene(c)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkEncode4K: our encoder on a 4K map (the export path).
func BenchmarkEncode4K(b *testing.B) {
	img := render.New().Render(benchMap(b))
	var n int64
	for b.Loop() {
		var buf bytes.Buffer
		if err := EncodePNG(&buf, img, 96); err != nil {
			b.Fatal(err)
		}
		n = int64(buf.Len())
	}
	b.ReportMetric(float64(n)/1e6, "MB")
}

// BenchmarkEncode4KStdlib: image/png at BestSpeed on the same map, for
// comparison.
func BenchmarkEncode4KStdlib(b *testing.B) {
	img := render.New().Render(benchMap(b))
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	for b.Loop() {
		if err := enc.Encode(io.Discard, img); err != nil {
			b.Fatal(err)
		}
	}
}
