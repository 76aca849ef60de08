package crs

import "math"

// mercator is the normal Mercator projection: on a sphere for Web
// Mercator (EPSG:3857, whose ellipsoid coordinates are treated as
// spherical, as every web map does) and on the ellipsoid for World
// Mercator (EPSG:3395). k0 is the scale on the equator, already reduced
// from a standard parallel when the CRS gives one.
type mercator struct {
	a, e, lam0, k0, fe, fn float64
}

func (m *mercator) forward(lam, phi float64) (x, y float64) {
	x, y = m.plane(normLon(lam-m.lam0), phi)
	return m.fe + x, m.fn + y
}

// plane is forward without the false origin, from the longitude east of
// the central meridian as given.
func (m *mercator) plane(dlam, phi float64) (x, y float64) {
	x = m.a * m.k0 * dlam
	if m.e == 0 {
		return x, m.a * m.k0 * math.Asinh(math.Tan(phi))
	}
	s := math.Sin(phi)
	return x, m.a * m.k0 * (math.Asinh(math.Tan(phi)) - m.e*math.Atanh(m.e*s))
}

func (m *mercator) inverse(x, y float64) (lam, phi float64) {
	dl, phi := m.unplane(x-m.fe, y-m.fn)
	if math.Abs(dl) > math.Pi+1e-9 {
		return math.NaN(), math.NaN() // more than half the world from the origin
	}
	return normLon(m.lam0 + dl), phi
}

// unplane is plane's inverse.
func (m *mercator) unplane(x, y float64) (dlam, phi float64) {
	dlam = x / (m.a * m.k0)
	// ψ is the isometric latitude; tan of the conformal latitude is sinh ψ.
	taup := math.Sinh(y / (m.a * m.k0))
	if m.e == 0 {
		return dlam, math.Atan(taup)
	}
	return dlam, math.Atan(tauFromConformal(taup, m.e))
}
