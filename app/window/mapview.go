package window

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// Zoom steps of the map's controls.
const (
	// wheelNotch is the scroll delta Fyne reports for one wheel notch on
	// Linux and Windows (its scrollSpeed); zoom is counted in notches so a
	// trackpad's small deltas zoom smoothly.
	wheelNotch = 25.0
	// zoomPerNotch: two notches double the scale, fine enough to frame a
	// view, quick enough to cross the corridor in a flick.
	zoomPerNotch = 0.5
	// keyZoom is the zoom step of + and -, and double-click zooms by 1.
	keyZoom = 0.5
	// keyPan is the fraction of the map an arrow key moves it by.
	keyPan = 1.0 / 6
	// wheelPan is how far (logical px) a Shift+wheel notch pans.
	wheelPan = 60.0
)

// waterColour fills the map where no frame has been drawn yet (the edge
// uncovered by a pan before the next frame arrives): the renderer's water,
// so the Caspian does not flash grey.
var waterColour = color.NRGBA{0xB7, 0xD4, 0xE8, 0xFF}

// MapView is the interactive map: it shows the frames the painter draws
// and turns pointer and key input into viewport changes.
//
// The viewport is in device pixels (canvas size × canvas scale), so the
// renderer draws one image pixel per screen pixel on HiDPI displays.
// Between a change and its frame, the last frame is moved and scaled to
// the new viewport, so dragging and zooming follow the pointer at once.
type MapView struct {
	widget.BaseWidget

	view    geo.Viewport
	scale   float64 // device px per logical px
	fit     *orb.Bound
	fitProj *geo.Projection
	shown   frame
	painter *painter
	scene   func(geo.Viewport) *job

	raster *canvas.Raster
	bg     *canvas.Rectangle
	// overlay holds Fyne objects drawn over the map (the measuring line),
	// in widget coordinates; it is laid out by its owner.
	overlay *fyne.Container

	focused   bool
	hoverHit  bool
	painted   bool
	rescaling bool

	// OnViewChanged is told of every viewport change (pan, zoom, resize).
	OnViewChanged func(geo.Viewport)
	// OnPointer reports the pointer position in image pixels; in is false
	// when it left the map.
	OnPointer func(px orb.Point, in bool)
	// OnTap is a click (not a drag) at an image pixel.
	OnTap func(px orb.Point)
	// OnKey sees every key first; it returns true when it handled it (the
	// window's own keys: F11, Space, presentation stepping).
	OnKey func(*fyne.KeyEvent) bool
	// OnFirstPaint runs once, when Fyne first paints a drawn frame.
	OnFirstPaint func()
	// OnUserMove is told when the user moves the map (drag, wheel, keys,
	// double-click), before the move: a fly-to under way gives way.
	OnUserMove func()
}

var (
	_ fyne.Draggable      = (*MapView)(nil)
	_ fyne.Scrollable     = (*MapView)(nil)
	_ fyne.Tappable       = (*MapView)(nil)
	_ fyne.DoubleTappable = (*MapView)(nil)
	_ fyne.Focusable      = (*MapView)(nil)
	_ desktop.Hoverable   = (*MapView)(nil)
	_ desktop.Cursorable  = (*MapView)(nil)
)

// NewMapView makes a map that draws with p the scenes scene builds.
func NewMapView(p *painter, scene func(geo.Viewport) *job) *MapView {
	m := &MapView{painter: p, scene: scene, scale: 1}
	m.bg = canvas.NewRectangle(waterColour)
	m.raster = canvas.NewRaster(m.generate)
	m.raster.Hide()
	m.overlay = container.NewWithoutLayout()
	m.ExtendBaseWidget(m)
	return m
}

// CreateRenderer is part of fyne.Widget.
func (m *MapView) CreateRenderer() fyne.WidgetRenderer {
	return &mapRenderer{m: m}
}

// View is the current viewport.
func (m *MapView) View() geo.Viewport { return m.view }

// FitBound shows b whole in projection p, now or at the first layout.
func (m *MapView) FitBound(b orb.Bound, p *geo.Projection) {
	if m.view.Width <= 0 || m.view.Height <= 0 || !m.painted {
		m.fit, m.fitProj = &b, p
	}
	if m.view.Width <= 0 || m.view.Height <= 0 {
		m.view.Projection = p
		return
	}
	m.setView(geo.Fit(p, b, m.view.Width, m.view.Height, m.scale))
}

// SetView shows viewport v (in the map's size and pixel scale).
func (m *MapView) SetView(v geo.Viewport) {
	m.fit = nil
	v = v.Resize(m.view.Width, m.view.Height)
	if m.scale > 0 {
		v.Scale = m.scale
	}
	m.setView(v)
}

// SetCenterZoom moves the map to a centre and zoom, keeping its size.
func (m *MapView) SetCenterZoom(c orb.Point, zoom float64) {
	m.fit = nil
	v := m.view
	v.Center = c
	v.Zoom = math.Max(geo.MinZoom, math.Min(geo.MaxZoom, zoom))
	if v.Scale <= 0 {
		v.Scale = m.scale
	}
	m.setView(v)
}

// setView changes the viewport, repositions the shown frame and asks
// for a new one.
func (m *MapView) setView(v geo.Viewport) {
	// Every way in (a fitted scene box, a searched port) keeps to the
	// zooms the wheel allows: a box of a few metres would otherwise ask
	// for a world millions of screens wide.
	if !math.IsNaN(v.Zoom) {
		v.Zoom = math.Max(geo.MinZoom, math.Min(geo.MaxZoom, v.Zoom))
	}
	v.Center[1] = math.Max(-geo.MaxLat, math.Min(geo.MaxLat, v.Center[1]))
	v.Center[0] = math.Max(-180, math.Min(180, v.Center[0]))
	m.view = v
	m.layoutFrame()
	m.Invalidate()
	if m.OnViewChanged != nil {
		m.OnViewChanged(v)
	}
}

// Invalidate asks for a new frame of the current scene.
func (m *MapView) Invalidate() {
	if !m.view.Valid() {
		return
	}
	m.painter.Submit(m.scene(m.view))
}

// Resize is part of fyne.Widget: the viewport keeps its centre and zoom
// and takes the new device size, so a resize neither jumps nor rescales.
func (m *MapView) Resize(size fyne.Size) {
	m.BaseWidget.Resize(size)
	m.scale = m.canvasScale()
	w := int(math.Round(float64(size.Width) * m.scale))
	h := int(math.Round(float64(size.Height) * m.scale))
	if w <= 0 || h <= 0 {
		return
	}
	if m.fit != nil {
		// Until the first frame is on screen the window is still being
		// sized (minimum size, then the saved size): keep framing the
		// asked-for bound. After that a resize keeps centre and zoom.
		b := *m.fit
		if m.painted {
			m.fit = nil
		}
		m.setView(geo.Fit(m.fitProj, b, w, h, m.scale))
		return
	}
	v := m.view.Resize(w, h)
	if v.Scale != m.scale {
		// A new pixel scale (another monitor): keep the ground the same.
		v.Scale = m.scale
	}
	if v == m.view {
		return
	}
	m.setView(v)
}

func (m *MapView) canvasScale() float64 {
	if app := fyne.CurrentApp(); app != nil {
		if c := app.Driver().CanvasForObject(m); c != nil && c.Scale() > 0 {
			return float64(c.Scale())
		}
	}
	if m.scale > 0 {
		return m.scale
	}
	return 1
}

// show puts a finished frame on screen; called on the UI thread.
func (m *MapView) show(f frame) {
	m.shown = f
	m.layoutFrame()
	m.raster.Refresh()
}

// layoutFrame places the shown frame where its viewport lies in the
// current one: moved for a pan, scaled about the right point for a zoom.
func (m *MapView) layoutFrame() {
	if m.shown.img == nil || !m.view.Valid() {
		return
	}
	sv, cv := m.shown.view, m.view
	if sv == cv || sv.Proj() != cv.Proj() {
		// The same view, or one in another projection that no move or
		// scale of the last frame shows: it stays until the next frame.
		m.raster.Move(fyne.NewPos(0, 0))
		m.raster.Resize(m.Size())
	} else {
		k := cv.WorldSize() / sv.WorldSize() // current device px per frame px
		tl := cv.ToPixel(sv.ToLonLat(orb.Point{0, 0}))
		s := float32(cv.Scale)
		m.raster.Move(fyne.NewPos(float32(tl[0])/s, float32(tl[1])/s))
		m.raster.Resize(fyne.NewSize(float32(float64(sv.Width)*k)/s, float32(float64(sv.Height)*k)/s))
	}
	m.raster.Show()
}

// generate hands Fyne the shown frame. It runs while Fyne paints, on the
// UI thread, with the raster's size in device pixels: a size that does not
// match the assumed scale means the canvas scale changed (or was unknown
// at the first layout), and the map is redrawn at the real one.
func (m *MapView) generate(w, h int) image.Image {
	if m.shown.img == nil {
		blank := image.NewRGBA(image.Rect(0, 0, 1, 1))
		blank.Set(0, 0, waterColour)
		return blank
	}
	if sz := m.raster.Size(); sz.Width > 0 && !m.rescaling {
		if got := float64(w) / float64(sz.Width); math.Abs(got-m.scale) > 0.01 {
			m.rescaling = true
			go fyne.Do(func() {
				m.rescaling = false
				m.Resize(m.Size())
			})
		}
	}
	if !m.painted {
		m.painted = true
		m.fit = nil // sized now: from here on a resize keeps centre and zoom
		if m.OnFirstPaint != nil {
			go fyne.Do(m.OnFirstPaint)
		}
	}
	return m.shown.img
}

// toPx converts a widget position to image pixels.
func (m *MapView) toPx(p fyne.Position) orb.Point {
	return orb.Point{float64(p.X) * m.scale, float64(p.Y) * m.scale}
}

// Dragged is part of fyne.Draggable: the map follows the pointer.
func (m *MapView) Dragged(e *fyne.DragEvent) {
	m.userMove()
	m.fit = nil
	m.setView(m.view.Pan(float64(e.Dragged.DX)*m.scale, float64(e.Dragged.DY)*m.scale))
}

// DragEnd is part of fyne.Draggable.
func (m *MapView) DragEnd() {}

// Scrolled is part of fyne.Scrollable: the wheel zooms about the pointer;
// Shift+wheel (which Fyne delivers as a horizontal scroll) and sideways
// trackpad scrolling pan.
func (m *MapView) Scrolled(e *fyne.ScrollEvent) {
	dx, dy := float64(e.Scrolled.DX), float64(e.Scrolled.DY)
	if shiftHeld() {
		dx, dy = dx+dy, 0 // a pan: along x, whichever axis the device reported
	}
	v := m.view
	if dx != 0 {
		v = v.Pan(dx/wheelNotch*wheelPan*m.scale, 0)
	}
	if dy != 0 {
		dz := math.Max(-2, math.Min(2, dy/wheelNotch*zoomPerNotch))
		v = v.ZoomAbout(m.toPx(e.Position), dz)
	}
	if v != m.view {
		m.userMove()
		m.fit = nil
		m.setView(v)
	}
}

func (m *MapView) userMove() {
	if m.OnUserMove != nil {
		m.OnUserMove()
	}
}

func shiftHeld() bool {
	app := fyne.CurrentApp()
	if app == nil {
		return false
	}
	if d, ok := app.Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
	}
	return false
}

// Tapped is part of fyne.Tappable: the map takes the keyboard and the
// owner picks what was clicked.
func (m *MapView) Tapped(e *fyne.PointEvent) {
	m.requestFocus()
	if m.OnTap != nil {
		m.OnTap(m.toPx(e.Position))
	}
}

// DoubleTapped is part of fyne.DoubleTappable: zoom in about the pointer.
func (m *MapView) DoubleTapped(e *fyne.PointEvent) {
	m.requestFocus()
	m.userMove()
	m.fit = nil
	m.setView(m.view.ZoomAbout(m.toPx(e.Position), 1))
}

func (m *MapView) requestFocus() {
	if app := fyne.CurrentApp(); app != nil {
		if c := app.Driver().CanvasForObject(m); c != nil && c.Focused() != m {
			c.Focus(m)
		}
	}
}

// FocusGained is part of fyne.Focusable.
func (m *MapView) FocusGained() { m.focused = true }

// FocusLost is part of fyne.Focusable.
func (m *MapView) FocusLost() { m.focused = false }

// TypedRune is part of fyne.Focusable: + and - zoom about the centre.
func (m *MapView) TypedRune(r rune) {
	c := orb.Point{float64(m.view.Width) / 2, float64(m.view.Height) / 2}
	switch r {
	case '+', '=':
		m.userMove()
		m.fit = nil
		m.setView(m.view.ZoomAbout(c, keyZoom))
	case '-', '_':
		m.userMove()
		m.fit = nil
		m.setView(m.view.ZoomAbout(c, -keyZoom))
	}
}

// TypedKey is part of fyne.Focusable: the owner's keys first, then the
// arrows pan.
func (m *MapView) TypedKey(e *fyne.KeyEvent) {
	if m.OnKey != nil && m.OnKey(e) {
		return
	}
	dx := float64(m.view.Width) * keyPan
	dy := float64(m.view.Height) * keyPan
	switch e.Name {
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown:
		m.userMove()
		m.fit = nil
	}
	switch e.Name {
	case fyne.KeyLeft:
		m.setView(m.view.Pan(dx, 0))
	case fyne.KeyRight:
		m.setView(m.view.Pan(-dx, 0))
	case fyne.KeyUp:
		m.setView(m.view.Pan(0, dy))
	case fyne.KeyDown:
		m.setView(m.view.Pan(0, -dy))
	}
}

// MouseIn is part of desktop.Hoverable.
func (m *MapView) MouseIn(e *desktop.MouseEvent) { m.MouseMoved(e) }

// MouseMoved is part of desktop.Hoverable.
func (m *MapView) MouseMoved(e *desktop.MouseEvent) {
	if m.OnPointer != nil {
		m.OnPointer(m.toPx(e.Position), true)
	}
}

// MouseOut is part of desktop.Hoverable.
func (m *MapView) MouseOut() {
	if m.OnPointer != nil {
		m.OnPointer(orb.Point{}, false)
	}
}

// SetHoverHit tells the map whether the pointer is over a feature, for
// the pointer shape.
func (m *MapView) SetHoverHit(hit bool) { m.hoverHit = hit }

// Cursor is part of desktop.Cursorable: a hand over clickable features.
func (m *MapView) Cursor() desktop.Cursor {
	if m.hoverHit {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// mapRenderer lays out the water background and the frame raster. The
// MapView is Scrollable, so Fyne clips it: a moved or scaled frame never
// draws over the panels.
type mapRenderer struct{ m *MapView }

func (r *mapRenderer) Layout(size fyne.Size) {
	r.m.bg.Resize(size)
	r.m.overlay.Resize(size)
	r.m.layoutFrame()
}

func (r *mapRenderer) MinSize() fyne.Size { return fyne.NewSize(160, 120) }

func (r *mapRenderer) Refresh() {
	r.m.layoutFrame()
	r.m.raster.Refresh()
}

func (r *mapRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.m.bg, r.m.raster, r.m.overlay}
}

func (r *mapRenderer) Destroy() {}
