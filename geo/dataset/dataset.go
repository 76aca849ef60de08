package dataset

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/corridor-atlas/corridor-atlas/geo/load"
	"github.com/corridor-atlas/corridor-atlas/geo/load/csvgeo"
	"github.com/corridor-atlas/corridor-atlas/geo/load/gpkg"
	"github.com/corridor-atlas/corridor-atlas/geo/load/kml"
	"github.com/corridor-atlas/corridor-atlas/geo/load/shapefile"
)

// Format is a kind of file the app reads.
type Format string

// The formats.
const (
	GeoJSON    Format = "GeoJSON"
	GeoPackage Format = "GeoPackage"
	Shapefile  Format = "Shapefile"
	ZippedSHP  Format = "zipped Shapefile"
	KML        Format = "KML"
	KMZ        Format = "KMZ"
	CSV        Format = "CSV"
)

// Extensions are the file name endings of the formats, for file choosers.
var Extensions = []string{".geojson", ".json", ".gpkg", ".shp", ".zip", ".kml", ".kmz", ".csv", ".tsv", ".txt"}

// Columns names a CSV's geometry columns by hand.
type Columns = csvgeo.Columns

// Source is a file and, for a file that holds several layers, which one.
type Source struct {
	Path string
	// Layer is a GeoPackage table or a Shapefile inside a zip (its path in
	// the archive without ".shp"); "" for all of them.
	Layer string
	// Columns are a CSV's geometry columns named by hand; zero finds them.
	Columns Columns
}

// String writes the source as the command line takes it: "file.gpkg:table".
func (s Source) String() string {
	if s.Layer == "" {
		return s.Path
	}
	return s.Path + ":" + s.Layer
}

// ParseArg reads a command-line data argument: a path, or "FILE:LAYER"
// where FILE is a .gpkg or .zip that exists (so "C:\data\x.gpkg" and
// names with colons still read as paths).
func ParseArg(arg string) Source {
	if _, err := os.Stat(arg); err == nil {
		return Source{Path: arg}
	}
	if i := strings.LastIndex(arg, ":"); i > 0 && i+1 < len(arg) {
		switch strings.ToLower(filepath.Ext(arg[:i])) {
		case ".gpkg", ".zip":
			return Source{Path: arg[:i], Layer: arg[i+1:]}
		}
	}
	return Source{Path: arg}
}

// Layer is one loaded layer.
type Layer struct {
	// Source is where it came from, with Layer set for a file of several.
	Source Source
	// Name is the layer's id before it is made unique: the file name
	// without extension, or the GeoPackage table / zipped Shapefile name.
	Name string
	// Title is a longer name when the file gives one.
	Title  string
	Format Format
	*load.Result
}

// Detect tells a file's format from its first bytes (and, for a zip,
// its members).
func Detect(p string) (Format, error) {
	f, _, err := load.OpenRegular(p, load.MaxDataFile)
	if err != nil {
		return "", fmt.Errorf("%s: cannot read: %w", p, unwrap(err))
	}
	head := make([]byte, 4096)
	n, _ := f.Read(head)
	f.Close()
	head = head[:n]
	ext := strings.ToLower(filepath.Ext(p))
	switch {
	case gpkg.IsSQLite(head):
		return GeoPackage, nil
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return zipFormat(p)
	case len(head) >= 4 && bytes.Equal(head[:4], []byte{0, 0, 0x27, 0x0A}):
		return Shapefile, nil
	case ext == ".dbf" || ext == ".shx" || ext == ".prj" || ext == ".cpg":
		if shp := ShapefileOf(p); shp != "" {
			return Shapefile, nil
		}
		return "", fmt.Errorf("%s: part of a Shapefile, but there is no .shp beside it", p)
	}
	text := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	switch {
	case ext == ".geojson" || ext == ".json":
		return GeoJSON, nil
	case ext == ".kml":
		return KML, nil
	case bytes.HasPrefix(text, []byte("{")):
		return GeoJSON, nil
	case bytes.HasPrefix(text, []byte("<")):
		if bytes.Contains(bytes.ToLower(head), []byte("<kml")) {
			return KML, nil
		}
		return "", fmt.Errorf("%s: XML, but not KML (only KML and KMZ are read among XML formats)", p)
	case ext == ".csv" || ext == ".tsv" || ext == ".txt":
		return CSV, nil
	case n == 0:
		return "", fmt.Errorf("%s: the file is empty", p)
	case looksLikeTable(head):
		return CSV, nil
	}
	return "", fmt.Errorf("%s: not a file Corridor Atlas reads (GeoJSON, GeoPackage, Shapefile, KML/KMZ or CSV)", p)
}

// looksLikeTable spots delimited text: a first line of printable text
// with a delimiter, or UTF-16 text.
func looksLikeTable(head []byte) bool {
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return true
	}
	line := head
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		line = head[:i]
	}
	if bytes.IndexByte(line, 0) >= 0 {
		return false
	}
	return bytes.ContainsAny(line, ",;\t|")
}

// zipFormat looks inside a zip: Shapefiles or a KML document.
func zipFormat(p string) (Format, error) {
	z, err := load.OpenZip(p)
	if err != nil {
		return "", fmt.Errorf("%s: %v", p, err)
	}
	defer z.Close()
	if len(shapefile.Layers(z)) > 0 {
		return ZippedSHP, nil
	}
	for _, m := range z.Members() {
		if strings.EqualFold(path.Ext(m.Name), ".kml") {
			return KMZ, nil
		}
	}
	return "", fmt.Errorf("%s: a zip archive with no Shapefile (.shp) or KML document in it", p)
}

// ShapefileOf is the .shp beside one of a Shapefile's other files
// (.dbf, .shx, .prj, .cpg), "" when there is none.
func ShapefileOf(p string) string {
	stem := strings.TrimSuffix(p, filepath.Ext(p))
	for _, ext := range []string{".shp", ".SHP", ".Shp"} {
		if st, err := os.Stat(stem + ext); err == nil && st.Mode().IsRegular() {
			return stem + ext
		}
	}
	return ""
}

func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Info describes a layer of a file before it is read, for the window's
// "which table?" question.
type Info struct {
	Name     string
	Title    string
	Type     string // declared geometry type, when known
	Features int    // -1 when unknown
}

// Layers lists the layers of a file that holds several: a GeoPackage's
// feature tables or a zip's Shapefiles. Other files have one layer and
// give nil.
func Layers(p string) ([]Info, error) {
	f, err := Detect(p)
	if err != nil {
		return nil, err
	}
	switch f {
	case GeoPackage:
		db, err := gpkg.Open(p)
		if err != nil {
			return nil, err
		}
		defer db.Close()
		tables, err := db.Tables()
		if err != nil {
			return nil, err
		}
		out := make([]Info, len(tables))
		for i, t := range tables {
			out[i] = Info{Name: t.Name, Title: t.Title, Type: t.Type, Features: t.Features}
		}
		return out, nil
	case ZippedSHP:
		z, err := load.OpenZip(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", p, err)
		}
		defer z.Close()
		var out []Info
		for _, l := range shapefile.Layers(z) {
			out = append(out, Info{Name: l, Features: -1})
		}
		return out, nil
	}
	return nil, nil
}

// Open reads a source into layers: one for most files, one per table (or
// zipped Shapefile) of a file of several unless src.Layer names one. A
// failure is one line naming the file; load.ErrCancelled when opt.Cancel
// was closed; a CSV without recognisable geometry columns is a
// *csvgeo.NoColumnsError, so the caller can ask for them.
func Open(src Source, opt load.Options) ([]Layer, error) {
	p := src.Path
	f, err := Detect(p)
	if err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
	one := func(res *load.Result, err error) ([]Layer, error) {
		if err != nil {
			return nil, err
		}
		l := Layer{Source: Source{Path: p, Columns: src.Columns}, Name: base, Format: f, Result: res}
		if t, ok := res.Members["name"].(string); ok && t != "" && t != base {
			l.Title = t
		}
		return []Layer{l}, nil
	}
	if src.Layer != "" && f != GeoPackage && f != ZippedSHP {
		return nil, fmt.Errorf("%s: a %s has one layer; %q names a table of a GeoPackage or a Shapefile in a zip", p, f, ":"+src.Layer)
	}
	switch f {
	case GeoJSON:
		// Mapped where the system allows, with properties as text when
		// opt asks for them (see load.File).
		return one(load.File(p, opt))
	case Shapefile:
		shp := p
		if ext := strings.ToLower(filepath.Ext(p)); ext != ".shp" {
			if s := ShapefileOf(p); s != "" && ext != "" {
				shp = s
			}
		}
		return one(shapefile.Open(shp, "", opt))
	case KML, KMZ:
		return one(kml.Open(p, opt))
	case CSV:
		b, err := load.ReadFile(p, load.MaxDataFile)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot read: %w", p, unwrap(err))
		}
		return one(csvgeo.Read(p, b, src.Columns, opt))
	case GeoPackage:
		return openGeoPackage(src, f, opt)
	case ZippedSHP:
		return openZippedShapefiles(src, f, opt)
	}
	return nil, fmt.Errorf("%s: unknown format %s", p, f)
}

// part makes progress reports of one of several layers read in turn
// cover its share of the whole.
func part(opt load.Options, done, share float64) load.Options {
	if opt.Progress == nil {
		return opt
	}
	o := opt
	o.Progress = func(f float64) { opt.Progress(done + f*share) }
	return o
}

func openGeoPackage(src Source, f Format, opt load.Options) ([]Layer, error) {
	db, err := gpkg.Open(src.Path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	tables, err := db.Tables()
	if err != nil {
		return nil, err
	}
	if len(tables) == 0 {
		return nil, &load.Error{File: src.Path, Offset: -1, Msg: "the GeoPackage has no feature tables"}
	}
	if src.Layer != "" {
		var pick []gpkg.Table
		for _, t := range tables {
			if t.Name == src.Layer {
				pick = append(pick, t)
			}
		}
		if len(pick) == 0 {
			return nil, &load.Error{File: src.Path, Offset: -1, Msg: fmt.Sprintf("no feature table %q; the GeoPackage has %s", src.Layer, tableNames(tables))}
		}
		tables = pick
	}
	total := 0
	for _, t := range tables {
		total += max(t.Features, 1)
	}
	var out []Layer
	done := 0
	for _, t := range tables {
		share := float64(max(t.Features, 1)) / float64(total)
		res, err := db.Read(t, part(opt, float64(done)/float64(total), share))
		if err != nil {
			return nil, err
		}
		done += max(t.Features, 1)
		if len(tables) > 1 || src.Layer != "" {
			for i, w := range res.Warnings {
				res.Warnings[i] = "table " + t.Name + ": " + w
			}
		}
		out = append(out, Layer{Source: Source{Path: src.Path, Layer: t.Name}, Name: t.Name, Title: t.Title, Format: f, Result: res})
	}
	return out, nil
}

func tableNames(tables []gpkg.Table) string {
	var names []string
	for _, t := range tables {
		names = append(names, fmt.Sprintf("%q", t.Name))
	}
	return strings.Join(names, ", ")
}

func openZippedShapefiles(src Source, f Format, opt load.Options) ([]Layer, error) {
	z, err := load.OpenZip(src.Path)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", src.Path, err)
	}
	defer z.Close()
	names := shapefile.Layers(z)
	if src.Layer != "" {
		names = []string{src.Layer}
	}
	var out []Layer
	for i, name := range names {
		res, err := shapefile.ReadZip(z, name, part(opt, float64(i)/float64(len(names)), 1/float64(len(names))))
		if err != nil {
			return nil, err
		}
		l := Layer{Source: Source{Path: src.Path}, Name: path.Base(name), Format: f, Result: res}
		if len(names) > 1 || src.Layer != "" {
			l.Source.Layer = name
		}
		if len(names) == 1 && src.Layer == "" {
			// A zip of one Shapefile is named like the zip, as a colleague
			// who sent "terminals_utm.zip" would expect.
			l.Name = strings.TrimSuffix(filepath.Base(src.Path), filepath.Ext(src.Path))
		}
		out = append(out, l)
	}
	return out, nil
}
