package project

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/app/catalog"
	"github.com/corridor-atlas/corridor-atlas/app/export"
	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo"
	"github.com/corridor-atlas/corridor-atlas/geo/dataset"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// Problem is something a project names that could not be opened: a
// missing or broken data file, or an id nothing provides. The rest of the
// project opens without it.
type Problem struct {
	// File is the data file concerned (absolute), "" for an unknown id.
	File string
	// Msg is one line for a dialog or a terminal, naming the project file
	// and the data file or id.
	Msg string
}

func (p Problem) String() string { return p.Msg }

// OpenOptions are the progress reporting and cancellation of Open, for
// the window's progress bar and the command line's percentages.
type OpenOptions struct {
	// Progress, when set, makes a progress reporter for reading one data
	// file (nil: none for that file).
	Progress func(path string) func(float64)
	// Cancel, when closed, stops Open with load.ErrCancelled.
	Cancel <-chan struct{}
}

// Open loads what the project draws from: the embedded layers and flows,
// its user layers (with their ids, opacity and style) and its flow CSVs.
// A file that is missing, is not a regular file or does not parse is a
// Problem naming it, and everything else still opens; so is an id that
// nothing loaded provides. The error is for what leaves nothing to show
// (the embedded data) and for cancellation.
func (p *Project) Open(opt OpenOptions) (*catalog.Catalogue, []Problem, error) {
	cat, err := catalog.Load(catalog.Request{})
	if err != nil {
		return nil, nil, err
	}
	cat.Looks = map[string]render.Look{}
	var problems []Problem
	report := func(file, format string, args ...any) {
		problems = append(problems, Problem{File: file, Msg: p.name() + ": " + fmt.Sprintf(format, args...)})
	}
	missing := map[string]bool{} // layer ids whose file did not load
	if err := p.validate(); err != nil {
		return nil, nil, &Error{File: p.name(), Msg: err.Error()}
	}
	users := 0
	for _, pl := range p.Layers {
		if pl.File == "" {
			l := findLayer(cat.Layers, pl.ID)
			if l == nil {
				report("", "layer %s is not one of this app's layers; left out", load.Quote(pl.ID))
				continue
			}
			cat.Looks[l.ID] = render.Look{Opacity: pl.Opacity, Style: l.Style}
			continue
		}
		select {
		case <-opt.Cancel:
			return nil, nil, load.ErrCancelled
		default:
		}
		// The project named the file, not the user: a message about it
		// quotes none of its content (a shared project could name any
		// readable file).
		lo := load.Options{Cancel: opt.Cancel, Named: true}
		if opt.Progress != nil {
			lo.Progress = opt.Progress(pl.File)
		}
		// No existing layers: the id is the project's, set below, not one
		// made from the file name.
		ls, notices, err := catalog.LoadUserLayers(pl.Source(), nil, users, lo)
		if errors.Is(err, load.ErrCancelled) {
			return nil, nil, err
		}
		if err == nil && len(ls) != 1 {
			var names []string
			for _, l := range ls {
				names = append(names, fmt.Sprintf("%q", l.Source.Layer))
			}
			err = fmt.Errorf("%s holds %d layers (%s); the project must name one as \"table\"", pl.File, len(ls), strings.Join(names, ", "))
		}
		if err != nil {
			report(pl.File, "layer %s: %v", load.Quote(pl.ID), err)
			missing[pl.ID] = true
			continue
		}
		l := ls[0].Layer
		users++
		cat.Notices = append(cat.Notices, notices...)
		cat.Inputs = append(cat.Inputs, pl.File)
		l.ID = pl.ID
		if old, ok := p.renamed[pl.ID]; ok {
			report(pl.File, "layer %s: the id is now a built-in layer's; this file is %s", load.Quote(old), load.Quote(pl.ID))
		}
		// The layer is not shared yet: the project's style is the one it
		// is loaded with.
		if st := pl.Style; st != nil {
			c, _ := render.ParseColour(st.Colour) // checked by Load
			l.Style = render.UserStyle{Colour: c, Width: st.Width, LabelField: st.LabelField}
			if l.Style.Width == 0 {
				l.Style.Width = 2
			}
		}
		cat.Looks[l.ID] = render.Look{Opacity: pl.Opacity, Style: l.Style}
		cat.Layers = append(cat.Layers, l)
	}
	flowsOK := true
	for _, f := range p.FlowData {
		if err := cat.AddNamedFlowCSV(f); err != nil {
			report(f, "flow data: %v", err)
			flowsOK = false
		}
	}
	// Ids nothing provides. Those of a file that failed are covered by its
	// own problem, and so are flows when a flow file failed.
	hasLayer := func(id string) bool { return missing[id] || findLayer(cat.Layers, id) != nil }
	hasFlow := func(id string) bool { return !flowsOK || findFlow(cat.Flows, id) != nil }
	for _, id := range p.Flows {
		if !hasFlow(id) {
			report("", "flow %s is not loaded; left out", load.Quote(id))
		}
	}
	for _, s := range p.Scenes {
		for _, id := range s.Layers {
			if !hasLayer(id) {
				report("", "scene %s: layer %s is not loaded; left out", load.Quote(s.Name), load.Quote(id))
			}
		}
		for _, id := range s.Flows {
			if !hasFlow(id) {
				report("", "scene %s: flow %s is not loaded; left out", load.Quote(s.Name), load.Quote(id))
			}
		}
	}
	return cat, problems, nil
}

// Source is where a user layer's features come from: its file, table
// and CSV columns.
func (l Layer) Source() dataset.Source {
	src := dataset.Source{Path: l.File, Layer: l.Table}
	if c := l.Columns; c != nil {
		src.Columns = dataset.Columns{Lat: c.Lat, Lon: c.Lon, WKT: c.WKT}
	}
	return src
}

// LayerSource is the project's record of a source: file, table and CSV
// columns (nil when none were named by hand).
func LayerSource(src dataset.Source) (file, table string, cols *Columns) {
	if c := src.Columns; !c.IsZero() {
		cols = &Columns{Lat: c.Lat, Lon: c.Lon, WKT: c.WKT}
	}
	return src.Path, src.Layer, cols
}

func (p *Project) name() string {
	if p.Path == "" {
		return "project"
	}
	return p.Path
}

func findLayer(ls []*render.Layer, id string) *render.Layer {
	if i := slices.IndexFunc(ls, func(l *render.Layer) bool { return l.ID == id }); i >= 0 {
		return ls[i]
	}
	return nil
}

func findFlow(fs []*render.FlowPath, id string) *render.FlowPath {
	if i := slices.IndexFunc(fs, func(f *render.FlowPath) bool { return f.Flow.ID == id }); i >= 0 {
		return fs[i]
	}
	return nil
}

// ExportOptions is the one mapping from a scene to a picture, used by
// `corridor-atlas export --project` and meant for the window, so a scene
// exports and presents alike. It starts from base (size, dpi, legend,
// output…) and sets the area, year, layers, flows and title of scene s,
// or of the project's own state when s is nil. Members the scene leaves
// out come from the project, then from base.
//
// Ids not in cat are left out (Open reported them), so a project whose
// data file went missing still exports the rest. cat may be nil: then
// nothing is filtered and the embedded layers are assumed present.
//
// A view keeps its centre and zoom at the picture's size and pixel scale
// (base.PixelScale()): the same ground per logical pixel as on screen, so
// a full-screen 1920×1080 window and a 1920×1080 export show the same map.
func (p *Project) ExportOptions(s *Scene, base export.Options, cat *catalog.Catalogue) export.Options {
	o := base
	if s == nil {
		s = &Scene{}
	} else {
		o.Title = s.CaptionIn(o.Lang)
	}
	o.Projection = p.Kind()
	place := func(v *View) *export.Place {
		pl := &export.Place{Lon: v.Lon, Lat: v.Lat, Zoom: v.Zoom}
		if v.Conic != nil {
			pl.Projection = p.viewport(*v, 1, 1, 1).Proj() // the conic itself, whatever the size
		}
		return pl
	}
	switch {
	case s.BBox != nil:
		o.BBox = boundPtr(s.BBox.Bound())
	case s.View != nil:
		o.Place = place(s.View)
	case p.BBox != nil:
		o.BBox = boundPtr(p.BBox.Bound())
	case p.View != nil:
		o.Place = place(p.View)
	}
	switch {
	case s.Year != 0:
		o.Year = s.Year
	case p.Year != 0:
		o.Year = p.Year
	}
	layers := s.Layers
	if layers == nil {
		layers = p.visibleLayers(cat)
	}
	o.Layers = []string{}
	for _, id := range layers {
		if cat == nil || findLayer(cat.Layers, id) != nil {
			o.Layers = append(o.Layers, id)
		}
	}
	flows := s.Flows
	if flows == nil {
		flows = p.Flows
	}
	if flows == nil {
		o.Flows = nil // all
	} else {
		o.Flows = []string{}
		for _, id := range flows {
			if cat == nil || findFlow(cat.Flows, id) != nil {
				o.Flows = append(o.Flows, id)
			}
		}
	}
	return o
}

// visibleLayers are the ids of the project's visible layers: those it
// lists as visible, and every embedded layer it does not list.
func (p *Project) visibleLayers(cat *catalog.Catalogue) []string {
	var all []string
	off := map[string]bool{}
	if cat != nil {
		for _, l := range cat.Layers {
			all = append(all, l.ID)
			off[l.ID] = l.Off
		}
	} else {
		for _, src := range data.Sources {
			all = append(all, src.ID)
			off[src.ID] = src.Off
		}
		for _, l := range p.Layers {
			if l.File != "" {
				all = append(all, l.ID)
			}
		}
	}
	var out []string
	for _, id := range all {
		i := slices.IndexFunc(p.Layers, func(l Layer) bool { return l.ID == id })
		if (i < 0 && !off[id]) || (i >= 0 && p.Layers[i].Visible) {
			out = append(out, id)
		}
	}
	return out
}

func boundPtr(b orb.Bound) *orb.Bound { return &b }

// Viewport is where scene s (nil: the project's own state) puts a map of
// w×h device pixels at a pixel scale: a view's centre and zoom, a bbox
// fitted, or the default view. It is the window's side of ExportOptions:
// a w×h export at dpi 96×scale frames the same viewport.
func (p *Project) Viewport(s *Scene, w, h int, scale float64) geo.Viewport {
	if s == nil {
		s = &Scene{}
	}
	view, bbox := s.View, s.BBox
	if view == nil && bbox == nil {
		view, bbox = p.View, p.BBox
	}
	switch {
	case bbox != nil:
		pr, _ := geo.ProjectionFor(p.Kind(), bbox.Bound())
		v := geo.Fit(pr, bbox.Bound(), w, h, scale)
		v.Zoom = min(v.Zoom, geo.MaxZoom) // as the window and exports clamp it
		return v
	case view != nil:
		return p.viewport(*view, w, h, scale)
	}
	v, _ := geo.ViewByName(geo.DefaultView)
	pr, _ := geo.ProjectionFor(p.Kind(), v.Bound)
	return geo.Fit(pr, v.Bound, w, h, scale)
}

// viewport is a view's centre and zoom in a picture of w×h device
// pixels, in the project's kind of projection fitted to the ground the
// view shows.
func (p *Project) viewport(v View, w, h int, scale float64) geo.Viewport {
	if c := v.Conic; c != nil && p.Kind() == geo.ConicKind {
		pr, _ := geo.Conic(c[0], c[1], c[2])
		return geo.Viewport{Center: orb.Point{v.Lon, v.Lat}, Zoom: v.Zoom, Width: w, Height: h, Scale: scale, Projection: pr}
	}
	return geo.At(p.Kind(), orb.Point{v.Lon, v.Lat}, v.Zoom, w, h, scale)
}
