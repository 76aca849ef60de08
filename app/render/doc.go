// Package render draws Corridor Atlas maps: the basemap, the corridor
// layers, users' layers, labels, the flow overlay at a fractional year and
// animation phase, and the decorations of an export. The window and
// `corridor-atlas export` both draw through Renderer, so a slide shows the
// same pixels as the screen.
//
// A picture is decided once and drawn through a Painter: the frame picks
// each layer's shapes from geo (projected and simplified for the view),
// styles them from the style table, lays out labels and panels (Layout),
// and hands batches of one style to the Painter. The raster painter over
// internal/raster turns them into pixels; a vector writer implements the
// same interface.
//
// There is no widget code here: the package has no Fyne import.
package render
