package shapes

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// Shape is a feature as drawn at one zoom: projected, simplified for the
// zoom and scaled to its world pixels, so a pan only offsets it.
type Shape struct {
	Feature *geojson.Feature
	Index   int32 // the feature's index in its Set
	// Polys are polygons, outer ring first; in world pixels (y down)
	// outer rings have negative area and holes positive, so they fill by
	// the non-zero rule whatever the file's winding.
	Polys  [][][]orb.Point
	Lines  [][]orb.Point
	Points []orb.Point
	// Min and Max bound the shape in world pixels.
	Min, Max orb.Point
}

// Prepared is a Set's geometry for one projection: its features
// projected to plane metres and simplified once per simplification
// level, and scaled from there to the world pixels of the last few zooms.
// Features are prepared when a view first shows them and kept, so a pan
// prepares only what scrolls into sight.
type Prepared struct {
	set  *Set
	proj *geo.Projection

	mu     sync.Mutex
	levels map[int]*level
	zooms  []*zoomed // the last used first
}

// level is a Set's shapes in plane metres for one simplification level;
// zoomed the same in world pixels for one zoom.
type level struct {
	shapes []Shape
	state  []uint8 // 0 not yet prepared, 1 prepared, 2 nothing to draw
}

type zoomed struct {
	key zoomKey
	level
}

type zoomKey struct{ zoom, scale float64 }

// maxZooms is how many zooms a Prepared keeps in world pixels, so
// zooming back and forth stays warm without growing.
const maxZooms = 6

// simplifyPx is the largest Douglas–Peucker tolerance a zoom may use, in
// device pixels: levels come in powers of two, so the tolerance in use is
// between a quarter and half a pixel, where anti-aliased edges stay
// indistinguishable from the full data.
const simplifyPx = 0.5

// LevelFor is the simplification level of a viewport. Level L simplifies
// with a tolerance of 2^L plane metres; a zoom uses the coarsest level
// whose tolerance is within simplifyPx of its pixel, then only scales and
// shifts the vertices. So a zoom step costs a multiply-add per kept
// vertex, not a projection and a Douglas–Peucker pass over the full data,
// and one level serves a factor-two range of zooms.
func LevelFor(v geo.Viewport) int {
	metresPerPx := v.Proj().World() / v.WorldSize()
	return int(math.Floor(math.Log2(simplifyPx * metresPerPx)))
}

// Visible returns the shapes that meet the viewport grown by margin
// device pixels, preparing those not yet seen at this level and zoom.
// Features are culled by their lon/lat bounds first, so a world file
// viewed over the Caspian projects only its Caspian countries. The slice
// is the caller's; the shapes' points are shared and must not be changed.
func (p *Prepared) Visible(v geo.Viewport, margin float64) []Shape {
	p.mu.Lock()
	defer p.mu.Unlock()
	feats := p.set.feats
	bounds := p.set.Bounds()
	view := v.LonLatBound(orb.Bound{Min: orb.Point{-margin, -margin}, Max: orb.Point{float64(v.Width) + margin, float64(v.Height) + margin}})
	lvl := LevelFor(v)
	lv := p.levels[lvl]
	if lv == nil {
		lv = &level{shapes: make([]Shape, len(feats)), state: make([]uint8, len(feats))}
		p.levels[lvl] = lv
	}
	z := p.zoom(zoomKey{math.Round(v.Zoom*1e6) / 1e6, v.Scale}, len(feats))
	// Simplify what this view needs and the level lacks, on every core:
	// features are independent and each writes only its own slot.
	var todo []int
	for i, f := range feats {
		if f != nil && f.Geometry != nil && lv.state[i] == 0 && bounds[i].Intersects(view) {
			todo = append(todo, i)
		}
	}
	// Biggest first (by the area of their bounds), so the goroutines do
	// not end with one of them alone on Russia.
	area := func(i int) float64 {
		b := bounds[i]
		return (b.Max[0] - b.Min[0]) * (b.Max[1] - b.Min[1])
	}
	slices.SortFunc(todo, func(a, b int) int { return cmp.Compare(area(b), area(a)) })
	workers := 1
	if len(todo) >= 8 {
		workers = min(runtime.GOMAXPROCS(0), len(todo)/4)
	}
	var next atomic.Int64
	parallel(workers, func(int) {
		b := builder{proj: p.proj, tol: math.Exp2(float64(lvl))}
		for {
			k := int(next.Add(1)) - 1
			if k >= len(todo) {
				return
			}
			i := todo[k]
			sh, ok := b.build(feats[i], i, bounds[i])
			lv.shapes[i], lv.state[i] = sh, 2
			if ok {
				lv.state[i] = 1
			}
		}
	})
	var out []Shape
	o := v.Origin()
	k := v.WorldScale()
	half := p.proj.World() / 2
	for i, f := range feats {
		if f == nil || f.Geometry == nil || !bounds[i].Intersects(view) {
			continue
		}
		if z.state[i] == 0 {
			z.state[i] = 2
			if lv.state[i] == 1 {
				z.shapes[i], z.state[i] = lv.shapes[i].toWorld(k, half), 1
			}
		}
		if z.state[i] == 1 && z.shapes[i].meets(o, float64(v.Width), float64(v.Height), margin) {
			out = append(out, z.shapes[i])
		}
	}
	return out
}

// zoom returns the world-pixel shapes of a zoom, made empty if new.
func (p *Prepared) zoom(k zoomKey, n int) *zoomed {
	for i, z := range p.zooms {
		if z.key == k {
			copy(p.zooms[1:i+1], p.zooms[:i])
			p.zooms[0] = z
			return z
		}
	}
	z := &zoomed{key: k, level: level{shapes: make([]Shape, n), state: make([]uint8, n)}}
	p.zooms = append([]*zoomed{z}, p.zooms...)
	if len(p.zooms) > maxZooms {
		p.zooms[maxZooms] = nil
		p.zooms = p.zooms[:maxZooms]
	}
	return z
}

// toWorld maps a shape in plane metres to world pixels at k pixels per
// metre (half is half the projection's world width in metres).
func (m *Shape) toWorld(k, half float64) Shape {
	conv := func(p orb.Point) orb.Point { return orb.Point{(p[0] + half) * k, (half - p[1]) * k} }
	line := func(pts []orb.Point) []orb.Point {
		out := make([]orb.Point, len(pts))
		for i, p := range pts {
			out[i] = conv(p)
		}
		return out
	}
	s := Shape{Feature: m.Feature, Index: m.Index, Min: conv(orb.Point{m.Min[0], m.Max[1]}), Max: conv(orb.Point{m.Max[0], m.Min[1]})}
	if len(m.Points) > 0 {
		s.Points = line(m.Points)
	}
	if len(m.Lines) > 0 {
		s.Lines = make([][]orb.Point, len(m.Lines))
		for i, l := range m.Lines {
			s.Lines[i] = line(l)
		}
	}
	if len(m.Polys) > 0 {
		s.Polys = make([][][]orb.Point, 0, len(m.Polys))
		for _, poly := range m.Polys {
			// Islands and holes smaller than a pixel at this zoom are left
			// out: they cannot be seen, and a world layer has thousands.
			if tiny(poly[0], k) {
				continue
			}
			rings := make([][]orb.Point, 0, len(poly))
			for _, r := range poly {
				if len(rings) > 0 && tiny(r, k) {
					continue
				}
				rings = append(rings, line(r))
			}
			s.Polys = append(s.Polys, rings)
		}
	}
	return s
}

// tiny reports whether a ring in metres spans under half a pixel at k
// pixels per metre.
func tiny(r []orb.Point, k float64) bool {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range r {
		minX, maxX = math.Min(minX, p[0]), math.Max(maxX, p[0])
		minY, maxY = math.Min(minY, p[1]), math.Max(maxY, p[1])
	}
	return (maxX-minX)*k < 0.5 && (maxY-minY)*k < 0.5
}

// meets reports whether the shape's bounds meet the view rectangle
// (world pixels, its corner at o) grown by margin.
func (m *Shape) meets(o orb.Point, w, h, margin float64) bool {
	return m.Max[0] >= o[0]-margin && m.Min[0] <= o[0]+w+margin &&
		m.Max[1] >= o[1]-margin && m.Min[1] <= o[1]+h+margin
}

// parallel runs f(0) … f(n−1) at once, f(0) on the calling goroutine.
func parallel(n int, f func(k int)) {
	if n <= 1 {
		f(0)
		return
	}
	var wg sync.WaitGroup
	for k := 1; k < n; k++ {
		wg.Go(func() { f(k) })
	}
	f(0)
	wg.Wait()
}
