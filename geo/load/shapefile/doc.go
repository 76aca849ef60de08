// Package shapefile reads ESRI Shapefiles: the .shp geometry with its .shx
// index, the .dbf attributes in the .cpg's code page and the .prj's CRS,
// as loose files or zipped together. It is written from the ESRI Shapefile
// Technical Description (July 1998) and the dBASE file format, because no
// Shapefile library is served to this project, and its output is held to
// GDAL's in the tests.
//
// Decisions a user can rely on:
//   - Points, multipoints, polylines and polygons are read; Z and M values
//     are dropped (the map is 2-D); a MultiPatch is refused.
//   - Polygon rings follow the specification: clockwise rings are shells,
//     counter-clockwise ones holes of the smallest shell around them. A hole
//     no shell contains becomes a shell, as GDAL does. Output rings wind as
//     RFC 7946 asks (shells counter-clockwise).
//   - A record the .dbf marks deleted is skipped with its shape, as GDAL
//     does; null shapes are kept as features without geometry.
//   - Text is decoded from the .cpg's code page, else the .dbf's language
//     driver byte; with neither, UTF-8 where it is valid and otherwise
//     Windows-1251 or -1252, whichever the bytes look like, with a notice.
//   - Sizes are checked before anything is allocated: a .dbf that claims
//     more records than its bytes hold, or a record longer than its file,
//     is refused with the record number and byte offset.
package shapefile
