package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/app/export"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

const exportSynopsis = `export --out FILE.png [options]

Renders the map to a PNG without opening a window. The picture is the one the window shows,
with a title, legend, scale bar, north arrow and the attribution line (always drawn).
A4 landscape at 300 dpi: --size 3508x2480 --dpi 300.`

func cmdExport(args []string, stdout, stderr io.Writer) int {
	o := export.Defaults()
	fs := newFlags("export", exportSynopsis, stderr)
	fs.StringVar(&o.Out, "out", "", "output `FILE`.png (written atomically)")
	fs.Func("size", "image `WxH` in pixels (default 1920x1080; up to 7680x4320)", func(s string) error {
		w, h, err := parseSize(s)
		o.Width, o.Height = w, h
		return err
	})
	fs.Float64Var(&o.DPI, "dpi", 96, "resolution `N`; the pixel scale is N/96 and N is written into the PNG")
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
	fs.Func("data", "GeoJSON `FILE` to add as a layer (repeatable); its id is the file name without extension", func(s string) error {
		o.Data = append(o.Data, s)
		return nil
	})
	fs.Func("flow-data", "flows `FILE`.csv to add (repeatable): flow_id,year,value,unit,kind,source[,path]", func(s string) error {
		o.FlowData = append(o.FlowData, s)
		return nil
	})
	fs.StringVar(&o.Title, "title", export.DefaultTitle, "title `TEXT` (empty for none)")
	fs.BoolVar(&o.NoLegend, "no-legend", false, "leave out the legend")
	fs.BoolVar(&o.NoScaleBar, "no-scalebar", false, "leave out the scale bar")
	if code, stop := parse(fs, args, stdout); stop {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "corridor-atlas export: unexpected argument %q\n", fs.Arg(0))
		return ExitUsage
	}
	viewSet := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "view" {
			viewSet = true
		}
	})
	if viewSet && o.BBox != nil {
		fmt.Fprintln(stderr, "corridor-atlas export: give --bbox or --view, not both")
		return ExitUsage
	}
	export.Progress = func(path string) func(float64) { return progressFor(stderr, path) }
	res, err := export.Run(o, nil)
	if res != nil {
		for _, n := range res.Notices {
			fmt.Fprintln(stderr, "corridor-atlas export:", n)
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, "corridor-atlas export:", strings.TrimPrefix(err.Error(), "export: "))
		if export.IsUsage(err) {
			return ExitUsage
		}
		return ExitData
	}
	fmt.Fprintf(stdout, "wrote %s (%dx%d, %g dpi, %.1f MB)\n", res.Path, o.Width, o.Height, o.DPI, float64(res.Bytes)/1e6)
	return ExitOK
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
			return nil, fmt.Errorf("%q is not a number", p)
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
