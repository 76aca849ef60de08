package render

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

func newFeature(g orb.Geometry) *geojson.Feature { return geojson.NewFeature(g) }

// corridorScene is a named view at w×h with every embedded layer a map
// shows by default and every flow: the scene tests and benchmarks start
// from.
func corridorScene(tb testing.TB, view string, w, h int) *Scene {
	tb.Helper()
	all, err := EmbeddedLayers()
	if err != nil {
		tb.Fatal(err)
	}
	var layers []*Layer
	for _, l := range all {
		if !l.Off {
			layers = append(layers, l)
		}
	}
	flows, err := data.Flows()
	if err != nil {
		tb.Fatal(err)
	}
	paths, err := BuildFlowPaths(flows, layers)
	if err != nil {
		tb.Fatal(err)
	}
	v, ok := geo.ViewByName(view)
	if !ok {
		tb.Fatalf("no view %q", view)
	}
	return &Scene{View: geo.Fit(nil, v.Bound, w, h, 1), Layers: Shown(layers...), Flows: paths, Year: 2023.5}
}
