package render

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo"
	"github.com/corridor-atlas/corridor-atlas/geo/shapes"
)

// Flows that share a stretch are drawn side by side, like the strands of
// a flow-map bundle, so none hides another: the TITR total and the
// uranium share the Aktau–Alat ferry lane, and the Kazakh crude's tanker
// lane runs a few kilometres beside it, which at most zooms is less than
// a band's width.
//
// The flows drawn in a year are laid side by side; each gets a slot as
// wide as its band ever gets (its largest figure on the locked width
// scale, with the outline), so within a year, and across the years that
// draw the same flows, a band's centre line does not move: an animation
// grows and shrinks the bands in place. The widest flow keeps its route; each narrower one is moved
// sideways just far enough that its slot clears the slots already laid
// where the two run side by side (roughly parallel and within reach),
// and the move is eased in and out along the line so the band bends off
// its route gently rather than jumping.

// drawnLines are the last flow lines laid out, for PickFlow, which reads
// them without the renderer's lock.
type drawnLines struct {
	zoom  viewKey
	lines map[*FlowPath][]orb.Point
}

// bundleGap is the clear space between two bands side by side, in logical
// pixels.
const bundleGap = 2.0

// bundleSlope is how fast a band may move off its route, in pixels
// sideways per pixel along it; pinSlope how fast it comes back into a
// port it passes through (steeper: bands fan into the port).
const (
	bundleSlope = 0.45
	pinSlope    = 1.0
)

// bundle holds the flows' drawn lines for one zoom and set of flows.
type bundle struct {
	key   string
	lines map[*FlowPath][]orb.Point // world pixels
}

// flowLines returns each flow's drawn centre line in world pixels at the
// scene's zoom: its route, moved sideways where it shares a stretch.
// Flows with no drawn figure or no line are left out.
//
// Only the part of a route within bundleReach of the view is worked on
// (in most views that is all of it, and the result serves every pan at
// the zoom); far beyond it the route is kept as it is, so a tiny --bbox
// at a huge zoom costs what the picture shows.
func (r *Renderer) flowLines(s *Scene) map[*FlowPath][]orb.Point {
	scales := s.widthScales()
	px := s.View.Scale
	win := bundleWindow(s)
	var k strings.Builder
	fmt.Fprintf(&k, "%v|%g|", keyOf(s.View), px)
	all := true
	drawn := map[*FlowPath]bool{}
	for _, df := range s.drawnFlows() {
		drawn[df.fp] = true
	}
	for _, fp := range s.Flows {
		if !drawn[fp] {
			continue
		}
		fmt.Fprintf(&k, "%d:%g;", fp.key(), scales[fp.Flow.Unit])
		if !win.Contains(lineBound(r.flowLine(fp, s.View)).Min) || !win.Contains(lineBound(r.flowLine(fp, s.View)).Max) {
			all = false
		}
	}
	if !all {
		fmt.Fprintf(&k, "|%v", win)
	}
	if r.bundle.key == k.String() && r.bundle.lines != nil {
		return r.bundle.lines
	}
	type strand struct {
		fp     *FlowPath
		pts    []orb.Point // the route, densified where it is worked on
		active []bool
		slot   float64
		pins   []orb.Point // where the band passes through a port
	}
	var strands []strand
	for _, fp := range s.Flows {
		if len(fp.Line) < 2 || !drawn[fp] {
			continue
		}
		w := BandWidth(fp.Flow.Max(), scales[fp.Flow.Unit], px)
		if w <= 0 {
			continue
		}
		route := r.flowLine(fp, s.View)
		pts, active := densify(route, 6*px, win)
		// The band starts and ends at its route's ends (Aktau, Ceyhan)
		// and passes through the ports between.
		pins := []orb.Point{route[0], route[len(route)-1]}
		for _, j := range fp.Joins {
			if j > 0 && j < len(route)-1 {
				pins = append(pins, route[j])
			}
		}
		strands = append(strands, strand{fp, pts, active, w + 2*bandOutline(w, px), pins})
	}
	// Widest first: the biggest flow stays on its route.
	slices.SortStableFunc(strands, func(a, b strand) int { return cmp.Compare(b.slot, a.slot) })
	out := make(map[*FlowPath][]orb.Point, len(strands))
	var laid segGrid
	maxSlot := 0.0
	for _, st := range strands {
		maxSlot = max(maxSlot, st.slot)
	}
	laid.cell = max(8*px, maxSlot+bundleGap*px)
	var stack []int
	for _, st := range strands {
		line := offsetStrand(st.pts, st.active, st.slot, bundleGap*px, &laid, st.pins)
		laid.addLine(line, st.active, st.slot)
		// Densified to lay the strands; drawn from a quarter-pixel
		// simplification (a band's straight stretches need no vertices).
		var kept []orb.Point
		kept, stack = shapes.Simplify(slices.Clone(line), 0.25*px, stack)
		out[st.fp] = slices.Clip(kept)
	}
	r.bundle = bundle{key: k.String(), lines: out}
	r.drawnLines.Store(&drawnLines{keyOf(s.View), out})
	return out
}

// bundleReach is how far beyond the view, in device pixels, flows are
// laid side by side.
const bundleReach = 4096

// bundleWindow is the part of the world (world pixels) flows are laid
// side by side in: the view grown by at least bundleReach, snapped to
// multiples of it so that pans within it reuse the work.
func bundleWindow(s *Scene) orb.Bound {
	o := s.View.Origin()
	g := float64(bundleReach)
	return orb.Bound{
		Min: orb.Point{math.Floor((o[0]-g)/g) * g, math.Floor((o[1]-g)/g) * g},
		Max: orb.Point{math.Ceil((o[0]+float64(s.View.Width)+g)/g) * g, math.Ceil((o[1]+float64(s.View.Height)+g)/g) * g},
	}
}

func lineBound(pts []orb.Point) orb.Bound {
	b := orb.Bound{Min: pts[0], Max: pts[0]}
	for _, p := range pts[1:] {
		b = b.Extend(p)
	}
	return b
}

// offsetStrand moves a densified route sideways off the strands already
// laid, as little as it can, and eases the moves along the line. Points
// not active are left where they are.
//
// Along each stretch it shares, a strand keeps to one side, so it never
// weaves: the side it leaves the stretch on (or enters it on, when it ends
// on the stretch). The crude beside the cargo band comes down the side
// that turns north to Sangachal, north of Alat, instead of crossing the
// band at the end; bands that part ways cross nowhere. Where the routes
// run apart by more than the bands need, each keeps its own route.
//
// A band starts and ends on its route and passes through the ports on
// its way (pins): there its offset is brought back to its route, fanning
// in at pinSlope, so the crude leaves Aktau itself and reaches Sangachal
// before it turns into the pipeline.
func offsetStrand(pts []orb.Point, active []bool, slot, gap float64, laid *segGrid, pins []orb.Point) []orb.Point {
	n := len(pts)
	normals := vertexNormals(pts)
	off := make([]float64, n)
	forbids := make([][][2]float64, n)
	for i, p := range pts {
		if !active[i] {
			continue
		}
		t := orb.Point{normals[i][1], -normals[i][0]} // tangent
		var forbid [][2]float64
		laid.near(p, func(a, b orb.Point, other float64) {
			need := (slot+other)/2 + gap
			c := closestOnSegment(p, a, b)
			d := orb.Point{c[0] - p[0], c[1] - p[1]}
			if math.Abs(d[0]*t[0]+d[1]*t[1]) > need {
				return // not beside this vertex
			}
			sx, sy := b[0]-a[0], b[1]-a[1]
			sl := math.Hypot(sx, sy)
			if sl == 0 || math.Abs((sx*t[0]+sy*t[1])/sl) < 0.6 {
				return // crossing, not running alongside
			}
			across := d[0]*normals[i][0] + d[1]*normals[i][1]
			forbid = append(forbid, [2]float64{across - need, across + need})
		})
		forbids[i] = forbid
	}
	for a := 0; a < n; {
		if len(forbids[a]) == 0 || leastFree(forbids[a], 0) == 0 {
			a++
			continue
		}
		b := a
		for b+1 < n && len(forbids[b+1]) > 0 && leastFree(forbids[b+1], 0) != 0 {
			b++
		}
		side := math.Copysign(1, leastFree(forbids[b], 0))
		if b == n-1 && a > 0 {
			side = math.Copysign(1, leastFree(forbids[a], 0))
		}
		for i := a; i <= b; i++ {
			off[i] = leastFree(forbids[i], side)
		}
		a = b + 1
	}
	easeOffsets(pts, off, bundleSlope)
	crossOver(pts, off, bundleSlope)
	for _, pin := range pins {
		for i, p := range pts {
			if lim := pinSlope * math.Hypot(p[0]-pin[0], p[1]-pin[1]); math.Abs(off[i]) > lim {
				off[i] = math.Copysign(lim, off[i])
			}
		}
	}
	out := make([]orb.Point, n)
	for i, p := range pts {
		out[i] = orb.Point{p[0] + normals[i][0]*off[i], p[1] + normals[i][1]*off[i]}
	}
	return out
}

// leastFree is the offset nearest zero outside every open interval: on
// the given side when side is ±1, on either (the nearer) when it is 0.
func leastFree(forbid [][2]float64, side float64) float64 {
	inside := func(x float64) bool {
		for _, f := range forbid {
			if x > f[0]+1e-9 && x < f[1]-1e-9 {
				return true
			}
		}
		return false
	}
	if !inside(0) {
		return 0
	}
	best := math.Inf(1)
	for _, f := range forbid {
		for _, x := range f {
			if inside(x) || x*side < 0 {
				continue
			}
			if math.Abs(x) < math.Abs(best) {
				best = x
			}
		}
	}
	if math.IsInf(best, 0) {
		return 0
	}
	return best
}

// easeOffsets spreads each offset along the line at most slope pixels
// per pixel, keeping every offset at least as large as it was, so a band
// leaves and rejoins its route at a gentle angle.
func easeOffsets(pts []orb.Point, off []float64, slope float64) {
	n := len(off)
	fwd := slices.Clone(off)
	for i := 1; i < n; i++ {
		d := math.Hypot(pts[i][0]-pts[i-1][0], pts[i][1]-pts[i-1][1]) * slope
		if carried := math.Abs(fwd[i-1]) - d; carried > math.Abs(fwd[i]) {
			fwd[i] = math.Copysign(carried, fwd[i-1])
		}
	}
	for i := n - 2; i >= 0; i-- {
		d := math.Hypot(pts[i+1][0]-pts[i][0], pts[i+1][1]-pts[i][1]) * slope
		if carried := math.Abs(off[i+1]) - d; carried > math.Abs(off[i]) {
			off[i] = math.Copysign(carried, off[i+1])
		}
	}
	for i := range off {
		if math.Abs(fwd[i]) > math.Abs(off[i]) {
			off[i] = fwd[i]
		}
	}
}

// crossOver turns each change of side into a slanted crossing: the
// offsets around it are replaced by a straight ramp from one side to the
// other at the given slope.
func crossOver(pts []orb.Point, off []float64, slope float64) {
	n := len(off)
	for i := 0; i+1 < n; i++ {
		if off[i]*off[i+1] >= 0 {
			continue
		}
		// Half the ramp's length on each side of the change.
		half := (math.Abs(off[i]) + math.Abs(off[i+1])) / 2 / slope
		a, b := i, i+1
		for d := 0.0; a > 0 && d < half; a-- {
			d += math.Hypot(pts[a][0]-pts[a-1][0], pts[a][1]-pts[a-1][1])
		}
		for d := 0.0; b < n-1 && d < half; b++ {
			d += math.Hypot(pts[b+1][0]-pts[b][0], pts[b+1][1]-pts[b][1])
		}
		total := 0.0
		for k := a + 1; k <= b; k++ {
			total += math.Hypot(pts[k][0]-pts[k-1][0], pts[k][1]-pts[k-1][1])
		}
		if total == 0 {
			continue
		}
		from, to := off[a], off[b]
		d := 0.0
		for k := a + 1; k < b; k++ {
			d += math.Hypot(pts[k][0]-pts[k-1][0], pts[k][1]-pts[k-1][1])
			off[k] = from + (to-from)*d/total
		}
		i = b - 1
	}
}

// vertexNormals are the unit left normals of a line at its vertices: the
// mean of the neighbouring segments' normals.
func vertexNormals(pts []orb.Point) []orb.Point {
	n := len(pts)
	out := make([]orb.Point, n)
	seg := func(i int) orb.Point { // normal of segment i → i+1
		vx, vy := pts[i+1][0]-pts[i][0], pts[i+1][1]-pts[i][1]
		l := math.Hypot(vx, vy)
		if l == 0 {
			return orb.Point{}
		}
		return orb.Point{-vy / l, vx / l}
	}
	last := orb.Point{0, -1}
	for i := range pts {
		var a, b orb.Point
		if i > 0 {
			a = seg(i - 1)
		}
		if i < n-1 {
			b = seg(i)
		}
		m := orb.Point{a[0] + b[0], a[1] + b[1]}
		if l := math.Hypot(m[0], m[1]); l > 1e-9 {
			last = orb.Point{m[0] / l, m[1] / l}
		}
		out[i] = last
	}
	return out
}

// densify adds points so no segment within win is longer than step, and
// reports which points lie within win (the ends of a segment that meets
// it count).
func densify(pts []orb.Point, step float64, win orb.Bound) ([]orb.Point, []bool) {
	out := make([]orb.Point, 0, len(pts))
	active := make([]bool, 0, len(pts))
	for i, p := range pts {
		in := win.Contains(p)
		if i > 0 {
			q := pts[i-1]
			meets := in || win.Contains(q) || segmentMeets(q, p, win)
			if meets {
				active[len(active)-1] = true
				in = true
				l := math.Hypot(p[0]-q[0], p[1]-q[1])
				if l == 0 {
					continue
				}
				// Cut to the window first, so a long segment is densified
				// only where it is seen.
				t0, t1, _ := geo.ClipSegment(q, p, win)
				k0, k1 := int(math.Floor(t0*l/step)), int(math.Ceil(t1*l/step))
				kn := int(math.Ceil(l / step))
				for j := max(1, k0); j < min(kn, k1+1); j++ {
					t := float64(j) / float64(kn)
					out = append(out, orb.Point{q[0] + (p[0]-q[0])*t, q[1] + (p[1]-q[1])*t})
					active = append(active, true)
				}
			}
		}
		out = append(out, p)
		active = append(active, in)
	}
	return out, active
}

// segmentMeets reports whether segment ab meets the box.
func segmentMeets(a, b orb.Point, box orb.Bound) bool {
	_, _, ok := geo.ClipSegment(a, b, box)
	return ok
}

// closestOnSegment is the point of segment ab nearest p.
func closestOnSegment(p, a, b orb.Point) orb.Point {
	vx, vy := b[0]-a[0], b[1]-a[1]
	l2 := vx*vx + vy*vy
	if l2 == 0 {
		return a
	}
	t := ((p[0]-a[0])*vx + (p[1]-a[1])*vy) / l2
	t = max(0, min(1, t))
	return orb.Point{a[0] + vx*t, a[1] + vy*t}
}

// segGrid finds the laid segments near a point: a hash grid of cells at
// least as large as the widest reach, so a look-up reads nine cells.
type segGrid struct {
	cell  float64
	cells map[[2]int][]gridSeg
}

type gridSeg struct {
	a, b orb.Point
	w    float64
}

func (g *segGrid) cellOf(p orb.Point) [2]int {
	return [2]int{int(math.Floor(p[0] / g.cell)), int(math.Floor(p[1] / g.cell))}
}

// addLine adds the segments between active points (which densify kept
// short; a longer one is left out rather than spread over many cells).
func (g *segGrid) addLine(pts []orb.Point, active []bool, w float64) {
	if g.cells == nil {
		g.cells = map[[2]int][]gridSeg{}
	}
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		if !active[i-1] || !active[i] {
			continue
		}
		ca, cb := g.cellOf(a), g.cellOf(b)
		if abs(ca[0]-cb[0]) > 2 || abs(ca[1]-cb[1]) > 2 {
			continue
		}
		for x := min(ca[0], cb[0]); x <= max(ca[0], cb[0]); x++ {
			for y := min(ca[1], cb[1]); y <= max(ca[1], cb[1]); y++ {
				g.cells[[2]int{x, y}] = append(g.cells[[2]int{x, y}], gridSeg{a, b, w})
			}
		}
	}
}

// near calls f for the segments in the cells around p (a segment may
// come more than once).
func (g *segGrid) near(p orb.Point, f func(a, b orb.Point, w float64)) {
	if g.cells == nil {
		return
	}
	c := g.cellOf(p)
	for x := c[0] - 1; x <= c[0]+1; x++ {
		for y := c[1] - 1; y <= c[1]+1; y++ {
			for _, s := range g.cells[[2]int{x, y}] {
				f(s.a, s.b, s.w)
			}
		}
	}
}
