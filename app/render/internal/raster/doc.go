// Package raster turns batches of paths into pixels: the raster side of
// render's Painter. It holds the rasteriser (our own area-coverage one,
// coverage.go, held to x/image/vector), the compositor that blends its
// masks into an RGBA picture, and the stroker and dasher that turn lines
// into the polygons it fills.
//
// Shapes of one colour are batched into one path and the rasteriser is
// sized to the batch's bounds, or to strips and clusters of it: a mask is
// written and composited over its whole area, so a thin line across the
// picture would otherwise cost the picture. Every stroke and dash piece
// winds the same way, so overlaps merge instead of cancelling.
//
// The stroker and dasher are our own. github.com/srwiley/rasterx (in the
// module graph through Fyne) strokes and dashes too, but rasterises the
// whole picture for every Draw; on the same work (BenchmarkStrokeOwn and
// BenchmarkStrokeRasterx: the corridor view's coastline and borders at
// 1920×1080, one core, medians of 3 on this project's shared 2-core
// machines) it took 23.5 ms for the thin coastline against our 0.87 ms,
// 25.7 against 3.7 ms for the dashed borders, and 20.9 against 6.0 ms for
// 8-pixel round-joined lines (a flow band's stroke).
//
// Work is shared among runtime.GOMAXPROCS(0) goroutines where a batch is
// big enough, always in a way that gives the same bits as one goroutine
// drawing alone: bands of rows and clusters of a strip are independent
// areas, and a batch built in pieces is joined in order.
package raster
