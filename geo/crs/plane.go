package crs

import "math"

// Plane is a projection as a map draws with it: from geodetic longitude
// east of the central meridian and latitude (radians, on WGS84) to plane
// metres with the origin on the central meridian, and back, with the
// point scale factor. The longitude is taken as given, not brought into
// ±π: a ring cut at the map's seam projects each side where it belongs.
type Plane interface {
	Forward(dlam, phi float64) (x, y float64)
	Inverse(x, y float64) (dlam, phi float64)
	// Scale is the point scale factor at a latitude: plane metres per
	// metre on the ground, the same in every direction (both planes are
	// conformal) and along a parallel.
	Scale(phi float64) float64
}

// PseudoMercator is the plane of Web Mercator (EPSG:3857): WGS84
// longitude and latitude drawn on a sphere of the equatorial radius, as
// every web map draws them.
func PseudoMercator() Plane {
	return pseudoMercator{&mercator{a: webMercatorEllipsoid.A, k0: 1}}
}

type pseudoMercator struct{ m *mercator }

func (p pseudoMercator) Forward(dlam, phi float64) (x, y float64) { return p.m.plane(dlam, phi) }
func (p pseudoMercator) Inverse(x, y float64) (dlam, phi float64) { return p.m.unplane(x, y) }

// Scale of Web Mercator, as web maps state it: that of its sphere.
func (p pseudoMercator) Scale(phi float64) float64 { return 1 / math.Cos(phi) }

// Conic is the Lambert conformal conic on the WGS84 ellipsoid with
// standard parallels lat1 and lat2 (radians; equal for the one-parallel
// form) and plane origin at latitude lat0 on the central meridian: what
// PROJ's +proj=lcc +ellps=WGS84 +lat_0 +lat_1 +lat_2 gives with no false
// origin.
func Conic(lat0, lat1, lat2 float64) *ConicPlane {
	return &ConicPlane{newLCC(WGS84Ellipsoid, 0, lat0, lat1, lat2, 1, 0, 0)}
}

// ConicPlane is a Lambert conformal conic plane (see Conic).
type ConicPlane struct{ l *lcc }

func (c *ConicPlane) Forward(dlam, phi float64) (x, y float64) { return c.l.plane(dlam, phi) }
func (c *ConicPlane) Inverse(x, y float64) (dlam, phi float64) { return c.l.unplane(x, y) }

// Scale is k = ρ n / (a m), m the radius of the parallel over a (Snyder
// eq. 15-4).
func (c *ConicPlane) Scale(phi float64) float64 {
	l := c.l
	s := l.e * math.Sin(phi)
	m := math.Cos(phi) / math.Sqrt(1-s*s)
	return l.rho(phi) * l.n / (l.a * m)
}

// N is the cone constant: a turn of longitude spans n turns of the plane.
func (c *ConicPlane) N() float64 { return c.l.n }

// Rho is the radius of the parallel at phi in the plane, from the apex.
func (c *ConicPlane) Rho(phi float64) float64 { return c.l.rho(phi) }

// Rho0 is the radius of the origin's parallel: the apex lies at (0, Rho0).
func (c *ConicPlane) Rho0() float64 { return c.l.rho0 }
