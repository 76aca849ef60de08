package render

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/app/render/internal/raster"
)

// rasterPainter is the Painter that draws pixels: each Fill or Stroke is
// one batch of internal/raster's canvas, built by several goroutines when
// it is big and rasterised in one pass.
type rasterPainter struct {
	c *raster.Canvas
	// faces sets text; saved keeps the pixels Reuse hands out again.
	faces faces
	saved *savedPixels
}

// savedPixels is the last picture Reuse drew, by its key.
type savedPixels struct {
	key string
	img *image.RGBA
}

// newRasterPainter draws on img inside clip with canvas c.
func newRasterPainter(c *raster.Canvas, img *image.RGBA, clip image.Rectangle, fc faces, saved *savedPixels) *rasterPainter {
	c.Target(img, clip)
	return &rasterPainter{c: c, faces: fc, saved: saved}
}

func (p *rasterPainter) Begin(string) {}
func (p *rasterPainter) End()         {}

func (p *rasterPainter) Fill(path *Path, col color.NRGBA) {
	sp := path.Subpaths
	if len(sp) == 0 || col.A == 0 {
		return
	}
	if col.A == 0xFF && pixelRects(sp) {
		// An opaque rectangle on whole pixels (the water, the no-data
		// grey) needs no rasteriser.
		for _, s := range sp {
			b := s.Box
			p.c.FillRect(image.Rect(int(b.X0), int(b.Y0), int(b.X1), int(b.Y1)), col)
		}
		return
	}
	p.c.Build(len(sp), func(c *raster.Canvas, i int) {
		s := &sp[i]
		switch s.Kind {
		case LineSubpath, RingSubpath:
			c.Ring(s.Points, s.DX, s.DY)
		case CircleSubpath:
			b := s.Box
			c.Disc((b.X0+b.X1)/2, (b.Y0+b.Y1)/2, (b.X1-b.X0)/2)
		case RectSubpath:
			c.Rect(s.Box.X0, s.Box.Y0, s.Box.X1, s.Box.Y1)
		}
	})
	p.c.Flush(col)
}

// pixelRects reports whether every subpath is a rectangle on whole pixels.
func pixelRects(sp []Subpath) bool {
	for _, s := range sp {
		b := s.Box
		if s.Kind != RectSubpath || b.X0 != math.Trunc(b.X0) || b.Y0 != math.Trunc(b.Y0) || b.X1 != math.Trunc(b.X1) || b.Y1 != math.Trunc(b.Y1) {
			return false
		}
	}
	return true
}

func (p *rasterPainter) Stroke(path *Path, pen Pen, col color.NRGBA) {
	sp := path.Subpaths
	if len(sp) == 0 || col.A == 0 || pen.Width <= 0 {
		return
	}
	cp := raster.RoundCap
	if pen.Cap == ButtCap {
		cp = raster.ButtCap
	}
	p.c.Build(len(sp), func(c *raster.Canvas, i int) {
		s := &sp[i]
		pts, dx, dy := s.Points, s.DX, s.DY
		switch s.Kind {
		case RingSubpath:
			pts = closed(pts)
		case CircleSubpath:
			b := s.Box
			pts, dx, dy = circle((b.X0+b.X1)/2, (b.Y0+b.Y1)/2, (b.X1-b.X0)/2), 0, 0
		case RectSubpath:
			b := s.Box
			pts, dx, dy = []orb.Point{{b.X0, b.Y0}, {b.X1, b.Y0}, {b.X1, b.Y1}, {b.X0, b.Y1}, {b.X0, b.Y0}}, 0, 0
		}
		if pen.Dash == nil {
			c.Stroke(pts, pen.Width, dx, dy, cp)
			return
		}
		c.Dashed(pts, pen.Width, pen.Dash, s.Phase, dx, dy, cp)
	})
	p.c.Flush(col)
}

func (p *rasterPainter) Text(runs []TextRun, dx, dy, halo float64, haloCol color.NRGBA) {
	img := p.c.Image()
	for _, t := range runs {
		drawText(img, p.c.Clip(), p.faces.get(t.Style, t.Size), t.Text, t.X+dx, t.Y+dy, t.Colour, haloCol, halo)
	}
}

func (p *rasterPainter) Reuse(key string, box Box, drawIt func()) {
	img := p.c.Image()
	rect := image.Rect(int(math.Floor(box.X0)), int(math.Floor(box.Y0)), int(math.Ceil(box.X1)), int(math.Ceil(box.Y1))).Intersect(p.c.Clip())
	if rect.Empty() {
		return
	}
	if p.saved == nil {
		drawIt()
		return
	}
	key += "|" + rect.String()
	if p.saved.img != nil && p.saved.key == key {
		draw.Draw(img, rect, p.saved.img, image.Point{}, draw.Src)
		return
	}
	drawIt()
	if p.saved.img == nil || p.saved.img.Rect.Dx() != rect.Dx() || p.saved.img.Rect.Dy() != rect.Dy() {
		p.saved.img = image.NewRGBA(image.Rect(0, 0, rect.Dx(), rect.Dy()))
	}
	draw.Draw(p.saved.img, p.saved.img.Rect, img, rect.Min, draw.Src)
	p.saved.key = key
}
