package raster

import (
	"image"
	"image/color"
	"testing"

	"github.com/paulmach/orb"
	"github.com/srwiley/rasterx"
	"golang.org/x/image/math/fixed"

	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo"
	"github.com/corridor-atlas/corridor-atlas/geo/shapes"
)

// The stroke benchmarks draw the same lines with our stroker and dasher
// and with github.com/srwiley/rasterx's (the stroker Fyne uses), into a
// 1920×1080 picture: the lines of an embedded layer in the corridor view,
// as a map draws them.
//
//   - thin: the 1:10m coastline, 0.8 px, solid;
//   - dashed: the 1:10m borders, 1.1 px, dashes of 5 and 2.5 px;
//   - wide: the coastline again, 8 px with round joins and caps, the
//     stroke of a flow band.

// mapLines are an embedded layer's lines in the corridor view, in image
// pixels.
func mapLines(b *testing.B, id string) [][]orb.Point {
	b.Helper()
	l, err := data.Open(id)
	if err != nil {
		b.Fatal(err)
	}
	view, _ := geo.ViewByName("corridor")
	p, _ := geo.ConicFor(view.Bound)
	v := geo.Fit(p, view.Bound, 1920, 1080, 1)
	o := v.Origin()
	var out [][]orb.Point
	for _, s := range shapes.New(l.Detailed, nil).Visible(v, 16) {
		for _, line := range s.Lines {
			pts := make([]orb.Point, len(line))
			for i, q := range line {
				pts[i] = orb.Point{q[0] - o[0], q[1] - o[1]}
			}
			out = append(out, pts)
		}
	}
	if len(out) == 0 {
		b.Fatalf("no lines of %s", id)
	}
	return out
}

var strokeWork = []struct {
	name  string
	layer string
	width float64
	dash  []float64
}{
	{"thin", "coastline", 0.8, nil},
	{"dashed", "borders", 1.1, []float64{5, 2.5}},
	{"wide", "coastline", 8, nil},
}

func BenchmarkStrokeOwn(b *testing.B) {
	for _, w := range strokeWork {
		b.Run(w.name, func(b *testing.B) {
			lines := mapLines(b, w.layer)
			img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
			c := New(img)
			col := color.NRGBA{0x7E, 0xA6, 0xC4, 0xFF}
			for b.Loop() {
				c.Build(len(lines), func(c *Canvas, i int) {
					if w.dash == nil {
						c.Stroke(lines[i], w.width, 0, 0, RoundCap)
					} else {
						c.Dashed(lines[i], w.width, w.dash, 0, 0, 0, RoundCap)
					}
				})
				c.Flush(col)
			}
		})
	}
}

func BenchmarkStrokeRasterx(b *testing.B) {
	fx := func(v float64) fixed.Int26_6 { return fixed.Int26_6(v * 64) }
	pt := func(p orb.Point) fixed.Point26_6 { return fixed.Point26_6{X: fx(p[0]), Y: fx(p[1])} }
	for _, w := range strokeWork {
		b.Run(w.name, func(b *testing.B) {
			lines := mapLines(b, w.layer)
			img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
			sc := rasterx.NewScannerGV(1920, 1080, img, img.Bounds())
			sc.SetColor(color.NRGBA{0x7E, 0xA6, 0xC4, 0xFF})
			d := rasterx.NewDasher(1920, 1080, sc)
			d.SetStroke(fx(w.width), fx(4), rasterx.RoundCap, nil, rasterx.RoundGap, rasterx.Round, w.dash, 0)
			for b.Loop() {
				for _, line := range lines {
					d.Start(pt(line[0]))
					for _, p := range line[1:] {
						d.Line(pt(p))
					}
					d.Stop(false)
				}
				d.Draw()
				d.Clear()
			}
		})
	}
}
