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

	"github.com/corridor-atlas/corridor-atlas/app/catalog"
	"github.com/corridor-atlas/corridor-atlas/app/export"
	"github.com/corridor-atlas/corridor-atlas/app/project"
	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/app/render/vector"
	"github.com/corridor-atlas/corridor-atlas/geo"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

const exportSynopsis = `export --out FILE.png|FILE.svg|FILE.pdf [options]
       corridor-atlas export --project FILE.catlas [--scene NAME] --out FILE.png|.svg|.pdf [options]
       corridor-atlas export --project FILE.catlas --all-scenes DIR [--format png|svg|pdf] [options]
       corridor-atlas export --project FILE.catlas --all-scenes HANDOUT.pdf [--size A4] [options]
       corridor-atlas export --animate [--from YEAR --to YEAR --fps N --duration S] --out FILE.gif|DIR/ [options]

Renders the map to a PNG, an SVG or a PDF (chosen by the --out name, or --format) without opening
a window. The picture is the one the window shows, with a title, legend, scale bar and the
attribution line (always drawn). Text and lines scale with the picture, so 1280x720, 1920x1080 and
3840x2160 look alike on a slide; small, square and portrait pictures put the legend in a band below
the map. --dpi sets print sizes instead, and --size takes paper: --size A4 (297x210mm at 300 dpi),
A3, A4-portrait, 420x297mm.

SVG and PDF are vector maps drawn by the same code as the PNG: place names, flow labels, legend,
title and attribution are text in the embedded font (subset to the letters used; --svg-text outline
writes the letters as shapes for programs without the font), and every layer and decoration is a
named group (an SVG <g id="btc">, a PDF layer).

With --project, the picture is the project's saved view, or one of its scenes (--scene), or
every scene as DIR/01-<name>.png, 02-… (--all-scenes, at most %d scenes), or every scene as a
page of one PDF handout with its note and the sources of its flows (--all-scenes FILE.pdf);
options given explicitly override the scene's. --animate plays the timeline from --from to --to
as fps × duration frames: a looping GIF, or numbered PNG frames (DIR/frame-0001.png…) for video
tools, written into a new folder that takes DIR's place when complete (DIR must be new or empty,
or hold only an earlier export's frames and --overwrite be given).

--out never destroys what is at the path: a file is replaced only when the new one is complete, a
symbolic link is written through, a device or pipe (/dev/stdout) is written to. Ctrl-C or SIGTERM
removes the unfinished file.`

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
	// size is --size, applied once --dpi is known too.
	size *export.SizeSpec
}

func cmdExport(args []string, stdout, stderr io.Writer) int {
	x, fs := newExportCmd(stderr)
	if code, stop := parse(fs, args, stdout); stop {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "corridor-atlas export: unexpected argument %s\n", load.Quote(fs.Arg(0)))
		return ExitUsage
	}
	fs.Visit(func(f *flag.Flag) { x.set[f.Name] = true })
	if x.size != nil {
		x.o.SetSize(*x.size) // after --dpi, wherever it was given
	}
	if msg := x.conflict(); msg != "" {
		fmt.Fprintln(stderr, "corridor-atlas export:", msg)
		return ExitUsage
	}
	// Ctrl-C and SIGTERM remove the file being written, on every path.
	stdout, stderr, stop := onInterrupt(stdout, stderr)
	defer stop()
	x.anim.From, x.anim.To = geo.Year(x.from), geo.Year(x.to)
	x.load.Progress = func(path string) func(float64) { return progressFor(stderr, path) }
	if x.project == "" {
		return x.plain(stdout, stderr)
	}
	return x.fromProject(stdout, stderr)
}

// newExportCmd declares the export command's flags.
func newExportCmd(stderr io.Writer) (*exportCmd, *flag.FlagSet) {
	x := &exportCmd{o: export.Defaults(), anim: export.Animation{FPS: 20, Duration: 10}, set: map[string]bool{}}
	o := &x.o
	fs := newFlags("export", fmt.Sprintf(exportSynopsis, MaxScenes), stderr)
	fs.StringVar(&o.Out, "out", "", "output `FILE`.png, .svg or .pdf (with --animate FILE.gif, or DIR/ for PNG frames; written atomically)")
	fs.Func("size", "picture `SIZE`: WxH pixels (default 1920x1080; up to 7680x4320), or on paper WxHmm (cm, in) or A3, A4, A5 (-portrait), drawn at --dpi (default 300)", func(s string) error {
		sp, err := export.ParseSize(s)
		x.size = &sp
		return err
	})
	fs.Func("format", "output `FORMAT`: png, svg or pdf (default: the --out name's extension; png for a pipe)", func(s string) error {
		f, err := export.ParseFormat(s)
		o.Format = f
		return err
	})
	fs.Func("svg-text", "how an SVG carries text: `embed` (text in the embedded font, the default) or outline (letter shapes, for programs without the font)", func(s string) error {
		switch strings.TrimSpace(s) {
		case "embed":
			o.SVGText = vector.SVGEmbed
		case "outline":
			o.SVGText = vector.SVGOutline
		default:
			return fmt.Errorf("want embed or outline")
		}
		return nil
	})
	fs.Func("dpi", "print resolution `N`: text and lines at their printed size (pixel scale N/96), and N written into the PNG (default: they scale with the picture, as for a slide)", func(s string) error {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Errorf("not a number")
		}
		o.DPI = v
		return nil
	})
	fs.Func("bbox", "area `minLon,minLat,maxLon,maxLat`, fitted to the image's aspect ratio", func(s string) error {
		b, err := parseBBox(s)
		o.BBox = b
		return err
	})
	fs.StringVar(&o.View, "view", geo.DefaultView, "named view `NAME`: "+strings.Join(geo.ViewNames(), ", "))
	fs.Func("year", "fractional `YEAR` of the flows (default 2024)", func(s string) error {
		v, err := strconv.ParseFloat(s, 64)
		o.Year = geo.Year(v)
		return err
	})
	fs.Float64Var(&o.Phase, "phase", 0, "animation phase `P` in [0,1): where the direction dashes are")
	fs.Func("layers", "comma-separated layer `ids` to draw (default all; see `corridor-atlas layers`)", func(s string) error {
		o.Layers = splitList(s)
		x.load.Layers = o.Layers
		return nil
	})
	fs.Func("flows", "comma-separated flow `ids` to draw, or none (default all)", func(s string) error {
		if strings.TrimSpace(s) == "none" {
			o.Flows = []string{}
		} else {
			o.Flows = splitList(s)
		}
		return nil
	})
	fs.Func("data", "data `FILE` to add as a layer (repeatable): GeoJSON, GeoPackage (FILE.gpkg:TABLE for one table), Shapefile (.shp or .zip), KML/KMZ or CSV; its id is the file name without extension (a table's name)", func(s string) error {
		x.load.Files = append(x.load.Files, s)
		return nil
	})
	csvFlags(fs, &x.load.Columns)
	fs.Func("flow-data", "flows `FILE`.csv to add (repeatable): flow_id,year,value,unit,kind,source[,path]", func(s string) error {
		x.load.FlowData = append(x.load.FlowData, s)
		return nil
	})
	fs.StringVar(&x.project, "project", "", "project `FILE`.catlas: export its saved view, or its scenes")
	fs.StringVar(&x.scene, "scene", "", "with --project: export the scene called `NAME`")
	fs.StringVar(&x.allScenes, "all-scenes", "", "with --project: export every scene into `DIR` as 01-<name>.png, 02-… (or .svg, .pdf with --format), or as the pages of one handout FILE.pdf")
	fs.BoolVar(&x.animate, "animate", false, "animate the timeline: --out FILE.gif, or --out DIR/ for numbered PNG frames")
	fs.Float64Var(&x.from, "from", 0, "with --animate: the first frame's `YEAR` (default: the flows' first year)")
	fs.Float64Var(&x.to, "to", 0, "with --animate: the last frame's `YEAR` (default: the flows' last year)")
	fs.IntVar(&x.anim.FPS, "fps", 20, "with --animate: `N` frames per second (GIF: up to 50)")
	fs.Float64Var(&x.anim.Duration, "duration", 10, "with --animate: the length, `S` seconds; fps × duration must be a whole number of frames")
	fs.StringVar(&o.Title, "title", export.DefaultTitle, "title `TEXT` (empty for none)")
	fs.BoolVar(&o.NoLegend, "no-legend", false, "leave out the legend")
	fs.BoolVar(&o.NoScaleBar, "no-scalebar", false, "leave out the scale bar")
	fs.BoolVar(&x.anim.Overwrite, "overwrite", false, "with --animate --out DIR/: replace the frames an earlier export left in DIR")
	fs.BoolVar(&o.NorthArrow, "north-arrow", false, "draw a north arrow (the map is north-up along its central meridian)")
	fs.StringVar(&o.Projection, "projection", "", "`conic` (Lambert conformal conic fitted to the area: the default) or mercator (Web Mercator)")
	fs.BoolVar(&o.Graticule, "graticule", false, "draw lines of longitude and latitude, labelled at the map's edge")
	return x, fs
}

// conflict is the usage error of flags that do not go together, or "".
func (x *exportCmd) conflict() string {
	set := x.set
	if msg := checkColumns(x.load.Columns); msg != "" {
		return msg
	}
	switch {
	case set["view"] && x.o.BBox != nil:
		return "give --bbox or --view, not both"
	case (set["scene"] || set["all-scenes"]) && x.project == "":
		return "--scene and --all-scenes need --project FILE"
	case set["scene"] && set["all-scenes"]:
		return "give --scene or --all-scenes, not both"
	case set["all-scenes"] && (set["out"] || x.animate):
		return "--all-scenes writes its own files (DIR/01-<name>.png…, or one FILE.pdf handout): leave out --out and --animate"
	case x.handout() && x.o.Format != export.FormatAuto && x.o.Format != export.FormatPDF:
		return fmt.Sprintf("--all-scenes %s writes a PDF handout; --format %s does not apply", x.allScenes, x.o.Format)
	case (set["from"] || set["to"] || set["fps"] || set["duration"]) && !x.animate:
		return "--from, --to, --fps and --duration need --animate"
	case x.animate && set["year"]:
		return "--animate plays the years from --from to --to; leave out --year"
	case set["from"] != set["to"]:
		return "give both --from and --to"
	case set["overwrite"] && !x.animate:
		return "--overwrite is for --animate --out DIR/ (a single file is always replaced whole)"
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
		return animateOut(x.anim, cat, stdout, stderr)
	}
	res, err := export.Run(x.o, cat, nil)
	return report(res, err, x.o, stdout, stderr)
}

// fromProject exports a project's saved view, one of its scenes, every
// scene, or an animation of it.
func (x *exportCmd) fromProject(stdout, stderr io.Writer) int {
	p, err := project.Load(x.project)
	if err != nil {
		fmt.Fprintln(stderr, "corridor-atlas export:", err)
		return ExitData
	}
	if x.allScenes != "" && len(p.Scenes) > MaxScenes {
		fmt.Fprintf(stderr, "corridor-atlas export: %s: %d scenes; --all-scenes exports at most %d (export the others with --scene)\n", x.project, len(p.Scenes), MaxScenes)
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
		fmt.Fprintf(stderr, "corridor-atlas export: %s: the project has no scenes\n", x.project)
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
		fmt.Fprintln(stderr, "corridor-atlas export: warning:", pr.Msg)
	}
	// --data and --flow-data after the project's own files.
	if err := cat.Add(catalog.Request{Files: x.load.Files, Columns: x.load.Columns, FlowData: x.load.FlowData, Progress: x.load.Progress}); err != nil {
		fmt.Fprintln(stderr, "corridor-atlas export:", err)
		return ExitData
	}
	switch {
	case x.animate:
		x.anim.Options = x.sceneOptions(p, scene, cat)
		return animateOut(x.anim, cat, stdout, stderr)
	case x.handout():
		return x.writeHandout(p, cat, stdout, stderr)
	case x.allScenes != "":
		return x.everyScene(p, cat, stdout, stderr)
	}
	so := x.sceneOptions(p, scene, cat)
	res, err := export.Run(so, cat, nil)
	return report(res, err, so, stdout, stderr)
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
		fmt.Fprintf(stderr, "corridor-atlas export: %s: cannot write: %v\n", x.allScenes, err)
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
		if code := report(res, err, so, stdout, stderr); code != ExitOK {
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
	h := export.Handout{Out: x.allScenes, Title: title, Paper: x.o.Print}
	for i := range p.Scenes {
		sc := &p.Scenes[i]
		h.Pages = append(h.Pages, export.HandoutPage{Name: sc.Name, Note: sc.Note,
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
	fmt.Fprintf(stdout, "wrote %s (%d pages, %.1f MB)\n", res.Path, len(h.Pages), float64(res.Bytes)/1e6)
	return ExitOK
}

// report prints the outcome of a PNG export and returns its exit status.
func report(res *export.Result, err error, o export.Options, stdout, stderr io.Writer) int {
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
		fmt.Fprintf(stdout, "wrote %s (%s, %.0f × %.0f mm, drawn at %dx%d px, %g dpi, %.1f MB)\n", res.Path, strings.ToUpper(f.String()),
			w/72*25.4, h/72*25.4, o.Width, o.Height, o.ResolutionDPI(), float64(res.Bytes)/1e6)
		return ExitOK
	}
	fmt.Fprintf(stdout, "wrote %s (%dx%d, %g dpi, %.1f MB)\n", res.Path, o.Width, o.Height, o.ResolutionDPI(), float64(res.Bytes)/1e6)
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
func animateOut(a export.Animation, cat *catalog.Catalogue, stdout, stderr io.Writer) int {
	if tty := terminal(stderr); tty != nil {
		var last time.Time
		a.Progress = func(i, n int) {
			if i < n && time.Since(last) < 100*time.Millisecond {
				return
			}
			last = time.Now()
			fmt.Fprintf(tty, "\rrendering frame %d/%d", i, n)
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
	what := fmt.Sprintf("%d colours", res.Colours)
	if res.Colours == 0 {
		what = "PNG frames"
	}
	fmt.Fprintf(stdout, "wrote %s (%d frames, %dx%d, %d fps, %g s, %s, %.1f MB, %.1f s)\n",
		res.Path, res.Frames, a.Width, a.Height, a.FPS, a.Duration, what, float64(res.Bytes)/1e6, time.Since(start).Seconds())
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

func parseBBox(s string) (*orb.Bound, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return nil, errors.New("want minLon,minLat,maxLon,maxLat")
	}
	var v [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return nil, fmt.Errorf("%s is not a number", load.Quote(p))
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
