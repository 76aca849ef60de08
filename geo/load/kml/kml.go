package kml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/geo/crs"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// maxDepth bounds MultiGeometry inside MultiGeometry.
const maxDepth = 32

// parser reads one KML document.
type parser struct {
	file  string
	data  []byte
	d     *xml.Decoder
	opt   load.Options
	feats []*geojson.Feature
	// each feature's style reference and inline style, resolved when the
	// whole document (and its shared styles) has been read.
	refs    []string
	inline  []*style
	kinds   []byte
	styles  map[string]style
	maps    map[string]string // StyleMap id → its normal style's url
	schemas map[string]map[string]string
	fields  []string
	seen    map[string]bool
	links   []string // NetworkLink hrefs
	skipped map[string]int
	places  int
}

func newParser(file string, data []byte, opt load.Options) *parser {
	return &parser{file: file, data: data, opt: opt, styles: map[string]style{}, maps: map[string]string{},
		schemas: map[string]map[string]string{}, seen: map[string]bool{}, skipped: map[string]int{}}
}

// errAt places an error at the decoder's position.
func (p *parser) errAt(format string, args ...any) error {
	line, col := p.d.InputPos()
	return &load.Error{File: p.file, Offset: p.d.InputOffset(), Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// Read parses a KML document. file names it in messages.
func Read(file string, data []byte, opt load.Options) (*load.Result, error) {
	p := newParser(file, data, opt)
	if err := p.parse(); err != nil {
		return nil, err
	}
	var extra []string
	if len(p.links) > 0 {
		extra = append(extra, fmt.Sprintf("%d network link(s) not followed: the app never fetches other files or the network", len(p.links)))
	}
	return finish(file, []*parser{p}, opt, extra)
}

func (p *parser) parse() error {
	if len(bytes.TrimSpace(p.data)) == 0 {
		return &load.Error{File: p.file, Offset: -1, Msg: "empty file: expected a KML document"}
	}
	p.d = xml.NewDecoder(bytes.NewReader(p.data))
	p.d.Strict = true
	p.d.CharsetReader = charsetReader
	sawKML := false
	for {
		tok, err := p.d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return p.syntax(err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !sawKML {
			if se.Name.Local != "kml" {
				return p.errAt("not KML: the document starts with <%s>, not <kml>", se.Name.Local)
			}
			sawKML = true
			continue
		}
		if err := p.element(se); err != nil {
			return err
		}
	}
	if !sawKML {
		return &load.Error{File: p.file, Offset: -1, Msg: "not KML: no <kml> element"}
	}
	return nil
}

// syntax words an XML error with its position.
func (p *parser) syntax(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		if se.Msg == "unexpected EOF" {
			return p.errAt("the file ends inside an element (truncated?)")
		}
		return p.errAt("invalid XML: %s", se.Msg)
	}
	if err == io.ErrUnexpectedEOF {
		return p.errAt("the file ends inside an element (truncated?)")
	}
	return p.errAt("invalid XML: %v", err)
}

// element handles an element met among containers (kml, Document,
// Folder): the things that define features and styles. Containers are
// not consumed, so their children come back here.
func (p *parser) element(se xml.StartElement) error {
	switch se.Name.Local {
	case "Placemark":
		p.places++
		if p.places%256 == 0 {
			if err := p.checkpoint(); err != nil {
				return err
			}
		}
		return p.placemark(se)
	case "Style":
		st, err := p.style(se)
		if err != nil {
			return err
		}
		if id := attr(se, "id"); id != "" {
			p.styles[id] = st
		}
		return nil
	case "StyleMap":
		return p.styleMap(se)
	case "Schema":
		return p.schema(se)
	case "NetworkLink":
		return p.networkLink(se)
	case "GroundOverlay", "ScreenOverlay", "PhotoOverlay", "Tour", "Model":
		p.skipped[se.Name.Local]++
		return p.d.Skip()
	}
	return nil
}

func (p *parser) checkpoint() error {
	if p.opt.Cancel != nil {
		select {
		case <-p.opt.Cancel:
			return load.ErrCancelled
		default:
		}
	}
	if p.opt.Progress != nil && len(p.data) > 0 {
		p.opt.Progress(float64(p.d.InputOffset()) / float64(len(p.data)))
	}
	return nil
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// text reads an element's character data (nested markup skipped).
func (p *parser) text() (string, error) {
	var b strings.Builder
	depth := 0
	for {
		tok, err := p.d.Token()
		if err != nil {
			return "", p.syntax(err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			if depth == 0 {
				b.Write(t)
			}
		case xml.StartElement:
			depth++
		case xml.EndElement:
			if depth == 0 {
				return b.String(), nil
			}
			depth--
		}
	}
}

// children calls fn for each child element of the element just opened;
// fn must consume the child (read it to its end, or Skip).
func (p *parser) children(fn func(se xml.StartElement) error) error {
	for {
		tok, err := p.d.Token()
		if err != nil {
			return p.syntax(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := fn(t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

func (p *parser) style(se xml.StartElement) (style, error) {
	var st style
	err := p.children(func(c xml.StartElement) error {
		kind := c.Name.Local
		if kind != "LineStyle" && kind != "PolyStyle" && kind != "IconStyle" {
			return p.d.Skip()
		}
		return p.children(func(e xml.StartElement) error {
			v, err := p.text()
			if err != nil {
				return err
			}
			v = strings.TrimSpace(v)
			switch e.Name.Local {
			case "color":
				hex, op, ok := colour(v)
				if !ok {
					return nil // Google Earth ignores a bad colour too
				}
				switch kind {
				case "LineStyle":
					st.stroke, st.strokeOp, st.hasStroke = hex, op, true
				case "PolyStyle":
					st.fill, st.fillOp, st.hasFill = hex, op, true
				case "IconStyle":
					st.marker, st.markerOp, st.hasMarker = hex, op, true
				}
			case "width":
				if w, err := strconv.ParseFloat(v, 64); err == nil && w >= 0 && w < 100 && kind == "LineStyle" {
					st.width, st.hasWidth = w, true
				}
			case "fill":
				st.noFill = kind == "PolyStyle" && (v == "0" || v == "false")
			case "outline":
				st.noOutline = kind == "PolyStyle" && (v == "0" || v == "false")
			case "scale":
				if s, err := strconv.ParseFloat(v, 64); err == nil && s > 0 && kind == "IconStyle" {
					st.scale = s
				}
			}
			return nil
		})
	})
	return st, err
}

// styleMap records the normal-state style of a StyleMap.
func (p *parser) styleMap(se xml.StartElement) error {
	id := attr(se, "id")
	return p.children(func(pair xml.StartElement) error {
		if pair.Name.Local != "Pair" {
			return p.d.Skip()
		}
		var key, url string
		var inline *style
		err := p.children(func(e xml.StartElement) error {
			switch e.Name.Local {
			case "key":
				v, err := p.text()
				key = strings.TrimSpace(v)
				return err
			case "styleUrl":
				v, err := p.text()
				url = strings.TrimSpace(v)
				return err
			case "Style":
				st, err := p.style(e)
				inline = &st
				return err
			}
			return p.d.Skip()
		})
		if err != nil || key != "normal" || id == "" {
			return err
		}
		if inline != nil {
			p.styles["\x00map:"+id] = *inline
			url = "#\x00map:" + id
		}
		p.maps[id] = url
		return nil
	})
}

// schema records the types of a Schema's fields.
func (p *parser) schema(se xml.StartElement) error {
	types := map[string]string{}
	for _, k := range []string{"id", "name"} {
		if v := attr(se, k); v != "" {
			p.schemas[v] = types
		}
	}
	return p.children(func(f xml.StartElement) error {
		if f.Name.Local == "SimpleField" {
			types[attr(f, "name")] = strings.ToLower(attr(f, "type"))
		}
		return p.d.Skip()
	})
}

func (p *parser) networkLink(se xml.StartElement) error {
	return p.children(func(c xml.StartElement) error {
		if c.Name.Local != "Link" && c.Name.Local != "Url" {
			return p.d.Skip()
		}
		return p.children(func(e xml.StartElement) error {
			if e.Name.Local != "href" {
				return p.d.Skip()
			}
			v, err := p.text()
			if v = strings.TrimSpace(v); v != "" {
				p.links = append(p.links, v)
			}
			return err
		})
	})
}

func (p *parser) addField(name string) {
	if !p.seen[name] {
		p.seen[name] = true
		p.fields = append(p.fields, name)
	}
}

func (p *parser) placemark(se xml.StartElement) error {
	props := geojson.Properties{}
	var geom orb.Geometry
	var ref string
	var inline *style
	n := len(p.feats) + 1
	name := ""
	where := func() string {
		if name != "" {
			return fmt.Sprintf("Placemark %d (%q)", n, name)
		}
		return fmt.Sprintf("Placemark %d", n)
	}
	err := p.children(func(c xml.StartElement) error {
		switch c.Name.Local {
		case "name", "description":
			v, err := p.text()
			if err != nil {
				return err
			}
			v = strings.TrimSpace(v)
			if c.Name.Local == "name" {
				name = v
			}
			props[c.Name.Local] = v
			p.addField(c.Name.Local)
			return nil
		case "styleUrl":
			v, err := p.text()
			ref = strings.TrimSpace(v)
			return err
		case "Style":
			st, err := p.style(c)
			inline = &st
			return err
		case "ExtendedData":
			return p.extendedData(props)
		case "Point", "LineString", "LinearRing", "Polygon", "MultiGeometry", "Track", "MultiTrack":
			g, err := p.geometry(c, where, 0)
			if err != nil {
				return err
			}
			geom = g
			return nil
		}
		return p.d.Skip()
	})
	if err != nil {
		return err
	}
	p.feats = append(p.feats, &geojson.Feature{Type: "Feature", Geometry: geom, Properties: props})
	p.refs = append(p.refs, ref)
	p.inline = append(p.inline, inline)
	p.kinds = append(p.kinds, kindOf(geom))
	return nil
}

// extendedData reads Data values (text) and SchemaData values (typed by
// their Schema).
func (p *parser) extendedData(props geojson.Properties) error {
	return p.children(func(c xml.StartElement) error {
		switch c.Name.Local {
		case "Data":
			key := attr(c, "name")
			var val string
			err := p.children(func(e xml.StartElement) error {
				if e.Name.Local != "value" {
					return p.d.Skip()
				}
				v, err := p.text()
				val = strings.TrimSpace(v)
				return err
			})
			if key != "" {
				props[key] = val
				p.addField(key)
			}
			return err
		case "SchemaData":
			types := p.schemas[strings.TrimPrefix(attr(c, "schemaUrl"), "#")]
			return p.children(func(e xml.StartElement) error {
				if e.Name.Local != "SimpleData" {
					return p.d.Skip()
				}
				key := attr(e, "name")
				v, err := p.text()
				if err != nil || key == "" {
					return err
				}
				props[key] = typed(strings.TrimSpace(v), types[key])
				p.addField(key)
				return nil
			})
		}
		return p.d.Skip()
	})
}

// typed converts a SimpleData value by its SimpleField type; a value
// that does not read as its type stays text.
func typed(v, typ string) any {
	switch typ {
	case "int", "uint", "short", "ushort", "float", "double":
		if v == "" {
			return nil
		}
		if f, err := strconv.ParseFloat(v, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return f
		}
	case "bool":
		switch strings.ToLower(v) {
		case "1", "true":
			return true
		case "0", "false":
			return false
		}
	}
	return v
}

// kindOf classifies a geometry for styling.
func kindOf(g orb.Geometry) byte {
	switch g.(type) {
	case orb.Point, orb.MultiPoint:
		return 'p'
	case orb.LineString, orb.MultiLineString:
		return 'l'
	case orb.Polygon, orb.MultiPolygon:
		return 'a'
	}
	return 'm'
}

func (p *parser) geometry(se xml.StartElement, where func() string, depth int) (orb.Geometry, error) {
	if depth > maxDepth {
		return nil, p.errAt("%s: MultiGeometry nested more than %d deep", where(), maxDepth)
	}
	kind := se.Name.Local
	switch kind {
	case "Point", "LineString", "LinearRing":
		var pts []orb.Point
		err := p.children(func(c xml.StartElement) error {
			if c.Name.Local != "coordinates" {
				return p.d.Skip()
			}
			var err error
			pts, err = p.coordinates(kind, where)
			return err
		})
		if err != nil {
			return nil, err
		}
		switch {
		case kind == "Point" && len(pts) == 1:
			return pts[0], nil
		case kind == "Point":
			return nil, p.errAt("%s: Point has %d coordinates, needs 1", where(), len(pts))
		case len(pts) < 2:
			return nil, p.errAt("%s: %s has %d coordinate(s), needs at least 2", where(), kind, len(pts))
		}
		return orb.LineString(pts), nil
	case "Polygon":
		var poly orb.Polygon
		var inner []orb.Ring
		err := p.children(func(b xml.StartElement) error {
			outer := b.Name.Local == "outerBoundaryIs"
			if !outer && b.Name.Local != "innerBoundaryIs" {
				return p.d.Skip()
			}
			return p.children(func(lr xml.StartElement) error {
				if lr.Name.Local != "LinearRing" {
					return p.d.Skip()
				}
				g, err := p.geometry(lr, where, depth+1)
				if err != nil {
					return err
				}
				r := orb.Ring(g.(orb.LineString))
				if !r.Closed() {
					r = append(r, r[0])
				}
				if len(r) < 4 {
					return p.errAt("%s: a polygon ring has %d distinct positions; a ring needs at least 3", where(), len(r)-1)
				}
				if outer {
					if len(poly) > 0 {
						return p.errAt("%s: Polygon has two outer boundaries", where())
					}
					poly = orb.Polygon{r}
				} else {
					inner = append(inner, r)
				}
				return nil
			})
		})
		if err != nil {
			return nil, err
		}
		if len(poly) == 0 {
			return nil, p.errAt("%s: Polygon has no outer boundary", where())
		}
		return append(poly, inner...), nil
	case "MultiGeometry", "MultiTrack":
		var parts []orb.Geometry
		err := p.children(func(c xml.StartElement) error {
			switch c.Name.Local {
			case "Point", "LineString", "LinearRing", "Polygon", "MultiGeometry", "Track", "MultiTrack":
				g, err := p.geometry(c, where, depth+1)
				if g != nil {
					parts = append(parts, g)
				}
				return err
			}
			return p.d.Skip()
		})
		if err != nil {
			return nil, err
		}
		return collect(parts), nil
	case "Track":
		var pts []orb.Point
		err := p.children(func(c xml.StartElement) error {
			if c.Name.Local != "coord" {
				return p.d.Skip()
			}
			v, err := p.text()
			if err != nil {
				return err
			}
			f := strings.Fields(v)
			if len(f) < 2 {
				return p.errAt("%s: gx:coord %q needs longitude and latitude", where(), v)
			}
			lon, err1 := strconv.ParseFloat(f[0], 64)
			lat, err2 := strconv.ParseFloat(f[1], 64)
			if err1 != nil || err2 != nil {
				return p.errAt("%s: gx:coord %q is not numbers", where(), v)
			}
			pts = append(pts, orb.Point{lon, lat})
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(pts) < 2 {
			return nil, nil // a track of one fix is a moment, not a line
		}
		return orb.LineString(pts), nil
	}
	return nil, p.d.Skip()
}

// collect makes the parts of a MultiGeometry one geometry: a MultiPoint,
// MultiLineString or MultiPolygon when they are all of one kind, else a
// collection.
func collect(parts []orb.Geometry) orb.Geometry {
	if len(parts) == 0 {
		return nil
	}
	var mp orb.MultiPoint
	var ml orb.MultiLineString
	var ma orb.MultiPolygon
	for _, g := range parts {
		switch g := g.(type) {
		case orb.Point:
			mp = append(mp, g)
		case orb.LineString:
			ml = append(ml, g)
		case orb.Polygon:
			ma = append(ma, g)
		default:
			return orb.Collection(parts)
		}
	}
	switch len(parts) {
	case len(mp):
		return mp
	case len(ml):
		return ml
	case len(ma):
		return ma
	}
	return orb.Collection(parts)
}

// coordinates reads a <coordinates> element: tuples "lon,lat[,alt]"
// separated by white space (a space after a comma is tolerated).
func (p *parser) coordinates(kind string, where func() string) ([]orb.Point, error) {
	v, err := p.text()
	if err != nil {
		return nil, err
	}
	var pts []orb.Point
	for _, tuple := range strings.Fields(joinAfterCommas(v)) {
		parts := strings.Split(tuple, ",")
		if len(parts) < 2 || len(parts) > 3 {
			return nil, p.errAt("%s: %s coordinate %q is not lon,lat[,alt]", where(), kind, clip(tuple))
		}
		lon, err1 := strconv.ParseFloat(parts[0], 64)
		lat, err2 := strconv.ParseFloat(parts[1], 64)
		if err1 != nil || err2 != nil || math.IsNaN(lon) || math.IsNaN(lat) {
			return nil, p.errAt("%s: %s coordinate %q is not numbers", where(), kind, clip(tuple))
		}
		if lon < -180 || lon > 180 || lat < -90 || lat > 90 {
			return nil, p.errAt("%s: %s coordinate %q is outside -180..180, -90..90", where(), kind, clip(tuple))
		}
		pts = append(pts, orb.Point{lon, lat})
	}
	return pts, nil
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// joinAfterCommas removes white space after commas, so "49.1, 40.2"
// reads as one tuple.
func joinAfterCommas(s string) string {
	if !strings.Contains(s, ", ") && !strings.Contains(s, ",\t") && !strings.Contains(s, ",\n") {
		return s
	}
	var b strings.Builder
	skip := false
	for _, r := range s {
		if skip && (r == ' ' || r == '\t' || r == '\n' || r == '\r') {
			continue
		}
		skip = r == ','
		b.WriteRune(r)
	}
	return b.String()
}

// resolve finds the style a styleUrl names: a Style, or a StyleMap's
// normal style, by id within the document.
func (p *parser) resolve(url string) (style, bool) {
	for range 4 { // a StyleMap pointing at a StyleMap, at most a few deep
		if !strings.HasPrefix(url, "#") {
			return style{}, false // another file's style: never fetched
		}
		id := url[1:]
		if st, ok := p.styles[id]; ok {
			return st, true
		}
		next, ok := p.maps[id]
		if !ok {
			return style{}, false
		}
		url = next
	}
	return style{}, false
}

// styleFeatures gives each feature the simplestyle properties of its
// style.
func (p *parser) styleFeatures() {
	for i, f := range p.feats {
		var st style
		if s, ok := p.resolve(p.refs[i]); ok {
			st = s
		}
		if p.inline[i] != nil {
			st = st.merge(*p.inline[i])
		}
		st.apply(f.Properties, p.kinds[i])
	}
}

// finish makes one result of the features of one or more documents (a
// KMZ's linked files).
func finish(file string, docs []*parser, opt load.Options, extra []string) (*load.Result, error) {
	res := &load.Result{}
	seen := map[string]bool{}
	skipped := map[string]int{}
	for _, p := range docs {
		p.styleFeatures()
		res.Features = append(res.Features, p.feats...)
		for _, f := range p.fields {
			if !seen[f] {
				seen[f] = true
				res.Fields = append(res.Fields, f)
			}
		}
		for k, c := range p.skipped {
			skipped[k] += c
		}
	}
	n := func(i int) string { return fmt.Sprintf("Placemark %d", i+1) }
	if err := load.Finish(file, res, crs.WGS84, n); err != nil {
		return nil, err
	}
	for _, k := range []string{"GroundOverlay", "ScreenOverlay", "PhotoOverlay", "Tour", "Model"} {
		if c := skipped[k]; c > 0 {
			res.Warnings = append(res.Warnings, fmt.Sprintf("%d %s(s) left out (only Placemarks are drawn)", c, k))
		}
	}
	res.Warnings = append(res.Warnings, extra...)
	if len(res.Features) == 0 {
		res.Warnings = append(res.Warnings, "no Placemarks: the layer has no features")
	}
	if opt.Progress != nil {
		opt.Progress(1)
	}
	return res, nil
}
