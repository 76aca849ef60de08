// Package crs reads the coordinate reference systems that analysts' files
// name (a Shapefile's .prj, a GeoPackage's SRS table, a GeoJSON "crs"
// member) and converts coordinates between them and WGS84 longitude and
// latitude, so data in UTM, Web Mercator or a Pulkovo 1942 Gauss–Krüger
// zone lands where it belongs on the map.
//
// A CRS is a datum (an ellipsoid and, unless it is WGS84, a 7-parameter
// Helmert shift to WGS84) plus, for projected systems, a projection:
// Transverse Mercator (UTM, Gauss–Krüger), Mercator (spherical Web
// Mercator and the ellipsoidal World Mercator) or Lambert conformal conic.
// Anything else is refused with an *UnsupportedError naming the CRS, never
// guessed at.
//
// The projection maths is our own, not github.com/wroge/wgs84's, which we
// tried first: its inverse Transverse Mercator computes the meridian radius
// with math.Pow(x, 3/2), an integer 1, and at 40°N lands 1.5 m off 1.5°
// from the central meridian, 6 m off at a UTM zone's edge and 24 m off at
// 6° (where Gauss–Krüger and UTM data often reach), against PROJ's cs2cs;
// TestWrogeDisagrees keeps the measurement. Ours uses Krüger's series to sixth order in n as PROJ
// does (Poder/Engsager; Karney 2011), and is held to cs2cs reference
// points in testdata.
package crs
