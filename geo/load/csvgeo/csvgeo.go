package csvgeo

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkt"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/geo/crs"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// MaxRows bounds a table: each row becomes a feature of 500–700 bytes
// (measured: a million 19-byte rows take 0.7 GB while they load), so a
// file of many tiny rows would otherwise need tens of times its size in
// memory. Two million places are more than one map layer can show.
const MaxRows = 2_000_000

// Columns names the geometry columns by hand: Lat and Lon, or WKT. The
// zero value finds them by name.
type Columns struct {
	Lat, Lon, WKT string
}

// IsZero reports whether nothing was named.
func (c Columns) IsZero() bool { return c == Columns{} }

// Names of coordinate columns, normalised (see norm): English, Russian,
// Kazakh, German, French, Turkish, Azerbaijani.
var (
	latNames = []string{"lat", "latitude", "lat_dd", "latitude_dd", "decimal_latitude", "lat_wgs84", "wgs84_lat", "y_wgs84",
		"широта", "ендік", "breite", "breitengrad", "geogr_breite", "enlem", "enlik", "y", "point_y", "ycoord", "y_coord"}
	lonNames = []string{"lon", "lng", "long", "longitude", "lon_dd", "longitude_dd", "decimal_longitude", "lon_wgs84", "wgs84_lon", "x_wgs84",
		"долгота", "бойлық", "länge", "laenge", "längengrad", "laengengrad", "geogr_länge", "boylam", "uzunluq", "x", "point_x", "xcoord", "x_coord"}
	wktNames = []string{"wkt", "wkt_geom", "geometry", "geom", "the_geom", "shape", "geometrie", "геометрия", "geometriya"}
)

// norm makes a column name comparable: lower case, units in brackets
// dropped, runs of spaces, dots, dashes and underscores made one "_".
func norm(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "\uFEFF")))
	s = brackets.ReplaceAllString(s, "")
	s = strings.Trim(seps.ReplaceAllString(s, "_"), "_")
	return s
}

var (
	brackets = regexp.MustCompile(`\s*[(\[][^)\]]*[)\]]\s*`)
	seps     = regexp.MustCompile(`[\s._\-/]+`)
)

// Table is what a file's first lines say about it, for the window's
// column dialog.
type Table struct {
	Header       []string
	Delimiter    rune
	DecimalComma bool
	Sample       [][]string // the first data rows (up to 5)
	Found        Columns    // the columns detection chose; zero if none
	notice       string
}

// NoColumnsError is a file where no coordinate or WKT column could be
// found: the caller can ask which columns to use.
type NoColumnsError struct {
	File    string
	Columns []string
}

func (e *NoColumnsError) Error() string {
	return fmt.Sprintf("%s: no latitude/longitude or WKT column found among %s; name them (--lat-col and --lon-col, or --wkt-col)", e.File, quoteList(e.Columns))
}

func quoteList(cols []string) string {
	q := make([]string, 0, min(len(cols), 12))
	for i, c := range cols {
		if i == 12 {
			q = append(q, "…")
			break
		}
		q = append(q, fmt.Sprintf("%q", c))
	}
	return strings.Join(q, ", ")
}

// Inspect reads the header and first rows of a CSV.
func Inspect(file string, data []byte) (*Table, error) {
	text, notice := decodeText(data)
	t := &Table{notice: notice, Delimiter: delimiter(text)}
	r := newReader(text, t.Delimiter)
	h, err := r.Read()
	if err == io.EOF {
		return nil, &load.Error{File: file, Offset: -1, Msg: "empty file: expected a header row"}
	}
	if err != nil {
		return nil, csvError(file, err)
	}
	t.Header = clean(h)
	for len(t.Sample) < 5 {
		row, err := r.Read()
		if err != nil {
			break
		}
		t.Sample = append(t.Sample, row)
	}
	t.DecimalComma = t.Delimiter != ','
	t.Found = detect(t.Header, t.Sample)
	return t, nil
}

// clean copies the header, trimming names.
func clean(h []string) []string {
	out := make([]string, len(h))
	for i, s := range h {
		out[i] = strings.TrimSpace(strings.TrimPrefix(s, "\uFEFF"))
	}
	return out
}

func newReader(text []byte, delim rune) *csv.Reader {
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = delim
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = false
	return r
}

// delimiter picks the character that splits the first lines into the
// same number of fields, most of them; a comma when nothing does.
func delimiter(text []byte) rune {
	lines := firstLines(text, 10)
	best, bestN := ',', 0
	for _, d := range []rune{';', '\t', ',', '|'} {
		n, same := -1, true
		for _, l := range lines {
			c := countOutsideQuotes(l, d)
			if n < 0 {
				n = c
			} else if c != n {
				same = false
			}
		}
		if n > 0 && same && n > bestN {
			best, bestN = d, n
		}
	}
	if bestN == 0 && len(lines) > 0 { // rows disagree: trust the header
		for _, d := range []rune{';', '\t', ',', '|'} {
			if c := countOutsideQuotes(lines[0], d); c > bestN {
				best, bestN = d, c
			}
		}
	}
	return best
}

func firstLines(text []byte, n int) []string {
	var out []string
	for len(text) > 0 && len(out) < n {
		i := bytes.IndexByte(text, '\n')
		line := text
		if i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = nil
		}
		if l := strings.TrimRight(string(line), "\r"); strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

func countOutsideQuotes(line string, d rune) int {
	n, quoted := 0, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case r == d && !quoted:
			n++
		}
	}
	return n
}

// detect finds the coordinate columns by name, else a WKT column by name
// or by its first value.
func detect(header []string, sample [][]string) Columns {
	normed := make([]string, len(header))
	for i, h := range header {
		normed[i] = norm(h)
	}
	find := func(names []string) string {
		for _, want := range names {
			for i, h := range normed {
				if h == want {
					return header[i]
				}
			}
		}
		return ""
	}
	lat, lon := find(latNames), find(lonNames)
	if lat != "" && lon != "" && lat != lon {
		return Columns{Lat: lat, Lon: lon}
	}
	if w := find(wktNames); w != "" {
		return Columns{WKT: w}
	}
	for i, h := range header {
		for _, row := range sample {
			if i < len(row) && strings.TrimSpace(row[i]) != "" {
				if looksWKT(row[i]) {
					return Columns{WKT: h}
				}
				break
			}
		}
	}
	return Columns{}
}

var wktStart = regexp.MustCompile(`(?i)^\s*(SRID=\d+;)?\s*(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|GEOMETRYCOLLECTION)\b`)

func looksWKT(s string) bool { return wktStart.MatchString(s) }

// Read parses a CSV into features. cols names the geometry columns; zero
// finds them (see detect), and a file where none is found is a
// *NoColumnsError.
func Read(file string, data []byte, cols Columns, opt load.Options) (*load.Result, error) {
	t, err := Inspect(file, data)
	if err != nil {
		return nil, err
	}
	if cols.IsZero() {
		cols = t.Found
		if cols.IsZero() {
			return nil, &NoColumnsError{File: file, Columns: t.Header}
		}
	}
	index := func(name string) (int, error) {
		for i, h := range t.Header {
			if h == name {
				return i, nil
			}
		}
		for i, h := range t.Header {
			if strings.EqualFold(h, name) {
				return i, nil
			}
		}
		return -1, &load.Error{File: file, Offset: -1, Msg: fmt.Sprintf("no column %q; the columns are %s", name, quoteList(t.Header))}
	}
	latAt, lonAt, wktAt := -1, -1, -1
	if cols.WKT != "" {
		if wktAt, err = index(cols.WKT); err != nil {
			return nil, err
		}
	} else {
		if cols.Lat == "" || cols.Lon == "" {
			return nil, &load.Error{File: file, Offset: -1, Msg: "name both the latitude and the longitude column"}
		}
		if latAt, err = index(cols.Lat); err != nil {
			return nil, err
		}
		if lonAt, err = index(cols.Lon); err != nil {
			return nil, err
		}
		if latAt == lonAt {
			return nil, &load.Error{File: file, Offset: -1, Msg: "latitude and longitude cannot be the same column"}
		}
	}
	text, notice := decodeText(data)
	r := newReader(text, t.Delimiter)
	if _, err := r.Read(); err != nil { // the header, read by Inspect
		return nil, csvError(file, err)
	}
	var rows [][]string
	var lines []int
	for n := 0; ; n++ {
		if n == MaxRows {
			line, _ := r.FieldPos(0)
			return nil, &load.Error{File: file, Offset: -1, Line: line, Col: 1,
				Msg: fmt.Sprintf("more than %d rows: too many places for one map layer; split or thin the table", MaxRows)}
		}
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(file, err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line with spaces
		}
		if len(rec) != len(t.Header) {
			if len(rec) < len(t.Header) && allEmpty(rec[min(len(rec), len(t.Header)):]) {
				rec = append(rec, make([]string, len(t.Header)-len(rec))...)
			} else if len(rec) > len(t.Header) && allEmpty(rec[len(t.Header):]) {
				rec = rec[:len(t.Header)]
			} else {
				return nil, &load.Error{File: file, Offset: -1, Line: line, Col: 1,
					Msg: fmt.Sprintf("row has %d fields; the header has %d (is the delimiter %s?)", len(rec), len(t.Header), delimName(t.Delimiter))}
			}
		}
		rows = append(rows, rec)
		lines = append(lines, line)
		if n%4096 == 0 {
			if opt.Cancel != nil {
				select {
				case <-opt.Cancel:
					return nil, load.ErrCancelled
				default:
				}
			}
			if opt.Progress != nil {
				opt.Progress(0.8 * float64(r.InputOffset()) / float64(max(1, len(text))))
			}
		}
	}
	res := &load.Result{Features: make([]*geojson.Feature, 0, len(rows))}
	skip := make([]bool, len(t.Header))
	for _, i := range []int{latAt, lonAt, wktAt} {
		if i >= 0 {
			skip[i] = true
		}
	}
	numeric := make([]bool, len(t.Header))
	for i := range t.Header {
		if !skip[i] {
			numeric[i] = numericColumn(rows, i, t.DecimalComma)
			res.Fields = append(res.Fields, t.Header[i])
		}
	}
	for k, fields := range rows {
		rows[k] = nil // the row's strings live on in the properties only
		f := &geojson.Feature{Type: "Feature", Properties: make(geojson.Properties, len(res.Fields))}
		// The column is the field's number: a spreadsheet user counts
		// cells, not characters.
		fail := func(col int, format string, args ...any) error {
			return &load.Error{File: file, Offset: -1, Line: lines[k], Col: col + 1,
				Msg: fmt.Sprintf("field %d (%s): ", col+1, t.Header[col]) + fmt.Sprintf(format, args...)}
		}
		if wktAt >= 0 {
			s := strings.TrimSpace(fields[wktAt])
			if s != "" {
				g, err := parseWKT(s)
				if err != nil {
					return nil, fail(wktAt, "%v", err)
				}
				f.Geometry = g
			}
		} else {
			la, lo := strings.TrimSpace(fields[latAt]), strings.TrimSpace(fields[lonAt])
			switch {
			case la == "" && lo == "":
			case la == "":
				return nil, fail(latAt, "latitude is empty but longitude is %q", lo)
			case lo == "":
				return nil, fail(lonAt, "longitude is empty but latitude is %q", la)
			default:
				lat, ok := coordinate(la, 'y', t.DecimalComma)
				if !ok {
					return nil, fail(latAt, "latitude %q is not a number", clip(la))
				}
				lon, ok := coordinate(lo, 'x', t.DecimalComma)
				if !ok {
					return nil, fail(lonAt, "longitude %q is not a number", clip(lo))
				}
				if lat < -90 || lat > 90 {
					return nil, fail(latAt, "latitude %g is outside -90..90 (are the columns swapped, or the coordinates projected?)", lat)
				}
				if lon < -180 || lon > 180 {
					return nil, fail(lonAt, "longitude %g is outside -180..180 (are the coordinates projected?)", lon)
				}
				f.Geometry = orb.Point{lon, lat}
			}
		}
		for i, v := range fields {
			if skip[i] {
				continue
			}
			f.Properties[t.Header[i]] = value(v, numeric[i], t.DecimalComma)
		}
		res.Features = append(res.Features, f)
	}
	if err := load.Finish(file, res, crs.WGS84, func(i int) string { return fmt.Sprintf("line %d", lines[i]) }); err != nil {
		return nil, err
	}
	if notice != "" {
		res.Warnings = append(res.Warnings, notice)
	}
	if wktAt >= 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("geometry from the WKT column %q", t.Header[wktAt]))
	} else {
		res.Warnings = append(res.Warnings, fmt.Sprintf("positions from the columns %q (latitude) and %q (longitude)", t.Header[latAt], t.Header[lonAt]))
	}
	if len(res.Features) == 0 {
		res.Warnings = append(res.Warnings, "no rows: the layer has no features")
	}
	if opt.Progress != nil {
		opt.Progress(1)
	}
	return res, nil
}

func allEmpty(fs []string) bool {
	for _, f := range fs {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func delimName(d rune) string {
	switch d {
	case '\t':
		return "a tab"
	case ';':
		return "a semicolon"
	case '|':
		return "a bar"
	}
	return "a comma"
}

func clip(s string) string {
	if len([]rune(s)) > 40 {
		return string([]rune(s)[:40]) + "…"
	}
	return s
}

// coordinate reads decimal degrees, or degrees, minutes and seconds.
func coordinate(s string, axis byte, decimalComma bool) (float64, bool) {
	if v, ok := parseNumber(s, decimalComma); ok {
		return v, true
	}
	return dms(s, axis, decimalComma)
}

// numericColumn reports a column whose non-empty values are all numbers
// without leading zeros.
func numericColumn(rows [][]string, i int, decimalComma bool) bool {
	seen := false
	for _, r := range rows {
		v := strings.TrimSpace(r[i])
		if v == "" {
			continue
		}
		if _, ok := parseNumber(v, decimalComma); !ok || leadingZero(v) {
			return false
		}
		seen = true
	}
	return seen
}

// leadingZero spots codes like "007" or "0123" that are not quantities.
func leadingZero(v string) bool {
	v = strings.TrimPrefix(v, "-")
	return len(v) > 1 && v[0] == '0' && unicode.IsDigit(rune(v[1]))
}

func value(v string, numeric, decimalComma bool) any {
	t := strings.TrimSpace(v)
	if numeric {
		if t == "" {
			return nil
		}
		f, _ := parseNumber(t, decimalComma)
		return f
	}
	return v
}

// csvError words an encoding/csv error with its position.
func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &load.Error{File: file, Offset: -1, Line: pe.Line, Col: max(pe.Column, 1), Msg: "invalid CSV: " + pe.Err.Error()}
	}
	return &load.Error{File: file, Offset: -1, Msg: "invalid CSV: " + err.Error()}
}

// parseWKT reads a WKT geometry, with an EWKT SRID prefix (only 4326)
// and Z or M values dropped. EMPTY is no geometry.
func parseWKT(s string) (orb.Geometry, error) {
	if m := sridPrefix.FindStringSubmatch(s); m != nil {
		if m[1] != "4326" {
			return nil, fmt.Errorf("SRID %s: only WGS 84 (4326) positions can be read from a CSV", m[1])
		}
		s = s[len(m[0]):]
	}
	if emptyWKT.MatchString(s) {
		return nil, nil
	}
	if m := dimTag.FindStringSubmatchIndex(s); m != nil {
		s = s[:m[2]] + s[m[3]:] // drop " Z", " M", " ZM"
	}
	s = extraOrdinates.ReplaceAllString(s, "$1 $2")
	g, err := wkt.Unmarshal(s)
	if err != nil {
		return nil, fmt.Errorf("not WKT geometry: %q", clip(s))
	}
	return g, nil
}

var (
	sridPrefix     = regexp.MustCompile(`(?i)^\s*SRID=(\d+)\s*;`)
	emptyWKT       = regexp.MustCompile(`(?i)^\s*\w+(\s+(Z|M|ZM))?\s+EMPTY\s*$`)
	dimTag         = regexp.MustCompile(`(?i)^\s*[A-Z]+(\s+(?:ZM|Z|M))\s*\(`)
	extraOrdinates = regexp.MustCompile(`([-+0-9.eE]+)\s+([-+0-9.eE]+)(?:\s+[-+0-9.eE]+){1,2}`)
)
