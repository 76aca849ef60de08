package render

import (
	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo/shapes"
)

// Context layers draw a bloc over the countries without hiding the
// corridor: members hatched and outlined, observers outlined with a
// broken line, in the bloc's colour and at its hatch angle (see
// context/blocs.json), so two blocs that share a country cross-hatch it.
const (
	hatchSpacing = 9.0 // logical pixels between hatch lines
	hatchWidth   = 1.0
	blocOutline  = 1.8
)

// contextLayer draws a bloc's members and observers.
func (f *frame) contextLayer(l SceneLayer) {
	bl, ok := data.BlocByID(l.ID)
	if !ok {
		return
	}
	col, err := ParseColour(bl.Colour)
	if err != nil {
		col = colInk
	}
	shs := f.visibleShapes(l.Layer)
	view := f.worldView(f.clip, 16*f.px)
	var members, observers []*shapes.Shape
	for i := range shs {
		if Prop(shs[i].Feature, "status") == "member" {
			members = append(members, &shs[i])
		} else {
			observers = append(observers, &shs[i])
		}
	}
	// Hatch lines end where the area does: butt caps, cut to the view.
	var segs [][2]orb.Point
	for _, s := range members {
		segs = append(segs, hatch(s.Polys, hatchSpacing*f.px, bl.Hatch, view)...)
	}
	pa := f.path()
	for i := range segs {
		pa.Line(segs[i][:], f.dx, f.dy)
	}
	f.p.Stroke(pa, Pen{Width: hatchWidth * f.px, Cap: ButtCap}, withAlpha(col, 0.55*l.Opacity))
	pa = f.path()
	for _, s := range members {
		for _, poly := range s.Polys {
			for _, ring := range poly {
				pa.Ring(ring, f.dx, f.dy)
			}
		}
	}
	f.p.Stroke(pa, Pen{Width: blocOutline * f.px}, withAlpha(col, 0.85*l.Opacity))
	pa = f.path()
	for _, s := range observers {
		for _, poly := range s.Polys {
			for _, ring := range poly {
				pa.Ring(ring, f.dx, f.dy)
			}
		}
	}
	f.p.Stroke(pa, Pen{Width: blocOutline * f.px, Dash: f.scaled([]float64{6, 4})}, withAlpha(col, 0.85*l.Opacity))
}

// closed returns the ring with its first point again at the end, so a
// stroke goes all the way round.
func closed(r []orb.Point) []orb.Point {
	if len(r) > 1 && r[0] != r[len(r)-1] {
		return append(r[:len(r):len(r)], r[0])
	}
	return r
}
