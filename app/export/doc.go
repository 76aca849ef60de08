// Package export writes pictures of the map: a PNG (with its DPI), an
// animated GIF, or numbered PNG frames, each written atomically through
// app/outfile. It is the one export path: `corridor-atlas export` fills
// Options from its flags and the window's export dialog from its form,
// both load what is drawn with app/catalog, and both call Run or Animate.
// Nothing here loads data or starts a GUI driver, so exports work without
// a display.
package export
