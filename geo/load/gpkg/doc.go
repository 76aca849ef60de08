// Package gpkg reads the feature tables of a GeoPackage (OGC 12-128): each
// table's geometries, from the GeoPackage binary header and WKB, with the
// other columns as properties, converted from the table's SRS to WGS84.
//
// The database is opened read-only through modernc.org/sqlite, a pure-Go
// SQLite, so the Windows and macOS builds need no C library beyond
// Fyne's. Nothing is ever written to the file.
package gpkg
