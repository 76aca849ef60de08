package load

import (
	"fmt"
	"math"
	"runtime"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/geo/crs"
)

// Finish completes a Result that a reader other than the GeoJSON scanner
// built with coordinates as the file holds them. It converts them from c
// to WGS84 longitude and latitude (nil: the file names no CRS, and they
// must already be degrees), refuses any that are not finite or fall
// outside -180..180, -90..90, and sets the bounds of each feature and of
// the whole. name names feature i in messages ("record 12", "row 14").
//
// Big layers are converted on every core the process may use: a UTM
// point costs about 0.2 µs, and a 100 MB Shapefile holds millions.
func Finish(file string, res *Result, c *crs.CRS, name func(i int) string) error {
	if err := reproject(file, res, c, name); err != nil {
		return err
	}
	nulls := 0
	for _, f := range res.Features {
		if f.Geometry == nil {
			nulls++
		}
	}
	if nulls > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d feature(s) without geometry (kept, not drawn)", nulls))
	}
	return nil
}

// reproject is Finish without the notice about null geometries, which the
// GeoJSON scanner gives itself.
func reproject(file string, res *Result, c *crs.CRS, name func(i int) string) error {
	convert := c != nil && !c.IsWGS84()
	feats := res.Features
	res.Bounds = make([]orb.Bound, len(feats))
	workers := 1
	if n := countPoints(feats, 1<<16); n >= 1<<16 {
		workers = runtime.GOMAXPROCS(0)
	}
	bad := make([]int, workers) // first feature that failed, per worker
	msgs := make([]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(feats)/workers, (w+1)*len(feats)/workers
		bad[w] = -1
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				f := feats[i]
				if f.Geometry == nil {
					continue
				}
				b, msg := finishGeometry(f, c, convert)
				if msg != "" {
					bad[w], msgs[w] = i, msg
					return
				}
				res.Bounds[i] = b
			}
		}()
	}
	wg.Wait()
	for w := range workers {
		if bad[w] >= 0 {
			return &Error{File: file, Offset: -1, Msg: name(bad[w]) + ": " + msgs[w]}
		}
	}
	first := true
	for i, f := range feats {
		if f.Geometry == nil {
			continue
		}
		if first {
			res.Bound, first = res.Bounds[i], false
		} else {
			res.Bound = res.Bound.Union(res.Bounds[i])
		}
	}
	if convert {
		res.Warnings = append(res.Warnings, fmt.Sprintf("coordinates converted from %s to WGS 84", c))
	}
	return nil
}

// countPoints counts the positions of feats, stopping at limit.
func countPoints(feats []*geojson.Feature, limit int) int {
	n := 0
	for _, f := range feats {
		if f.Geometry == nil {
			continue
		}
		n += geometryPoints(f.Geometry)
		if n >= limit {
			break
		}
	}
	return n
}

func geometryPoints(g orb.Geometry) int {
	switch g := g.(type) {
	case orb.Point:
		return 1
	case orb.MultiPoint:
		return len(g)
	case orb.LineString:
		return len(g)
	case orb.MultiLineString:
		n := 0
		for _, l := range g {
			n += len(l)
		}
		return n
	case orb.Polygon:
		n := 0
		for _, r := range g {
			n += len(r)
		}
		return n
	case orb.MultiPolygon:
		n := 0
		for _, p := range g {
			n += geometryPoints(p)
		}
		return n
	case orb.Collection:
		n := 0
		for _, c := range g {
			n += geometryPoints(c)
		}
		return n
	}
	return 0
}

// finishGeometry converts a feature's positions in place and returns their
// bounds, or the refusal.
func finishGeometry(f *geojson.Feature, c *crs.CRS, convert bool) (orb.Bound, string) {
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	var msg string
	visit := func(p *orb.Point) bool {
		x, y := p[0], p[1]
		if convert {
			if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) {
				msg = fmt.Sprintf("position %g, %g is not a number", x, y)
				return false
			}
			p[0], p[1] = c.ToWGS84(x, y)
			if !(p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90) {
				msg = fmt.Sprintf("position %g, %g lies outside the world in %s", x, y, c)
				return false
			}
		} else if msg = rangeFault(x, y, c == nil); msg != "" {
			return false
		}
		b.Min[0], b.Min[1] = min(b.Min[0], p[0]), min(b.Min[1], p[1])
		b.Max[0], b.Max[1] = max(b.Max[0], p[0]), max(b.Max[1], p[1])
		return true
	}
	if pt, ok := f.Geometry.(orb.Point); ok {
		if !visit(&pt) {
			return orb.Bound{}, msg
		}
		f.Geometry = pt
		return b, ""
	}
	if !eachPoint(f.Geometry, visit) {
		return orb.Bound{}, msg
	}
	if b.Min[0] > b.Max[0] {
		return orb.Bound{}, "" // an empty collection
	}
	return b, ""
}

// rangeFault is the refusal of a position that is not WGS84 degrees; the
// hint about projected coordinates is for files that name no CRS.
func rangeFault(x, y float64, noCRS bool) string {
	hint := ""
	if noCRS {
		hint = " (are the coordinates projected? the file names no CRS)"
	}
	switch {
	case math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0):
		return fmt.Sprintf("position %g, %g is not a number", x, y)
	case x < -180 || x > 180:
		return fmt.Sprintf("longitude %g is outside -180..180%s", x, hint)
	case y < -90 || y > 90:
		return fmt.Sprintf("latitude %g is outside -90..90%s", y, hint)
	}
	return ""
}

// eachPoint calls visit with every position of g that lives in a slice,
// so it can be changed in place, until visit returns false. A Point inside
// a Collection is replaced in the collection.
func eachPoint(g orb.Geometry, visit func(*orb.Point) bool) bool {
	points := func(ps []orb.Point) bool {
		for i := range ps {
			if !visit(&ps[i]) {
				return false
			}
		}
		return true
	}
	switch g := g.(type) {
	case orb.MultiPoint:
		return points(g)
	case orb.LineString:
		return points(g)
	case orb.MultiLineString:
		for _, l := range g {
			if !points(l) {
				return false
			}
		}
	case orb.Polygon:
		for _, r := range g {
			if !points(r) {
				return false
			}
		}
	case orb.MultiPolygon:
		for _, p := range g {
			for _, r := range p {
				if !points(r) {
					return false
				}
			}
		}
	case orb.Collection:
		for i, m := range g {
			if pt, ok := m.(orb.Point); ok {
				if !visit(&pt) {
					return false
				}
				g[i] = pt
				continue
			}
			if !eachPoint(m, visit) {
				return false
			}
		}
	case orb.Ring:
		return points(g)
	}
	return true
}
