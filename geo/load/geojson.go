package load

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// MaxDepth bounds the nesting of arrays and objects. A MultiPolygon needs 4
// levels inside a feature; 64 leaves room for properties and refuses inputs
// built to exhaust the stack.
const MaxDepth = 64

// Result is a loaded file: its features, its overall bounds and any
// warnings about things that were repaired or are worth a notice.
type Result struct {
	Features []*geojson.Feature
	Bound    orb.Bound // of all non-null geometries; zero when there are none
	Warnings []string
	// Members holds the top-level foreign members ("name", "attribution"),
	// which the embedded layers use for their titles.
	Members map[string]any
}

// GeoJSON parses data, read from file (the name is used only in messages).
func GeoJSON(file string, data []byte) (*Result, error) {
	p := &parser{file: file, data: data, res: &Result{}}
	if err := p.checkEncoding(); err != nil {
		return nil, err
	}
	if err := p.checkDepth(); err != nil {
		return nil, err
	}
	if err := p.top(); err != nil {
		return nil, err
	}
	p.finish()
	return p.res, nil
}

type parser struct {
	file string
	data []byte
	base int64 // offset of data within the original file (after a BOM)
	res  *Result

	nullGeoms int
	closed    int
}

func (p *parser) errAt(off int64, format string, args ...any) error {
	full := p.data
	if p.base > 0 {
		// Positions refer to the file as the user has it, BOM included.
		full = append(make([]byte, p.base), p.data...)
	}
	return errAt(p.file, full, off+p.base, format, args...)
}

func (p *parser) checkEncoding() error {
	d := p.data
	switch {
	case len(bytes.TrimSpace(d)) == 0:
		return &Error{File: p.file, Offset: -1, Msg: "empty file: expected a GeoJSON object"}
	case bytes.HasPrefix(d, []byte{0xFE, 0xFF}), bytes.HasPrefix(d, []byte{0xFF, 0xFE}),
		len(d) >= 2 && (d[0] == 0 || d[1] == 0):
		return &Error{File: p.file, Offset: 0, Msg: "text is UTF-16 (or binary), not UTF-8: GeoJSON must be UTF-8 (RFC 7946 §11)"}
	case bytes.HasPrefix(d, []byte{0xEF, 0xBB, 0xBF}):
		p.data, p.base = d[3:], 3
		p.res.Warnings = append(p.res.Warnings, "UTF-8 byte-order mark ignored")
	}
	if !utf8.Valid(p.data) {
		off := 0
		for off < len(p.data) {
			r, n := utf8.DecodeRune(p.data[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return p.errAt(int64(off), "invalid UTF-8 byte 0x%02X: GeoJSON must be UTF-8", p.data[off])
	}
	return nil
}

// checkDepth refuses absurd nesting before encoding/json recurses into it.
func (p *parser) checkDepth() error {
	depth, inString, escaped := 0, false, false
	for i, c := range p.data {
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '[', '{':
			depth++
			if depth > MaxDepth {
				return p.errAt(int64(i), "nesting deeper than %d levels", MaxDepth)
			}
		case ']', '}':
			depth--
		}
	}
	return nil
}

// jsonErr turns an error of json.Unmarshal on a value starting at off into
// an Error.
func (p *parser) jsonErr(off int64, what string, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return p.errAt(off+se.Offset, "%s: invalid JSON: %s", what, se.Error())
	case errors.As(err, &te):
		field := ""
		if te.Field != "" {
			field = fmt.Sprintf(" for %q", te.Field)
		}
		return p.errAt(off+te.Offset, "%s: wrong type%s: got JSON %s, want %s", what, field, te.Value, goType(te.Type.String()))
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return p.errAt(int64(len(p.data)), "%s: truncated: the file ends inside a JSON value", what)
	}
	return p.errAt(off, "%s: %v", what, err)
}

// streamErr is jsonErr for errors of the top-level json.Decoder, whose
// offsets count from the start of the stream but lag behind the value: the
// value's own start is the better position unless the error lies past it.
func (p *parser) streamErr(off int64, what string, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return p.errAt(max(off, se.Offset), "%s: invalid JSON: %s", what, se.Error())
	}
	return p.jsonErr(off, what, err)
}

func goType(t string) string {
	switch {
	case strings.Contains(t, "float64"):
		if strings.HasPrefix(t, "[]") {
			return "an array of numbers"
		}
		return "a number"
	case t == "string":
		return "a string"
	case strings.HasPrefix(t, "[]"):
		return "an array"
	case strings.HasPrefix(t, "map"), strings.HasPrefix(t, "geojson.Properties"):
		return "an object"
	}
	return t
}

// object is any GeoJSON object: the members of all kinds, raw.
type object struct {
	Type        *string           `json:"type"`
	Features    []json.RawMessage `json:"features"`
	Geometry    json.RawMessage   `json:"geometry"`
	Geometries  []json.RawMessage `json:"geometries"`
	Coordinates json.RawMessage   `json:"coordinates"`
	Properties  json.RawMessage   `json:"properties"`
	ID          json.RawMessage   `json:"id"`
	CRS         json.RawMessage   `json:"crs"`
}

func (p *parser) top() error {
	// The top level is walked with a token decoder so that each feature's
	// byte offset is known for messages.
	dec := json.NewDecoder(bytes.NewReader(p.data))
	tok, err := dec.Token()
	if err != nil {
		return p.streamErr(0, "top level", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return p.errAt(skipSpace(p.data, 0), "top level: expected a JSON object, found %s", describe(tok))
	}
	var typ string
	var featureOffsets []int64
	var features []json.RawMessage
	whole := map[string]json.RawMessage{}
	sawFeatures := false
	for dec.More() {
		keyOff := skipSpace(p.data, dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			return p.streamErr(keyOff, "top level", err)
		}
		key, _ := tok.(string)
		valOff := skipSpace(p.data, dec.InputOffset())
		if valOff < int64(len(p.data)) && p.data[valOff] == ':' {
			valOff = skipSpace(p.data, valOff+1)
		}
		if key == "features" {
			sawFeatures = true
			tok, err := dec.Token()
			if err != nil {
				return p.streamErr(valOff, `"features"`, err)
			}
			if tok == nil {
				continue
			}
			if d, ok := tok.(json.Delim); !ok || d != '[' {
				return p.errAt(valOff, `"features" must be an array, found %s`, describe(tok))
			}
			for dec.More() {
				off := skipSpace(p.data, dec.InputOffset())
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					return p.streamErr(off, fmt.Sprintf("feature %d", len(features)+1), err)
				}
				features = append(features, raw)
				featureOffsets = append(featureOffsets, off)
			}
			if _, err := dec.Token(); err != nil {
				return p.streamErr(skipSpace(p.data, dec.InputOffset()), `"features"`, err)
			}
			continue
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return p.streamErr(valOff, fmt.Sprintf("member %q", key), err)
		}
		if key == "type" {
			if err := json.Unmarshal(raw, &typ); err != nil {
				return p.errAt(valOff, `"type" must be a string, found %s`, firstToken(raw))
			}
		}
		whole[key] = raw
	}
	if _, err := dec.Token(); err != nil {
		return p.streamErr(skipSpace(p.data, dec.InputOffset()), "top level", err)
	}
	if extra := skipSpace(p.data, dec.InputOffset()); extra < int64(len(p.data)) {
		return p.errAt(extra, "unexpected data after the GeoJSON object")
	}
	if err := p.crs(whole["crs"]); err != nil {
		return err
	}

	switch typ {
	case "":
		return p.errAt(0, `top level: missing "type" member: not GeoJSON`)
	case "FeatureCollection":
		if !sawFeatures {
			return p.errAt(0, `FeatureCollection has no "features" member`)
		}
		p.res.Members = map[string]any{}
		for k, raw := range whole {
			if k == "type" || k == "crs" || k == "bbox" {
				continue
			}
			var v any
			if json.Unmarshal(raw, &v) == nil {
				p.res.Members[k] = v
			}
		}
		p.res.Features = make([]*geojson.Feature, 0, len(features))
		for i, raw := range features {
			f, err := p.feature(raw, featureOffsets[i], fmt.Sprintf("feature %d", i+1))
			if err != nil {
				return err
			}
			p.res.Features = append(p.res.Features, f)
		}
		if len(features) == 0 {
			p.res.Warnings = append(p.res.Warnings, "empty FeatureCollection: the layer has no features")
		}
	case "Feature":
		f, err := p.feature(p.data, 0, "feature")
		if err != nil {
			return err
		}
		p.res.Features = []*geojson.Feature{f}
	default:
		g, err := p.geometry(p.data, 0, "geometry")
		if err != nil {
			return err
		}
		f := geojson.NewFeature(g)
		p.res.Features = []*geojson.Feature{f}
		if g == nil {
			p.nullGeoms++
		}
	}
	return nil
}

// crs accepts the pre-RFC 7946 member only when it names WGS84 lon/lat.
func (p *parser) crs(raw json.RawMessage) error {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var c struct {
		Properties struct {
			Name string `json:"name"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(raw, &c); err != nil || c.Properties.Name == "" {
		return &Error{File: p.file, Offset: -1, Msg: "unsupported \"crs\" member (only CRS84/EPSG:4326 lon/lat is accepted): " + firstToken(raw)}
	}
	n := strings.ToUpper(c.Properties.Name)
	for _, ok := range []string{"CRS84", "EPSG:4326", "EPSG::4326", "CRS:84"} {
		if strings.HasSuffix(n, ok) {
			return nil
		}
	}
	return &Error{File: p.file, Offset: -1, Msg: fmt.Sprintf("coordinates are in CRS %q; reproject to WGS84 lon/lat (EPSG:4326) first", c.Properties.Name)}
}

func (p *parser) feature(raw []byte, off int64, what string) (*geojson.Feature, error) {
	var o object
	if err := json.Unmarshal(raw, &o); err != nil {
		return nil, p.jsonErr(off, what, err)
	}
	if o.Type == nil || *o.Type != "Feature" {
		got := "none"
		if o.Type != nil {
			got = fmt.Sprintf("%q", *o.Type)
		}
		return nil, p.errAt(off, "%s: type must be \"Feature\", found %s", what, got)
	}
	f := &geojson.Feature{Type: "Feature", Properties: geojson.Properties{}}
	if len(o.ID) > 0 && string(o.ID) != "null" {
		var id any
		_ = json.Unmarshal(o.ID, &id)
		switch id := id.(type) {
		case string, float64:
			f.ID = id
		default:
			return nil, p.errAt(off, "%s: id must be a string or a number, found %s", what, firstToken(o.ID))
		}
	}
	if len(o.Properties) > 0 && string(o.Properties) != "null" {
		if err := json.Unmarshal(o.Properties, &f.Properties); err != nil {
			return nil, p.errAt(off, "%s: properties must be an object, found %s", what, firstToken(o.Properties))
		}
		if f.Properties == nil {
			f.Properties = geojson.Properties{}
		}
	}
	if id, ok := f.ID.(string); ok {
		what = fmt.Sprintf("%s (id %q)", what, id)
	}
	g, err := p.geometry(o.Geometry, off, what)
	if err != nil {
		return nil, err
	}
	if g == nil {
		p.nullGeoms++
	}
	f.Geometry = g
	return f, nil
}

func (p *parser) geometry(raw []byte, off int64, what string) (orb.Geometry, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var o object
	if err := json.Unmarshal(raw, &o); err != nil {
		return nil, p.jsonErr(off, what+" geometry", err)
	}
	if o.Type == nil {
		return nil, p.errAt(off, `%s: geometry has no "type"`, what)
	}
	t := *o.Type
	if t != "GeometryCollection" && (len(o.Coordinates) == 0 || string(o.Coordinates) == "null") {
		switch t {
		case "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon":
			return nil, p.errAt(off, "%s: %s has no coordinates", what, t)
		}
	}
	c := &coords{p: p, off: off, what: what + " " + t}
	switch t {
	case "Point":
		var v []float64
		if err := c.decode(o.Coordinates, &v); err != nil {
			return nil, err
		}
		return c.point(v)
	case "MultiPoint":
		var v [][]float64
		if err := c.decode(o.Coordinates, &v); err != nil {
			return nil, err
		}
		mp := make(orb.MultiPoint, 0, len(v))
		for _, pos := range v {
			pt, err := c.point(pos)
			if err != nil {
				return nil, err
			}
			mp = append(mp, pt)
		}
		return mp, nil
	case "LineString":
		var v [][]float64
		if err := c.decode(o.Coordinates, &v); err != nil {
			return nil, err
		}
		return c.line(v)
	case "MultiLineString":
		var v [][][]float64
		if err := c.decode(o.Coordinates, &v); err != nil {
			return nil, err
		}
		mls := make(orb.MultiLineString, 0, len(v))
		for _, l := range v {
			ls, err := c.line(l)
			if err != nil {
				return nil, err
			}
			mls = append(mls, ls)
		}
		return mls, nil
	case "Polygon":
		var v [][][]float64
		if err := c.decode(o.Coordinates, &v); err != nil {
			return nil, err
		}
		return c.polygon(v)
	case "MultiPolygon":
		var v [][][][]float64
		if err := c.decode(o.Coordinates, &v); err != nil {
			return nil, err
		}
		mp := make(orb.MultiPolygon, 0, len(v))
		for _, pv := range v {
			poly, err := c.polygon(pv)
			if err != nil {
				return nil, err
			}
			mp = append(mp, poly)
		}
		return mp, nil
	case "GeometryCollection":
		col := make(orb.Collection, 0, len(o.Geometries))
		for i, g := range o.Geometries {
			sub, err := p.geometry(g, off, fmt.Sprintf("%s GeometryCollection member %d", what, i+1))
			if err != nil {
				return nil, err
			}
			if sub != nil {
				col = append(col, sub)
			}
		}
		return col, nil
	case "Feature", "FeatureCollection":
		return nil, p.errAt(off, "%s: a %s cannot be a geometry", what, t)
	}
	return nil, p.errAt(off, "%s: unknown geometry type %q", what, t)
}

type coords struct {
	p    *parser
	off  int64
	what string
}

func (c *coords) decode(raw json.RawMessage, v any) error {
	if err := json.Unmarshal(raw, v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && strings.HasPrefix(te.Value, "number ") {
			return c.p.errAt(c.off, "%s: coordinate %s is out of the range of numbers", c.what, strings.TrimPrefix(te.Value, "number "))
		}
		if errors.As(err, &te) {
			return c.p.errAt(c.off, "%s: coordinates have the wrong shape or a non-numeric value (found JSON %s where %s belongs)", c.what, te.Value, goType(te.Type.String()))
		}
		return c.p.jsonErr(c.off, c.what, err)
	}
	return nil
}

func (c *coords) point(v []float64) (orb.Point, error) {
	if len(v) < 2 {
		return orb.Point{}, c.p.errAt(c.off, "%s: a position needs longitude and latitude, found %d number(s)", c.what, len(v))
	}
	lon, lat := v[0], v[1]
	if math.IsNaN(lon) || math.IsNaN(lat) || math.IsInf(lon, 0) || math.IsInf(lat, 0) {
		return orb.Point{}, c.p.errAt(c.off, "%s: coordinate is not a finite number", c.what)
	}
	if lon < -180 || lon > 180 {
		return orb.Point{}, c.p.errAt(c.off, "%s: longitude %g is outside -180..180 (are the coordinates projected, or lat/lon swapped?)", c.what, lon)
	}
	if lat < -90 || lat > 90 {
		return orb.Point{}, c.p.errAt(c.off, "%s: latitude %g is outside -90..90 (are the coordinates projected, or lat/lon swapped?)", c.what, lat)
	}
	return orb.Point{lon, lat}, nil
}

func (c *coords) line(v [][]float64) (orb.LineString, error) {
	if len(v) < 2 {
		return nil, c.p.errAt(c.off, "%s: a LineString needs at least 2 positions, found %d", c.what, len(v))
	}
	ls := make(orb.LineString, len(v))
	for i, pos := range v {
		pt, err := c.point(pos)
		if err != nil {
			return nil, err
		}
		ls[i] = pt
	}
	return ls, nil
}

func (c *coords) polygon(v [][][]float64) (orb.Polygon, error) {
	if len(v) == 0 {
		return nil, c.p.errAt(c.off, "%s: a polygon needs at least one ring", c.what)
	}
	poly := make(orb.Polygon, 0, len(v))
	for i, rv := range v {
		if len(rv) == 0 {
			return nil, c.p.errAt(c.off, "%s: ring %d is empty", c.what, i+1)
		}
		r := make(orb.Ring, 0, len(rv)+1)
		for _, pos := range rv {
			pt, err := c.point(pos)
			if err != nil {
				return nil, err
			}
			r = append(r, pt)
		}
		if !r[0].Equal(r[len(r)-1]) {
			r = append(r, r[0])
			c.p.closed++
		}
		if len(r) < 4 {
			return nil, c.p.errAt(c.off, "%s: ring %d has %d distinct positions; a ring needs at least 3", c.what, i+1, len(r)-1)
		}
		poly = append(poly, r)
	}
	return poly, nil
}

func (p *parser) finish() {
	if p.closed > 0 {
		p.res.Warnings = append(p.res.Warnings, fmt.Sprintf("%d unclosed polygon ring(s) closed", p.closed))
	}
	if p.nullGeoms > 0 {
		p.res.Warnings = append(p.res.Warnings, fmt.Sprintf("%d feature(s) without geometry (kept, not drawn)", p.nullGeoms))
	}
	first := true
	for _, f := range p.res.Features {
		if f.Geometry == nil || isEmpty(f.Geometry) {
			continue
		}
		b := f.Geometry.Bound()
		if first {
			p.res.Bound, first = b, false
		} else {
			p.res.Bound = p.res.Bound.Union(b)
		}
	}
}

func isEmpty(g orb.Geometry) bool {
	switch g := g.(type) {
	case orb.MultiPoint:
		return len(g) == 0
	case orb.MultiLineString:
		return len(g) == 0
	case orb.MultiPolygon:
		return len(g) == 0
	case orb.Collection:
		for _, c := range g {
			if !isEmpty(c) {
				return false
			}
		}
		return true
	}
	return false
}

func skipSpace(d []byte, off int64) int64 {
	for off < int64(len(d)) {
		switch d[off] {
		case ' ', '\t', '\n', '\r', ',':
			off++
		default:
			return off
		}
	}
	return off
}

func describe(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		return fmt.Sprintf("%q", string(t))
	case string:
		return "a string"
	case float64, json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return fmt.Sprint(tok)
}

func firstToken(raw []byte) string {
	s := strings.TrimSpace(string(raw))
	if len(s) > 24 {
		s = s[:24] + "…"
	}
	return s
}
