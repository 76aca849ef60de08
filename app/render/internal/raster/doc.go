// Package raster turns batches of paths into pixels: the raster side of
// render's Painter. It holds the rasteriser (x/image/vector into coverage
// masks), the compositor that blends those masks into an RGBA picture,
// and the stroker and dasher that turn lines into the polygons
// x/image/vector fills.
//
// Shapes of one colour are batched into one path and the rasteriser is
// sized to the batch's bounds, or to strips and clusters of it: its Draw
// clears and accumulates its whole area every time, so a thin line across
// the picture would otherwise cost the picture. Every stroke and dash
// piece winds the same way, so overlaps merge instead of cancelling.
//
// The stroker is our own. github.com/srwiley/rasterx (already in the
// module graph through Fyne) strokes and dashes the same way in principle;
// BenchmarkStrokeRasterx and BenchmarkStrokeOwn time both on the same
// work (a map's thin outlines, its dashed borders, its wide round-joined
// lines), and see stroke_bench_test.go for the figures that decided.
//
// Work is shared among runtime.GOMAXPROCS(0) goroutines where a batch is
// big enough, always in a way that gives the same bits as one goroutine
// drawing alone: bands of rows and clusters of a strip are independent
// areas, and a batch built in pieces is joined in order.
package raster
