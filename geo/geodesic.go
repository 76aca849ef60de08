package geo

import (
	"github.com/golang/geo/s2"
	"github.com/paulmach/orb"
)

// EarthRadiusKm is the mean Earth radius (IUGG), the usual sphere for
// geodesic lengths; spherical lengths are within 0.5 % of the ellipsoid's,
// far inside the tolerance of any published route length.
const EarthRadiusKm = 6371.0088

func latLng(p orb.Point) s2.LatLng { return s2.LatLngFromDegrees(p[1], p[0]) }

// Distance is the great-circle distance between two lon/lat points.
func Distance(a, b orb.Point) Km {
	return Km(latLng(a).Distance(latLng(b)).Radians() * EarthRadiusKm)
}

// Length is the geodesic length of a lon/lat polyline.
func Length(ls orb.LineString) Km {
	var sum Km
	for i := 1; i < len(ls); i++ {
		sum += Distance(ls[i-1], ls[i])
	}
	return sum
}

// GeometryLength is the geodesic length of the lines in g (polygons count
// their rings; points count nothing).
func GeometryLength(g orb.Geometry) Km {
	var sum Km
	for ls := range Lines(g) {
		sum += Length(ls)
	}
	return sum
}

// Interpolate returns the point a fraction f of the way from a to b along
// the great circle.
func Interpolate(a, b orb.Point, f float64) orb.Point {
	ll := s2.LatLngFromPoint(s2.Interpolate(f, s2.PointFromLatLng(latLng(a)), s2.PointFromLatLng(latLng(b))))
	return orb.Point{ll.Lng.Degrees(), ll.Lat.Degrees()}
}

// GreatCircle returns the great-circle path from a to b with no segment
// longer than maxStep, so it can be drawn as straight pieces in any
// projection.
func GreatCircle(a, b orb.Point, maxStep Km) orb.LineString {
	d := Distance(a, b)
	n := 1
	if maxStep > 0 && d > maxStep {
		n = int(d/maxStep) + 1
	}
	out := make(orb.LineString, 0, n+1)
	out = append(out, a)
	for i := 1; i < n; i++ {
		out = append(out, Interpolate(a, b, float64(i)/float64(n)))
	}
	return append(out, b)
}

// PointAlong returns the point at distance d along ls, and false when ls is
// shorter than d.
func PointAlong(ls orb.LineString, d Km) (orb.Point, bool) {
	if d < 0 || len(ls) == 0 {
		return orb.Point{}, false
	}
	for i := 1; i < len(ls); i++ {
		seg := Distance(ls[i-1], ls[i])
		if d <= seg {
			if seg == 0 {
				return ls[i], true
			}
			return Interpolate(ls[i-1], ls[i], float64(d/seg)), true
		}
		d -= seg
	}
	return orb.Point{}, false
}
