package crs

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// node is one WKT element: KEYWORD[value, value, ...], where a value is a
// quoted string, a number, a bare word (an AXIS direction) or a node.
type node struct {
	key  string // upper case
	strs []string
	nums []float64
	kids []*node
}

func (n *node) child(keys ...string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		for _, want := range keys {
			if k.key == want {
				return k
			}
		}
	}
	return nil
}

func (n *node) name() string {
	if n == nil || len(n.strs) == 0 {
		return ""
	}
	return n.strs[0]
}

func (n *node) num(i int) (float64, bool) {
	if n == nil || i >= len(n.nums) {
		return 0, false
	}
	return n.nums[i], true
}

// maxWKT bounds what is parsed: a CRS definition is a few kilobytes.
const maxWKT = 64 << 10

// parseWKT reads WKT text (version 1 in its OGC and ESRI forms, or
// version 2) into a tree.
func parseWKT(s string) (*node, error) {
	if len(s) > maxWKT {
		return nil, errors.New("CRS definition is too long")
	}
	p := wktParser{s: s}
	n, err := p.node(0)
	if err != nil {
		return nil, err
	}
	p.ws()
	if p.i < len(p.s) {
		return nil, fmt.Errorf("unexpected %q after the CRS definition", p.s[p.i:min(len(p.s), p.i+10)])
	}
	return n, nil
}

type wktParser struct {
	s string
	i int
}

func (p *wktParser) ws() {
	for p.i < len(p.s) && strings.ContainsRune(" \t\r\n", rune(p.s[p.i])) {
		p.i++
	}
}

func (p *wktParser) word() string {
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == '_' || c == '.' || c == '-' || c == '+' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			p.i++
			continue
		}
		break
	}
	return p.s[start:p.i]
}

func (p *wktParser) node(depth int) (*node, error) {
	if depth > 32 {
		return nil, errors.New("CRS definition is nested too deeply")
	}
	p.ws()
	key := p.word()
	if key == "" {
		return nil, fmt.Errorf("expected a WKT keyword at byte %d", p.i)
	}
	n := &node{key: strings.ToUpper(key)}
	p.ws()
	if p.i >= len(p.s) || (p.s[p.i] != '[' && p.s[p.i] != '(') {
		return n, nil // a bare word such as an axis direction
	}
	closing := byte(']')
	if p.s[p.i] == '(' {
		closing = ')'
	}
	p.i++
	for {
		p.ws()
		if p.i >= len(p.s) {
			return nil, errors.New("CRS definition ends inside a bracket")
		}
		switch c := p.s[p.i]; {
		case c == '"':
			p.i++
			var b strings.Builder
			for {
				if p.i >= len(p.s) {
					return nil, errors.New("CRS definition ends inside a quoted name")
				}
				if p.s[p.i] == '"' {
					if p.i+1 < len(p.s) && p.s[p.i+1] == '"' { // "" is a quote in WKT 2
						b.WriteByte('"')
						p.i += 2
						continue
					}
					p.i++
					break
				}
				b.WriteByte(p.s[p.i])
				p.i++
			}
			n.strs = append(n.strs, b.String())
		case c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9':
			w := p.word()
			v, err := strconv.ParseFloat(w, 64)
			if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
				return nil, fmt.Errorf("%q is not a number", w)
			}
			n.nums = append(n.nums, v)
		default:
			k, err := p.node(depth + 1)
			if err != nil {
				return nil, err
			}
			if len(k.strs) == 0 && len(k.nums) == 0 && len(k.kids) == 0 {
				n.strs = append(n.strs, k.key) // NORTH, EAST…
			} else {
				n.kids = append(n.kids, k)
			}
		}
		p.ws()
		if p.i >= len(p.s) {
			return nil, errors.New("CRS definition ends inside a bracket")
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case closing:
			p.i++
			return n, nil
		default:
			return nil, fmt.Errorf("unexpected %q in the CRS definition", p.s[p.i])
		}
	}
}

// ParseWKT reads a CRS from Well-Known Text: a Shapefile's .prj (WKT 1 in
// ESRI's form), a GeoPackage SRS definition (WKT 1 or 2). A code in the
// text that EPSG knows and this package converts wins over the
// parameters; otherwise the datum and projection are read from them.
func ParseWKT(s string) (*CRS, error) {
	root, err := parseWKT(strings.TrimSpace(strings.TrimPrefix(s, "\uFEFF")))
	if err != nil {
		return nil, fmt.Errorf("cannot read the CRS: %v", err)
	}
	if root.key == "BOUNDCRS" {
		// A CRS with its transformation to WGS 84 beside it: the source CRS
		// is read as if alone, with its datum's own shift.
		if src := root.child("SOURCECRS"); src != nil && len(src.kids) > 0 {
			root = src.kids[0]
		}
	}
	if root.key == "COMPD_CS" || root.key == "COMPOUNDCRS" {
		// A horizontal CRS with heights: the map needs the first.
		if len(root.kids) == 0 {
			return nil, &UnsupportedError{Name: root.name()}
		}
		root = root.kids[0]
	}
	name := root.name()
	if code := authorityCode(root); code != 0 {
		if c, err := EPSG(code); err == nil {
			return c, nil
		}
	}
	switch root.key {
	case "GEOGCS", "GEOGCRS", "GEOGRAPHICCRS", "GEODCRS", "GEODETICCRS", "BASEGEOGCRS", "BASEGEODCRS":
		d, err := wktDatum(root, name)
		if err != nil {
			return nil, err
		}
		if root.child("CS") != nil && strings.EqualFold(root.child("CS").name(), "Cartesian") {
			return nil, &UnsupportedError{Name: name, Reason: "earth-centred X, Y, Z"}
		}
		c := Geographic(name, d)
		if u := root.child("UNIT", "ANGLEUNIT"); u != nil {
			if f, ok := u.num(0); ok && f > 0 {
				c.unit = f / deg
			}
		}
		if math.Abs(c.unit-1) < 1e-9 {
			c.unit = 1
		}
		if pm, ok := primeMeridian(root); ok && pm != 0 {
			return nil, &UnsupportedError{Name: name, Reason: fmt.Sprintf("prime meridian at %g°", pm)}
		}
		return c, nil
	case "PROJCS", "PROJCRS", "PROJECTEDCRS":
		return wktProjected(root, name)
	}
	return nil, &UnsupportedError{Name: nameOr(name, root.key)}
}

func nameOr(name, alt string) string {
	if name != "" {
		return name
	}
	return alt
}

// authorityCode is an EPSG code on the CRS itself: AUTHORITY["EPSG","32639"]
// (WKT 1) or ID["EPSG",32639] (WKT 2). 0 when there is none.
func authorityCode(n *node) int {
	a := n.child("AUTHORITY", "ID")
	if a == nil || len(a.strs) == 0 || !strings.EqualFold(a.strs[0], "EPSG") {
		return 0
	}
	if len(a.strs) > 1 {
		if v, err := strconv.Atoi(a.strs[1]); err == nil {
			return v
		}
	}
	if v, ok := a.num(0); ok && v == math.Trunc(v) && v > 0 && v < 1e7 {
		return int(v)
	}
	return 0
}

func primeMeridian(n *node) (float64, bool) {
	pm := n.child("PRIMEM", "PRIMEMERIDIAN")
	return pm.num(0)
}

// datumNames are normalised names (lower case, letters and digits only)
// of the datums the package knows.
var datumNames = map[string]Datum{
	"wgs1984": WGS84Datum, "dwgs1984": WGS84Datum, "wgs84": WGS84Datum,
	"worldgeodeticsystem1984": WGS84Datum, "worldgeodeticsystem1984ensemble": WGS84Datum,
	"europeanterrestrialreferencesystem1989": ETRS89Datum, "detrs1989": ETRS89Datum, "etrs89": ETRS89Datum,
	"europeanterrestrialreferencesystem1989ensemble": ETRS89Datum,
	"pulkovo1942": Pulkovo1942Datum, "dpulkovo1942": Pulkovo1942Datum,
}

func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// wktDatum reads the datum of a geographic CRS node.
func wktDatum(g *node, crsName string) (Datum, error) {
	dn := g.child("DATUM", "GEODETICDATUM", "TRF", "ENSEMBLE")
	if dn == nil {
		return Datum{}, &UnsupportedError{Name: crsName, Reason: "no datum"}
	}
	sph := dn.child("SPHEROID", "ELLIPSOID")
	if sph == nil {
		sph = g.child("ELLIPSOID") // WKT 2 ensembles put it beside the members
	}
	var el Ellipsoid
	if a, ok := sph.num(0); ok {
		el.A = a
		if inv, ok := sph.num(1); ok && inv != 0 {
			el.F = 1 / inv
		}
	}
	if tw := dn.child("TOWGS84"); tw != nil && len(tw.nums) >= 3 {
		var p [7]float64
		copy(p[:], tw.nums)
		d := Datum{Name: dn.name(), Ellipsoid: el, Shift: &p}
		if p == [7]float64{} {
			d.Shift = nil // a null shift: the datum is WGS84's equal
		}
		if el.A <= 0 {
			return Datum{}, &UnsupportedError{Name: crsName, Reason: "no ellipsoid"}
		}
		return d, nil
	}
	if known, ok := datumNames[normName(dn.name())]; ok {
		return known, nil
	}
	if el == WGS84Ellipsoid || (el.A == WGS84Ellipsoid.A && math.Abs(el.F-WGS84Ellipsoid.F) < 1e-12) {
		// An unnamed datum on the WGS84 ellipsoid (GDAL's "unknown" from a
		// PROJ string): taken as WGS84.
		return Datum{Name: dn.name(), Ellipsoid: WGS84Ellipsoid}, nil
	}
	return Datum{}, &UnsupportedError{Name: crsName, Reason: fmt.Sprintf("datum %q with no known shift to WGS 84", dn.name())}
}

// params collects a projected CRS's parameters by normalised name.
func params(n *node) map[string]float64 {
	out := map[string]float64{}
	add := func(k *node) {
		if v, ok := k.num(0); ok && len(k.strs) > 0 {
			out[normName(k.strs[0])] = v
		}
	}
	for _, k := range n.kids {
		switch k.key {
		case "PARAMETER":
			add(k)
		case "CONVERSION", "DERIVINGCONVERSION":
			for _, kk := range k.kids {
				if kk.key == "PARAMETER" {
					add(kk)
				}
			}
		}
	}
	return out
}

// param finds the first of names present (normalised), else def.
func param(p map[string]float64, def float64, names ...string) float64 {
	for _, n := range names {
		if v, ok := p[n]; ok {
			return v
		}
	}
	return def
}

func wktProjected(root *node, name string) (*CRS, error) {
	geog := root.child("GEOGCS", "BASEGEOGCRS", "BASEGEODCRS", "GEOGCRS")
	if geog == nil {
		return nil, &UnsupportedError{Name: name, Reason: "no geographic base"}
	}
	method := ""
	if pr := root.child("PROJECTION"); pr != nil {
		method = pr.name()
	} else if conv := root.child("CONVERSION", "DERIVINGCONVERSION"); conv != nil {
		method = conv.child("METHOD", "PROJECTION").name()
	}
	if !knownMethods[normName(method)] {
		if method == "" {
			return nil, &UnsupportedError{Name: name, Reason: "no projection method"}
		}
		return nil, &UnsupportedError{Name: name, Reason: fmt.Sprintf("the %s projection", strings.ReplaceAll(method, "_", " "))}
	}
	d, err := wktDatum(geog, name)
	if err != nil {
		return nil, err
	}
	if pm, ok := primeMeridian(geog); ok && pm != 0 {
		return nil, &UnsupportedError{Name: name, Reason: fmt.Sprintf("prime meridian at %g°", pm)}
	}
	p := params(root)
	lon0 := param(p, 0, "centralmeridian", "longitudeofnaturalorigin", "longitudeoforigin", "longitudeoffalseorigin", "longitudeofcenter")
	lat0 := param(p, 0, "latitudeoforigin", "latitudeofnaturalorigin", "latitudeoffalseorigin", "latitudeofcenter")
	k0 := param(p, 1, "scalefactor", "scalefactoratnaturalorigin")
	fe := param(p, 0, "falseeasting", "eastingatfalseorigin")
	fn := param(p, 0, "falsenorthing", "northingatfalseorigin")
	unit := 1.0
	if u := root.child("UNIT", "LENGTHUNIT"); u != nil {
		if f, ok := u.num(0); ok && f > 0 {
			unit = f
		}
	}
	// WKT 1 gives false easting and northing in the CRS's unit, WKT 2 in
	// the unit of each parameter; both are metres in every file we read
	// but US-foot ones, where WKT 1 is the form in use.
	if root.key == "PROJCS" {
		fe, fn = fe*unit, fn*unit
	}
	var c *CRS
	switch m := normName(method); m {
	case "transversemercator", "gausskruger":
		c = TransverseMercator(name, d, lon0, lat0, k0, fe, fn)
	case "mercatorauxiliarysphere", "popularvisualisationpseudomercator", "mercator1spspherical", "googlemercator":
		c = WebMercator()
		c.Name, c.Code = name, 0
		c.proj.(*mercator).fe, c.proj.(*mercator).fn = fe, fn
		c.proj.(*mercator).lam0 = lon0 * deg
	case "mercator1sp", "mercatorvarianta", "mercator":
		if lat1, ok := p["standardparallel1"]; ok {
			k0 = mercatorScale(d.Ellipsoid, lat1)
		}
		if sphericalMercator(root) {
			c = WebMercator()
			c.Name, c.Code = name, 0
			break
		}
		c = Mercator(name, d, lon0, k0, fe, fn)
	case "mercator2sp", "mercatorvariantb":
		c = Mercator(name, d, lon0, mercatorScale(d.Ellipsoid, param(p, 0, "standardparallel1", "latitudeof1ststandardparallel")), fe, fn)
	case "lambertconformalconic2sp", "lambertconformalconic", "lambertconicconformal2sp":
		lat1 := param(p, lat0, "standardparallel1", "latitudeof1ststandardparallel")
		lat2 := param(p, lat1, "standardparallel2", "latitudeof2ndstandardparallel")
		if m == "lambertconformalconic" && len(p) > 0 {
			if _, two := p["standardparallel2"]; !two {
				lat1, lat2 = lat0, lat0 // ESRI's one-parallel form
			}
		}
		c = LambertConformalConic(name, d, lon0, lat0, lat1, lat2, k0, fe, fn)
	case "lambertconformalconic1sp", "lambertconicconformal1sp":
		c = LambertConformalConic(name, d, lon0, lat0, lat0, lat0, k0, fe, fn)
	}
	c.unit = unit
	if math.Abs(c.unit-1) < 1e-12 {
		c.unit = 1
	}
	return c, nil
}

// knownMethods are the projection methods wktProjected converts, by
// normalised name (ESRI, OGC WKT 1 and WKT 2 spellings).
var knownMethods = map[string]bool{
	"transversemercator": true, "gausskruger": true,
	"mercatorauxiliarysphere": true, "popularvisualisationpseudomercator": true, "mercator1spspherical": true, "googlemercator": true,
	"mercator1sp": true, "mercatorvarianta": true, "mercator": true, "mercator2sp": true, "mercatorvariantb": true,
	"lambertconformalconic2sp": true, "lambertconformalconic": true, "lambertconicconformal2sp": true,
	"lambertconformalconic1sp": true, "lambertconicconformal1sp": true,
}

// sphericalMercator reports GDAL's WKT 1 spelling of Web Mercator:
// Mercator_1SP on WGS84 with a PROJ string saying the sphere is meant.
func sphericalMercator(root *node) bool {
	ext := root.child("EXTENSION")
	if ext == nil || len(ext.strs) < 2 || !strings.EqualFold(ext.strs[0], "PROJ4") {
		return false
	}
	return strings.Contains(ext.strs[1], "+b=6378137 ") || strings.HasSuffix(ext.strs[1], "+b=6378137")
}

// mercatorScale is the equator scale of a Mercator true at latitude lat1.
func mercatorScale(e Ellipsoid, lat1 float64) float64 {
	s, c := math.Sincos(lat1 * deg)
	return c / math.Sqrt(1-e.e2()*s*s)
}
