// Package load reads GeoJSON into orb features for every path that brings
// geometry into Corridor Atlas: the embedded layers, `validate`,
// `export --data` and the window's Open and drag-and-drop.
//
// It accepts RFC 7946 and the deviations found in the wild (a bare
// Geometry or Feature, 3-D positions, null geometries, a CRS84/EPSG:4326
// `crs` member, foreign members, string or number ids, a UTF-8 byte-order
// mark) and refuses everything else with an *Error that names the file,
// the line and column where they can be known, and the fault.
//
// Decisions a user can rely on:
//   - Altitudes (a third position element) are dropped: the map is 2-D.
//   - An unclosed polygon ring is closed, with a warning, rather than
//     refused: QGIS and hand-written files often omit the last position.
//   - Coordinates must be finite WGS84 degrees: |lon| ≤ 180, |lat| ≤ 90.
//
// No input panics: every index is checked before use, and FuzzGeoJSON
// keeps it that way.
package load
