// Package geo holds the plain geographic types the rest of Corridor Atlas
// stands on: the Web Mercator viewport, the named views, geodesic lengths and
// the small unit types that keep kilometres, tonnes and years apart.
//
// Nothing here imports Fyne or draws anything, so the renderer, the window
// and the command line can all share it, and tests run without a display.
package geo
