package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/corridor-atlas/corridor-atlas/data/i18n"
	"github.com/corridor-atlas/corridor-atlas/geo/dataset"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// csvFlags adds the flags that name a CSV's geometry columns.
func csvFlags(fs *flag.FlagSet, c *dataset.Columns, l i18n.Lang) {
	fs.StringVar(&c.Lat, "lat-col", "", msg(l, "flag.lat_col"))
	fs.StringVar(&c.Lon, "lon-col", "", msg(l, "flag.lon_col"))
	fs.StringVar(&c.WKT, "wkt-col", "", msg(l, "flag.wkt_col"))
}

// checkColumns refuses half a pair, or both kinds at once.
func checkColumns(c dataset.Columns, l i18n.Lang) string {
	switch {
	case (c.Lat == "") != (c.Lon == ""):
		return msg(l, "usage.columns_pair")
	case c.WKT != "" && c.Lat != "":
		return msg(l, "usage.columns_both")
	}
	return ""
}

// cmdValidate loads each file through the app's loader and reports OK with
// the feature count and bounds, or the one-line error.
func cmdValidate(args []string, stdout, stderr io.Writer, l i18n.Lang) int {
	fs := newFlags("validate", "validate [--lat-col NAME --lon-col NAME | --wkt-col NAME] FILE...\n\n"+msg(l, "validate.synopsis"), stderr, l)
	var cols dataset.Columns
	csvFlags(fs, &cols, l)
	if code, stop := parse(fs, args, stdout, l); stop {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "corridor-atlas validate: "+msg(l, "validate.no_files"))
		return ExitUsage
	}
	if m := checkColumns(cols, l); m != "" {
		fmt.Fprintln(stderr, "corridor-atlas validate:", m)
		return ExitUsage
	}
	status := ExitOK
	for _, arg := range fs.Args() {
		src := dataset.ParseArg(arg)
		src.Columns = cols
		// Properties as text: validate needs none of them, and a map per
		// feature would take several times a file of small points.
		layers, err := dataset.Open(src, load.Options{Progress: progressFor(stderr, src.Path, l), LazyProperties: true})
		if err != nil {
			fmt.Fprintln(stdout, err)
			status = ExitData
			continue
		}
		for _, layer := range layers {
			name := layer.Source.String()
			bd := layer.Bound
			fmt.Fprintf(stdout, "%s: %s\n", name, msg(l, "validate.ok", map[string]any{"N": len(layer.Features),
				"Bounds": fmt.Sprintf("%.4f,%.4f,%.4f,%.4f", bd.Min[0], bd.Min[1], bd.Max[0], bd.Max[1])}))
			for _, w := range layer.Warnings {
				fmt.Fprintf(stderr, "%s: %s %s\n", name, msg(l, "warning"), w)
			}
		}
	}
	return status
}
