package render

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

func newFeature(g orb.Geometry) *geojson.Feature { return geojson.NewFeature(g) }
