package render

import (
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// Pick finds the feature drawn nearest to px (image pixels of s.View)
// within radius device pixels: what a click or the hover means. Corridor
// and user layers are searched, topmost first; the basemap is not (a
// click on land is a pan or a deselect, not a question about a country).
//
// Distances are measured in pixels on the viewport's projection, so the
// answer matches what is drawn at any zoom: to a line's centre, to the
// edge of a point's marker, and zero inside a polygon. A point wins a tie
// with a line, so a port at the end of a route can be clicked.
//
// Pick does not take the renderer's lock: it projects only the features
// whose lon/lat bounds meet the pick circle, which keeps it well under a
// millisecond, and it answers while a frame is being drawn.
func (r *Renderer) Pick(s *Scene, px orb.Point, radius float64) (layer *Layer, f *geojson.Feature, ok bool) {
	if !s.View.Valid() {
		return nil, nil, false
	}
	box := pickBox(s, px, radius)
	// Lines and polygon edges count only within radius; the wider box
	// above is for point symbols, which are drawn larger than their point.
	edges := lonLatBox(s, px, radius+1)
	det := s.detailed()
	best := math.Inf(1)
	bestPoint := false
	for i := len(s.Layers) - 1; i >= 0; i-- {
		l := s.Layers[i]
		if l.Group == data.Basemap {
			continue
		}
		feats := l.Features(det)
		bounds := l.boundsOf(feats)
		for j, ft := range feats {
			if ft == nil || ft.Geometry == nil || !bounds[j].Intersects(box) {
				continue
			}
			d, point := pickDistance(s, l, ft, px, edges)
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
				layer, f, ok = l, ft, true
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
	if drawn != nil && drawn.zoom != keyFor(s.View, true) {
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
				d = math.Min(d, segmentDistance(a, b, px))
			}
		} else {
			d = lineDistance(s, fp.Line, px)
		}
		d -= half
		if d <= radius && d < best {
			best, found = d, fp
		}
	}
	return found, found != nil
}

// pickBox is the lon/lat box around the pick circle, for the bounds test.
func pickBox(s *Scene, px orb.Point, radius float64) orb.Bound {
	// Markers are drawn up to about 10 logical pixels around their point.
	return lonLatBox(s, px, radius+12*s.View.Scale)
}

// lonLatBox is the lon/lat box of the square of half-side m pixels around px.
func lonLatBox(s *Scene, px orb.Point, m float64) orb.Bound {
	a := s.View.ToLonLat(orb.Point{px[0] - m, px[1] - m})
	b := s.View.ToLonLat(orb.Point{px[0] + m, px[1] + m})
	return orb.Bound{Min: orb.Point{math.Min(a[0], b[0]), math.Min(a[1], b[1])},
		Max: orb.Point{math.Max(a[0], b[0]), math.Max(a[1], b[1])}}
}

// pickDistance is the pixel distance from px to what is drawn for ft, and
// whether that is a point symbol.
func pickDistance(s *Scene, l *Layer, ft *geojson.Feature, px orb.Point, box orb.Bound) (float64, bool) {
	plat := s.View.ToLonLat(px)[1]
	d := math.Inf(1)
	point := false
	var walk func(g orb.Geometry)
	walk = func(g orb.Geometry) {
		switch g := g.(type) {
		case orb.Point:
			p := s.View.ToPixel(g)
			r := 5.0
			if l.Group == data.Corridor {
				m := markerFor(Prop(ft, "kind"), Prop(ft, "role"), Prop(ft, "status"))
				r = m.radius + m.ringW
			}
			if v := math.Hypot(p[0]-px[0], p[1]-px[1]) - r*s.View.Scale; v < d {
				d, point = math.Max(0, v), true
			}
		case orb.MultiPoint:
			for _, p := range g {
				walk(p)
			}
		case orb.LineString:
			if v := nearLineDistance(s, g, px, box); v < d {
				d, point = v, false
			}
		case orb.MultiLineString:
			for _, ls := range g {
				walk(ls)
			}
		case orb.Ring:
			walk(orb.Polygon{g})
		case orb.Polygon:
			if len(g) == 0 {
				return
			}
			// An island whose bounds miss the pick box can neither hold
			// the pointer nor come within radius of it.
			if ob := ringBound(g[0]); !ob.Intersects(box) {
				return
			}
			if ringContainsAt(s, g[0], px, plat) {
				inHole := false
				for _, h := range g[1:] {
					inHole = inHole || ringContainsAt(s, h, px, plat)
				}
				if !inHole {
					d, point = 0, false
					return
				}
			}
			for _, r := range g {
				walk(orb.LineString(r))
			}
		case orb.MultiPolygon:
			for _, p := range g {
				walk(p)
			}
		case orb.Collection:
			for _, c := range g {
				walk(c)
			}
		}
	}
	walk(ft.Geometry)
	return d, point
}

// nearLineDistance is lineDistance for big geometry: only segments in
// chunks whose lon/lat bounds meet the pick box are projected, so a pick
// on a layer of world coastlines touches a handful of segments
// (BenchmarkBigLayerPick).
func nearLineDistance(s *Scene, ls []orb.Point, px orb.Point, box orb.Bound) float64 {
	if len(ls) == 1 {
		return lineDistance(s, ls, px)
	}
	d := math.Inf(1)
	o := s.View.Origin()
	proj := func(p orb.Point) orb.Point {
		w := s.View.World(p)
		return orb.Point{w[0] - o[0], w[1] - o[1]}
	}
	last := -1 // index of the vertex in pb
	var pb orb.Point
	for c, cb := range chunksOf(ls) {
		if cb.Max[0] < box.Min[0] || cb.Min[0] > box.Max[0] || cb.Max[1] < box.Min[1] || cb.Min[1] > box.Max[1] {
			continue
		}
		for i := max(1, c*chunk); i <= min(len(ls)-1, (c+1)*chunk); i++ {
			a, b := ls[i-1], ls[i]
			if math.Max(a[0], b[0]) < box.Min[0] || math.Min(a[0], b[0]) > box.Max[0] ||
				math.Max(a[1], b[1]) < box.Min[1] || math.Min(a[1], b[1]) > box.Max[1] {
				continue
			}
			pa := pb
			if last != i-1 {
				pa = proj(a)
			}
			pb, last = proj(b), i
			d = math.Min(d, segmentDistance(pa, pb, px))
		}
	}
	return d
}

// ringContainsAt is the even-odd test of px against a lon/lat ring,
// projecting only the edges that cross the pointer's latitude plat: Web
// Mercator keeps north–south order, so no other edge can cross the test
// ray, and whole chunks of edges are skipped by their latitude range.
func ringContainsAt(s *Scene, r orb.Ring, px orb.Point, plat float64) bool {
	in := false
	n := len(r)
	if n < 3 {
		return false
	}
	test := func(a, b orb.Point) {
		if (a[1] > plat) == (b[1] > plat) && a[1] != plat && b[1] != plat {
			return
		}
		prev, q := s.View.ToPixel(a), s.View.ToPixel(b)
		if (q[1] > px[1]) != (prev[1] > px[1]) &&
			px[0] < (prev[0]-q[0])*(px[1]-q[1])/(prev[1]-q[1])+q[0] {
			in = !in
		}
	}
	test(r[n-1], r[0])
	for c, cb := range chunksOf(r) {
		if cb.Max[1] < plat || cb.Min[1] > plat {
			continue
		}
		for i := max(1, c*chunk); i <= min(n-1, (c+1)*chunk); i++ {
			test(r[i-1], r[i])
		}
	}
	return in
}

// ringBound is the bounds of a ring or line, kept with its chunk index.
func ringBound(ls []orb.Point) orb.Bound {
	if len(ls) == 0 {
		return orb.Bound{Min: orb.Point{1, 1}, Max: orb.Point{-1, -1}}
	}
	return indexOf(ls).all
}

// chunk is how many edges share one bounding box in the pick index.
const chunk = 32

// chunkCache indexes long lines and rings by the bounds of every run of
// chunk edges: the spatial index of picking (feature bounds first, then
// these). Keyed by the address of the first vertex: geometry is never
// changed in place.
var chunkCache = struct {
	sync.Mutex
	m map[*orb.Point]lineIndex
}{m: map[*orb.Point]lineIndex{}}

// lineIndex is a line's overall bounds and the bounds of its chunks.
type lineIndex struct {
	all    orb.Bound
	chunks []orb.Bound
}

func chunksOf(ls []orb.Point) []orb.Bound {
	if len(ls) == 0 {
		return nil
	}
	return indexOf(ls).chunks
}

func indexOf(ls []orb.Point) lineIndex {
	chunkCache.Lock()
	defer chunkCache.Unlock()
	if b, ok := chunkCache.m[&ls[0]]; ok {
		return b
	}
	if len(chunkCache.m) > 1<<16 {
		clear(chunkCache.m)
	}
	idx := buildIndex(ls)
	chunkCache.m[&ls[0]] = idx
	return idx
}

func buildIndex(ls []orb.Point) lineIndex {
	n := (len(ls) - 1 + chunk - 1) / chunk
	out := make([]orb.Bound, max(n, 1))
	for c := range out {
		p := ls[min(c*chunk, len(ls)-1)]
		x0, y0, x1, y1 := p[0], p[1], p[0], p[1]
		for _, q := range ls[c*chunk : min(len(ls)-1, (c+1)*chunk)+1] {
			x0, y0 = min(x0, q[0]), min(y0, q[1])
			x1, y1 = max(x1, q[0]), max(y1, q[1])
		}
		out[c] = orb.Bound{Min: orb.Point{x0, y0}, Max: orb.Point{x1, y1}}
	}
	idx := lineIndex{all: out[0], chunks: out}
	for _, c := range out[1:] {
		idx.all = idx.all.Union(c)
	}
	return idx
}

// IndexForPicking builds the pick index of every long line and ring of
// the layer, so the first pick after loading a big file is as quick as
// the next (otherwise it indexes what is under the pointer, ~12 ms for
// the 107 MB benchmark layer). Call it off the UI thread after loading.
func (l *Layer) IndexForPicking() {
	var rings [][]orb.Point
	for _, f := range l.Detailed {
		if f != nil && f.Geometry != nil {
			for ls := range geo.Lines(f.Geometry) {
				rings = append(rings, ls)
			}
		}
	}
	rings = slices.DeleteFunc(rings, func(r []orb.Point) bool { return len(r) <= 2*chunk })
	if len(rings) > 1<<16 {
		return // more than the cache keeps: index on demand
	}
	idx := make([]lineIndex, len(rings))
	half := len(rings) / 2
	onBoth(func() {
		for i := range rings[:half] {
			idx[i] = buildIndex(rings[i])
		}
	}, func() {
		for i := half; i < len(rings); i++ {
			idx[i] = buildIndex(rings[i])
		}
	})
	chunkCache.Lock()
	defer chunkCache.Unlock()
	if len(chunkCache.m)+len(rings) > 1<<16 {
		clear(chunkCache.m)
	}
	for i, r := range rings {
		chunkCache.m[&r[0]] = idx[i]
	}
}

// lineDistance is the pixel distance from px to a lon/lat polyline.
func lineDistance(s *Scene, ls []orb.Point, px orb.Point) float64 {
	d := math.Inf(1)
	var prev orb.Point
	for i, p := range ls {
		q := s.View.ToPixel(p)
		if i > 0 {
			d = math.Min(d, segmentDistance(prev, q, px))
		} else if len(ls) == 1 {
			d = math.Hypot(q[0]-px[0], q[1]-px[1])
		}
		prev = q
	}
	return d
}

func segmentDistance(a, b, p orb.Point) float64 {
	vx, vy := b[0]-a[0], b[1]-a[1]
	l2 := vx*vx + vy*vy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, ((p[0]-a[0])*vx+(p[1]-a[1])*vy)/l2))
	}
	return math.Hypot(a[0]+t*vx-p[0], a[1]+t*vy-p[1])
}

// boundsCache keeps the lon/lat bounds of every pickable feature, so a
// pick projects only what is near the pointer. Keyed by the feature
// slice's first element and length: a layer's features never change in
// place (Forget is called when they do, and the slice is new then).
var boundsCache = struct {
	sync.Mutex
	m map[*geojson.Feature][]orb.Bound
}{m: map[*geojson.Feature][]orb.Bound{}}

// maxBoundsCache bounds the cache; it is cleared, not evicted, when full,
// since rebuilding it for the few visible layers is cheap.
const maxBoundsCache = 64

func featureBounds(feats []*geojson.Feature) []orb.Bound {
	if len(feats) == 0 {
		return nil
	}
	boundsCache.Lock()
	defer boundsCache.Unlock()
	if b, ok := boundsCache.m[feats[0]]; ok && len(b) == len(feats) {
		return b
	}
	if len(boundsCache.m) >= maxBoundsCache {
		clear(boundsCache.m)
	}
	b := make([]orb.Bound, len(feats))
	for i, f := range feats {
		if f != nil && f.Geometry != nil {
			b[i] = f.Geometry.Bound()
		}
	}
	boundsCache.m[feats[0]] = b
	return b
}
