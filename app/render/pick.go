package render

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo/shapes"
)

// Pick finds the feature drawn nearest to px (image pixels of s.View)
// within radius device pixels: what a click or the hover means. Corridor
// and user layers are searched, topmost first; the basemap is not (a
// click on land is a pan or a deselect, not a question about a country).
//
// Distances are measured in pixels on the viewport's projection (see
// shapes.Set.Distance), so the answer matches what is drawn at any zoom:
// to a line's centre, to the edge of a point's marker, and zero inside a
// polygon. A point wins a tie with a line, so a port at the end of a
// route can be clicked.
//
// Pick does not take the renderer's lock: it measures only the features
// whose lon/lat bounds meet the pick circle, which keeps it well under a
// millisecond, and it answers while a frame is being drawn.
func (r *Renderer) Pick(s *Scene, px orb.Point, radius float64) (layer *Layer, f *geojson.Feature, ok bool) {
	if !s.View.Valid() {
		return nil, nil, false
	}
	// Markers are drawn up to about 10 logical pixels around their point.
	box := lonLatBox(s, px, radius+12*s.View.Scale)
	// Lines and polygon edges count only within radius; the wider box
	// above is for point symbols, which are drawn larger than their point.
	probe := shapes.NewProbe(s.View, px, lonLatBox(s, px, radius+1))
	det := s.detailed()
	best := math.Inf(1)
	bestPoint := false
	for i := len(s.Layers) - 1; i >= 0; i-- {
		l := s.Layers[i]
		if l.Group == data.Basemap {
			continue
		}
		set := l.set(det)
		bounds := set.Bounds()
		for j, ft := range set.Features() {
			if ft == nil || ft.Geometry == nil || !bounds[j].Intersects(box) {
				continue
			}
			pr := 5.0
			if l.Group == data.Corridor {
				m := markerFor(Prop(ft, "kind"), Prop(ft, "role"), Prop(ft, "status"))
				pr = m.radius + m.ringW
			}
			d, point := set.Distance(probe, j, pr*s.View.Scale)
			if d > radius {
				continue
			}
			if l.Group == data.Context {
				// A bloc covers whole countries: it answers a click only
				// where nothing drawn on top of it is near.
				d = radius
			}
			// Strictly nearer wins; at a tie (half a pixel) a point beats a
			// line, and the upper layer (seen first) keeps its place.
			if d < best-0.5 || (math.Abs(d-best) <= 0.5 && point && !bestPoint) {
				best, bestPoint = d, point
				layer, f, ok = l.Layer, ft, true
			}
		}
	}
	return layer, f, ok
}

// PickFlow finds the flow band under px: the nearest flow drawn at the
// scene's year whose band (its drawn width) passes within radius device
// pixels of px. Bands are measured where they were last drawn (moved off
// their routes where they share a stretch) when that drawing was at the
// scene's zoom, and along their routes otherwise.
func (r *Renderer) PickFlow(s *Scene, px orb.Point, radius float64) (*FlowPath, bool) {
	if !s.View.Valid() {
		return nil, false
	}
	scales := s.widthScales()
	var found *FlowPath
	best := math.Inf(1)
	drawn := r.drawnLines.Load()
	if drawn != nil && drawn.zoom != keyOf(s.View) {
		drawn = nil
	}
	o := s.View.Origin()
	for _, fp := range s.Flows {
		v, _, ok := fp.Flow.At(s.Year)
		if !ok || len(fp.Line) < 2 {
			continue
		}
		half := BandWidth(v, scales[fp.Flow.Unit], s.View.Scale) / 2
		var d float64
		var line []orb.Point
		if drawn != nil {
			line = drawn.lines[fp]
		}
		if line != nil {
			d = math.Inf(1)
			for i := 1; i < len(line); i++ {
				a := orb.Point{line[i-1][0] - o[0], line[i-1][1] - o[1]}
				b := orb.Point{line[i][0] - o[0], line[i][1] - o[1]}
				d = math.Min(d, shapes.SegmentDistance(a, b, px))
			}
		} else {
			d = shapes.LineDistance(s.View, fp.Line, px)
		}
		d -= half
		if d <= radius && d < best {
			best, found = d, fp
		}
	}
	return found, found != nil
}

// lonLatBox is the lon/lat box of the square of half-side m pixels around px.
func lonLatBox(s *Scene, px orb.Point, m float64) orb.Bound {
	return s.View.LonLatBound(orb.Bound{Min: orb.Point{px[0] - m, px[1] - m}, Max: orb.Point{px[0] + m, px[1] + m}})
}

// IndexForPicking builds the pick index of every long line and ring of
// the layer, so the first pick after loading a big file is as quick as
// the next. Call it off the UI thread after loading.
func (l *Layer) IndexForPicking() { l.set(true).Index() }
