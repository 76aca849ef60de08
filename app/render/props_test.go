package render

import (
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// styled is a user file whose features carry simplestyle properties, a
// label field and ids a flow path names.
const styled = `{"type":"FeatureCollection","features":[
{"type":"Feature","id":"a","properties":{"name":"Red line","stroke":"#d62728","stroke-width":5},"geometry":{"type":"LineString","coordinates":[[48,39],[52,43]]}},
{"type":"Feature","properties":{"id":"b","name":"Green area","fill":"#2ca02c","fill-opacity":0.8,"stroke":"#000000"},"geometry":{"type":"Polygon","coordinates":[[[49,41],[51,41],[51,42.5],[49,42.5],[49,41]]]}},
{"type":"Feature","properties":{"name":"Big dot","marker-color":"#9467bd","marker-size":"large"},"geometry":{"type":"Point","coordinates":[50.5,39.5]}},
{"type":"Feature","properties":null,"geometry":{"type":"Point","coordinates":[48.5,42.5]}}]}`

// TestPropertiesAsTextDrawAlike: a user layer whose properties the loader
// kept as text draws, labels and answers exactly as one with a map per
// feature.
func TestPropertiesAsTextDrawAlike(t *testing.T) {
	eager, err := load.GeoJSON("styled.geojson", []byte(styled))
	if err != nil {
		t.Fatal(err)
	}
	lazy, err := load.GeoJSONWith("styled.geojson", []byte(styled), load.Options{LazyProperties: true})
	if err != nil {
		t.Fatal(err)
	}
	le, ll := NewUserLayerFrom("s", "s", eager, 0), NewUserLayerFrom("s", "s", lazy, 0)
	if ll.Props == nil || le.Props != nil {
		t.Fatal("the layers do not hold what they were loaded with")
	}
	if le.Style != ll.Style || ll.Style.LabelField != "name" {
		t.Errorf("styles %+v and %+v", le.Style, ll.Style)
	}
	vp := geo.Fit(nil, orb.Bound{Min: orb.Point{47, 38}, Max: orb.Point{53, 44}}, 400, 300, 1)
	a := New().Render(&Scene{View: vp, Layers: Shown(le)})
	b := New().Render(&Scene{View: vp, Layers: Shown(ll)})
	if !slices.Equal(a.Pix, b.Pix) {
		t.Error("the pictures differ")
	}
	// And the styles were read: the red line is red.
	p0, p1 := vp.ToPixel(orb.Point{48, 39}), vp.ToPixel(orb.Point{52, 43})
	x, y := p0[0]+(p1[0]-p0[0])*0.15, p0[1]+(p1[1]-p0[1])*0.15
	if c := b.RGBAAt(int(x), int(y)); c.R < 150 || c.G > 100 {
		t.Errorf("the line's middle is %v, not its stroke colour", c)
	}
	for i, f := range ll.Detailed {
		ef := le.Detailed[i]
		if ll.FeatureID(f) != le.FeatureID(ef) || ll.Prop(f, "name") != le.Prop(ef, "name") || len(ll.Properties(f)) != len(le.Properties(ef)) {
			t.Errorf("feature %d answers differently", i)
		}
	}
	if !slices.Equal(ll.PropertyKeys(100), le.PropertyKeys(100)) {
		t.Errorf("keys %v and %v", ll.PropertyKeys(100), le.PropertyKeys(100))
	}
	// A flow path finds the lazy layer's features by id.
	fps, err := BuildFlowPaths([]*data.Flow{{ID: "f", Path: []data.Step{{Feature: "a", Dir: "forward"}}}}, []*Layer{ll})
	if err != nil || len(fps[0].Line) != 2 {
		t.Errorf("flow path: %v", err)
	}
}
