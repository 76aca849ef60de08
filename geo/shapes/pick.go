package shapes

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// Picking measures, in pixels of a viewport, how far the pointer is from
// a feature as it is drawn. Only features whose lon/lat bounds meet a box
// round the pointer are measured, and within them only the edges in
// chunks whose lon/lat bounds do: the pick index. It is in lon/lat, so it
// serves every projection, and is built per feature on first use (or for
// all at once with Index, off the UI thread after loading a big file).

// chunk is how many edges share one bounding box in the pick index; lines
// of at most 2·chunk points are measured without one.
const chunk = 32

// lineIndex is a line's overall bounds and the bounds of its chunks.
type lineIndex struct {
	all    orb.Bound
	chunks []orb.Bound
}

// pickIndex holds the line indexes of the features measured so far (and,
// after Index, of all that have a long line): per feature, one entry per
// line in the order Lines walks them; a short line's entry has its
// bounds and no chunks.
type pickIndex struct {
	mu    sync.Mutex
	lines map[int32][]lineIndex
	done  map[int32]bool
}

// featureIndex returns feature i's line indexes (nil when it has no
// lines), building them the first time it is measured.
func (s *Set) featureIndex(i int) []lineIndex {
	ix := &s.index
	ix.mu.Lock()
	if li, ok := ix.lines[int32(i)]; ok || ix.done[int32(i)] {
		ix.mu.Unlock()
		return li
	}
	ix.mu.Unlock()
	li := buildFeature(s.feats[i].Geometry, true)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.store(i, li)
	return li
}

func (ix *pickIndex) store(i int, li []lineIndex) {
	if li == nil {
		if ix.done == nil {
			ix.done = map[int32]bool{}
		}
		ix.done[int32(i)] = true
		return
	}
	if ix.lines == nil {
		ix.lines = map[int32][]lineIndex{}
	}
	ix.lines[int32(i)] = li
}

// buildFeature indexes the lines of g: the bounds of each, and the
// chunks of those long enough to need them. Without always, a feature
// with no long line gets nothing (Index leaves millions of small features
// to be indexed when first measured).
func buildFeature(g orb.Geometry, always bool) []lineIndex {
	var out []lineIndex
	long := false
	for ls := range geo.Lines(g) {
		var li lineIndex
		switch {
		case len(ls) > 2*chunk:
			li, long = buildIndex(ls), true
		case len(ls) > 0:
			li.all = orb.LineString(ls).Bound()
		}
		out = append(out, li)
	}
	if !long && !always {
		return nil
	}
	return out
}

// Index builds the pick index of every feature now, on every core, so
// the first pick after loading a big file is as quick as the next.
func (s *Set) Index() {
	var next atomic.Int64
	built := make([][]lineIndex, len(s.feats))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(s.feats)/64))
	parallel(workers, func(int) {
		for {
			i := int(next.Add(1)) - 1
			if i >= len(s.feats) {
				return
			}
			if f := s.feats[i]; f != nil && f.Geometry != nil {
				built[i] = buildFeature(f.Geometry, false)
			}
		}
	})
	s.index.mu.Lock()
	defer s.index.mu.Unlock()
	for i, li := range built {
		if li != nil {
			s.index.store(i, li)
		}
	}
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

// Probe is a pixel of a picture being asked about, with what every
// measurement from it needs, worked out once per pick.
type Probe struct {
	v     geo.Viewport
	px    orb.Point
	box   orb.Bound
	o     orb.Point // the picture's corner in world pixels
	plon  float64   // the longitude under px
	north orb.Point // unit direction of the meridian northwards at px
}

// NewProbe is the probe of pixel px of v. Edges are only measured where
// they meet box, a lon/lat box round px beyond which the caller does not
// look.
func NewProbe(v geo.Viewport, px orb.Point, box orb.Bound) *Probe {
	return &Probe{v: v, px: px, box: box, o: v.Origin(), plon: v.ToLonLat(px)[0], north: northOf(v, px)}
}

// pixel is ToPixel for the probe's picture.
func (pr *Probe) pixel(ll orb.Point) orb.Point {
	w := pr.v.World(ll)
	return orb.Point{w[0] - pr.o[0], w[1] - pr.o[1]}
}

// Distance is the distance in device pixels from the probe to feature i
// as drawn: to a line's centre, to the edge of a point's symbol of radius
// pointR device pixels, and zero inside a polygon; point reports a point
// symbol.
func (s *Set) Distance(pr *Probe, i int, pointR float64) (d float64, point bool) {
	f := s.feats[i]
	if f == nil || f.Geometry == nil {
		return math.Inf(1), false
	}
	m := measure{Probe: pr, idx: s.featureIndex(i), d: math.Inf(1)}
	m.walk(f.Geometry, pointR)
	return m.d, m.point
}

// measure is one Distance under way.
type measure struct {
	*Probe
	idx   []lineIndex
	line  int // lines walked so far, in Lines order
	d     float64
	point bool
}

// northOf is the direction, in image pixels, of the meridian through px
// towards the north: straight up in Web Mercator, towards the cone's apex
// in a conic.
func northOf(v geo.Viewport, px orb.Point) orb.Point {
	ll := v.ToLonLat(px)
	a := v.ToPixel(orb.Point{ll[0], math.Min(ll[1]+0.01, geo.MaxLat)})
	b := v.ToPixel(orb.Point{ll[0], math.Max(ll[1]-0.01, -geo.MaxLat)})
	dx, dy := a[0]-b[0], a[1]-b[1]
	l := math.Hypot(dx, dy)
	if l == 0 {
		return orb.Point{0, -1}
	}
	return orb.Point{dx / l, dy / l}
}

// next is the index of the next line in Lines order.
func (m *measure) next() *lineIndex {
	k := m.line
	m.line++
	if k < len(m.idx) {
		return &m.idx[k]
	}
	return nil
}

func (m *measure) walk(g orb.Geometry, pointR float64) {
	switch g := g.(type) {
	case orb.Point:
		p := m.pixel(g)
		if d := math.Hypot(p[0]-m.px[0], p[1]-m.px[1]) - pointR; d < m.d {
			m.d, m.point = math.Max(0, d), true
		}
	case orb.MultiPoint:
		for _, p := range g {
			m.walk(p, pointR)
		}
	case orb.LineString:
		if d := m.nearLine(g, m.next()); d < m.d {
			m.d, m.point = d, false
		}
	case orb.MultiLineString:
		for _, ls := range g {
			m.walk(ls, pointR)
		}
	case orb.Ring:
		m.walk(orb.Polygon{g}, pointR)
	case orb.Polygon:
		m.polygon(g)
	case orb.MultiPolygon:
		for _, p := range g {
			m.walk(p, pointR)
		}
	case orb.Collection:
		for _, c := range g {
			m.walk(c, pointR)
		}
	}
}

func (m *measure) polygon(g orb.Polygon) {
	if len(g) == 0 {
		return
	}
	ixs := make([]*lineIndex, len(g))
	for k := range g {
		ixs[k] = m.next()
	}
	// An island whose bounds miss the pick box can neither hold the
	// pointer nor come within reach of it.
	if ob := ringBound(g[0], ixs[0]); !ob.Intersects(m.box) {
		return
	}
	if m.contains(g[0], ixs[0]) {
		inHole := false
		for k, h := range g[1:] {
			inHole = inHole || m.contains(h, ixs[k+1])
		}
		if !inHole {
			m.d, m.point = 0, false
			return
		}
	}
	for k, r := range g {
		if d := m.nearLine(r, ixs[k]); d < m.d {
			m.d, m.point = d, false
		}
	}
}

// ringBound is the lon/lat bounds of a ring or line.
func ringBound(ls []orb.Point, ix *lineIndex) orb.Bound {
	if ix != nil {
		return ix.all
	}
	if len(ls) == 0 {
		return orb.Bound{Min: orb.Point{1, 1}, Max: orb.Point{-1, -1}}
	}
	return orb.LineString(ls).Bound()
}

// nearLine is the pixel distance from px to a lon/lat polyline, measuring
// only the segments within the pick box (and of an indexed line only
// those in chunks that meet it), so a pick on a layer of world coastlines
// projects a handful of segments.
func (m *measure) nearLine(ls []orb.Point, ix *lineIndex) float64 {
	if len(ls) == 1 {
		p := m.pixel(ls[0])
		return math.Hypot(p[0]-m.px[0], p[1]-m.px[1])
	}
	d := math.Inf(1)
	box := m.box
	proj := m.pixel
	last := -1 // index of the vertex in pb
	var pb orb.Point
	seg := func(lo, hi int) {
		for i := max(1, lo); i <= min(len(ls)-1, hi); i++ {
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
			d = math.Min(d, SegmentDistance(pa, pb, m.px))
		}
	}
	if ix == nil || ix.chunks == nil {
		seg(1, len(ls)-1)
		return d
	}
	for c, cb := range ix.chunks {
		if cb.Max[0] < box.Min[0] || cb.Min[0] > box.Max[0] || cb.Max[1] < box.Min[1] || cb.Min[1] > box.Max[1] {
			continue
		}
		seg(c*chunk+1, (c+1)*chunk)
	}
	return d
}

// contains is the even-odd test of px against a lon/lat ring, on the
// picture: a ray from px north along its meridian counts the edges it
// crosses. Only edges whose ends lie either side of the pointer's
// meridian can cross it (the meridian is a straight line in both
// projections, and a drawn edge is straight between its projected ends),
// so only those are projected, and whole chunks of edges are skipped by
// their longitude range.
func (m *measure) contains(r []orb.Point, ix *lineIndex) bool {
	in := false
	n := len(r)
	if n < 3 {
		return false
	}
	plon, px, u := m.plon, m.px, m.north
	test := func(a, b orb.Point) {
		if (a[0] > plon) == (b[0] > plon) {
			return
		}
		pa, pb := m.pixel(a), m.pixel(b)
		dx, dy := pb[0]-pa[0], pb[1]-pa[1]
		den := dx*u[1] - dy*u[0]
		if den == 0 {
			return
		}
		// Where the edge meets the meridian: s pixels from px along u.
		qx, qy := px[0]-pa[0], px[1]-pa[1]
		if s := (qx*dy - qy*dx) / den; s > 0 {
			in = !in
		}
	}
	test(r[n-1], r[0])
	if ix == nil || ix.chunks == nil {
		for i := 1; i < n; i++ {
			test(r[i-1], r[i])
		}
		return in
	}
	for c, cb := range ix.chunks {
		if cb.Max[0] < plon || cb.Min[0] > plon {
			continue
		}
		// Chunk c holds the edges ending at points c·chunk+1 … (c+1)·chunk.
		for i := c*chunk + 1; i <= min(n-1, (c+1)*chunk); i++ {
			test(r[i-1], r[i])
		}
	}
	return in
}

// LineDistance is the pixel distance from px to a lon/lat polyline drawn
// in v.
func LineDistance(v geo.Viewport, ls []orb.Point, px orb.Point) float64 {
	d := math.Inf(1)
	var prev orb.Point
	for i, p := range ls {
		q := v.ToPixel(p)
		if i > 0 {
			d = math.Min(d, SegmentDistance(prev, q, px))
		} else if len(ls) == 1 {
			d = math.Hypot(q[0]-px[0], q[1]-px[1])
		}
		prev = q
	}
	return d
}

// SegmentDistance is the distance from p to the segment ab.
func SegmentDistance(a, b, p orb.Point) float64 {
	vx, vy := b[0]-a[0], b[1]-a[1]
	l2 := vx*vx + vy*vy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, ((p[0]-a[0])*vx+(p[1]-a[1])*vy)/l2))
	}
	return math.Hypot(a[0]+t*vx-p[0], a[1]+t*vy-p[1])
}
