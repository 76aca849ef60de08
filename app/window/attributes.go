package window

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
)

// factKeys are the properties featureRows shows under their own labels,
// and heading the one the panel's title shows.
var factKeys = []string{"name", "kind", "status", "precision", "operator", "opened", "length_km", "capacity", "role", "source", "note"}

// isFactKey reports whether k is a fact key or one of its translations
// ("name_de", "note_ru"), which the facts show in their language.
func isFactKey(k string) bool {
	if slices.Contains(factKeys, k) {
		return true
	}
	for _, l := range i18n.All[1:] {
		if base, ok := strings.CutSuffix(k, "_"+string(l)); ok && slices.Contains(factKeys, base) {
			return true
		}
	}
	return false
}

// styleKeys are simplestyle properties: how a feature is drawn, not
// facts about it.
var styleKeys = []string{"stroke", "stroke-width", "stroke-opacity", "fill", "fill-opacity", "marker-color", "marker-size", "marker-symbol", "title"}

// attributeRows are a user feature's own attributes, in the file's column
// order (a GeoJSON's in name order), each as the file has it: what an
// analyst expects to see on clicking their data. Empty values and the
// ones shown as facts or used for drawing are left out.
func attributeRows(l *render.Layer, f *geojson.Feature) []infoRow {
	keys := l.Fields
	if keys == nil {
		for k := range f.Properties {
			keys = append(keys, k)
		}
		slices.Sort(keys)
	}
	var rows []infoRow
	for _, k := range keys {
		if isFactKey(k) || slices.Contains(styleKeys, k) {
			continue
		}
		if v := attributeText(f.Properties[k]); v != "" {
			rows = append(rows, infoRow{k, v})
		}
	}
	return rows
}

// attributeText writes a property value: numbers without a needless
// exponent or trailing zeros, yes/no for booleans.
func attributeText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1e15 {
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		if v {
			return tr("attr.yes")
		}
		return tr("attr.no")
	}
	return fmt.Sprint(v)
}
