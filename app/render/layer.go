package render

import (
	"fmt"
	"image/color"
	"maps"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
	"github.com/corridor-atlas/corridor-atlas/geo/shapes"
)

// UserGroup is the legend group of layers the user brought.
const UserGroup data.Group = "Your data"

// Layer is anything the renderer can draw: an embedded basemap or
// corridor layer, or a user's file. Embedded layers are styled by the
// style table (basemap) or by each feature's kind (corridor); user layers
// by simplestyle properties and the UserStyle their scene gives them.
//
// A Layer does not change once it is loaded: how a picture shows it (its
// opacity and style) is the scene's (SceneLayer), and what is prepared
// for drawing and picking it is kept by the layer, safely shared by every
// renderer and export that draws it.
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
	// Props holds the Detailed features' properties when the loader kept
	// them as text (user files: see load.Props); their own Properties
	// are nil then. Read properties through the layer's methods (Value,
	// Prop, FeatureID, Properties), which look in either place.
	Props *load.Props
	// Style is a user layer's look as loaded: an automatic colour, or the
	// one its project gave it. A scene may draw it otherwise.
	Style UserStyle
	// Fields are a user layer's attribute names in the file's order
	// (columns of a Shapefile, GeoPackage or CSV), for the info panel;
	// nil for GeoJSON, whose properties are per feature.
	Fields []string
	// Off layers (the context blocs) are left out of a map unless asked
	// for: an export without --layers, a new window, a project that does
	// not mention them.
	Off bool

	sets [2]struct {
		once sync.Once
		s    *shapes.Set
	}
	uid atomic.Uint64
}

// SceneLayer is a layer as a scene draws it.
type SceneLayer struct {
	*Layer
	// Opacity is 0..1.
	Opacity float64
	// Style is a user layer's look where its features carry no
	// simplestyle properties of their own.
	Style UserStyle
}

// Look is how a scene draws a layer, kept apart from the layer: the
// window's sliders and style editor, a project's layer settings.
type Look struct {
	Opacity float64
	Style   UserStyle
}

// Shown is the layer drawn with look, or (nil) fully opaque in the style
// it was loaded with.
func (l *Layer) Shown(look *Look) SceneLayer {
	if look == nil {
		return SceneLayer{Layer: l, Opacity: 1, Style: l.Style}
	}
	return SceneLayer{Layer: l, Opacity: look.Opacity, Style: look.Style}
}

// Shown is the layers drawn fully opaque in the styles they were loaded
// with.
func Shown(ls ...*Layer) []SceneLayer {
	out := make([]SceneLayer, len(ls))
	for i, l := range ls {
		out[i] = l.Shown(nil)
	}
	return out
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

// set is the geometry of the features for the level of detail, as geo
// prepares it for drawing and picking: made on first use and kept by the
// layer, so it goes when the layer goes.
func (l *Layer) set(detailed bool) *shapes.Set {
	k := 0
	if detailed || l.Overview == nil {
		k = 1
	}
	g := &l.sets[k]
	g.once.Do(func() {
		if k == 1 {
			g.s = shapes.New(l.Detailed, l.FeatureBounds)
		} else {
			g.s = shapes.New(l.Overview, nil)
		}
	})
	return g.s
}

// key names the layer in picture keys.
func (l *Layer) key() uint64 { return uid(&l.uid) }

// EmbeddedLayer opens an embedded layer by id.
func EmbeddedLayer(id string) (*Layer, error) {
	d, err := data.Open(id)
	if err != nil {
		return nil, err
	}
	return &Layer{ID: d.ID, Title: d.Title, Group: d.Group, Detailed: d.Detailed, Overview: d.Overview, Bound: d.Bound, Off: d.Off}, nil
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
	return &Layer{ID: id, Title: title, Group: UserGroup, Detailed: feats, Bound: bound,
		Style: UserStyle{Colour: UserColour(n), Width: 2, LabelField: guessLabelField(feats)}}
}

// NewUserLayerFrom is NewUserLayer for a loaded file: with the bounds the
// loader kept and its properties, as text or as maps.
func NewUserLayerFrom(id, title string, res *load.Result, n int) *Layer {
	l := &Layer{ID: id, Title: title, Group: UserGroup, Detailed: res.Features, Bound: res.Bound,
		FeatureBounds: res.Bounds, Props: res.Props}
	l.Style = UserStyle{Colour: UserColour(n), Width: 2, LabelField: l.guessLabelField()}
	return l
}

func guessLabelField(feats []*geojson.Feature) string {
	l := Layer{Detailed: feats}
	return l.guessLabelField()
}

func (l *Layer) guessLabelField() string {
	for _, key := range []string{"title", "name", "NAME", "Name", "label"} {
		if l.Props != nil && !l.Props.HasKey(key) {
			continue
		}
		for i, f := range l.Detailed {
			if _, ok := l.valueAt(f, i, key).(string); ok {
				return key
			}
		}
	}
	return ""
}

// valueAt is property key of f, the layer's i-th Detailed feature (any i
// when that is not known: it is checked).
func (l *Layer) valueAt(f *geojson.Feature, i int, key string) any {
	if f == nil {
		return nil
	}
	if l.Props == nil || f.Properties != nil {
		return f.Properties[key]
	}
	if i < 0 || i >= len(l.Detailed) || l.Detailed[i] != f {
		i = l.Props.Index(f)
	}
	return l.Props.Value(i, key)
}

// MayHave reports whether some feature of the layer may have property
// key: false only when the loader noted that none has (a layer of
// millions of points is then searched or styled without reading each
// point's properties).
func (l *Layer) MayHave(key string) bool { return l.Props == nil || l.Props.HasKey(key) }

// Value is property key of f, one of the layer's features; nil when it
// has none.
func (l *Layer) Value(f *geojson.Feature, key string) any { return l.valueAt(f, -1, key) }

// Properties are all the properties of f, one of the layer's features:
// its own map, or one decoded for the call.
func (l *Layer) Properties(f *geojson.Feature) geojson.Properties {
	if f == nil {
		return nil
	}
	if l.Props == nil || f.Properties != nil {
		return f.Properties
	}
	return l.Props.Map(l.Props.Index(f))
}

// PropertyKeys lists the property names of the layer's features, sorted:
// all of them, or those of its first limit features when the loader did
// not note them.
func (l *Layer) PropertyKeys(limit int) []string {
	if l.Props != nil {
		keys, _ := l.Props.Keys()
		return keys
	}
	seen := map[string]bool{}
	for i, f := range l.Detailed {
		if i >= limit {
			break
		}
		for k := range f.Properties {
			seen[k] = true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// Prop is Prop(f, key) for a feature of this layer.
func (l *Layer) Prop(f *geojson.Feature, key string) string { return propText(l.Value(f, key)) }

// FeatureID is FeatureID(f) for a feature of this layer.
func (l *Layer) FeatureID(f *geojson.Feature) string { return l.featureIDAt(f, -1) }

func (l *Layer) featureIDAt(f *geojson.Feature, i int) string {
	if f == nil {
		return ""
	}
	if id := propText(l.valueAt(f, i, "id")); id != "" {
		return id
	}
	return idText(f.ID)
}

// Prop reads a string property, tolerating absent and non-string values.
func Prop(f *geojson.Feature, key string) string {
	if f == nil {
		return ""
	}
	return propText(f.Properties[key])
}

func propText(v any) string {
	switch v := v.(type) {
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
	return idText(f.ID)
}

func idText(id any) string {
	switch v := id.(type) {
	case string:
		return v
	case float64:
		return fmt.Sprint(v)
	}
	return ""
}
