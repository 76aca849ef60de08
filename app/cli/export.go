package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/app/catalog"
	"github.com/corridor-atlas/corridor-atlas/app/export"
	"github.com/corridor-atlas/corridor-atlas/app/project"
	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/app/render/vector"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
	"github.com/corridor-atlas/corridor-atlas/geo"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// exportSynopsis is the usage lines of export; its explanation is
// export.synopsis in the messages.
const exportSynopsis = `export --out FILE.png|FILE.svg|FILE.pdf [options]
       corridor-atlas export --project FILE.catlas [--scene NAME] --out FILE.png|.svg|.pdf [options]
       corridor-atlas export --project FILE.catlas --all-scenes DIR [--format png|svg|pdf] [options]
       corridor-atlas export --project FILE.catlas --all-scenes HANDOUT.pdf [--size A4] [options]
       corridor-atlas export --animate [--from YEAR --to YEAR --fps N --duration S] --out FILE.gif|DIR/ [options]`

// MaxScenes is the most scenes --all-scenes exports in one run: a
// briefing has a few dozen; a project with thousands is a mistake or an
// attack, and would fill a folder for hours.
const MaxScenes = 500

// exportCmd is an export asked for on the command line: the picture's
// options, what to load, and how to run.
type exportCmd struct {
	o         export.Options
	anim      export.Animation
	animate   bool
	from, to  float64
	load      catalog.Request
	project   string
	scene     string
	allScenes string
	// set are the flags given explicitly: they override a project's.
	set map[string]bool
	l   i18n.Lang
	// size is --size, applied once --dpi is known too.
	size *export.SizeSpec
}

func cmdExport(args []string, stdout, stderr io.Writer, l i18n.Lang) int {
	x, fs := newExportCmd(stderr, l)
	if code, stop := parse(fs, args, stdout, l); stop {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, "corridor-atlas export: "+msg(l, "usage.unexpected_argument", map[string]any{"Arg": load.Quote(fs.Arg(0))}))
		return ExitUsage
	}
	fs.Visit(func(f *flag.Flag) { x.set[f.Name] = true })
	if x.size != nil {
		x.o.SetSize(*x.size) // after --dpi, wherever it was given
	}
	if m := x.conflict(); m != "" {
		fmt.Fprintln(stderr, "corridor-atlas export:", m)
		return ExitUsage
	}
	if !x.set["lang"] {
		x.o.Lang = l
	}
	// Ctrl-C and SIGTERM remove the file being written, on every path.
	stdout, stderr, stop := onInterrupt(stdout, stderr, l)
	defer stop()
	x.anim.From, x.anim.To = geo.Year(x.from), geo.Year(x.to)
	x.load.Progress = func(path string) func(float64) { return progressFor(stderr, path, l) }
	if x.project == "" {
		return x.plain(stdout, stderr)
	}
	return x.fromProject(stdout, stderr)
}

// newExportCmd declares the export command's flags.
func newExportCmd(stderr io.Writer, l i18n.Lang) (*exportCmd, *flag.FlagSet) {
	x := &exportCmd{o: export.Defaults(), anim: export.Animation{FPS: 20, Duration: 10}, set: map[string]bool{}, l: l}
	o := &x.o
	fs := newFlags("export", exportSynopsis+"\n\n"+msg(l, "export.synopsis", map[string]any{"MaxScenes": MaxScenes}), stderr, l)
	fs.StringVar(&o.Out, "out", "", msg(l, "export.flag.out"))
	fs.Func("size", msg(l, "export.flag.size"), func(s string) error {
		sp, err := export.ParseSize(s, l)
		x.size = &sp
		return err
	})
	fs.Func("format", msg(l, "export.flag.format"), func(s string) error {
		f, ok := export.ParseFormat(s)
		if !ok {
			return errors.New(msg(l, "usage.want_format"))
		}
		o.Format = f
		return nil
	})
	fs.Func("svg-text", msg(l, "export.flag.svg_text"), func(s string) error {
		switch strings.TrimSpace(s) {
		case "embed":
			o.SVGText = vector.SVGEmbed
		case "outline":
			o.SVGText = vector.SVGOutline
		default:
			return errors.New(msg(l, "usage.want_svg_text"))
		}
		return nil
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
		x.load.Layers = o.Layers
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
		x.load.Files = append(x.load.Files, s)
		return nil
	})
	csvFlags(fs, &x.load.Columns, l)
	fs.Func("flow-data", msg(l, "export.flag.flow_data"), func(s string) error {
		x.load.FlowData = append(x.load.FlowData, s)
		return nil
	})
	fs.StringVar(&x.project, "project", "", msg(l, "export.flag.project"))
	fs.StringVar(&x.scene, "scene", "", msg(l, "export.flag.scene"))
	fs.StringVar(&x.allScenes, "all-scenes", "", msg(l, "export.flag.all_scenes"))
	fs.BoolVar(&x.animate, "animate", false, msg(l, "export.flag.animate"))
	fs.Float64Var(&x.from, "from", 0, msg(l, "export.flag.from"))
	fs.Float64Var(&x.to, "to", 0, msg(l, "export.flag.to"))
	fs.IntVar(&x.anim.FPS, "fps", 20, msg(l, "export.flag.fps"))
	fs.Float64Var(&x.anim.Duration, "duration", 10, msg(l, "export.flag.duration"))
	fs.StringVar(&o.Title, "title", export.DefaultTitleIn(l), msg(l, "export.flag.title"))
	fs.BoolVar(&o.NoLegend, "no-legend", false, msg(l, "export.flag.no_legend"))
	fs.BoolVar(&o.NoScaleBar, "no-scalebar", false, msg(l, "export.flag.no_scalebar"))
	fs.BoolVar(&x.anim.Overwrite, "overwrite", false, msg(l, "export.flag.overwrite"))
	fs.BoolVar(&o.NorthArrow, "north-arrow", false, msg(l, "export.flag.north_arrow"))
	fs.StringVar(&o.Projection, "projection", "", msg(l, "export.flag.projection"))
	fs.BoolVar(&o.Graticule, "graticule", false, msg(l, "export.flag.graticule"))
	fs.Func("lang", msg(l, "export.flag.lang", map[string]any{"Langs": i18n.Codes()}), func(s string) error {
		v, err := i18n.Parse(s)
		if err != nil {
			return errors.New(msg(l, "usage.unknown_language", map[string]any{"Langs": i18n.Codes()}))
		}
		o.Lang = v
		return nil
	})
	return x, fs
}

// conflict is the usage error of flags that do not go together, or "".
func (x *exportCmd) conflict() string {
	set, l := x.set, x.l
	if m := checkColumns(x.load.Columns, l); m != "" {
		return m
	}
	switch {
	case set["view"] && x.o.BBox != nil:
		return msg(l, "usage.bbox_or_view")
	case (set["scene"] || set["all-scenes"]) && x.project == "":
		return msg(l, "usage.scene_needs_project")
	case set["scene"] && set["all-scenes"]:
		return msg(l, "usage.scene_or_all")
	case set["all-scenes"] && (set["out"] || x.animate):
		return msg(l, "usage.all_scenes_out")
	case x.handout() && x.o.Format != export.FormatAuto && x.o.Format != export.FormatPDF:
		return msg(l, "usage.handout_format", map[string]any{"Out": x.allScenes, "Format": x.o.Format.String()})
	case (set["from"] || set["to"] || set["fps"] || set["duration"]) && !x.animate:
		return msg(l, "usage.needs_animate")
	case x.animate && set["year"]:
		return msg(l, "usage.animate_year")
	case set["from"] != set["to"]:
		return msg(l, "usage.from_to")
	case set["overwrite"] && !x.animate:
		return msg(l, "usage.overwrite")
	}
	return ""
}

// plain exports the options as given: a PNG or an animation. Settings
// are checked before anything is loaded.
func (x *exportCmd) plain(stdout, stderr io.Writer) int {
	x.anim.Options = x.o
	check := x.o.Check
	if x.animate {
		check = x.anim.CheckSettings
	}
	if err := check(); err != nil {
		return exportFailed(err, stderr)
	}
	cat, err := catalog.Load(x.load)
	if err != nil {
		return exportFailed(err, stderr)
	}
	if x.animate {
		return animateOut(x.anim, cat, stdout, stderr, x.l)
	}
	res, err := export.Run(x.o, cat, nil)
	return report(res, err, x.o, stdout, stderr, x.l)
}

// fromProject exports a project's saved view, one of its scenes, every
// scene, or an animation of it.
func (x *exportCmd) fromProject(stdout, stderr io.Writer) int {
	l := x.l
	p, err := project.Load(x.project)
	if err != nil {
		fmt.Fprintln(stderr, "corridor-atlas export:", err)
		return ExitData
	}
	// A project exports in its own language unless --lang says otherwise
	// (LANG is the reader's, not the project's).
	if pl := p.Lang(); !x.set["lang"] && pl != "" {
		x.o.Lang = pl
		if !x.set["title"] {
			x.o.Title = export.DefaultTitleIn(pl)
		}
	}
	if x.allScenes != "" && len(p.Scenes) > MaxScenes {
		fmt.Fprintf(stderr, "corridor-atlas export: %s: %s\n", x.project, msg(l, "export.too_many_scenes", map[string]any{"N": len(p.Scenes), "Max": MaxScenes}))
		return ExitUsage
	}
	var scene *project.Scene
	if x.scene != "" {
		i, err := p.FindScene(x.scene)
		if err != nil {
			fmt.Fprintf(stderr, "corridor-atlas export: %s: %v\n", x.project, err)
			return ExitUsage
		}
		scene = &p.Scenes[i]
	}
	if x.allScenes != "" && len(p.Scenes) == 0 {
		fmt.Fprintf(stderr, "corridor-atlas export: %s: %s\n", x.project, msg(l, "export.no_scenes"))
		return ExitData
	}
	cat, problems, err := p.Open(project.OpenOptions{Progress: x.load.Progress})
	if err != nil {
		fmt.Fprintln(stderr, "corridor-atlas export:", err)
		return ExitData
	}
	cat.Inputs = append(cat.Inputs, x.project)
	// A missing data file is reported and the rest exported, as the
	// window opens the rest of such a project.
	for _, pr := range problems {
		fmt.Fprintln(stderr, "corridor-atlas export:", msg(l, "warning"), pr.Msg)
	}
	// --data and --flow-data after the project's own files.
	if err := cat.Add(catalog.Request{Files: x.load.Files, Columns: x.load.Columns, FlowData: x.load.FlowData, Progress: x.load.Progress}); err != nil {
		fmt.Fprintln(stderr, "corridor-atlas export:", err)
		return ExitData
	}
	switch {
	case x.animate:
		x.anim.Options = x.sceneOptions(p, scene, cat)
		return animateOut(x.anim, cat, stdout, stderr, l)
	case x.handout():
		return x.writeHandout(p, cat, stdout, stderr)
	case x.allScenes != "":
		return x.everyScene(p, cat, stdout, stderr)
	}
	so := x.sceneOptions(p, scene, cat)
	res, err := export.Run(so, cat, nil)
	return report(res, err, so, stdout, stderr, l)
}

// sceneOptions are a scene's options (the project's own state for nil),
// with whatever was given explicitly on top.
func (x *exportCmd) sceneOptions(p *project.Project, s *project.Scene, cat *catalog.Catalogue) export.Options {
	return x.sceneOptionsOn(p, s, cat, x.o)
}

// sceneOptionsOn is sceneOptions for a picture of base's size.
func (x *exportCmd) sceneOptionsOn(p *project.Project, s *project.Scene, cat *catalog.Catalogue, base export.Options) export.Options {
	so := p.ExportOptions(s, base, cat)
	o, set := x.o, x.set
	if set["bbox"] {
		so.BBox, so.Place = o.BBox, nil
	}
	if set["view"] {
		so.BBox, so.Place, so.View = nil, nil, o.View
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
	if set["projection"] {
		so.Projection = o.Projection
	}
	if set["graticule"] {
		so.Graticule = o.Graticule
	}
	return so
}

// everyScene exports each scene of the project as DIR/01-<name>.png, …
func (x *exportCmd) everyScene(p *project.Project, cat *catalog.Catalogue, stdout, stderr io.Writer) int {
	if err := os.MkdirAll(x.allScenes, 0o755); err != nil {
		fmt.Fprintf(stderr, "corridor-atlas export: %s: %s\n", x.allScenes, msg(x.l, "error.cannot_write", map[string]any{"Reason": err}))
		return ExitData
	}
	r := render.New() // one renderer: geometry prepared once for all scenes
	digits := max(2, len(strconv.Itoa(len(p.Scenes))))
	ext := ".png"
	if x.o.Format != export.FormatAuto {
		ext = x.o.Format.Ext()
	}
	for i := range p.Scenes {
		so := x.sceneOptions(p, &p.Scenes[i], cat)
		so.Out = filepath.Join(x.allScenes, fmt.Sprintf("%0*d-%s%s", digits, i+1, project.Slug(p.Scenes[i].Name), ext))
		res, err := export.Run(so, cat, r)
		if code := report(res, err, so, stdout, stderr, x.l); code != ExitOK {
			return code
		}
	}
	return ExitOK
}

// handout reports whether --all-scenes names a PDF handout.
func (x *exportCmd) handout() bool { return strings.EqualFold(filepath.Ext(x.allScenes), ".pdf") }

// writeHandout writes every scene of the project into one PDF, a page
// each (--all-scenes FILE.pdf).
func (x *exportCmd) writeHandout(p *project.Project, cat *catalog.Catalogue, stdout, stderr io.Writer) int {
	title := strings.TrimSuffix(filepath.Base(x.project), filepath.Ext(x.project))
	h := export.Handout{Out: x.allScenes, Title: title, Paper: x.o.Print, Lang: x.o.Lang}
	for i := range p.Scenes {
		sc := &p.Scenes[i]
		h.Pages = append(h.Pages, export.HandoutPage{Name: sc.CaptionIn(x.o.Lang), Note: sc.NoteIn(x.o.Lang),
			Options: func(w, ht int, dpi float64) export.Options {
				base := x.o
				base.Width, base.Height, base.DPI, base.Print, base.Format = w, ht, dpi, nil, export.FormatPDF
				return x.sceneOptionsOn(p, sc, cat, base)
			}})
	}
	res, err := export.WriteHandout(h, cat, render.New())
	if res != nil {
		for _, n := range res.Notices {
			fmt.Fprintln(stderr, "corridor-atlas export:", n)
		}
	}
	if err != nil {
		return exportFailed(err, stderr)
	}
	fmt.Fprintln(stdout, messages.N(x.l, "export.wrote_handout", len(h.Pages), map[string]any{"Path": res.Path, "N": len(h.Pages),
		"MB": x.l.Decimal(float64(res.Bytes)/1e6, 1)}))
	return ExitOK
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
	if f := res.Format; f == export.FormatSVG || f == export.FormatPDF {
		w, h := o.PageSize()
		fmt.Fprintln(stdout, msg(l, "export.wrote_vector", map[string]any{"Path": res.Path, "Format": strings.ToUpper(f.String()),
			"WidthMM": l.Number(math.Round(w/72*25.4), 0), "HeightMM": l.Number(math.Round(h/72*25.4), 0), "Width": o.Width, "Height": o.Height,
			"DPI": l.Number(o.ResolutionDPI(), 2), "MB": l.Decimal(float64(res.Bytes)/1e6, 1)}))
		return ExitOK
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

// animateOut runs an animated export from cat, with a frame counter on a
// terminal. (Ctrl-C is onInterrupt's: the partial GIF or frames are
// removed.)
func animateOut(a export.Animation, cat *catalog.Catalogue, stdout, stderr io.Writer, l i18n.Lang) int {
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
	res, err := export.Animate(a, cat, nil)
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
