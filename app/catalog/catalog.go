// Package catalog loads what maps are drawn from: the embedded layers and
// flows, the user's data files as layers, and flow CSVs. The window, the
// command line and project files all load through it; app/export only
// writes pictures of what it loaded.
package catalog

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo/dataset"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// Catalogue is what a scene can draw from: the embedded layers, the user
// layers and the flows.
type Catalogue struct {
	Layers []*render.Layer // all available layers, drawing order
	Flows  []*render.FlowPath
	// Notices are things the user should know (renamed layer ids, warnings
	// from loading files).
	Notices []string
	// Inputs are the files read into the catalogue (user layers, flow
	// CSVs and their route files, a project): an export refuses to write
	// over any of them.
	Inputs []string
	// Looks are how the catalogue's owner draws its layers (a project's
	// opacities and styles, the window's sliders), by layer id; a layer
	// without one is drawn opaque in the style it was loaded with.
	Looks map[string]render.Look
}

// Shown is layer l as the catalogue's owner draws it.
func (c *Catalogue) Shown(l *render.Layer) render.SceneLayer {
	if lk, ok := c.Looks[l.ID]; ok {
		return l.Shown(&lk)
	}
	return l.Shown(nil)
}

// Request is what to load besides the embedded data.
type Request struct {
	// Layers are the embedded layers wanted (nil: all). The corridor
	// layers are always opened: flows run along them.
	Layers []string
	// Files are data files to add as layers ("file.gpkg:table" names a
	// table), with the geometry columns of CSVs named by hand (zero: found
	// by name).
	Files   []string
	Columns dataset.Columns
	// FlowData are flow CSV files.
	FlowData []string
	// Progress, when set, makes a progress reporter for loading a file
	// (the command line prints percentages on a terminal).
	Progress func(path string) func(float64)
}

// Load opens the embedded layers and flows and loads the request's
// files. A file that cannot be read or parsed is an error (exit 1).
func Load(req Request) (*Catalogue, error) {
	var layers []*render.Layer
	for _, src := range data.Sources {
		if req.Layers != nil && src.Group != data.Corridor && !slices.Contains(req.Layers, src.ID) {
			continue
		}
		l, err := render.EmbeddedLayer(src.ID)
		if err != nil {
			return nil, err
		}
		layers = append(layers, l)
	}
	c := &Catalogue{Layers: layers}
	flows, err := data.Flows()
	if err != nil {
		return nil, err
	}
	if c.Flows, err = render.BuildFlowPaths(flows, c.Layers); err != nil {
		return nil, err
	}
	if err := c.Add(req); err != nil {
		return nil, err
	}
	return c, nil
}

// Add loads the request's files and flow data into the catalogue, after
// what it holds (the files a project named, then the command line's).
func (c *Catalogue) Add(req Request) error {
	n := 0
	for _, l := range c.Layers {
		if l.Group == render.UserGroup {
			n++
		}
	}
	for _, arg := range req.Files {
		src := dataset.ParseArg(arg)
		src.Columns = req.Columns
		var opt load.Options
		if req.Progress != nil {
			opt.Progress = req.Progress(src.Path)
		}
		ls, notices, err := LoadUserLayers(src, c.Layers, n, opt)
		if err != nil {
			return err
		}
		c.Notices = append(c.Notices, notices...)
		for _, l := range ls {
			c.Layers = append(c.Layers, l.Layer)
			n++
		}
		c.Inputs = append(c.Inputs, src.Path)
	}
	for _, f := range req.FlowData {
		if err := c.AddFlowCSV(f); err != nil {
			return err
		}
	}
	return nil
}

// AddFlowCSV loads a flows CSV (see data.ParseFlowCSV) into the catalogue.
// Paths are checked against the loaded layers; a path file ("@x.geojson")
// is read relative to the CSV. Nothing is added unless every flow loads.
func (c *Catalogue) AddFlowCSV(path string) error { return c.addFlowCSV(path, false) }

// AddNamedFlowCSV is AddFlowCSV for a file that another file (a project)
// named rather than the user: its messages quote none of its content.
func (c *Catalogue) AddNamedFlowCSV(path string) error { return c.addFlowCSV(path, true) }

func (c *Catalogue) addFlowCSV(path string, named bool) error {
	b, err := load.ReadFile(path, load.MaxSideFile)
	if err != nil {
		return fmt.Errorf("%s: cannot read: %s", path, load.Reason(err))
	}
	flows, err := data.ParseFlowCSV(path, b)
	if err != nil {
		if named {
			return errors.New(unquote(err.Error(), path))
		}
		return err
	}
	inputs := []string{path}
	var added []*render.FlowPath
	for _, f := range flows {
		if slices.ContainsFunc(c.Flows, func(p *render.FlowPath) bool { return p.Flow.ID == f.ID }) {
			return fmt.Errorf("%s: flow id %s is already loaded", path, load.Quote(f.ID))
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
		// The CSV names the route file: its content is not quoted.
		res, err := load.File(lf, load.Options{LazyProperties: true, Named: true})
		if err != nil {
			return fmt.Errorf("%s: flow %s: path file %v", path, load.Quote(f.ID), err)
		}
		line := firstLine(res)
		if line == nil {
			return fmt.Errorf("%s: flow %s: %s has no LineString to follow", path, load.Quote(f.ID), lf)
		}
		added = append(added, &render.FlowPath{Flow: f, Line: line})
		inputs = append(inputs, lf)
	}
	for i, fp := range added {
		fp.Index = len(c.Flows) + i
		fp.File = path
	}
	c.Flows = append(c.Flows, added...)
	c.Inputs = append(c.Inputs, inputs...)
	return nil
}

// unquote replaces the quoted values of a message about file (all of
// them come from it, quoted with %q or load.Quote) by a note that they
// are not shown.
func unquote(msg, file string) string {
	head, rest := "", msg
	if strings.HasPrefix(msg, file) {
		head, rest = file, msg[len(file):]
	}
	var b strings.Builder
	b.WriteString(head)
	for {
		i := strings.IndexByte(rest, '"')
		if i < 0 {
			b.WriteString(rest)
			return b.String()
		}
		q, err := strconv.QuotedPrefix(rest[i:])
		if err != nil {
			b.WriteString(rest[:i])
			b.WriteString("(content not shown)")
			return b.String()
		}
		b.WriteString(rest[:i])
		b.WriteString("(content not shown)")
		rest = strings.TrimPrefix(rest[i+len(q):], "…")
	}
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
