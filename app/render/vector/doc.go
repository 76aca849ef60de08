// Package vector writes maps as SVG and PDF. Its writers are Painters
// (see render.Painter): render.Renderer.Paint draws a scene through them
// with the very calls that draw the PNG, and each call becomes vector
// objects instead of pixels — a batch of one style one path, a label
// real text in the embedded font, a layer or a decoration a named group.
// Nothing is rasterised: no style of the map needs pixels (halos are
// strokes under the letters, hatching and chevrons are strokes).
//
// Geometry arrives simplified for the picture's resolution, as for the
// PNG; the writers only cut it to the page, so a coastline that runs far
// off the picture costs nothing in the file.
package vector
