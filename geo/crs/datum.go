package crs

import "math"

// Ellipsoid is a reference ellipsoid: semi-major axis in metres and
// flattening.
type Ellipsoid struct {
	A, F float64
}

// The ellipsoids of the datums the package knows by name.
var (
	WGS84Ellipsoid       = Ellipsoid{A: 6378137, F: 1 / 298.257223563}
	GRS80Ellipsoid       = Ellipsoid{A: 6378137, F: 1 / 298.257222101}
	KrassowskyEllipsoid  = Ellipsoid{A: 6378245, F: 1 / 298.3}
	webMercatorEllipsoid = Ellipsoid{A: 6378137} // the sphere Web Mercator is drawn on
)

// e2 is the squared first eccentricity.
func (e Ellipsoid) e2() float64 { return e.F * (2 - e.F) }

// Datum is an ellipsoid placed on the earth. Shift, when set, is the
// Helmert transformation to WGS84 in the position-vector convention of a
// WKT TOWGS84 node: dx, dy, dz in metres, rx, ry, rz in arc-seconds, ds in
// parts per million. A datum without Shift is WGS84 or treated as equal to
// it within a metre (ETRS89).
type Datum struct {
	Name      string
	Ellipsoid Ellipsoid
	Shift     *[7]float64
}

// The datums the package knows by name.
var (
	WGS84Datum  = Datum{Name: "WGS 84", Ellipsoid: WGS84Ellipsoid}
	ETRS89Datum = Datum{Name: "ETRS89", Ellipsoid: GRS80Ellipsoid}
	// Pulkovo1942Datum carries EPSG:15865 (Pulkovo 1942 to WGS 84 (16),
	// 4.5 m), the transformation EPSG gives for the whole former Soviet
	// Union (Azerbaijan, Georgia, Kazakhstan, Turkmenistan, Russia…) and the
	// one PROJ chooses for this region. A file whose WKT carries its own
	// TOWGS84 uses that instead.
	Pulkovo1942Datum = Datum{Name: "Pulkovo 1942", Ellipsoid: KrassowskyEllipsoid,
		Shift: &[7]float64{25, -141, -78.5, 0, 0.35, 0.736, 0}}
)

// toWGS84 moves geodetic coordinates (radians) on d to WGS84 (radians).
func (d Datum) toWGS84(lam, phi float64) (float64, float64) {
	if d.Shift == nil {
		return lam, phi
	}
	x, y, z := geocentric(d.Ellipsoid, lam, phi)
	x, y, z = helmert(d.Shift, x, y, z, 1)
	return geodetic(WGS84Ellipsoid, x, y, z)
}

// fromWGS84 is toWGS84's inverse.
func (d Datum) fromWGS84(lam, phi float64) (float64, float64) {
	if d.Shift == nil {
		return lam, phi
	}
	x, y, z := geocentric(WGS84Ellipsoid, lam, phi)
	x, y, z = helmert(d.Shift, x, y, z, -1)
	return geodetic(d.Ellipsoid, x, y, z)
}

// geocentric converts a point on the ellipsoid's surface (height 0: the
// map is 2-D) to earth-centred X, Y, Z in metres.
func geocentric(e Ellipsoid, lam, phi float64) (x, y, z float64) {
	e2 := e.e2()
	s, c := math.Sincos(phi)
	n := e.A / math.Sqrt(1-e2*s*s)
	return n * c * math.Cos(lam), n * c * math.Sin(lam), n * (1 - e2) * s
}

// geodetic converts earth-centred coordinates to longitude and latitude
// (radians), iterating the latitude to far below a millimetre.
func geodetic(e Ellipsoid, x, y, z float64) (lam, phi float64) {
	e2 := e.e2()
	p := math.Hypot(x, y)
	lam = math.Atan2(y, x)
	phi = math.Atan2(z, p*(1-e2))
	for range 10 {
		s := math.Sin(phi)
		n := e.A / math.Sqrt(1-e2*s*s)
		h := p/math.Cos(phi) - n
		next := math.Atan2(z, p*(1-e2*n/(n+h)))
		if math.Abs(next-phi) < 1e-14 {
			return lam, next
		}
		phi = next
	}
	return lam, phi
}

// helmert applies the small-angle 7-parameter transformation (sign +1) or
// its inverse (sign -1), as PROJ's helmert does by default.
func helmert(p *[7]float64, x, y, z, sign float64) (float64, float64, float64) {
	const arcsec = math.Pi / (180 * 3600)
	tx, ty, tz := sign*p[0], sign*p[1], sign*p[2]
	rx, ry, rz := sign*p[3]*arcsec, sign*p[4]*arcsec, sign*p[5]*arcsec
	m := 1 + sign*p[6]*1e-6
	return m*(x-rz*y+ry*z) + tx,
		m*(rz*x+y-rx*z) + ty,
		m*(-ry*x+rx*y+z) + tz
}
