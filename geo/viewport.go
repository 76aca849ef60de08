package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Zoom limits: below MinZoom the corridor is a speck, above MaxZoom the
// 1:10m basemap has nothing left to show.
const (
	MinZoom = 1.0
	MaxZoom = 13.0
	// TileSize is the logical width of the world at zoom 0, as in every web
	// map, so zoom numbers mean what GIS users expect.
	TileSize = 256.0
	// MaxLat is where Web Mercator is cut off, and where every projection
	// stops drawing towards the poles.
	MaxLat = 85.05112878
)

// Viewport is a window onto the map: a projection, a centre, a fractional
// zoom, a size in device pixels and a pixel scale (device pixels per
// logical pixel: the canvas scale on HiDPI screens, DPI/96 for export).
// The zoom is in logical pixels, so a 300-dpi export at the same zoom
// shows the same ground as the screen, only sharper.
//
// World pixels are device pixels of the whole projected plane at the
// viewport's zoom, from the top-left corner of the square the plane's
// world width spans: geometry projected to them once per zoom is panned
// by adding Origin, without projecting again.
//
// A Viewport is a value; every method that moves it returns a new one.
type Viewport struct {
	Center orb.Point // lon, lat
	Zoom   float64
	Width  int // device pixels
	Height int // device pixels
	Scale  float64
	// Projection is the map's projection; nil is Web Mercator.
	Projection *Projection
}

// Proj is the viewport's projection.
func (v Viewport) Proj() *Projection {
	if v.Projection == nil {
		return WebMercator
	}
	return v.Projection
}

// Fit returns the viewport of the given pixel size that shows the whole of
// b in projection p (nil: Web Mercator), centred. The box is grown along
// one axis to the image's aspect ratio, never cropped.
func Fit(p *Projection, b orb.Bound, width, height int, scale float64) Viewport {
	if p == nil {
		p = WebMercator
	}
	if scale <= 0 {
		scale = 1
	}
	pb := projectedBound(p, b)
	bw, bh := pb.Max[0]-pb.Min[0], pb.Max[1]-pb.Min[1]
	k := math.Inf(1) // device pixels per plane metre
	if bw > 0 {
		k = float64(width) / bw
	}
	if bh > 0 {
		k = math.Min(k, float64(height)/bh)
	}
	if math.IsInf(k, 1) {
		k = float64(width) / 1000 // a point: show about a kilometre
	}
	zoom := math.Log2(p.world * k / (TileSize * scale))
	centre := p.Inverse(orb.Point{(pb.Min[0] + pb.Max[0]) / 2, (pb.Min[1] + pb.Max[1]) / 2})
	return Viewport{Center: centre, Zoom: zoom, Width: width, Height: height, Scale: scale, Projection: p}
}

// At is the viewport with a centre and zoom in a picture of w×h device
// pixels, in the kind of projection (MercatorKind, ConicKind) fitted to
// the ground it shows: a saved view keeps its centre and scale whatever
// the projection.
func At(kind string, centre orb.Point, zoom float64, w, h int, scale float64) Viewport {
	v := Viewport{Center: centre, Zoom: zoom, Width: w, Height: h, Scale: scale}
	p, _ := ProjectionFor(kind, v.Bound())
	v.Projection = p
	return v
}

// projectedBound is the plane box holding b: its corners, and in a conic
// (whose parallels curve) points along its edges too.
func projectedBound(p *Projection, b orb.Bound) orb.Bound {
	n := 1
	if p.cone != nil {
		n = 16
	}
	out := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	add := func(lon, lat float64) { out = out.Extend(p.Forward(orb.Point{lon, lat})) }
	for i := 0; i <= n; i++ {
		t := float64(i) / float64(n)
		lon := b.Min[0] + (b.Max[0]-b.Min[0])*t
		lat := b.Min[1] + (b.Max[1]-b.Min[1])*t
		add(lon, b.Min[1])
		add(lon, b.Max[1])
		add(b.Min[0], lat)
		add(b.Max[0], lat)
	}
	return out
}

// WorldSize is the width of the projection's world in device pixels at
// this zoom.
func (v Viewport) WorldSize() float64 {
	return TileSize * math.Exp2(v.Zoom) * v.Scale
}

// World projects lon/lat to world pixels.
func (v Viewport) World(ll orb.Point) orb.Point {
	p := v.Proj()
	return v.toWorld(p, p.Forward(ll))
}

// WorldRelative is World for a point given by its longitude east of the
// central meridian (see Projection.ForwardRelative).
func (v Viewport) WorldRelative(dlon, lat float64) orb.Point {
	p := v.Proj()
	return v.toWorld(p, p.ForwardRelative(dlon, lat))
}

// WorldScale is world pixels per plane metre.
func (v Viewport) WorldScale() float64 { return v.WorldSize() / v.Proj().world }

func (v Viewport) toWorld(p *Projection, q orb.Point) orb.Point {
	s := v.WorldSize() / p.world
	return orb.Point{(q[0] + p.world/2) * s, (p.world/2 - q[1]) * s}
}

// FromWorld is World's inverse.
func (v Viewport) FromWorld(w orb.Point) orb.Point { return v.fromWorld(w) }

func (v Viewport) fromWorld(w orb.Point) orb.Point {
	p := v.Proj()
	s := p.world / v.WorldSize()
	return p.Inverse(orb.Point{w[0]*s - p.world/2, p.world/2 - w[1]*s})
}

// Origin is the world-pixel position of the image's top-left corner.
func (v Viewport) Origin() orb.Point {
	c := v.World(v.Center)
	return orb.Point{c[0] - float64(v.Width)/2, c[1] - float64(v.Height)/2}
}

// ToPixel projects lon/lat to image pixel coordinates.
func (v Viewport) ToPixel(ll orb.Point) orb.Point {
	w, o := v.World(ll), v.Origin()
	return orb.Point{w[0] - o[0], w[1] - o[1]}
}

// ToLonLat is the inverse of ToPixel.
func (v Viewport) ToLonLat(px orb.Point) orb.Point {
	o := v.Origin()
	return v.fromWorld(orb.Point{px[0] + o[0], px[1] + o[1]})
}

// Pan moves the map content by dx, dy device pixels (a drag to the right
// moves the map to the right).
func (v Viewport) Pan(dx, dy float64) Viewport {
	v.Center = v.ToLonLat(orb.Point{float64(v.Width)/2 - dx, float64(v.Height)/2 - dy})
	v.Center[1] = clampLat(v.Center[1])
	return v
}

// ZoomAbout changes the zoom by dz while the place under pixel px stays put.
// The zoom is clamped to [MinZoom, MaxZoom].
func (v Viewport) ZoomAbout(px orb.Point, dz float64) Viewport {
	anchor := v.ToLonLat(px)
	v.Zoom = math.Max(MinZoom, math.Min(MaxZoom, v.Zoom+dz))
	// Put the anchor back under px by moving the centre in world pixels.
	a := v.World(anchor)
	v.Center = v.fromWorld(orb.Point{a[0] - px[0] + float64(v.Width)/2, a[1] - px[1] + float64(v.Height)/2})
	return v
}

// Reproject shows the same centre in projection p, at the zoom that keeps
// the ground scale at the centre: switching projection is a new zoom.
func (v Viewport) Reproject(p *Projection) Viewport {
	if p == nil {
		p = WebMercator
	}
	old := v.GroundResolution()
	v.Projection = p
	if now := v.GroundResolution(); old > 0 && now > 0 {
		v.Zoom += math.Log2(now / old)
	}
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
	return v.LonLatBound(orb.Bound{Max: orb.Point{float64(v.Width), float64(v.Height)}})
}

// LonLatBound is the lon/lat box of a box of image pixels: in Web
// Mercator the box of its corners; in a conic, whose meridians converge
// and parallels curve, of points along its edges, and reaching the pole
// when the box holds the apex.
func (v Viewport) LonLatBound(px orb.Bound) orb.Bound {
	p := v.Proj()
	n := 1
	if p.cone != nil {
		n = 16
	}
	out := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	o := v.Origin()
	add := func(x, y float64) { out = out.Extend(v.fromWorld(orb.Point{x + o[0], y + o[1]})) }
	for i := 0; i <= n; i++ {
		t := float64(i) / float64(n)
		x := px.Min[0] + (px.Max[0]-px.Min[0])*t
		y := px.Min[1] + (px.Max[1]-px.Min[1])*t
		add(x, px.Min[1])
		add(x, px.Max[1])
		add(px.Min[0], y)
		add(px.Max[0], y)
	}
	if p.cone != nil {
		// The apex (the pole on the cone's side) inside the box shows
		// every longitude up to the pole.
		pole := MaxLat
		if p.lat1 < 0 {
			pole = -MaxLat
		}
		if a := v.ToPixel(orb.Point{p.lon0, pole}); px.Contains(a) {
			out = out.Extend(orb.Point{-180, pole}).Extend(orb.Point{180, pole})
		}
	}
	return out
}

// GroundResolution is the true ground distance of one device pixel at the
// viewport's centre, in metres.
func (v Viewport) GroundResolution() float64 {
	p := v.Proj()
	return p.world / v.WorldSize() / p.Scale(v.Center[1])
}

// Valid reports whether the viewport can be drawn.
func (v Viewport) Valid() bool {
	return v.Width > 0 && v.Height > 0 && v.Scale > 0 &&
		!math.IsNaN(v.Zoom) && !math.IsInf(v.Zoom, 0) &&
		!math.IsNaN(v.Center[0]) && !math.IsNaN(v.Center[1])
}
