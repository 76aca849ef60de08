package export

import (
	"errors"
	"fmt"
	"image"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/app/catalog"
	"github.com/corridor-atlas/corridor-atlas/app/outfile"
	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/app/render/vector"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
	"github.com/corridor-atlas/corridor-atlas/geo"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// Limits on what an export may ask for. 7680×4320 (8K) fits easily in the
// memory of the smallest machine we support: 133 MB for the picture.
const (
	MinSide   = 16
	MaxSide   = 8192
	MaxPixels = 7680 * 4320
	MinDPI    = 24
	MaxDPI    = 1200
)

// DefaultTitle heads an export when no --title is given.
const DefaultTitle = "Trans-Caspian Middle Corridor"

// DefaultTitleIn is DefaultTitle in l.
func DefaultTitleIn(l i18n.Lang) string { return l.T("map.title") }

// Options are everything an export can be asked for.
type Options struct {
	Out           string
	Width, Height int
	DPI           float64
	BBox          *orb.Bound // nil: use Place or View
	// Place is a centre and zoom (a project's view): kept at any picture
	// size, so a bigger picture shows more ground around it.
	Place      *Place
	View       string
	Year       geo.Year
	Phase      float64
	Layers     []string // nil: all layers
	Flows      []string // nil: all flows; empty: none
	Title      string
	NoLegend   bool
	NoScaleBar bool
	// Lang is the picture's language: its labels, legend, numbers and
	// attribution ("" is English).
	Lang i18n.Lang
	// NorthArrow asks for a north arrow (a map is north-up on its
	// central meridian; a conic's meridians converge away from it).
	NorthArrow bool
	// Format is what is written (FormatAuto: as the output's name says).
	Format Format
	// SVGText is how an SVG carries its text: embedded font or outlines.
	SVGText vector.SVGText
	// Print is the picture's size on paper when one was asked for (see
	// SetSize); nil for a size in pixels.
	Print *PrintSize
	// Projection is geo.ConicKind or geo.MercatorKind; "" is the conic,
	// fitted to the picture's area (Web Mercator for an area no cone can
	// show: across the equator, or more than half the world wide).
	Projection string
	// Graticule draws lines of longitude and latitude, labelled at the
	// map's edge.
	Graticule bool
}

// Place is a map position: a centre and a zoom in logical pixels, and
// the projection it was drawn in (nil: fitted to the ground it shows).
type Place struct {
	Lon, Lat, Zoom float64
	Projection     *geo.Projection
}

// Defaults returns the options of a plain `corridor-atlas export`: DPI 0,
// so text and lines scale with the picture (see PixelScale).
func Defaults() Options {
	return Options{Width: 1920, Height: 1080, View: geo.DefaultView, Year: 2024, Title: DefaultTitle}
}

// PixelScale is the picture's device pixels per logical pixel. With a
// DPI it is DPI/96, the print meaning: a 300-dpi A4 sets text at its
// printed size. Without one (DPI 0) it follows the picture: its shorter
// side over 1080, so the same map at 1280×720, 1920×1080 and 3840×2160
// looks the same on a slide, and a portrait 1080×1920 reads like 1080p.
func (o *Options) PixelScale() float64 {
	if o.DPI > 0 {
		return o.DPI / 96
	}
	return AutoScale(o.Width, o.Height)
}

// AutoScale is the pixel scale of a w×h picture without a DPI.
func AutoScale(w, h int) float64 {
	if w <= 0 || h <= 0 {
		return 1
	}
	return float64(min(w, h)) / 1080
}

// ResolutionDPI is the resolution written into the PNG: the DPI given, or
// the one the picture's own scale amounts to.
func (o *Options) ResolutionDPI() float64 {
	if o.DPI > 0 {
		return o.DPI
	}
	return math.Round(96 * o.PixelScale())
}

// UsageError is a request that cannot be met as asked (exit status 2).
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// usage is a usage error in language l: the message key filled from data,
// after "export: ", which names the source of the error in every
// language.
func usage(l i18n.Lang, key string, data map[string]any) error {
	return &UsageError{"export: " + messages.T(l, key, data)}
}

// IsUsage reports whether err is a usage error.
func IsUsage(err error) bool {
	var u *UsageError
	return errors.As(err, &u)
}

// Check validates the options that need no data, and settles the
// format: --out names a .png, .svg or .pdf file (agreeing with --format
// when given), or a device or pipe to stream it to.
func (o *Options) Check() error {
	if o.Out == "" {
		return usage(o.Lang, "out.required", nil)
	}
	if err := o.checkPicture(); err != nil {
		return err
	}
	return o.resolveFormat()
}

// checkOut refuses an output file name whose extension says another
// format than the one written: a .jpg or .catlas holding PNG bytes
// misleads every program that opens it. Devices and pipes have no
// extension to check.
func checkOut(l i18n.Lang, out, ext, whatKey string) error {
	what := messages.T(l, whatKey)
	e := strings.ToLower(filepath.Ext(out))
	if e == ext {
		return nil
	}
	if t, err := outfile.Inspect(out); err == nil && t.Kind != outfile.Regular && t.Kind != outfile.Missing {
		return nil // a stream has no name to check; outfile.Write refuses the rest
	}
	if e == "" {
		return usage(l, "out.no_ext", map[string]any{"Out": out, "Ext": ext, "What": what})
	}
	return usage(l, "out.wrong_ext", map[string]any{"Out": out, "What": what, "Got": strings.TrimPrefix(e, "."), "Ext": ext})
}

// checkPicture validates size, area, year and phase.
func (o *Options) checkPicture() error {
	if o.Width < MinSide || o.Height < MinSide || o.Width > MaxSide || o.Height > MaxSide || o.Width*o.Height > MaxPixels {
		return usage(o.Lang, "picture.size", map[string]any{"Width": o.Width, "Height": o.Height, "Min": MinSide, "Max": MaxSide, "MaxW": 7680, "MaxH": 4320})
	}
	if math.IsNaN(o.DPI) || (o.DPI != 0 && (o.DPI < MinDPI || o.DPI > MaxDPI)) {
		return usage(o.Lang, "picture.dpi", map[string]any{"DPI": fmt.Sprintf("%g", o.DPI), "Min": MinDPI, "Max": MaxDPI})
	}
	if b := o.BBox; b != nil {
		if !(b.Min[0] < b.Max[0] && b.Min[1] < b.Max[1]) {
			return usage(o.Lang, "picture.bbox_order", map[string]any{"BBox": bboxText(*b)})
		}
		if b.Min[0] < -180 || b.Max[0] > 180 || b.Min[1] < -85 || b.Max[1] > 85 {
			return usage(o.Lang, "picture.bbox_outside", map[string]any{"BBox": bboxText(*b)})
		}
	} else if _, ok := geo.ViewByName(o.View); !ok {
		return usage(o.Lang, "picture.unknown_view", map[string]any{"View": load.Quote(o.View), "Views": strings.Join(geo.ViewNames(), ", ")})
	}
	if math.IsNaN(float64(o.Year)) || o.Year < 1900 || o.Year > 2100 {
		return usage(o.Lang, "picture.year", map[string]any{"Year": fmt.Sprintf("%g", float64(o.Year))})
	}
	if math.IsNaN(o.Phase) || o.Phase < 0 || o.Phase >= 1 {
		return usage(o.Lang, "picture.phase", map[string]any{"Phase": fmt.Sprintf("%g", o.Phase)})
	}
	if o.Projection != "" && !slices.Contains(geo.ProjectionKinds(), o.Projection) {
		return usage(o.Lang, "picture.projection", map[string]any{"Projection": load.Quote(o.Projection), "Projections": strings.Join(geo.ProjectionKinds(), ", ")})
	}
	return nil
}

// kind is the kind of projection asked for.
func (o *Options) kind() string {
	if o.Projection == "" {
		return geo.ConicKind
	}
	return o.Projection
}

// place is the viewport of a Place at the picture's full size.
func (o *Options) place() geo.Viewport {
	pl := o.Place
	if p := pl.Projection; p != nil && p.Kind() == o.kind() {
		return geo.Viewport{Center: orb.Point{pl.Lon, pl.Lat}, Zoom: pl.Zoom, Width: o.Width, Height: o.Height, Scale: o.PixelScale(), Projection: p}
	}
	return geo.At(o.kind(), orb.Point{pl.Lon, pl.Lat}, pl.Zoom, o.Width, o.Height, o.PixelScale())
}

// Proj is the picture's projection, fitted to its area, and a notice
// when the conic asked for cannot show it.
func (o *Options) Proj() (*geo.Projection, string) {
	if o.Place != nil && o.BBox == nil {
		return o.place().Proj(), ""
	}
	b := o.area()
	p, ok := geo.ProjectionFor(o.kind(), b)
	if !ok {
		return p, messages.T(o.Lang, "notice.no_conic", map[string]any{"BBox": bboxText(b)})
	}
	return p, ""
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Viewport is the picture's viewport: the bbox or the named view, fitted
// in the picture's projection, or the place at its zoom.
// A box smaller than what the closest zoom the window allows (geo.MaxZoom)
// shows in the picture is drawn at that zoom, around its centre, and the
// notice says so: a box of 1e-10° asked for a world 10^13 pixels wide and
// the memory to draw it.
func (o *Options) Viewport() (geo.Viewport, string) {
	if o.Place != nil && o.BBox == nil {
		return o.place(), ""
	}
	scale := o.PixelScale()
	b := o.area()
	p, _ := o.Proj()
	v := geo.Fit(p, b, o.Width, o.Height, scale)
	if v.Zoom <= geo.MaxZoom {
		return v, ""
	}
	v.Zoom = geo.MaxZoom
	return v, messages.T(o.Lang, "notice.too_small", map[string]any{"BBox": bboxText(b), "Zoom": fmt.Sprintf("%g", geo.MaxZoom),
		"Width": o.Width, "Height": o.Height})
}

// Scene builds the scene the options describe from a catalogue.
//
// Small, square and portrait pictures put their legend in a band beside
// the map (render.MapFrame); the area is then fitted into the map's frame,
// so none of it lies under a panel.
func (o *Options) Scene(c *catalog.Catalogue) (*render.Scene, error) {
	return o.SceneWith(c, nil)
}

// SceneWith is Scene laying the picture out with r (nil: a new
// renderer), which keeps the geometry it prepares for drawing it.
func (o *Options) SceneWith(c *catalog.Catalogue, r *render.Renderer) (*render.Scene, error) {
	if r == nil {
		r = render.New()
	}
	view, _ := o.Viewport()
	s := &render.Scene{
		View:       view,
		Year:       o.Year,
		Phase:      o.Phase,
		Title:      o.Title,
		Lang:       o.Lang,
		Legend:     !o.NoLegend,
		ScaleBar:   !o.NoScaleBar,
		NorthArrow: o.NorthArrow,
		Graticule:  o.Graticule,
		WidthScale: render.WidthScales(c.Flows),
	}
	if o.Layers == nil {
		for _, l := range c.Layers {
			if !l.Off {
				s.Layers = append(s.Layers, c.Shown(l))
			}
		}
	} else {
		// Each layer once, however often it is named (20,000 repeats drew
		// it 20,000 times), in drawing order, whatever order it was
		// named in.
		pos := make(map[string]int, len(c.Layers))
		for i, l := range c.Layers {
			if _, ok := pos[l.ID]; !ok {
				pos[l.ID] = i
			}
		}
		want := map[int]bool{}
		for _, id := range o.Layers {
			i, ok := pos[id]
			if !ok {
				return nil, usage(o.Lang, "scene.unknown_layer", map[string]any{"Layer": load.Quote(id)})
			}
			want[i] = true
		}
		for i, l := range c.Layers {
			if want[i] {
				s.Layers = append(s.Layers, c.Shown(l))
			}
		}
	}
	if o.Flows == nil {
		s.Flows = c.Flows
	} else {
		seen := map[string]bool{}
		for _, id := range o.Flows {
			if seen[id] {
				continue
			}
			seen[id] = true
			i := slices.IndexFunc(c.Flows, func(f *render.FlowPath) bool { return f.Flow.ID == id })
			if i < 0 {
				return nil, usage(o.Lang, "scene.unknown_flow", map[string]any{"Flow": load.Quote(id), "Flows": flowList(c.Flows, o.Lang)})
			}
			s.Flows = append(s.Flows, c.Flows[i])
		}
	}
	full := render.Box{X1: float64(o.Width), Y1: float64(o.Height)}
	if fr := r.MapFrame(s); fr != full && !fr.Empty() {
		s.View = fitInFrame(view.Proj(), o.area(), o.Width, o.Height, o.PixelScale(), fr)
		s.Frame = &fr
	}
	return s, nil
}

// area is the box the picture shows: --bbox, the place's, or the named
// view's.
func (o *Options) area() orb.Bound {
	if o.BBox != nil {
		return *o.BBox
	}
	if o.Place != nil {
		return o.place().Bound()
	}
	v, _ := geo.ViewByName(o.View)
	return v.Bound
}

// fitInFrame is the viewport of a w×h picture that shows b fitted into
// the frame (image pixels) rather than the whole picture, at no closer a
// zoom than the window allows (see Viewport).
func fitInFrame(p *geo.Projection, b orb.Bound, w, h int, scale float64, fr render.Box) geo.Viewport {
	fw, fh := int(math.Round(fr.X1-fr.X0)), int(math.Round(fr.Y1-fr.Y0))
	inner := geo.Fit(p, b, max(1, fw), max(1, fh), scale)
	inner.Zoom = min(inner.Zoom, geo.MaxZoom)
	// Pixel (x, y) of the frame is (x+X0, y+Y0) of the picture, so the
	// picture's centre is where the frame's viewport has (w/2−X0, h/2−Y0).
	v := inner
	v.Width, v.Height = w, h
	v.Center = inner.ToLonLat(orb.Point{float64(w)/2 - fr.X0, float64(h)/2 - fr.Y0})
	return v
}

// flowList names the loaded flows for a message: the first ten.
func flowList(flows []*render.FlowPath, l i18n.Lang) string {
	var ids []string
	for i, f := range flows {
		if i == 10 {
			ids = append(ids, messages.T(l, "scene.more_flows", map[string]any{"N": len(flows) - i}))
			break
		}
		ids = append(ids, load.Quote(f.Flow.ID))
	}
	if len(ids) == 0 {
		return messages.T(l, "scene.no_flows")
	}
	return strings.Join(ids, ", ")
}

// bboxText writes a box as --bbox takes it.
func bboxText(b orb.Bound) string {
	return fmt.Sprintf("%g,%g,%g,%g", b.Min[0], b.Min[1], b.Max[0], b.Max[1])
}

// Result reports a finished export.
type Result struct {
	Path    string
	Bytes   int64
	Notices []string
	// Format is what was written.
	Format Format
}

// Run exports the picture the options describe from a loaded catalogue:
// render, encode, and write atomically. The target is written through a
// temporary file in its directory and renamed over it only when
// complete, so a failed export never leaves a partial file and never
// replaces a good one.
func Run(o Options, cat *catalog.Catalogue, r *render.Renderer) (*Result, error) {
	if err := o.Check(); err != nil {
		return nil, err
	}
	if in := outfile.SameAsAny(o.Out, cat.Inputs); in != "" {
		return nil, usage(o.Lang, "out.is_input", map[string]any{"Out": o.Out, "Input": in})
	}
	if r == nil {
		r = render.New()
	}
	s, err := o.SceneWith(cat, r)
	if err != nil {
		return nil, err
	}
	size, err := outfile.Write(o.Out, func(w io.Writer) error { return o.write(w, s, r) })
	if err != nil {
		return nil, err
	}
	return &Result{Path: o.Out, Notices: o.notices(cat), Bytes: size, Format: o.Format}, nil
}

// write draws the scene in the options' format to w.
func (o *Options) write(w io.Writer, s *render.Scene, r *render.Renderer) error {
	switch o.Format {
	case FormatSVG:
		return o.writeSVG(w, s, r)
	case FormatPDF:
		return o.writePDF(w, s, r)
	}
	img := image.NewRGBA(image.Rect(0, 0, s.View.Width, s.View.Height))
	r.RenderOnce(img, s)
	return EncodePNG(w, img, o.ResolutionDPI())
}

// notices are the catalogue's notices and the picture's own.
func (o *Options) notices(cat *catalog.Catalogue) []string {
	out := slices.Clone(cat.Notices)
	if _, n := o.Proj(); n != "" && o.Projection == geo.ConicKind {
		out = append(out, n)
	}
	if _, n := o.Viewport(); n != "" {
		out = append(out, n)
	}
	return out
}
