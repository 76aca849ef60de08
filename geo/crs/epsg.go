package crs

import (
	"fmt"
	"math"
)

// EPSG returns the CRS with an EPSG code, for the systems the package
// converts: WGS 84 (4326) and its UTM zones (32601–32660, 32701–32760),
// Web Mercator (3857 and its older codes 900913, 3785, 102100, 102113),
// World Mercator (3395), ETRS89 (4258) and its UTM zones 28–38
// (25828–25838), and Pulkovo 1942 (4284) with its Gauss–Krüger zones,
// 6° and 3° wide, with and without the zone number in the easting
// (28404–28432, 2492–2522, 2523–2549, 2551–2581, 2582–2640).
// Any other code is an *UnsupportedError.
func EPSG(code int) (*CRS, error) {
	c := epsg(code)
	if c == nil {
		return nil, &UnsupportedError{Name: fmt.Sprintf("EPSG:%d", code)}
	}
	c.Code = code
	return c, nil
}

func epsg(code int) *CRS {
	switch {
	case code == 4326:
		return Geographic("WGS 84", WGS84Datum)
	case code == 4258:
		return Geographic("ETRS89", ETRS89Datum)
	case code == 4284:
		return Geographic("Pulkovo 1942", Pulkovo1942Datum)
	case code == 3857, code == 900913, code == 3785, code == 102100, code == 102113:
		return WebMercator()
	case code == 3395:
		return Mercator("WGS 84 / World Mercator", WGS84Datum, 0, 1, 0, 0)
	case code > 32600 && code <= 32660:
		return UTM(code-32600, true)
	case code > 32700 && code <= 32760:
		return UTM(code-32700, false)
	case code >= 25828 && code <= 25838:
		z := code - 25800
		return TransverseMercator(fmt.Sprintf("ETRS89 / UTM zone %dN", z), ETRS89Datum, float64(6*z-183), 0, 0.9996, 500000, 0)
	}
	return pulkovoGK(code)
}

// pulkovoGK returns the Pulkovo 1942 Gauss–Krüger zones. Their parameters
// follow from the code (checked against PROJ's database in
// testdata/epsg-pulkovo.tsv); 2600 inside the 3° CM range belongs to
// another system.
func pulkovoGK(code int) *CRS {
	var name string
	var lon0, fe float64
	switch {
	case code >= 28404 && code <= 28432: // 6° zones 4–32, zone number in the easting
		z := code - 28400
		name, lon0, fe = fmt.Sprintf("Gauss-Kruger zone %d", z), float64(6*z-3), float64(z)*1e6+5e5
	case code >= 2492 && code <= 2522: // 6° zones by central meridian
		lon0, fe = float64(9+6*(code-2492)), 5e5
		name = "Gauss-Kruger CM " + cm(lon0)
	case code >= 2523 && code <= 2549, code >= 2551 && code <= 2581: // 3° zones 7–64
		z := code - 2516
		if code > 2550 {
			z = code - 2517
		}
		name, lon0, fe = fmt.Sprintf("3-degree Gauss-Kruger zone %d", z), float64(3*z), float64(z)*1e6+5e5
		if z == 60 {
			fe = 60e6 // so in the EPSG registry
		}
	case code >= 2582 && code <= 2640 && code != 2600: // 3° zones by central meridian
		k := code - 2582
		if code > 2600 {
			k--
		}
		lon0, fe = float64(21+3*k), 5e5
		name = "3-degree Gauss-Kruger CM " + cm(lon0)
	default:
		return nil
	}
	lon0 = math.Remainder(lon0, 360)
	if lon0 == -180 {
		lon0 = 180
	}
	return TransverseMercator("Pulkovo 1942 / "+name, Pulkovo1942Datum, lon0, 0, 1, fe, 0)
}

// cm writes a central meridian as EPSG names it: "51E", "171W".
func cm(lon float64) string {
	lon = math.Remainder(lon, 360)
	if lon < 0 {
		return fmt.Sprintf("%gW", -lon)
	}
	return fmt.Sprintf("%gE", lon)
}
