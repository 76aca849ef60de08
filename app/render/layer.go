package render

import (
	"fmt"
	"image/color"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/data"
)

// UserGroup is the legend group of layers the user brought.
const UserGroup data.Group = "Your data"

// Layer is anything the renderer can draw: an embedded basemap or
// corridor layer, or a user's GeoJSON file. Embedded layers are styled by
// their id (basemap) or by each feature's kind (corridor); user layers by
// simplestyle properties and their UserStyle.
type Layer struct {
	ID       string
	Title    string
	Group    data.Group
	Detailed []*geojson.Feature
	Overview []*geojson.Feature // nil: Detailed serves every zoom
	Bound    orb.Bound
	// FeatureBounds holds the bounds of each Detailed feature when the
	// loader kept them (load.Result.Bounds); nil: computed when needed.
	FeatureBounds []orb.Bound
	Opacity       float64 // 0..1
	Style         UserStyle
	// Fields are a user layer's attribute names in the file's order
	// (columns of a Shapefile, GeoPackage or CSV), for the info panel;
	// nil for GeoJSON, whose properties are per feature.
	Fields []string
}

// UserStyle is the look of a user layer where its features carry no
// simplestyle properties of their own.
type UserStyle struct {
	Colour     color.NRGBA
	Width      float64 // logical pixels
	LabelField string  // property to label features with; "" for none
}

// Features returns the features for the level of detail.
func (l *Layer) Features(detailed bool) []*geojson.Feature {
	if detailed || l.Overview == nil {
		return l.Detailed
	}
	return l.Overview
}

// boundsOf returns the bounds of each of feats, a slice of l's features:
// the loader's when it kept them, else computed once and cached.
func (l *Layer) boundsOf(feats []*geojson.Feature) []orb.Bound {
	if len(l.FeatureBounds) == len(feats) && len(feats) > 0 && &feats[0] == &l.Detailed[0] {
		return l.FeatureBounds
	}
	return featureBounds(feats)
}

// EmbeddedLayer opens an embedded layer by id.
func EmbeddedLayer(id string) (*Layer, error) {
	d, err := data.Open(id)
	if err != nil {
		return nil, err
	}
	return &Layer{ID: d.ID, Title: d.Title, Group: d.Group, Detailed: d.Detailed, Overview: d.Overview, Bound: d.Bound, Opacity: 1}, nil
}

// EmbeddedLayers opens every embedded layer, in drawing order.
func EmbeddedLayers() ([]*Layer, error) {
	out := make([]*Layer, 0, len(data.Sources))
	for _, s := range data.Sources {
		l, err := EmbeddedLayer(s.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

// NewUserLayer wraps loaded features as a "Your data" layer with an
// automatic colour (the n-th of the palette).
func NewUserLayer(id, title string, feats []*geojson.Feature, bound orb.Bound, n int) *Layer {
	return &Layer{ID: id, Title: title, Group: UserGroup, Detailed: feats, Bound: bound, Opacity: 1,
		Style: UserStyle{Colour: UserColour(n), Width: 2, LabelField: guessLabelField(feats)}}
}

func guessLabelField(feats []*geojson.Feature) string {
	for _, key := range []string{"title", "name", "NAME", "Name", "label"} {
		for _, f := range feats {
			if _, ok := f.Properties[key].(string); ok {
				return key
			}
		}
	}
	return ""
}

// Prop reads a string property, tolerating absent and non-string values.
func Prop(f *geojson.Feature, key string) string {
	if f == nil {
		return ""
	}
	switch v := f.Properties[key].(type) {
	case string:
		return v
	case float64:
		return fmt.Sprint(v)
	}
	return ""
}

// numProp reads a numeric property under any of the keys.
func numProp(f *geojson.Feature, keys ...string) (float64, bool) {
	for _, k := range keys {
		if v, ok := f.Properties[k].(float64); ok {
			return v, true
		}
	}
	return 0, false
}

// strProp reads a string property under any of the keys.
func strProp(f *geojson.Feature, keys ...string) string {
	for _, k := range keys {
		if v, ok := f.Properties[k].(string); ok && v != "" {
			return v
		}
	}
	return ""
}

// FeatureID is a feature's id: its "id" property, or its GeoJSON id.
func FeatureID(f *geojson.Feature) string {
	if f == nil {
		return ""
	}
	if id := Prop(f, "id"); id != "" {
		return id
	}
	switch v := f.ID.(type) {
	case string:
		return v
	case float64:
		return fmt.Sprint(v)
	}
	return ""
}
