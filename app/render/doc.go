// Package render draws Corridor Atlas maps: the basemap, the corridor
// layers, users' layers, labels, the flow overlay at a fractional year and
// animation phase, and the decorations of an export. The window and
// `corridor-atlas export` both draw through Renderer, so a slide shows the
// same pixels as the screen.
//
// Shapes are rasterised with golang.org/x/image/vector. Its Draw walks the
// whole rasteriser area, so shapes of one style are batched into one path
// and the rasteriser is sized to the batch's bounds (see canvas). Strokes
// and dashes are built here as polygons, because x/image/vector fills only;
// all pieces share one orientation so overlaps merge instead of cancelling.
//
// There is no widget code here: the package has no Fyne import.
package render
