package load

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/geo/crs"
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
	// Bounds holds each feature's bounds, aligned with Features (zero for a
	// null geometry). The decoder tracks them while it reads the positions,
	// which is free; orb's Bound() over the 107 MB benchmark layer costs
	// 45 ms afterwards, most of what a renderer's spatial index needs.
	Bounds   []orb.Bound
	Warnings []string
	// Members holds the top-level foreign members ("name", "attribution"),
	// which the embedded layers use for their titles.
	Members map[string]any
	// Props holds the features' properties when Options.LazyProperties
	// was set (the features' own Properties are nil then); nil otherwise.
	Props *Props
	// Fields names the attributes in the file's order, for readers whose
	// files have columns (Shapefile, GeoPackage, CSV, KML schemas); nil
	// for GeoJSON, whose properties are per feature.
	Fields []string
}

// Options steer a long load: a progress report and a way to stop.
type Options struct {
	// Progress, when set, is called now and then with the fraction of the
	// file read (0..1), from the loading goroutine.
	Progress func(fraction float64)
	// Cancel, when closed, stops the load with ErrCancelled.
	Cancel <-chan struct{}
	// LazyProperties keeps the features' properties as text in
	// Result.Props instead of a map per feature (see Props): for files
	// of many small features, where the maps would take several times
	// the file's size.
	LazyProperties bool
	// Named says the file was named by another file (a project naming
	// its layers, a flows CSV naming a route file) rather than chosen by
	// the user: messages then quote none of its content, as it may be any
	// readable file.
	Named bool
}

// ErrCancelled is returned when Options.Cancel was closed during a load.
var ErrCancelled = errors.New("load cancelled")

// GeoJSON parses data, read from file (the name is used only in messages).
func GeoJSON(file string, data []byte) (*Result, error) {
	return GeoJSONWith(file, data, Options{})
}

// GeoJSONWith is GeoJSON with progress reports and cancellation.
func GeoJSONWith(file string, data []byte, opt Options) (*Result, error) {
	return decode(file, data, opt, nil)
}

// decode parses data; release, when set, is told what has been read (see
// decoder.release).
func decode(file string, data []byte, opt Options, release func(from, to int)) (*Result, error) {
	res := &Result{}
	base := 0
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return nil, &Error{File: file, Offset: -1, Msg: "empty file: expected a GeoJSON object"}
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}), bytes.HasPrefix(data, []byte{0xFF, 0xFE}),
		len(data) >= 2 && (data[0] == 0 || data[1] == 0):
		return nil, &Error{File: file, Offset: 0, Msg: "text is UTF-16 (or binary), not UTF-8: GeoJSON must be UTF-8 (RFC 7946 §11)"}
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		base = 3
		res.Warnings = append(res.Warnings, "UTF-8 byte-order mark ignored")
	}
	d := newDecoder(data[base:], res)
	d.opt = opt
	d.base = base
	d.release = release
	d.lazy = opt.LazyProperties
	d.s.quiet = opt.Named
	ok := d.top()
	if !ok && d.rangeFail && bytes.Contains(data, []byte(`"crs"`)) {
		// Coordinates out of degree range, and a "crs" member may come
		// after them: read again taking positions as they are, and check
		// or convert them once the CRS is known.
		res = &Result{Warnings: res.Warnings}
		d = newDecoder(data[base:], res)
		d.opt, d.lenient = opt, true
		d.base, d.release, d.lazy, d.s.quiet = base, release, opt.LazyProperties, opt.Named
		ok = d.top()
	}
	if d.cancelled {
		return nil, ErrCancelled
	}
	if ok {
		if d.s.ws(); d.s.i < len(d.s.d) {
			ok = d.s.fail(d.s.i, "unexpected data after the GeoJSON object")
		}
	}
	if !ok {
		return nil, errAt(file, data, int64(d.s.err.off+base), "%s", d.s.err.msg)
	}
	d.finish()
	if d.lenient || (d.crs != nil && !d.crs.IsWGS84()) {
		name := func(i int) string { return fmt.Sprintf("feature %d", i+1) }
		if len(res.Features) == 1 && d.featureCount == 0 {
			name = func(int) string { return "geometry" }
		}
		if err := reproject(file, res, d.crs, name); err != nil {
			return nil, err
		}
	}
	if opt.Progress != nil {
		opt.Progress(1)
	}
	return res, nil
}

type decoder struct {
	s   scanner
	res *Result
	// where the decoder is, for messages: the feature's number (1-based,
	// 0 outside features) and id.
	feature   int
	featureID string
	closed    int
	nullGeoms int
	// bounds of every position read, kept while parsing so no second pass
	// over the coordinates is needed.
	min, max orb.Point
	// bounds of each feature read so far, and of the last one.
	feats  chunks[*geojson.Feature]
	bounds chunks[orb.Bound]
	last   orb.Bound
	// scratch holds the positions of the array being read, so each ring
	// gets one exact allocation instead of append's doublings.
	scratch   []orb.Point
	opt       Options
	cancelled bool
	// base is the offset of s.d in the file (after a byte-order mark).
	base int
	// lazy keeps properties as text in pb (Options.LazyProperties).
	lazy bool
	pb   propsBuilder
	// slab hands out features from blocks: one allocation per block
	// rather than per feature, for files of millions of points.
	slab []geojson.Feature
	// release, when set, is told the bytes of the file read so far
	// (from, to) that will not be read again unless the file is at fault:
	// a mapped file gives their memory back (see File).
	release  func(from, to int)
	released int
	// crs is the file's "crs" member (nil: none). lenient takes positions
	// without the degree range check, for a CRS that is not WGS84; they
	// are converted and checked after the read.
	crs          *crs.CRS
	lenient      bool
	rangeFail    bool
	featureCount int // features read in a FeatureCollection
}

// newFeature returns a zeroed feature from the decoder's current block.
func (d *decoder) newFeature() *geojson.Feature {
	if len(d.slab) == 0 {
		d.slab = make([]geojson.Feature, featureBlock)
	}
	f := &d.slab[0]
	d.slab = d.slab[1:]
	f.Type = "Feature"
	return f
}

// featureBlock is how many features one allocation holds.
const featureBlock = 256

// checkpoint reports progress and notices cancellation; it is called
// between features, every 64 of them.
func (d *decoder) checkpoint() bool {
	if d.opt.Cancel != nil {
		select {
		case <-d.opt.Cancel:
			d.cancelled = true
			return d.s.fail(d.s.i, "cancelled")
		default:
		}
	}
	if d.opt.Progress != nil {
		d.opt.Progress(float64(d.s.i) / float64(len(d.s.d)))
	}
	d.releaseRead()
	return true
}

// releaseRead hands back what was read before the feature about to be
// read, in steps of releaseStep bytes.
func (d *decoder) releaseRead() {
	if d.release != nil && d.s.i-d.released >= releaseStep {
		d.release(d.released+d.base, d.s.i+d.base)
		d.released = d.s.i
	}
}

// releaseStep is how much of a mapped file is read between two
// releases.
const releaseStep = 4 << 20

func newDecoder(data []byte, res *Result) *decoder {
	return &decoder{s: scanner{d: data}, res: res,
		min: orb.Point{math.Inf(1), math.Inf(1)}, max: orb.Point{math.Inf(-1), math.Inf(-1)}}
}

// where names the current feature for messages.
func (d *decoder) where() string {
	switch {
	case d.feature == 0:
		return "geometry"
	case d.featureID != "" && !d.s.quiet:
		return fmt.Sprintf("feature %d (id %s)", d.feature, d.s.text(d.featureID))
	}
	return fmt.Sprintf("feature %d", d.feature)
}

// place is where in the file an object is, for messages: its prefix
// is built only when there is a fault to report.
type place int

const (
	atTop place = iota
	atFeature
	atGeometry
)

func (d *decoder) prefix(p place) string {
	switch p {
	case atFeature:
		return d.where() + ": "
	case atGeometry:
		return d.where() + ": geometry "
	}
	return "top level: "
}

// typeMember reads a "type" member's value, which must be a string.
func (d *decoder) typeMember(at int, p place) (string, bool) {
	if d.s.peek() != '"' {
		return "", d.s.fail(at, "%s\"type\" must be a string, found %s", d.prefix(p), d.s.kind())
	}
	// The names GeoJSON uses, without a new string for each.
	b := d.s.d[d.s.i+1:]
	for _, n := range typeNames {
		if len(b) > len(n) && b[len(n)] == '"' && string(b[:len(n)]) == n {
			d.s.i += len(n) + 2
			return n, true
		}
	}
	return d.s.str()
}

var typeNames = [...]string{"Feature", "Point", "Polygon", "MultiPolygon", "LineString", "MultiLineString", "MultiPoint", "GeometryCollection", "FeatureCollection"}

func (d *decoder) fail(off int, format string, args ...any) bool {
	return d.s.fail(off, d.where()+": "+format, args...)
}

func (d *decoder) top() bool {
	s := &d.s
	if c := s.peek(); c != '{' {
		switch {
		case c == 0:
			return s.eof()
		case c == 't' || c == 'f' || c == 'n':
			at := s.i
			if _, ok := s.literal(); !ok {
				return false // not even JSON: the literal's message says so
			}
			s.i = at
		case c != '[' && c != '"' && c != '-' && (c < '0' || c > '9'):
			return s.fail(s.i, "invalid JSON: unexpected %s at the start", s.word(s.d[s.i:]))
		}
		return s.fail(s.i, "top level: expected a JSON object, found %s", s.kind())
	}
	var (
		typ          string
		hasFeatures  bool
		feats        []*geojson.Feature
		geom         orb.Geometry
		coordsAt     = -1
		geomsAt      = -1
		props        = geojson.Properties{}
		propsRaw     []byte
		id           any
		members      = map[string]any{}
		topTypeKnown bool
		seen         memberSet
	)
	ok := s.object(func(key []byte, at int) bool {
		if !seen.add(d, key, at, atTop) {
			return false
		}
		switch string(key) {
		case "type":
			var ok bool
			typ, ok = d.typeMember(at, atTop)
			topTypeKnown = true
			return ok
		case "features":
			hasFeatures = true
			if s.peek() != '[' {
				return s.fail(at, `"features" must be an array, found %s`, s.kind())
			}
			var ok bool
			feats, ok = d.features()
			return ok
		case "geometry":
			d.feature = 1
			g, ok := d.geometry()
			d.feature = 0
			geom = g
			return ok
		case "coordinates":
			coordsAt = at
			return s.skip()
		case "geometries":
			geomsAt = at
			return s.skip()
		case "properties":
			if d.lazy {
				var ok bool
				propsRaw, ok = d.propertiesText(at)
				return ok
			}
			var ok bool
			props, ok = d.properties(at)
			return ok
		case "id":
			var ok bool
			id, ok = d.id(at)
			return ok
		case "crs":
			v, ok := s.value()
			if !ok {
				return false
			}
			c, msg := d.crsMember(v)
			if msg != "" {
				return s.fail(at, "%s", msg)
			}
			d.crs = c
			if c != nil && !c.IsWGS84() {
				d.lenient = true
			}
			return true
		case "bbox":
			return d.bbox(at, atTop)
		}
		v, ok := s.value()
		members[string(key)] = v // a foreign member: every value is read and checked; the last one is kept
		return ok
	})
	if !ok {
		return false
	}
	switch {
	case !topTypeKnown:
		return s.fail(0, `top level: missing "type" member: not GeoJSON`)
	case typ == "FeatureCollection":
		if !hasFeatures {
			return s.fail(0, `FeatureCollection has no "features" member`)
		}
		d.res.Features = feats
		d.featureCount = len(feats)
		d.res.Bounds = d.bounds.slice()
		d.res.Members = members
		if len(feats) == 0 {
			d.res.Warnings = append(d.res.Warnings, "empty FeatureCollection: the layer has no features")
		}
	case typ == "Feature":
		if geom == nil {
			d.nullGeoms++
		}
		f := &geojson.Feature{Type: "Feature", ID: id, Geometry: geom, Properties: props}
		if d.lazy {
			f.Properties = nil
			d.pb.add(propsRaw)
		}
		d.res.Features = []*geojson.Feature{f}
	default:
		save := s.i
		g, ok := d.build(typ, coordsAt, geomsAt, 0)
		s.i = save
		if !ok {
			return false
		}
		f := geojson.NewFeature(g)
		if d.lazy {
			f.Properties = nil
			d.pb.add(nil)
		}
		d.res.Features = []*geojson.Feature{f}
	}
	return true
}

// crsMember reads the pre-RFC 7946 "crs" member: a named CRS
// ({"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32639"}}) or
// the 2008 spec's EPSG form ({"type":"EPSG","properties":{"code":32639}}).
// It returns the CRS (nil for a null member) or the refusal.
func (d *decoder) crsMember(v any) (*crs.CRS, string) {
	if v == nil {
		return nil, ""
	}
	m, _ := v.(map[string]any)
	p, _ := m["properties"].(map[string]any)
	var c *crs.CRS
	var err error
	switch name, _ := p["name"].(string); {
	case name != "":
		c, err = crs.ParseName(name)
	case m["type"] == "EPSG":
		code, _ := p["code"].(float64)
		if code != math.Trunc(code) || code <= 0 || code > 1e7 {
			return nil, `"crs" member: the EPSG code is not a number`
		}
		c, err = crs.EPSG(int(code))
	default:
		return nil, `unsupported "crs" member: only a CRS named by an EPSG code or OGC's CRS84 is understood`
	}
	var ue *crs.UnsupportedError
	switch {
	case errors.As(err, &ue):
		// The name is shown as any text from the file is (see scanner.text).
		r := ""
		if ue.Reason != "" {
			r = " (" + ue.Reason + ")"
		}
		return nil, fmt.Sprintf("coordinates are in CRS %s%s, which Corridor Atlas cannot convert; reproject to WGS 84 (EPSG:4326) first", d.s.text(shortCRS(ue.Name)), r)
	case err != nil:
		return nil, err.Error()
	}
	return c, ""
}

// shortCRS shortens a CRS name for a message: "urn:ogc:def:crs:EPSG::27700"
// is "EPSG:27700".
func shortCRS(name string) string {
	u := strings.ToUpper(name)
	if i := strings.LastIndex(u, "EPSG:"); i >= 0 {
		code := strings.TrimLeft(u[i+5:], ":")
		if code != "" && strings.Trim(code, "0123456789") == "" && len(code) <= 6 {
			return "EPSG:" + code
		}
	}
	return name
}

// memberSet is the GeoJSON members an object has had so far: each may
// appear once. JSON leaves repeated names undefined and readers differ
// (the first wins in one, the last in another), so a file that repeats
// "coordinates" or "type" means different things to different programs.
type memberSet uint16

// geojsonMembers are the members memberSet tracks; foreign members and
// property keys may repeat (every value is checked, the last is kept).
var geojsonMembers = [...]string{"type", "features", "geometry", "coordinates", "geometries", "properties", "id", "crs", "bbox"}

// add records key at offset at, refusing a GeoJSON member seen before.
func (m *memberSet) add(d *decoder, key []byte, at int, p place) bool {
	for i, name := range geojsonMembers {
		if string(key) != name {
			continue
		}
		if *m&(1<<i) != 0 {
			return d.s.fail(at, "%s%q appears twice: each member may be given once", d.prefix(p), name)
		}
		*m |= 1 << i
		return true
	}
	return true
}

// bbox checks a "bbox" member: 4 or 6 numbers (RFC 7946 §5). It is not
// used: the loader computes every bound from the coordinates.
func (d *decoder) bbox(at int, p place) bool {
	s := &d.s
	where := func() string { return d.prefix(p) }
	if s.peek() != '[' {
		return s.fail(at, `%s"bbox" must be an array of 4 or 6 numbers, found %s`, where(), s.kind())
	}
	n := 0
	ok := s.array(func(_, eat int) bool {
		n++
		if c := s.peek(); c != '-' && (c < '0' || c > '9') {
			return s.fail(eat, `%s"bbox" must be an array of 4 or 6 numbers, found %s in it`, where(), s.kind())
		}
		_, ok := s.number()
		return ok
	})
	if ok && n != 4 && n != 6 {
		return s.fail(at, `%s"bbox" must be an array of 4 or 6 numbers, found %d number(s)`, where(), n)
	}
	return ok
}

// features reads the "features" array. A big file is read by up to
// runtime.GOMAXPROCS(0) decoders at once: each further one starts at a
// feature that looks like it begins at its share of the file (see
// splitPoint) and reads until it arrives exactly at the next one's start,
// while this one reads from the start. A guess is only trusted when the
// decoder before it, reading in order, arrives exactly at it; otherwise
// the later results are dropped and the rest is read in order, so the
// outcome never depends on the guesses.
func (d *decoder) features() ([]*geojson.Feature, bool) {
	s := &d.s
	tails := d.startTails()
	// However this read ends, the decoders are done with the file before
	// the caller may unmap it.
	defer func() {
		for _, t := range tails {
			<-t.done
		}
	}()
	next := 0 // the next tail to take over
	skew := 0 // features read by the tails taken, beyond the one element each counts for
	ok := s.array(func(n, at int) bool {
		if next < len(tails) && at == tails[next].start {
			t := tails[next]
			<-t.done
			if t.d.s.err == nil {
				// The guess was right and its share is read: take it over.
				next++
				d.feats.take(&t.d.feats)
				d.bounds.take(&t.d.bounds)
				d.merge(t.d)
				d.pb.take(&t.d.pb)
				skew += t.count - 1
				s.i = t.end // at the "," before the next share, or the closing bracket
				if d.opt.Progress != nil {
					d.opt.Progress(float64(s.i) / float64(len(s.d)))
				}
				if !t.stopped {
					next = len(tails) // it read to the end
				}
				return true
			}
			// Its share has a fault: read it here, so the message counts
			// features from the start of the file.
			next = len(tails)
		}
		d.feature, d.featureID = n+1+skew, ""
		if n%64 == 0 && !d.checkpoint() {
			return false
		}
		f, ok := d.featureObject(at)
		if ok {
			d.feats.add(f)
			d.bounds.add(d.last)
		}
		return ok
	})
	d.feature, d.featureID = 0, ""
	if !ok {
		return nil, false
	}
	return d.feats.slice(), true
}

// tail is a decoder reading a share of the features array.
type tail struct {
	d       *decoder
	start   int  // where it starts: the guessed start of a feature
	stop    int  // the next share's start (−1: read to the end)
	end     int  // where the reader of the array goes on from
	stopped bool // it arrived exactly at stop
	count   int  // features read
	done    chan struct{}
}

// startTails starts the decoders of the later shares of a big array, the
// scanner being at its first element.
func (d *decoder) startTails() []*tail {
	s := &d.s
	rest := len(s.d) - s.i
	if rest < parallelMin {
		return nil
	}
	k := min(runtime.GOMAXPROCS(0), rest/(parallelMin/2))
	var starts []int
	prev := s.i
	for j := 1; j < k; j++ {
		if sp := splitPoint(s.d, s.i+rest*j/k); sp > prev {
			starts = append(starts, sp)
			prev = sp
		}
	}
	tails := make([]*tail, len(starts))
	for j, start := range starts {
		t := &tail{start: start, stop: -1, done: make(chan struct{})}
		if j+1 < len(starts) {
			t.stop = starts[j+1]
		}
		tails[j] = t
		td := newDecoder(s.d, &Result{})
		td.s.i, td.s.depth, td.s.quiet = start, s.depth+1, s.quiet
		td.lazy, td.base, td.released = d.lazy, d.base, start
		td.release, td.lenient = d.release, d.lenient
		t.d = td
		go func() {
			defer close(t.done)
			if d.release != nil {
				// A mapped file: see File.
				defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
				defer func() {
					if r := recover(); r != nil {
						td.s.err = &fault{off: td.s.i, msg: faultMessage(r)}
					}
				}()
			}
			t.read()
		}()
	}
	return tails
}

// parallelMin is the size from which reading a file in shares pays for
// another decoder: below it a file parses in a few milliseconds anyway.
const parallelMin = 8 << 20

// splitPoint guesses where a feature begins at or after from: the "{"
// before a "type":"Feature" member. It returns -1 when there is none.
func splitPoint(d []byte, from int) int {
	pat := []byte(`"Feature"`)
	for from < len(d) {
		k := bytes.Index(d[from:], pat)
		if k < 0 {
			return -1
		}
		at := from + k
		from = at + len(pat)
		// Walk back over `"type" :` to the object's opening brace.
		j := at - 1
		for j >= 0 && isSpace(d[j]) {
			j--
		}
		if j < 0 || d[j] != ':' {
			continue
		}
		j--
		for j >= 0 && isSpace(d[j]) {
			j--
		}
		if j < 5 || string(d[j-5:j+1]) != `"type"` {
			continue
		}
		j -= 6
		for j >= 0 && isSpace(d[j]) {
			j--
		}
		if j >= 0 && d[j] == '{' {
			return j
		}
	}
	return -1
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

// read reads the tail's features from its start to the next share's
// start, or to the end of the array.
func (t *tail) read() {
	d := t.d
	s := &d.s
	for n := 0; ; n++ {
		d.feature, d.featureID = n+1, ""
		s.ws()
		if n%64 == 0 {
			d.releaseRead()
		}
		f, ok := d.featureObject(s.i)
		if !ok {
			return
		}
		d.feats.add(f)
		d.bounds.add(d.last)
		t.count++
		switch s.peek() {
		case ',':
			t.end = s.i
			s.i++
			if t.stop >= 0 {
				s.ws()
				if s.i == t.stop {
					t.stopped = true
					return
				}
			}
		case ']':
			t.end = s.i
			return // left for the reader of the array to close
		case 0:
			s.eof()
			return
		default:
			s.fail(s.i, `invalid JSON: expected "," or "]" after an element, found %s`, s.show(s.d[s.i]))
			return
		}
	}
}

// merge adds the counts and bounds of a tail decoder to d.
func (d *decoder) merge(t *decoder) {
	d.closed += t.closed
	d.nullGeoms += t.nullGeoms
	d.min[0], d.min[1] = min(d.min[0], t.min[0]), min(d.min[1], t.min[1])
	d.max[0], d.max[1] = max(d.max[0], t.max[0]), max(d.max[1], t.max[1])
}

func (d *decoder) featureObject(at int) (*geojson.Feature, bool) {
	s := &d.s
	if s.peek() != '{' {
		return nil, d.fail(at, "expected a Feature object, found %s", s.kind())
	}
	f := d.newFeature()
	typ, hasType := "", false
	var seen memberSet
	var propsRaw []byte
	ok := s.object(func(key []byte, kat int) bool {
		if !seen.add(d, key, kat, atFeature) {
			return false
		}
		switch string(key) {
		case "type":
			var ok bool
			typ, ok = d.typeMember(kat, atFeature)
			hasType = true
			return ok
		case "id":
			id, ok := d.id(kat)
			f.ID = id
			if sid, isStr := id.(string); isStr {
				d.featureID = sid
			}
			return ok
		case "geometry":
			// The feature's own bounds: the running ones start afresh
			// for its positions and take in the file's so far after.
			lo, hi := d.min, d.max
			d.min, d.max = orb.Point{math.Inf(1), math.Inf(1)}, orb.Point{math.Inf(-1), math.Inf(-1)}
			g, ok := d.geometry()
			f.Geometry = g
			d.last = orb.Bound{}
			if g != nil && d.min[0] <= d.max[0] {
				d.last = orb.Bound{Min: d.min, Max: d.max}
			}
			d.min[0], d.min[1] = min(d.min[0], lo[0]), min(d.min[1], lo[1])
			d.max[0], d.max[1] = max(d.max[0], hi[0]), max(d.max[1], hi[1])
			return ok
		case "properties":
			if d.lazy {
				var ok bool
				propsRaw, ok = d.propertiesText(kat)
				return ok
			}
			p, ok := d.properties(kat)
			f.Properties = p
			return ok
		case "bbox":
			return d.bbox(kat, atFeature)
		}
		return s.skip()
	})
	if !ok {
		return nil, false
	}
	if !hasType || typ != "Feature" {
		got := "none"
		if hasType {
			got = d.s.text(typ)
		}
		return nil, d.fail(at, `type must be "Feature", found %s`, got)
	}
	if d.lazy {
		d.pb.add(propsRaw)
	} else if f.Properties == nil {
		f.Properties = geojson.Properties{}
	}
	if f.Geometry == nil {
		d.nullGeoms++
	}
	return f, true
}

func (d *decoder) id(at int) (any, bool) {
	s := &d.s
	switch c := s.peek(); {
	case c == '"':
		return s.str()
	case c == '-' || (c >= '0' && c <= '9'):
		return s.number()
	case c == 'n':
		_, ok := s.literal()
		return nil, ok
	}
	return nil, d.fail(at, "id must be a string or a number, found %s", s.kind())
}

// propertiesText checks a properties member and returns its object's
// text (nil for null), noting its keys, for Props.
func (d *decoder) propertiesText(at int) ([]byte, bool) {
	s := &d.s
	switch s.peek() {
	case 'n':
		_, ok := s.literal()
		return nil, ok
	case '{':
		start := s.i
		ok := s.object(func(key []byte, _ int) bool {
			d.pb.key(key)
			return s.skip()
		})
		return s.d[start:s.i], ok
	}
	return nil, d.fail(at, "properties must be an object or null, found %s", s.kind())
}

func (d *decoder) properties(at int) (geojson.Properties, bool) {
	s := &d.s
	switch s.peek() {
	case 'n':
		_, ok := s.literal()
		return geojson.Properties{}, ok
	case '{':
		v, ok := s.value()
		m, _ := v.(map[string]any)
		return geojson.Properties(m), ok
	}
	return nil, d.fail(at, "properties must be an object or null, found %s", s.kind())
}

// geometry reads a geometry object or null. Coordinates are parsed
// straight into orb types when "type" comes first, as it nearly always
// does; otherwise they are skipped and read again once the type is known.
func (d *decoder) geometry() (orb.Geometry, bool) {
	s := &d.s
	at := s.i
	switch s.peek() {
	case 'n':
		_, ok := s.literal()
		return nil, ok
	case '{':
	default:
		return nil, d.fail(at, "geometry must be an object or null, found %s", s.kind())
	}
	typ, hasType := "", false
	var g orb.Geometry
	parsed := false
	coordsAt, geomsAt := -1, -1
	var seen memberSet
	ok := s.object(func(key []byte, kat int) bool {
		if !seen.add(d, key, kat, atGeometry) {
			return false
		}
		switch string(key) {
		case "type":
			var ok bool
			typ, ok = d.typeMember(kat, atGeometry)
			hasType = true
			return ok
		case "coordinates", "geometries":
			if string(key) == "coordinates" {
				coordsAt = kat
			} else {
				geomsAt = kat
			}
			isColl := typ == "GeometryCollection"
			if !hasType || parsed || isColl != (string(key) == "geometries") {
				return s.skip()
			}
			var ok bool
			g, ok = d.build(typ, coordsAt, geomsAt, at)
			parsed = ok
			return ok
		case "bbox":
			return d.bbox(kat, atGeometry)
		}
		return s.skip()
	})
	if !ok {
		return nil, false
	}
	if !hasType {
		return nil, d.fail(at, `geometry has no "type"`)
	}
	if parsed {
		return g, true
	}
	// The coordinates came before the type: go back for them.
	save := s.i
	g, ok = d.build(typ, coordsAt, geomsAt, at)
	s.i = save
	return g, ok
}

// build reads the coordinates (or member geometries) of a geometry of
// type typ. coordsAt and geomsAt are the offsets of those members' values
// (-1 when absent); the scanner must be at one of them or they are read
// from there.
func (d *decoder) build(typ string, coordsAt, geomsAt, at int) (orb.Geometry, bool) {
	s := &d.s
	switch typ {
	case "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon":
		if coordsAt < 0 {
			return nil, d.fail(at, "%s has no coordinates", typ)
		}
		s.i = coordsAt
		if s.peek() == 'n' {
			return nil, d.fail(coordsAt, "%s has no coordinates", typ)
		}
	case "GeometryCollection":
		col := orb.Collection{}
		if geomsAt < 0 {
			return col, true
		}
		s.i = geomsAt
		if s.peek() != '[' {
			return nil, d.fail(geomsAt, `"geometries" must be an array, found %s`, s.kind())
		}
		ok := s.array(func(int, int) bool {
			g, ok := d.geometry()
			if ok && g != nil {
				col = append(col, g)
			}
			return ok
		})
		return col, ok
	case "Feature", "FeatureCollection":
		return nil, d.fail(at, "a %s cannot be a geometry", typ)
	default:
		return nil, d.fail(at, "unknown geometry type %s", d.s.text(typ))
	}
	switch typ {
	case "Point":
		return d.position(typ)
	case "MultiPoint":
		pts, ok := d.positions(typ, nil)
		return orb.MultiPoint(pts), ok
	case "LineString":
		return d.line(typ)
	case "MultiLineString":
		mls := orb.MultiLineString{}
		ok := d.list(typ, func() bool {
			ls, ok := d.line(typ)
			mls = append(mls, ls)
			return ok
		})
		return mls, ok
	case "Polygon":
		return d.polygon(typ)
	default: // MultiPolygon
		mp := orb.MultiPolygon{}
		ok := d.list(typ, func() bool {
			p, ok := d.polygon(typ)
			mp = append(mp, p)
			return ok
		})
		return mp, ok
	}
}

// list reads an array whose elements elem reads.
func (d *decoder) list(typ string, elem func() bool) bool {
	s := &d.s
	if s.peek() != '[' {
		return d.fail(s.i, "%s coordinates have the wrong shape: expected an array, found %s", typ, s.kind())
	}
	return s.array(func(int, int) bool { return elem() })
}

// position reads [lon, lat(, alt...)], checking the ranges. Altitudes and
// any further elements are dropped.
func (d *decoder) position(typ string) (orb.Point, bool) {
	s := &d.s
	at := s.i
	if s.peek() != '[' {
		return orb.Point{}, d.fail(at, "%s coordinates have the wrong shape: expected a position [longitude, latitude], found %s", typ, s.kind())
	}
	s.i++
	var v [2]float64
	n := 0
	for {
		c := s.peek()
		if c == ']' && n == 0 {
			break
		}
		if c == 0 {
			return orb.Point{}, s.eof()
		}
		if c != '-' && (c < '0' || c > '9') {
			if c == '"' || c == 't' || c == 'f' || c == 'n' || c == '[' || c == '{' {
				return orb.Point{}, d.fail(s.i, "%s coordinates have a non-numeric value (%s)", typ, s.kind())
			}
			return orb.Point{}, d.fail(s.i, "invalid JSON: %s is not a number", s.word(s.d[s.i:]))
		}
		f, ok := s.number()
		if !ok {
			s.err.msg = d.where() + ": " + typ + ": " + s.err.msg
			return orb.Point{}, false
		}
		if n < 2 {
			v[n] = f
		}
		n++
		c = s.peek()
		if c == ',' {
			s.i++
			continue
		}
		if c == ']' {
			break
		}
		if c == 0 {
			return orb.Point{}, s.eof()
		}
		return orb.Point{}, d.fail(s.i, `invalid JSON: expected "," or "]" in a position, found %s`, s.show(c))
	}
	s.i++
	if n < 2 {
		return orb.Point{}, d.fail(at, "%s: a position needs longitude and latitude, found %d number(s)", typ, n)
	}
	if !d.lenient {
		if v[0] < -180 || v[0] > 180 {
			d.rangeFail = true
			d.fail(at, "%s: longitude %s is outside -180..180 (are the coordinates projected, or lat/lon swapped?)", typ, s.num(v[0]))
			s.err.coords = true
			return orb.Point{}, false
		}
		if v[1] < -90 || v[1] > 90 {
			d.rangeFail = true
			d.fail(at, "%s: latitude %s is outside -90..90 (are the coordinates projected, or lat/lon swapped?)", typ, s.num(v[1]))
			s.err.coords = true
			return orb.Point{}, false
		}
	}
	d.min[0], d.min[1] = min(d.min[0], v[0]), min(d.min[1], v[1])
	d.max[0], d.max[1] = max(d.max[0], v[0]), max(d.max[1], v[1])
	return orb.Point(v), true
}

// positions reads an array of positions, appending to out.
func (d *decoder) positions(typ string, out []orb.Point) ([]orb.Point, bool) {
	s := &d.s
	if s.peek() != '[' {
		return nil, d.fail(s.i, "%s coordinates have the wrong shape: expected an array of positions, found %s", typ, s.kind())
	}
	s.i++
	if !s.enter() {
		return nil, false
	}
	defer s.leave()
	if s.peek() == ']' {
		s.i++
		return out, true
	}
	buf := d.scratch[:0]
	big := false // buf is the result itself, sized by counting the rest
	for {
		p, ok := d.position(typ)
		if !ok {
			return nil, false
		}
		buf = append(buf, p)
		if len(buf)&(bigArray-1) == 0 {
			if !big {
				// A huge array (one MultiPoint of millions): count what
				// is left and read straight into an array of that size,
				// rather than grow the scratch to it and copy (three
				// times the array at the peak).
				if n := countRest(s.d, s.i); n >= 0 {
					exact := make([]orb.Point, len(buf), len(buf)+n+1) // +1: a ring's closing point
					copy(exact, buf)
					buf, big = exact, true
				}
			}
			d.releaseRead() // the part of a mapped file read so far
		}
		switch s.peek() {
		case ',':
			s.i++
		case ']':
			s.i++
			if big && out == nil {
				return buf, true
			}
			d.scratch = buf
			return append(out, buf...), true
		case 0:
			return nil, s.eof()
		default:
			return nil, d.fail(s.i, `invalid JSON: expected "," or "]" after a position, found %s`, s.show(s.d[s.i]))
		}
	}
}

// bigArray is the length (a power of two) from which an array of
// positions is read into an array sized by counting the rest.
const bigArray = 1 << 20

// countRest counts the elements of an array after the one that ends at
// d[i] (a "," or the closing "]"), or returns -1 when the array holds
// anything but nested arrays and numbers: it is a size to allocate, and
// the parse checks everything.
func countRest(d []byte, i int) int {
	n, depth := 0, 0
	for ; i < len(d); i++ {
		switch d[i] {
		case '[':
			depth++
		case ']':
			if depth == 0 {
				return n
			}
			depth--
		case ',':
			if depth == 0 {
				n++
			}
		case '"', '{', '}':
			return -1
		}
	}
	return -1
}

func (d *decoder) line(typ string) (orb.LineString, bool) {
	at := d.s.i
	pts, ok := d.positions(typ, nil)
	if !ok {
		return nil, false
	}
	if len(pts) < 2 {
		return nil, d.fail(at, "%s: a LineString needs at least 2 positions, found %d", typ, len(pts))
	}
	return orb.LineString(pts), true
}

func (d *decoder) polygon(typ string) (orb.Polygon, bool) {
	at := d.s.i
	var poly orb.Polygon
	ok := d.list(typ, func() bool {
		rat := d.s.i
		pts, ok := d.positions(typ, nil)
		if !ok {
			return false
		}
		n := len(poly) + 1
		if len(pts) == 0 {
			return d.fail(rat, "%s: ring %d is empty", typ, n)
		}
		if !pts[0].Equal(pts[len(pts)-1]) {
			pts = append(pts, pts[0])
			d.closed++
		}
		if len(pts) < 4 {
			return d.fail(rat, "%s: ring %d has %d distinct positions; a ring needs at least 3", typ, n, len(pts)-1)
		}
		poly = append(poly, orb.Ring(pts))
		return true
	})
	if ok && len(poly) == 0 {
		return nil, d.fail(at, "%s: a polygon needs at least one ring", typ)
	}
	return poly, ok
}

func (d *decoder) finish() {
	res := d.res
	if d.closed > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d unclosed polygon ring(s) closed", d.closed))
	}
	if d.nullGeoms > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d feature(s) without geometry (kept, not drawn)", d.nullGeoms))
	}
	if d.min[0] <= d.max[0] {
		res.Bound = orb.Bound{Min: d.min, Max: d.max}
	}
	if len(res.Features) == 1 && res.Bounds == nil {
		res.Bounds = []orb.Bound{res.Bound} // a lone Feature or bare geometry (zero when null)
	}
	if d.lazy {
		res.Props = d.pb.props(res.Features)
	}
}
