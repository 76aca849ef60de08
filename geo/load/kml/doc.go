// Package kml reads KML and KMZ files, as Google Earth and GIS programs
// write them, into features: Placemarks with Point, LineString,
// LinearRing, Polygon (outer and inner boundaries), MultiGeometry and
// gx:Track geometry, at any depth of Documents and Folders.
//
// A Placemark's name, description and ExtendedData (Data values, and
// SchemaData typed by their Schema) become properties. Its style, inline
// or shared through styleUrl and StyleMap, becomes simplestyle properties
// the map draws with: LineStyle → stroke, stroke-opacity, stroke-width;
// PolyStyle → fill, fill-opacity (none when fill is 0); IconStyle →
// marker-color, marker-size. KML writes colours as aabbggrr; they are
// turned into #rrggbb and an opacity.
//
// KML is WGS84 longitude, latitude by definition; altitudes are dropped.
// A KMZ is a zip whose first .kml at the root is the document; network
// links to other .kml files inside the same archive are followed (GDAL's
// LIBKML driver writes KMZs that way), links anywhere else are not: the
// app never uses the network.
package kml
