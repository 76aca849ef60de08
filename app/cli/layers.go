package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// cmdLayers prints id, geometry kinds, feature count and title for every
// embedded layer, tab-separated, one per line.
func cmdLayers(args []string, stdout, stderr io.Writer, l i18n.Lang) int {
	fs := newFlags("layers", "layers\n\n"+msg(l, "layers.synopsis"), stderr, l)
	if code, stop := parse(fs, args, stdout, l); stop {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, "corridor-atlas layers: "+msg(l, "usage.unexpected_argument", map[string]any{"Arg": load.Quote(fs.Arg(0))}))
		return ExitUsage
	}
	for _, s := range data.Sources {
		layer, err := data.Open(s.ID)
		if err != nil {
			fmt.Fprintf(stderr, "corridor-atlas layers: %v\n", err)
			return ExitData
		}
		kinds := map[string]bool{}
		for _, f := range layer.Detailed {
			if f.Geometry != nil {
				kinds[geometryKind(f.Geometry)] = true
			}
		}
		names := make([]string, 0, len(kinds))
		for k := range kinds {
			names = append(names, k)
		}
		sort.Strings(names)
		fmt.Fprintf(stdout, "%s\t%s\t%d\t%s\n", s.ID, strings.Join(names, ","), len(layer.Detailed), s.TitleIn(l))
	}
	return ExitOK
}

// geometryKind names a geometry's kind, folding Multi* into the base kind
// ("line" for LineString and MultiLineString).
func geometryKind(g orb.Geometry) string {
	switch g.(type) {
	case orb.Point, orb.MultiPoint:
		return "point"
	case orb.LineString, orb.MultiLineString:
		return "line"
	case orb.Polygon, orb.MultiPolygon, orb.Ring, orb.Bound:
		return "polygon"
	case orb.Collection:
		return "collection"
	}
	return "unknown"
}
