package geo

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"
)

// Zoom limits: below MinZoom the corridor is a speck, above MaxZoom the
// 1:10m basemap has nothing left to show.
const (
	MinZoom = 1.0
	MaxZoom = 13.0
	// TileSize is the logical width of the world at zoom 0, as in every web
	// map, so zoom numbers mean what GIS users expect.
	TileSize = 256.0
	// MaxLat is where Web Mercator is cut off.
	MaxLat = 85.05112878
)

// MercatorWorld is the width of the Web Mercator world in metres.
const MercatorWorld = 2 * math.Pi * orb.EarthRadius

const mercatorWorld = MercatorWorld

// Viewport is a Web Mercator window onto the map: a centre, a fractional
// zoom, a size in device pixels and a pixel scale (device pixels per logical
// pixel: the canvas scale on HiDPI screens, DPI/96 for export). The zoom is
// in logical pixels, so a 300-dpi export at the same zoom shows the same
// ground as the screen, only sharper.
//
// A Viewport is a value; every method that moves it returns a new one.
type Viewport struct {
	Center orb.Point // lon, lat
	Zoom   float64
	Width  int // device pixels
	Height int // device pixels
	Scale  float64
}

// Fit returns the viewport of the given pixel size that shows the whole of
// b, centred. The box is grown along one axis to the image's aspect ratio,
// never cropped.
func Fit(b orb.Bound, width, height int, scale float64) Viewport {
	if scale <= 0 {
		scale = 1
	}
	min := Mercator(b.Min)
	max := Mercator(b.Max)
	bw, bh := max[0]-min[0], max[1]-min[1]
	k := math.Inf(1) // device pixels per metre
	if bw > 0 {
		k = float64(width) / bw
	}
	if bh > 0 {
		k = math.Min(k, float64(height)/bh)
	}
	if math.IsInf(k, 1) {
		k = float64(width) / 1000 // a point: show about a kilometre
	}
	zoom := math.Log2(mercatorWorld * k / (TileSize * scale))
	centre := project.Mercator.ToWGS84(orb.Point{(min[0] + max[0]) / 2, (min[1] + max[1]) / 2})
	return Viewport{Center: centre, Zoom: zoom, Width: width, Height: height, Scale: scale}
}

// Mercator projects lon/lat to Web Mercator metres, clamping latitude to
// the projection's limit.
func Mercator(p orb.Point) orb.Point {
	return project.WGS84.ToMercator(orb.Point{p[0], math.Max(-MaxLat, math.Min(MaxLat, p[1]))})
}

// WorldSize is the width of the whole world in device pixels at this zoom.
func (v Viewport) WorldSize() float64 {
	return TileSize * math.Exp2(v.Zoom) * v.Scale
}

// World projects lon/lat to world pixels: device pixels from the world's
// top-left corner at this zoom and scale. Geometry projected this way once
// per zoom can be panned by adding Origin, without projecting again.
func (v Viewport) World(p orb.Point) orb.Point {
	m := Mercator(p)
	s := v.WorldSize() / mercatorWorld
	return orb.Point{(m[0] + mercatorWorld/2) * s, (mercatorWorld/2 - m[1]) * s}
}

// Origin is the world-pixel position of the image's top-left corner.
func (v Viewport) Origin() orb.Point {
	c := v.World(v.Center)
	return orb.Point{c[0] - float64(v.Width)/2, c[1] - float64(v.Height)/2}
}

// ToPixel projects lon/lat to image pixel coordinates.
func (v Viewport) ToPixel(p orb.Point) orb.Point {
	w, o := v.World(p), v.Origin()
	return orb.Point{w[0] - o[0], w[1] - o[1]}
}

// ToLonLat is the inverse of ToPixel.
func (v Viewport) ToLonLat(px orb.Point) orb.Point {
	o := v.Origin()
	s := mercatorWorld / v.WorldSize()
	m := orb.Point{(px[0]+o[0])*s - mercatorWorld/2, mercatorWorld/2 - (px[1]+o[1])*s}
	return project.Mercator.ToWGS84(m)
}

// Pan moves the map content by dx, dy device pixels (a drag to the right
// moves the map to the right).
func (v Viewport) Pan(dx, dy float64) Viewport {
	v.Center = v.ToLonLat(orb.Point{float64(v.Width)/2 - dx, float64(v.Height)/2 - dy})
	v.Center[1] = math.Max(-MaxLat, math.Min(MaxLat, v.Center[1]))
	return v
}

// ZoomAbout changes the zoom by dz while the place under pixel px stays put.
// The zoom is clamped to [MinZoom, MaxZoom].
func (v Viewport) ZoomAbout(px orb.Point, dz float64) Viewport {
	anchor := v.ToLonLat(px)
	v.Zoom = math.Max(MinZoom, math.Min(MaxZoom, v.Zoom+dz))
	// Put the anchor back under px by moving the centre in world pixels.
	a := v.World(anchor)
	c := orb.Point{a[0] - px[0] + float64(v.Width)/2, a[1] - px[1] + float64(v.Height)/2}
	s := mercatorWorld / v.WorldSize()
	v.Center = project.Mercator.ToWGS84(orb.Point{c[0]*s - mercatorWorld/2, mercatorWorld/2 - c[1]*s})
	return v
}

// Resize keeps the centre and zoom and changes the pixel size, so a window
// resize neither jumps nor rescales the map.
func (v Viewport) Resize(width, height int) Viewport {
	v.Width, v.Height = width, height
	return v
}

// Bound is the lon/lat box the viewport shows.
func (v Viewport) Bound() orb.Bound {
	tl := v.ToLonLat(orb.Point{0, 0})
	br := v.ToLonLat(orb.Point{float64(v.Width), float64(v.Height)})
	return orb.Bound{Min: orb.Point{tl[0], br[1]}, Max: orb.Point{br[0], tl[1]}}
}

// GroundResolution is the true ground distance of one device pixel at the
// viewport's centre, in metres.
func (v Viewport) GroundResolution() float64 {
	return mercatorWorld * math.Cos(v.Center[1]*math.Pi/180) / v.WorldSize()
}

// Valid reports whether the viewport can be drawn.
func (v Viewport) Valid() bool {
	return v.Width > 0 && v.Height > 0 && v.Scale > 0 &&
		!math.IsNaN(v.Zoom) && !math.IsInf(v.Zoom, 0) &&
		!math.IsNaN(v.Center[0]) && !math.IsNaN(v.Center[1])
}
