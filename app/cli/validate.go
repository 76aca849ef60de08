package cli

import (
	"fmt"
	"io"

	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// cmdValidate loads each file through the app's loader and reports OK with
// the feature count and bounds, or the one-line error.
func cmdValidate(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("validate", "validate FILE.geojson...\n\nLoads each GeoJSON file as the app would and prints OK with its feature count and bounds,\nor a one-line error naming the file, the position and the fault. Exit 0 only if every file loaded.", stderr)
	if code, stop := parse(fs, args, stdout); stop {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "corridor-atlas validate: no files given (usage: corridor-atlas validate FILE...)")
		return ExitUsage
	}
	status := ExitOK
	for _, path := range fs.Args() {
		// Properties as text: validate needs none of them, and a map per
		// feature would take several times a file of small points.
		res, err := load.File(path, load.Options{Progress: progressFor(stderr, path), LazyProperties: true})
		if err != nil {
			fmt.Fprintln(stdout, err)
			status = ExitData
			continue
		}
		bd := res.Bound
		fmt.Fprintf(stdout, "%s: OK, %d features, bounds %.4f,%.4f,%.4f,%.4f\n", path, len(res.Features), bd.Min[0], bd.Min[1], bd.Max[0], bd.Max[1])
		for _, w := range res.Warnings {
			fmt.Fprintf(stderr, "%s: warning: %s\n", path, w)
		}
	}
	return status
}
