package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/corridor-atlas/corridor-atlas/geo/dataset"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

const validateSynopsis = `validate [--lat-col NAME --lon-col NAME | --wkt-col NAME] FILE...

Loads each data file as the app would and prints OK with its feature count and bounds (one line
per layer of a GeoPackage or a zip of Shapefiles), or a one-line error naming the file, the
position and the fault. Exit 0 only if every file loaded.

Formats, told from the content: GeoJSON, GeoPackage (FILE.gpkg:TABLE reads one table), Shapefile
(.shp with its .dbf, .prj and .cpg, or zipped: FILE.zip:NAME reads one), KML and KMZ, and CSV
with latitude/longitude or WKT columns. Projected data (UTM, Web Mercator, Pulkovo 1942
Gauss-Kruger) is converted to WGS 84.`

// csvFlags adds the flags that name a CSV's geometry columns.
func csvFlags(fs *flag.FlagSet, c *dataset.Columns) {
	fs.StringVar(&c.Lat, "lat-col", "", "CSV: the latitude column `NAME` (default: found by name, e.g. lat, latitude, y, широта, Breite)")
	fs.StringVar(&c.Lon, "lon-col", "", "CSV: the longitude column `NAME` (default: found by name, e.g. lon, lng, longitude, x, долгота, Länge)")
	fs.StringVar(&c.WKT, "wkt-col", "", "CSV: a column `NAME` of WKT geometry instead of latitude and longitude")
}

// checkColumns refuses half a pair, or both kinds at once.
func checkColumns(c dataset.Columns) string {
	switch {
	case (c.Lat == "") != (c.Lon == ""):
		return "give --lat-col and --lon-col together"
	case c.WKT != "" && c.Lat != "":
		return "give --wkt-col or --lat-col and --lon-col, not both"
	}
	return ""
}

// cmdValidate loads each file through the app's loader and reports OK with
// the feature count and bounds, or the one-line error.
func cmdValidate(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("validate", validateSynopsis, stderr)
	var cols dataset.Columns
	csvFlags(fs, &cols)
	if code, stop := parse(fs, args, stdout); stop {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "corridor-atlas validate: no files given (usage: corridor-atlas validate FILE...)")
		return ExitUsage
	}
	if msg := checkColumns(cols); msg != "" {
		fmt.Fprintln(stderr, "corridor-atlas validate:", msg)
		return ExitUsage
	}
	status := ExitOK
	for _, arg := range fs.Args() {
		src := dataset.ParseArg(arg)
		src.Columns = cols
		// Properties as text: validate needs none of them, and a map per
		// feature would take several times a file of small points.
		layers, err := dataset.Open(src, load.Options{Progress: progressFor(stderr, src.Path), LazyProperties: true})
		if err != nil {
			fmt.Fprintln(stdout, err)
			status = ExitData
			continue
		}
		for _, l := range layers {
			name := l.Source.String()
			bd := l.Bound
			fmt.Fprintf(stdout, "%s: OK, %d features, bounds %.4f,%.4f,%.4f,%.4f\n", name, len(l.Features), bd.Min[0], bd.Min[1], bd.Max[0], bd.Max[1])
			for _, w := range l.Warnings {
				fmt.Fprintf(stderr, "%s: warning: %s\n", name, w)
			}
		}
	}
	return status
}
