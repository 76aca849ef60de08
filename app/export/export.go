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

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data"
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

// Options are everything an export can be asked for.
type Options struct {
	Out           string
	Width, Height int
	DPI           float64
	BBox          *orb.Bound // nil: use View
	View          string
	Year          geo.Year
	Phase         float64
	Layers        []string // nil: all layers
	Flows         []string // nil: all flows; empty: none
	Data          []string // user GeoJSON files
	FlowData      []string // user flow CSV files
	Title         string
	NoLegend      bool
	NoScaleBar    bool
	// NorthArrow asks for a north arrow; a north-up map needs none.
	NorthArrow bool
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

func usagef(format string, args ...any) error { return &UsageError{fmt.Sprintf(format, args...)} }

// IsUsage reports whether err is a usage error.
func IsUsage(err error) bool {
	var u *UsageError
	return errors.As(err, &u)
}

// Check validates the options that need no data.
func (o *Options) Check() error {
	if o.Out == "" {
		return usagef("export: --out FILE.png is required")
	}
	if o.Width < MinSide || o.Height < MinSide || o.Width > MaxSide || o.Height > MaxSide || o.Width*o.Height > MaxPixels {
		return usagef("export: size %dx%d is out of range (each side %d..%d, at most %d×%d pixels in all)", o.Width, o.Height, MinSide, MaxSide, 7680, 4320)
	}
	if math.IsNaN(o.DPI) || (o.DPI != 0 && (o.DPI < MinDPI || o.DPI > MaxDPI)) {
		return usagef("export: dpi %g is out of range (%d..%d)", o.DPI, MinDPI, MaxDPI)
	}
	if b := o.BBox; b != nil {
		if !(b.Min[0] < b.Max[0] && b.Min[1] < b.Max[1]) {
			return usagef("export: bbox %g,%g,%g,%g: min must be less than max", b.Min[0], b.Min[1], b.Max[0], b.Max[1])
		}
		if b.Min[0] < -180 || b.Max[0] > 180 || b.Min[1] < -85 || b.Max[1] > 85 {
			return usagef("export: bbox %g,%g,%g,%g is outside lon ±180 / lat ±85", b.Min[0], b.Min[1], b.Max[0], b.Max[1])
		}
	} else if _, ok := geo.ViewByName(o.View); !ok {
		return usagef("export: unknown view %q (views: %s)", o.View, strings.Join(geo.ViewNames(), ", "))
	}
	if math.IsNaN(float64(o.Year)) || o.Year < 1900 || o.Year > 2100 {
		return usagef("export: year %g is out of range", float64(o.Year))
	}
	if math.IsNaN(o.Phase) || o.Phase < 0 || o.Phase >= 1 {
		return usagef("export: phase %g must be in [0, 1)", o.Phase)
	}
	return nil
}

// Progress, when set, makes a progress reporter for loading a file (the
// command line sets it to print percentages on a terminal).
var Progress = func(path string) func(float64) { return nil }

// Catalogue is what a scene can draw from: the embedded layers, the user
// layers and the flows.
type Catalogue struct {
	Layers []*render.Layer // all available layers, drawing order
	Flows  []*render.FlowPath
	// Notices are things the user should know (renamed layer ids, warnings
	// from loading files).
	Notices []string
}

// LoadCatalogue opens the embedded layers and flows and loads the user's
// files. A file that cannot be read or parsed is an error (exit 1).
func LoadCatalogue(files []string) (*Catalogue, error) {
	return loadCatalogue(files, nil)
}

// loadCatalogue is LoadCatalogue opening only the embedded layers in want
// (nil: all). The corridor layers are always opened: flows run along them.
func loadCatalogue(files []string, want []string) (*Catalogue, error) {
	var layers []*render.Layer
	for _, src := range data.Sources {
		if want != nil && src.Group != data.Corridor && !slices.Contains(want, src.ID) {
			continue
		}
		l, err := render.EmbeddedLayer(src.ID)
		if err != nil {
			return nil, err
		}
		layers = append(layers, l)
	}
	c := &Catalogue{Layers: layers}
	for i, path := range files {
		l, notices, err := LoadUserLayerWith(path, c.Layers, i, load.Options{Progress: Progress(path)})
		if err != nil {
			return nil, err
		}
		c.Notices = append(c.Notices, notices...)
		c.Layers = append(c.Layers, l)
	}
	flows, err := data.Flows()
	if err != nil {
		return nil, err
	}
	if c.Flows, err = render.BuildFlowPaths(flows, c.Layers); err != nil {
		return nil, err
	}
	return c, nil
}

// AddFlowCSV loads a flows CSV (see data.ParseFlowCSV) into the catalogue.
// Paths are checked against the loaded layers; a path file ("@x.geojson")
// is read relative to the CSV. Nothing is added unless every flow loads.
func (c *Catalogue) AddFlowCSV(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("%s: cannot read: %w", path, unwrapPath(err))
	}
	flows, err := data.ParseFlowCSV(path, b)
	if err != nil {
		return err
	}
	var added []*render.FlowPath
	for _, f := range flows {
		if slices.ContainsFunc(c.Flows, func(p *render.FlowPath) bool { return p.Flow.ID == f.ID }) {
			return fmt.Errorf("%s: flow id %q is already loaded", path, f.ID)
		}
		if f.LineFile == "" {
			fp, err := render.BuildFlowPaths([]*data.Flow{f}, c.Layers)
			if err != nil {
				return fmt.Errorf("%s: %v", path, err)
			}
			added = append(added, fp[0])
			continue
		}
		lf := f.LineFile
		if !filepath.IsAbs(lf) {
			lf = filepath.Join(filepath.Dir(path), lf)
		}
		lb, err := os.ReadFile(lf)
		if err != nil {
			return fmt.Errorf("%s: flow %q: path file %s: %v", path, f.ID, lf, unwrapPath(err))
		}
		res, err := load.GeoJSON(lf, lb)
		if err != nil {
			return fmt.Errorf("%s: flow %q: %v", path, f.ID, err)
		}
		line := firstLine(res)
		if line == nil {
			return fmt.Errorf("%s: flow %q: %s has no LineString to follow", path, f.ID, lf)
		}
		added = append(added, &render.FlowPath{Flow: f, Line: line})
	}
	for i, fp := range added {
		fp.Index = len(c.Flows) + i
		fp.File = path
	}
	c.Flows = append(c.Flows, added...)
	return nil
}

func firstLine(res *load.Result) orb.LineString {
	for _, f := range res.Features {
		switch g := f.Geometry.(type) {
		case orb.LineString:
			return g
		case orb.MultiLineString:
			if len(g) > 0 {
				return g[0]
			}
		}
	}
	return nil
}

// LoadUserLayer reads a GeoJSON file as a "Your data" layer. Its id is the
// file name without extension, with a numeric suffix if that id is taken.
func LoadUserLayer(path string, existing []*render.Layer, n int) (*render.Layer, []string, error) {
	return LoadUserLayerWith(path, existing, n, load.Options{})
}

// LoadUserLayerWith is LoadUserLayer with progress and cancellation, for
// big files (the window shows a progress bar with Cancel, the command line
// a percentage on a terminal).
func LoadUserLayerWith(path string, existing []*render.Layer, n int, opt load.Options) (*render.Layer, []string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: cannot read: %w", path, unwrapPath(err))
	}
	res, err := load.GeoJSONWith(path, b, opt)
	if err != nil {
		return nil, nil, err
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	id := base
	taken := func(id string) bool {
		return slices.ContainsFunc(existing, func(l *render.Layer) bool { return l.ID == id })
	}
	var notices []string
	for k := 2; taken(id); k++ {
		id = fmt.Sprintf("%s-%d", base, k)
	}
	if id != base {
		notices = append(notices, fmt.Sprintf("%s: layer id %q is taken; using %q", path, base, id))
	}
	for _, w := range res.Warnings {
		notices = append(notices, fmt.Sprintf("%s: %s", path, w))
	}
	title := base
	if t, ok := res.Members["name"].(string); ok && t != "" {
		title = t
	}
	l := render.NewUserLayer(id, title, res.Features, res.Bound, n)
	l.FeatureBounds = res.Bounds
	return l, notices, nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Scene builds the scene the options describe from a catalogue.
//
// Small, square and portrait pictures put their legend in a band beside
// the map (render.MapFrame); the area is then fitted into the map's frame,
// so none of it lies under a panel.
func (o *Options) Scene(c *Catalogue) (*render.Scene, error) {
	return o.SceneWith(c, nil)
}

// SceneWith is Scene laying the picture out with r (nil: a new
// renderer), which keeps the geometry it prepares for drawing it.
func (o *Options) SceneWith(c *Catalogue, r *render.Renderer) (*render.Scene, error) {
	if r == nil {
		r = render.New()
	}
	scale := o.PixelScale()
	var b orb.Bound
	if o.BBox != nil {
		b = *o.BBox
	} else {
		v, _ := geo.ViewByName(o.View)
		b = v.Bound
	}
	s := &render.Scene{
		View:       geo.Fit(b, o.Width, o.Height, scale),
		Year:       o.Year,
		Phase:      o.Phase,
		Title:      o.Title,
		Legend:     !o.NoLegend,
		ScaleBar:   !o.NoScaleBar,
		NorthArrow: o.NorthArrow,
		WidthScale: render.WidthScales(c.Flows),
	}
	if o.Layers == nil {
		for _, l := range c.Layers {
			if !l.Off {
				s.Layers = append(s.Layers, l)
			}
		}
	} else {
		for _, id := range o.Layers {
			i := slices.IndexFunc(c.Layers, func(l *render.Layer) bool { return l.ID == id })
			if i < 0 {
				return nil, usagef("export: unknown layer %q (see `corridor-atlas layers`)", id)
			}
			s.Layers = append(s.Layers, c.Layers[i])
		}
		// Keep the drawing order, whatever order the ids were given in.
		slices.SortStableFunc(s.Layers, func(a, b *render.Layer) int {
			return slices.Index(c.Layers, a) - slices.Index(c.Layers, b)
		})
	}
	if o.Flows == nil {
		s.Flows = c.Flows
	} else {
		for _, id := range o.Flows {
			i := slices.IndexFunc(c.Flows, func(f *render.FlowPath) bool { return f.Flow.ID == id })
			if i < 0 {
				ids := make([]string, len(c.Flows))
				for j, f := range c.Flows {
					ids[j] = f.Flow.ID
				}
				return nil, usagef("export: unknown flow %q (flows: %s, or none)", id, strings.Join(ids, ", "))
			}
			s.Flows = append(s.Flows, c.Flows[i])
		}
	}
	full := render.Box{X1: float64(o.Width), Y1: float64(o.Height)}
	if fr := r.MapFrame(s); fr != full && !fr.Empty() {
		s.View = fitInFrame(b, o.Width, o.Height, scale, fr)
		s.Frame = &fr
	}
	return s, nil
}

// fitInFrame is the viewport of a w×h picture that shows b fitted into
// the frame (image pixels) rather than the whole picture.
func fitInFrame(b orb.Bound, w, h int, scale float64, fr render.Box) geo.Viewport {
	fw, fh := int(math.Round(fr.X1-fr.X0)), int(math.Round(fr.Y1-fr.Y0))
	inner := geo.Fit(b, max(1, fw), max(1, fh), scale)
	// Pixel (x, y) of the frame is (x+X0, y+Y0) of the picture, so the
	// picture's centre is where the frame's viewport has (w/2−X0, h/2−Y0).
	v := inner
	v.Width, v.Height = w, h
	v.Center = inner.ToLonLat(orb.Point{float64(w)/2 - fr.X0, float64(h)/2 - fr.Y0})
	return v
}

// Result reports a finished export.
type Result struct {
	Path    string
	Bytes   int64
	Notices []string
}

// Run performs an export: load, render, encode, and write atomically. The
// target is written through a temporary file in its directory and renamed
// over it only when complete, so a failed export never leaves a partial
// file and never replaces a good one.
func Run(o Options, r *render.Renderer) (*Result, error) {
	if err := o.Check(); err != nil {
		return nil, err
	}
	cat, err := o.catalogue()
	if err != nil {
		return nil, err
	}
	return RunWith(o, cat, r)
}

// catalogue loads what the options draw: the user's files and flow CSVs,
// and only the embedded layers the picture shows, so an export of a
// user's file alone does not parse the whole basemap.
func (o *Options) catalogue() (*Catalogue, error) {
	cat, err := loadCatalogue(o.Data, o.Layers)
	if err != nil {
		return nil, err
	}
	for _, f := range o.FlowData {
		if err := cat.AddFlowCSV(f); err != nil {
			return nil, err
		}
	}
	return cat, nil
}

// RunWith exports from an already loaded catalogue (the window's).
func RunWith(o Options, cat *Catalogue, r *render.Renderer) (*Result, error) {
	if err := o.Check(); err != nil {
		return nil, err
	}
	if r == nil {
		r = render.New()
	}
	s, err := o.SceneWith(cat, r)
	if err != nil {
		return nil, err
	}
	size, err := writeAtomic(o.Out, func(w io.Writer) error {
		img := image.NewRGBA(image.Rect(0, 0, s.View.Width, s.View.Height))
		r.RenderOnce(img, s)
		return EncodePNG(w, img, o.ResolutionDPI())
	})
	if err != nil {
		return nil, err
	}
	return &Result{Path: o.Out, Notices: cat.Notices, Bytes: size}, nil
}
