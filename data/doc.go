// Package data embeds every map layer Corridor Atlas draws, with their
// sources and licences, so the app needs no file or network access at run
// time.
//
// Water is drawn as the background: the Caspian Sea is a hole in the
// Natural Earth country polygons, so a renderer paints the whole image in
// the water colour, then land (`countries`), then `lakes` on top (Balkhash,
// Sevan and Van are country area, not holes). The `seas` polygons carry the
// sea names for labels.
//
// The basemap files are embedded as plain GeoJSON: gzip would save about
// 2.4 MB in a binary of over 30 MB but cost a decompression at every start,
// so it does not pay.
package data
