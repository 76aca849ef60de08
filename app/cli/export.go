package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/app/export"
	"github.com/corridor-atlas/corridor-atlas/app/project"
	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
	"github.com/corridor-atlas/corridor-atlas/geo"
	"github.com/corridor-atlas/corridor-atlas/geo/dataset"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// exportSynopsis is the usage lines of export; its explanation is
// export.synopsis in the messages.
const exportSynopsis = `export --out FILE.png [options]
       corridor-atlas export --project FILE.catlas [--scene NAME] --out FILE.png [options]
       corridor-atlas export --project FILE.catlas --all-scenes DIR [options]
       corridor-atlas export --animate [--from YEAR --to YEAR --fps N --duration S] --out FILE.gif|DIR/ [options]`

// MaxScenes is the most scenes --all-scenes exports in one run: a
// briefing has a few dozen; a project with thousands is a mistake or an
// attack, and would fill a folder for hours.
const MaxScenes = 500

func cmdExport(args []string, stdout, stderr io.Writer, l i18n.Lang) int {
	o := export.Defaults()
	fs := newFlags("export", exportSynopsis+"\n\n"+msg(l, "export.synopsis", map[string]any{"MaxScenes": MaxScenes}), stderr, l)
	fs.StringVar(&o.Out, "out", "", msg(l, "export.flag.out"))
	fs.Func("size", msg(l, "export.flag.size"), func(s string) error {
		w, h, err := parseSize(s, l)
		o.Width, o.Height = w, h
		return err
	})
	fs.Func("dpi", msg(l, "export.flag.dpi"), func(s string) error {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return errors.New(msg(l, "usage.not_a_number"))
		}
		o.DPI = v
		return nil
	})
	fs.Func("bbox", msg(l, "export.flag.bbox"), func(s string) error {
		b, err := parseBBox(s, l)
		o.BBox = b
		return err
	})
	fs.StringVar(&o.View, "view", geo.DefaultView, msg(l, "export.flag.view", map[string]any{"Views": strings.Join(geo.ViewNames(), ", ")}))
	fs.Func("year", msg(l, "export.flag.year"), func(s string) error {
		v, err := strconv.ParseFloat(s, 64)
		o.Year = geo.Year(v)
		if err != nil {
			return errors.New(msg(l, "usage.not_a_number"))
		}
		return nil
	})
	fs.Float64Var(&o.Phase, "phase", 0, msg(l, "export.flag.phase"))
	fs.Func("layers", msg(l, "export.flag.layers"), func(s string) error {
		o.Layers = splitList(s)
		return nil
	})
	fs.Func("flows", msg(l, "export.flag.flows"), func(s string) error {
		if strings.TrimSpace(s) == "none" {
			o.Flows = []string{}
		} else {
			o.Flows = splitList(s)
		}
		return nil
	})
	fs.Func("data", msg(l, "export.flag.data"), func(s string) error {
		o.Data = append(o.Data, s)
		return nil
	})
	csvFlags(fs, &o.Columns, l)
	fs.Func("flow-data", msg(l, "export.flag.flow_data"), func(s string) error {
		o.FlowData = append(o.FlowData, s)
		return nil
	})
	var projectFile, sceneName, allScenes string
	fs.StringVar(&projectFile, "project", "", msg(l, "export.flag.project"))
	fs.StringVar(&sceneName, "scene", "", msg(l, "export.flag.scene"))
	fs.StringVar(&allScenes, "all-scenes", "", msg(l, "export.flag.all_scenes"))
	var animate bool
	var from, to float64
	a := export.Animation{FPS: 20, Duration: 10}
	fs.BoolVar(&animate, "animate", false, msg(l, "export.flag.animate"))
	fs.Float64Var(&from, "from", 0, msg(l, "export.flag.from"))
	fs.Float64Var(&to, "to", 0, msg(l, "export.flag.to"))
	fs.IntVar(&a.FPS, "fps", 20, msg(l, "export.flag.fps"))
	fs.Float64Var(&a.Duration, "duration", 10, msg(l, "export.flag.duration"))
	fs.StringVar(&o.Title, "title", export.DefaultTitleIn(l), msg(l, "export.flag.title"))
	fs.BoolVar(&o.NoLegend, "no-legend", false, msg(l, "export.flag.no_legend"))
	fs.BoolVar(&o.NoScaleBar, "no-scalebar", false, msg(l, "export.flag.no_scalebar"))
	fs.BoolVar(&a.Overwrite, "overwrite", false, msg(l, "export.flag.overwrite"))
	fs.BoolVar(&o.NorthArrow, "north-arrow", false, msg(l, "export.flag.north_arrow"))
	fs.Func("lang", msg(l, "export.flag.lang", map[string]any{"Langs": i18n.Codes()}), func(s string) error {
		v, err := i18n.Parse(s)
		if err != nil {
			return errors.New(msg(l, "usage.unknown_language", map[string]any{"Langs": i18n.Codes()}))
		}
		o.Lang = v
		return nil
	})
	if code, stop := parse(fs, args, stdout, l); stop {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, "corridor-atlas export: "+msg(l, "usage.unexpected_argument", map[string]any{"Arg": load.Quote(fs.Arg(0))}))
		return ExitUsage
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	usage := func(key string) int {
		fmt.Fprintln(stderr, "corridor-atlas export:", msg(l, key))
		return ExitUsage
	}
	if m := checkColumns(o.Columns, l); m != "" {
		fmt.Fprintln(stderr, "corridor-atlas export:", m)
		return ExitUsage
	}
	switch {
	case set["view"] && o.BBox != nil:
		return usage("usage.bbox_or_view")
	case (set["scene"] || set["all-scenes"]) && projectFile == "":
		return usage("usage.scene_needs_project")
	case set["scene"] && set["all-scenes"]:
		return usage("usage.scene_or_all")
	case set["all-scenes"] && (set["out"] || animate):
		return usage("usage.all_scenes_out")
	case (set["from"] || set["to"] || set["fps"] || set["duration"]) && !animate:
		return usage("usage.needs_animate")
	case animate && set["year"]:
		return usage("usage.animate_year")
	case set["from"] != set["to"]:
		return usage("usage.from_to")
	case set["overwrite"] && !animate:
		return usage("usage.overwrite")
	}
	if !set["lang"] {
		o.Lang = l
	}
	// Ctrl-C and SIGTERM remove the file being written, on every path.
	stdout, stderr, stop := onInterrupt(stdout, stderr, l)
	defer stop()
	a.From, a.To = geo.Year(from), geo.Year(to)
	export.Progress = func(path string) func(float64) { return progressFor(stderr, path, l) }

	// Without a project: the options as given.
	if projectFile == "" {
		if animate {
			a.Options = o
			return animateOut(a, nil, stdout, stderr, l)
		}
		res, err := export.Run(o, nil)
		return report(res, err, o, stdout, stderr, l)
	}

	p, err := project.Load(projectFile)
	if err != nil {
		fmt.Fprintln(stderr, "corridor-atlas export:", err)
		return ExitData
	}
	// A project exports in its own language unless --lang says otherwise
	// (LANG is the reader's, not the project's).
	if pl := p.Lang(); !set["lang"] && pl != "" {
		o.Lang = pl
		if !set["title"] {
			o.Title = export.DefaultTitleIn(pl)
		}
	}
	if allScenes != "" && len(p.Scenes) > MaxScenes {
		fmt.Fprintf(stderr, "corridor-atlas export: %s: %s\n", projectFile, msg(l, "export.too_many_scenes", map[string]any{"N": len(p.Scenes), "Max": MaxScenes}))
		return ExitUsage
	}
	sceneIndex := -1
	if sceneName != "" {
		if sceneIndex, err = p.FindScene(sceneName); err != nil {
			fmt.Fprintf(stderr, "corridor-atlas export: %s: %v\n", projectFile, err)
			return ExitUsage
		}
	}
	if allScenes != "" && len(p.Scenes) == 0 {
		fmt.Fprintf(stderr, "corridor-atlas export: %s: %s\n", projectFile, msg(l, "export.no_scenes"))
		return ExitData
	}
	cat, problems, err := p.Open(project.OpenOptions{Progress: export.Progress})
	if err != nil {
		fmt.Fprintln(stderr, "corridor-atlas export:", err)
		return ExitData
	}
	cat.Inputs = append(cat.Inputs, projectFile)
	// A missing data file is reported and the rest exported, as the
	// window opens the rest of such a project.
	for _, pr := range problems {
		fmt.Fprintln(stderr, "corridor-atlas export:", msg(l, "warning"), pr.Msg)
	}
	if err := addFiles(cat, o); err != nil {
		fmt.Fprintln(stderr, "corridor-atlas export:", err)
		return ExitData
	}
	// The scene's options, with whatever was given explicitly on top.
	optionsFor := func(s *project.Scene) export.Options {
		so := p.ExportOptions(s, o, cat)
		if set["bbox"] {
			so.BBox = o.BBox
		}
		if set["view"] {
			so.BBox, so.View = nil, o.View
		}
		if set["year"] {
			so.Year = o.Year
		}
		if set["title"] {
			so.Title = o.Title
		}
		if set["layers"] {
			so.Layers = o.Layers
		}
		if set["flows"] {
			so.Flows = o.Flows
		}
		return so
	}
	var scene *project.Scene
	if sceneIndex >= 0 {
		scene = &p.Scenes[sceneIndex]
	}
	switch {
	case animate:
		a.Options = optionsFor(scene)
		return animateOut(a, cat, stdout, stderr, l)
	case allScenes != "":
		if err := os.MkdirAll(allScenes, 0o755); err != nil {
			fmt.Fprintf(stderr, "corridor-atlas export: %s: %s\n", allScenes, msg(l, "error.cannot_write", map[string]any{"Reason": err}))
			return ExitData
		}
		r := render.New() // one renderer: geometry prepared once for all scenes
		digits := max(2, len(strconv.Itoa(len(p.Scenes))))
		for i := range p.Scenes {
			so := optionsFor(&p.Scenes[i])
			so.Out = filepath.Join(allScenes, fmt.Sprintf("%0*d-%s.png", digits, i+1, project.Slug(p.Scenes[i].Name)))
			res, err := export.RunWith(so, cat, r)
			if code := report(res, err, so, stdout, stderr, l); code != ExitOK {
				return code
			}
		}
		return ExitOK
	}
	so := optionsFor(scene)
	res, err := export.RunWith(so, cat, nil)
	return report(res, err, so, stdout, stderr, l)
}

// report prints the outcome of a PNG export and returns its exit status.
func report(res *export.Result, err error, o export.Options, stdout, stderr io.Writer, l i18n.Lang) int {
	if res != nil {
		for _, n := range res.Notices {
			fmt.Fprintln(stderr, "corridor-atlas export:", n)
		}
	}
	if err != nil {
		return exportFailed(err, stderr)
	}
	fmt.Fprintln(stdout, msg(l, "export.wrote", map[string]any{"Path": res.Path, "Width": o.Width, "Height": o.Height,
		"DPI": l.Number(o.ResolutionDPI(), 2), "MB": l.Decimal(float64(res.Bytes)/1e6, 1)}))
	return ExitOK
}

func exportFailed(err error, stderr io.Writer) int {
	fmt.Fprintln(stderr, "corridor-atlas export:", strings.TrimPrefix(err.Error(), "export: "))
	if export.IsUsage(err) {
		return ExitUsage
	}
	return ExitData
}

// addFiles loads --data and --flow-data given with --project into its
// catalogue, after the project's own files.
func addFiles(cat *export.Catalogue, o export.Options) error {
	n := 0
	for _, l := range cat.Layers {
		if l.Group == render.UserGroup {
			n++
		}
	}
	for _, arg := range o.Data {
		src := dataset.ParseArg(arg)
		src.Columns = o.Columns
		ls, notices, err := export.LoadUserLayers(src, cat.Layers, n, load.Options{Progress: export.Progress(src.Path)})
		if err != nil {
			return err
		}
		cat.Notices = append(cat.Notices, notices...)
		for _, l := range ls {
			cat.Layers = append(cat.Layers, l.Layer)
			n++
		}
		cat.Inputs = append(cat.Inputs, src.Path)
	}
	for _, f := range o.FlowData {
		if err := cat.AddFlowCSV(f); err != nil {
			return err
		}
	}
	return nil
}

// animateOut runs an animated export (from cat, or loading as a plain
// export does when cat is nil), with a frame counter on a terminal.
// (Ctrl-C is onInterrupt's: the partial GIF or frames are removed.)
func animateOut(a export.Animation, cat *export.Catalogue, stdout, stderr io.Writer, l i18n.Lang) int {
	if tty := terminal(stderr); tty != nil {
		var last time.Time
		a.Progress = func(i, n int) {
			if i < n && time.Since(last) < 100*time.Millisecond {
				return
			}
			last = time.Now()
			fmt.Fprintf(tty, "\r%s %d/%d", msg(l, "progress.frame"), i, n)
			if i == n {
				fmt.Fprint(tty, "\n")
			}
		}
	}
	start := time.Now()
	var res *export.AnimationResult
	var err error
	if cat == nil {
		res, err = export.Animate(a, nil)
	} else {
		res, err = export.AnimateWith(a, cat, nil)
	}
	if err != nil {
		if a.Progress != nil {
			fmt.Fprintln(stderr)
		}
		return exportFailed(err, stderr)
	}
	for _, n := range res.Notices {
		fmt.Fprintln(stderr, "corridor-atlas export:", n)
	}
	what := messages.N(l, "export.colours", res.Colours)
	if res.Colours == 0 {
		what = msg(l, "export.png_frames")
	}
	fmt.Fprintln(stdout, messages.N(l, "export.wrote_animation", res.Frames, map[string]any{"Path": res.Path, "N": res.Frames,
		"Width": a.Width, "Height": a.Height, "FPS": a.FPS, "Seconds": l.Number(a.Duration, 2), "What": what,
		"MB": l.Decimal(float64(res.Bytes)/1e6, 1), "Took": l.Decimal(time.Since(start).Seconds(), 1)}))
	return ExitOK
}

// terminal returns w when it writes to a terminal, else nil: progress
// that rewrites a line is for people, not for logs and scripts.
func terminal(w io.Writer) io.Writer {
	inner := w
	if g, ok := w.(gated); ok {
		inner = g.w
	}
	f, ok := inner.(*os.File)
	if !ok {
		return nil
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return w
}

func parseSize(s string, l i18n.Lang) (int, int, error) {
	ws, hs, ok := strings.Cut(strings.ToLower(strings.TrimSpace(s)), "x")
	if !ok {
		return 0, 0, errors.New(msg(l, "usage.want_size"))
	}
	w, err1 := strconv.Atoi(ws)
	h, err2 := strconv.Atoi(hs)
	if err1 != nil || err2 != nil {
		return 0, 0, errors.New(msg(l, "usage.want_size_whole"))
	}
	return w, h, nil
}

func parseBBox(s string, l i18n.Lang) (*orb.Bound, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return nil, errors.New(msg(l, "usage.want_bbox"))
	}
	var v [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return nil, errors.New(msg(l, "usage.not_a_number_value", map[string]any{"Value": load.Quote(p)}))
		}
		v[i] = f
	}
	return &orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	if out == nil {
		out = []string{}
	}
	return out
}
