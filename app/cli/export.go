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
	"github.com/corridor-atlas/corridor-atlas/geo"
	"github.com/corridor-atlas/corridor-atlas/geo/dataset"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

const exportSynopsis = `export --out FILE.png [options]
       corridor-atlas export --project FILE.catlas [--scene NAME] --out FILE.png [options]
       corridor-atlas export --project FILE.catlas --all-scenes DIR [options]
       corridor-atlas export --animate [--from YEAR --to YEAR --fps N --duration S] --out FILE.gif|DIR/ [options]

Renders the map to a PNG without opening a window. The picture is the one the window shows,
with a title, legend, scale bar and the attribution line (always drawn). Text and lines scale
with the picture, so 1280x720, 1920x1080 and 3840x2160 look alike on a slide; small, square and
portrait pictures put the legend in a band below the map. --dpi sets print sizes instead:
A4 landscape at 300 dpi: --size 3508x2480 --dpi 300.

With --project, the picture is the project's saved view, or one of its scenes (--scene), or
every scene as DIR/01-<name>.png, 02-… (--all-scenes, at most %d scenes); options given
explicitly override the scene's. --animate plays the timeline from --from to --to as fps × duration
frames: a looping GIF, or numbered PNG frames (DIR/frame-0001.png…) for video tools, written into a
new folder that takes DIR's place when complete (DIR must be new or empty, or hold only an earlier
export's frames and --overwrite be given).

--out never destroys what is at the path: a file is replaced only when the new one is complete, a
symbolic link is written through, a device or pipe (/dev/stdout) is written to. Ctrl-C or SIGTERM
removes the unfinished file.`

// MaxScenes is the most scenes --all-scenes exports in one run: a
// briefing has a few dozen; a project with thousands is a mistake or an
// attack, and would fill a folder for hours.
const MaxScenes = 500

func cmdExport(args []string, stdout, stderr io.Writer) int {
	o := export.Defaults()
	fs := newFlags("export", fmt.Sprintf(exportSynopsis, MaxScenes), stderr)
	fs.StringVar(&o.Out, "out", "", "output `FILE`.png (with --animate FILE.gif, or DIR/ for PNG frames; written atomically)")
	fs.Func("size", "image `WxH` in pixels (default 1920x1080; up to 7680x4320)", func(s string) error {
		w, h, err := parseSize(s)
		o.Width, o.Height = w, h
		return err
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
		o.Data = append(o.Data, s)
		return nil
	})
	csvFlags(fs, &o.Columns)
	fs.Func("flow-data", "flows `FILE`.csv to add (repeatable): flow_id,year,value,unit,kind,source[,path]", func(s string) error {
		o.FlowData = append(o.FlowData, s)
		return nil
	})
	var projectFile, sceneName, allScenes string
	fs.StringVar(&projectFile, "project", "", "project `FILE`.catlas: export its saved view, or its scenes")
	fs.StringVar(&sceneName, "scene", "", "with --project: export the scene called `NAME`")
	fs.StringVar(&allScenes, "all-scenes", "", "with --project: export every scene into `DIR` as 01-<name>.png, 02-…")
	var animate bool
	var from, to float64
	a := export.Animation{FPS: 20, Duration: 10}
	fs.BoolVar(&animate, "animate", false, "animate the timeline: --out FILE.gif, or --out DIR/ for numbered PNG frames")
	fs.Float64Var(&from, "from", 0, "with --animate: the first frame's `YEAR` (default: the flows' first year)")
	fs.Float64Var(&to, "to", 0, "with --animate: the last frame's `YEAR` (default: the flows' last year)")
	fs.IntVar(&a.FPS, "fps", 20, "with --animate: `N` frames per second (GIF: up to 50)")
	fs.Float64Var(&a.Duration, "duration", 10, "with --animate: the length, `S` seconds; fps × duration must be a whole number of frames")
	fs.StringVar(&o.Title, "title", export.DefaultTitle, "title `TEXT` (empty for none)")
	fs.BoolVar(&o.NoLegend, "no-legend", false, "leave out the legend")
	fs.BoolVar(&o.NoScaleBar, "no-scalebar", false, "leave out the scale bar")
	fs.BoolVar(&a.Overwrite, "overwrite", false, "with --animate --out DIR/: replace the frames an earlier export left in DIR")
	fs.BoolVar(&o.NorthArrow, "north-arrow", false, "draw a north arrow (the map is north-up along its central meridian)")
	fs.StringVar(&o.Projection, "projection", "", "`conic` (Lambert conformal conic fitted to the area: the default) or mercator (Web Mercator)")
	fs.BoolVar(&o.Graticule, "graticule", false, "draw lines of longitude and latitude, labelled at the map's edge")
	if code, stop := parse(fs, args, stdout); stop {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "corridor-atlas export: unexpected argument %s\n", load.Quote(fs.Arg(0)))
		return ExitUsage
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	usage := func(msg string) int {
		fmt.Fprintln(stderr, "corridor-atlas export:", msg)
		return ExitUsage
	}
	if msg := checkColumns(o.Columns); msg != "" {
		return usage(msg)
	}
	switch {
	case set["view"] && o.BBox != nil:
		return usage("give --bbox or --view, not both")
	case (set["scene"] || set["all-scenes"]) && projectFile == "":
		return usage("--scene and --all-scenes need --project FILE")
	case set["scene"] && set["all-scenes"]:
		return usage("give --scene or --all-scenes, not both")
	case set["all-scenes"] && (set["out"] || animate):
		return usage("--all-scenes writes its own files: leave out --out and --animate")
	case (set["from"] || set["to"] || set["fps"] || set["duration"]) && !animate:
		return usage("--from, --to, --fps and --duration need --animate")
	case animate && set["year"]:
		return usage("--animate plays the years from --from to --to; leave out --year")
	case set["from"] != set["to"]:
		return usage("give both --from and --to")
	case set["overwrite"] && !animate:
		return usage("--overwrite is for --animate --out DIR/ (a single file is always replaced whole)")
	}
	// Ctrl-C and SIGTERM remove the file being written, on every path.
	stdout, stderr, stop := onInterrupt(stdout, stderr)
	defer stop()
	a.From, a.To = geo.Year(from), geo.Year(to)
	export.Progress = func(path string) func(float64) { return progressFor(stderr, path) }

	// Without a project: the options as given.
	if projectFile == "" {
		if animate {
			a.Options = o
			return animateOut(a, nil, stdout, stderr)
		}
		res, err := export.Run(o, nil)
		return report(res, err, o, stdout, stderr)
	}

	p, err := project.Load(projectFile)
	if err != nil {
		fmt.Fprintln(stderr, "corridor-atlas export:", err)
		return ExitData
	}
	if allScenes != "" && len(p.Scenes) > MaxScenes {
		fmt.Fprintf(stderr, "corridor-atlas export: %s: %d scenes; --all-scenes exports at most %d (export the others with --scene)\n", projectFile, len(p.Scenes), MaxScenes)
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
		fmt.Fprintf(stderr, "corridor-atlas export: %s: the project has no scenes\n", projectFile)
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
		fmt.Fprintln(stderr, "corridor-atlas export: warning:", pr.Msg)
	}
	if err := addFiles(cat, o); err != nil {
		fmt.Fprintln(stderr, "corridor-atlas export:", err)
		return ExitData
	}
	// The scene's options, with whatever was given explicitly on top.
	optionsFor := func(s *project.Scene) export.Options {
		so := p.ExportOptions(s, o, cat)
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
	var scene *project.Scene
	if sceneIndex >= 0 {
		scene = &p.Scenes[sceneIndex]
	}
	switch {
	case animate:
		a.Options = optionsFor(scene)
		return animateOut(a, cat, stdout, stderr)
	case allScenes != "":
		if err := os.MkdirAll(allScenes, 0o755); err != nil {
			fmt.Fprintf(stderr, "corridor-atlas export: %s: cannot write: %v\n", allScenes, err)
			return ExitData
		}
		r := render.New() // one renderer: geometry prepared once for all scenes
		digits := max(2, len(strconv.Itoa(len(p.Scenes))))
		for i := range p.Scenes {
			so := optionsFor(&p.Scenes[i])
			so.Out = filepath.Join(allScenes, fmt.Sprintf("%0*d-%s.png", digits, i+1, project.Slug(p.Scenes[i].Name)))
			res, err := export.RunWith(so, cat, r)
			if code := report(res, err, so, stdout, stderr); code != ExitOK {
				return code
			}
		}
		return ExitOK
	}
	so := optionsFor(scene)
	res, err := export.RunWith(so, cat, nil)
	return report(res, err, so, stdout, stderr)
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
func animateOut(a export.Animation, cat *export.Catalogue, stdout, stderr io.Writer) int {
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

func parseSize(s string) (int, int, error) {
	ws, hs, ok := strings.Cut(strings.ToLower(strings.TrimSpace(s)), "x")
	if !ok {
		return 0, 0, errors.New("want WxH, e.g. 1920x1080")
	}
	w, err1 := strconv.Atoi(ws)
	h, err2 := strconv.Atoi(hs)
	if err1 != nil || err2 != nil {
		return 0, 0, errors.New("want WxH with whole numbers, e.g. 1920x1080")
	}
	return w, h, nil
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
