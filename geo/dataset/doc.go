// Package dataset opens any geodata file Corridor Atlas reads — GeoJSON,
// GeoPackage, Shapefile (loose or zipped), KML/KMZ and CSV with
// coordinates — as layers of features in WGS84. The format is told from
// the content (a zip is a Shapefile or a KMZ by what it holds), the
// extension only breaking ties, so a renamed file still opens.
//
// Every path that takes a data file goes through Open: `validate`,
// `export --data`, the window's Open and drag-and-drop, project files.
// One file may hold several layers (a GeoPackage's feature tables, a zip
// of Shapefiles); a Source names one, or none for all of them.
package dataset
