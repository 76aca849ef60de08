// Package csvgeo reads tables with coordinates, as analysts keep them in
// spreadsheets: a CSV (or tab-separated text) with latitude and longitude
// columns, or with a column of WKT geometry. Every other column becomes a
// property.
//
// What a German, Russian or English Excel writes opens as it is:
//   - the delimiter (comma, semicolon, tab or bar) is found from the first
//     lines, and a decimal comma ("43,6352") is read when the delimiter is
//     not a comma;
//   - text is UTF-8 (with or without a byte-order mark), UTF-16 with a
//     byte-order mark (Excel's "Unicode text"), or else Windows-1251 or
//     -1252, whichever the bytes look like, with a notice;
//   - coordinate columns are found by name (lat, latitude, y, широта,
//     Breite… and lon, lng, long, longitude, x, долгота, Länge…; see
//     latNames and lonNames) or named by hand (Columns), and may hold
//     decimal degrees or degrees, minutes and seconds (41°12'30"N);
//   - a column whose values are all numbers becomes numeric properties,
//     unless a value has a leading zero ("007" is an id, not seven).
//
// A row with both coordinates empty is a feature without geometry (kept,
// not drawn); anything else that is not a position is refused with the
// file, line and column.
package csvgeo
