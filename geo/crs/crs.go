package crs

import (
	"fmt"
	"math"
)

// CRS is a coordinate reference system: geographic (longitude and
// latitude in degrees on its datum) or projected (easting and northing in
// its linear unit). The zero value is not valid; use WGS84 or a
// constructor.
type CRS struct {
	// Name is what the file or the EPSG registry calls it.
	Name string
	// Code is its EPSG code, 0 when it has none or it is not known.
	Code  int
	datum Datum
	proj  projection // nil: geographic
	unit  float64    // metres per unit (projected) or degrees per unit (geographic)
}

// projection maps geodetic longitude and latitude (radians) on the CRS's
// datum to plane coordinates in metres, false origin included, and back.
type projection interface {
	forward(lam, phi float64) (x, y float64)
	inverse(x, y float64) (lam, phi float64)
}

const deg = math.Pi / 180

// WGS84 is longitude and latitude on WGS84 (EPSG:4326 in x = longitude
// order, as every GIS file stores it): the map's own coordinates.
var WGS84 = &CRS{Name: "WGS 84", Code: 4326, datum: WGS84Datum, unit: 1}

// IsWGS84 reports whether coordinates in c need no conversion.
func (c *CRS) IsWGS84() bool {
	return c.proj == nil && c.datum.Shift == nil && c.unit == 1
}

// Projected reports whether c is a projection (plane coordinates).
func (c *CRS) Projected() bool { return c.proj != nil }

// Datum is the datum c is defined on.
func (c *CRS) Datum() Datum { return c.datum }

// String names the CRS for messages: the name and, when known, the code.
func (c *CRS) String() string {
	switch {
	case c.Code != 0 && c.Name != "":
		return fmt.Sprintf("%s (EPSG:%d)", c.Name, c.Code)
	case c.Code != 0:
		return fmt.Sprintf("EPSG:%d", c.Code)
	}
	return c.Name
}

// ToWGS84 converts a coordinate pair in c to WGS84 longitude and latitude
// in degrees; NaN for a pair that names no place on earth.
func (c *CRS) ToWGS84(x, y float64) (lon, lat float64) {
	var lam, phi float64
	if c.proj == nil {
		lam, phi = x*c.unit*deg, y*c.unit*deg
	} else {
		lam, phi = c.proj.inverse(x*c.unit, y*c.unit)
	}
	lam, phi = c.datum.toWGS84(lam, phi)
	return lam / deg, phi / deg
}

// FromWGS84 converts WGS84 longitude and latitude in degrees to c.
func (c *CRS) FromWGS84(lon, lat float64) (x, y float64) {
	lam, phi := c.datum.fromWGS84(lon*deg, lat*deg)
	if c.proj == nil {
		return lam / deg / c.unit, phi / deg / c.unit
	}
	x, y = c.proj.forward(lam, phi)
	return x / c.unit, y / c.unit
}

// Geographic is longitude and latitude in degrees on datum d.
func Geographic(name string, d Datum) *CRS {
	return &CRS{Name: name, datum: d, unit: 1}
}

// TransverseMercator is a Transverse Mercator projection on d: origin
// lon0, lat0 (degrees), scale k0 on the central meridian, false easting
// and northing in metres. UTM and Gauss–Krüger zones are instances.
func TransverseMercator(name string, d Datum, lon0, lat0, k0, fe, fn float64) *CRS {
	return &CRS{Name: name, datum: d, unit: 1, proj: newTmerc(d.Ellipsoid, lon0*deg, lat0*deg, k0, fe, fn)}
}

// UTM is zone 1..60 of the Universal Transverse Mercator on WGS84
// (EPSG:326zz north, 327zz south).
func UTM(zone int, north bool) *CRS {
	fn, code, hemi := 0.0, 32600+zone, "N"
	if !north {
		fn, code, hemi = 10000000, 32700+zone, "S"
	}
	c := TransverseMercator(fmt.Sprintf("WGS 84 / UTM zone %d%s", zone, hemi), WGS84Datum, float64(6*zone-183), 0, 0.9996, 500000, fn)
	c.Code = code
	return c
}

// WebMercator is the spherical "Pseudo-Mercator" of web maps (EPSG:3857):
// WGS84 longitude and latitude drawn on a sphere of the equatorial radius.
func WebMercator() *CRS {
	return &CRS{Name: "WGS 84 / Pseudo-Mercator", Code: 3857, datum: WGS84Datum, unit: 1,
		proj: &mercator{a: webMercatorEllipsoid.A, k0: 1}}
}

// Mercator is the ellipsoidal normal Mercator on d with scale k0 on the
// equator (World Mercator, EPSG:3395, is WGS84 with k0 = 1).
func Mercator(name string, d Datum, lon0, k0, fe, fn float64) *CRS {
	return &CRS{Name: name, datum: d, unit: 1,
		proj: &mercator{a: d.Ellipsoid.A, e: math.Sqrt(d.Ellipsoid.e2()), lam0: lon0 * deg, k0: k0, fe: fe, fn: fn}}
}

// LambertConformalConic is the Lambert conformal conic projection on d
// with standard parallels lat1 and lat2 (equal for the one-parallel
// form, where k0 is the scale on it), origin lon0, lat0 (degrees), false
// easting and northing in metres.
func LambertConformalConic(name string, d Datum, lon0, lat0, lat1, lat2, k0, fe, fn float64) *CRS {
	return &CRS{Name: name, datum: d, unit: 1,
		proj: newLCC(d.Ellipsoid, lon0*deg, lat0*deg, lat1*deg, lat2*deg, k0, fe, fn)}
}

// UnsupportedError is a CRS the package cannot convert from. Its message
// is one line naming the CRS and what to do.
type UnsupportedError struct {
	Name   string // the CRS as the file names it
	Reason string // what is missing, e.g. "the Albers equal-area projection"
}

func (e *UnsupportedError) Error() string {
	r := ""
	if e.Reason != "" {
		r = " (" + e.Reason + ")"
	}
	return fmt.Sprintf("coordinates are in CRS %q%s, which Corridor Atlas cannot convert; reproject to WGS 84 (EPSG:4326) first", e.Name, r)
}
