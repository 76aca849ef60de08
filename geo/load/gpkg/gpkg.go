package gpkg

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb/geojson"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/corridor-atlas/corridor-atlas/geo/crs"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// Table is a feature table of a GeoPackage.
type Table struct {
	Name     string // the table's name: the layer id
	Title    string // gpkg_contents.identifier ("" when it is the name)
	Geometry string // geometry column
	Type     string // declared geometry type: POINT, GEOMETRY…
	SRSID    int32
	Features int // rows
}

// Sniff reports whether the first bytes of a file are a GeoPackage: an
// SQLite 3 database whose application id is GPKG (or GP10/GP11 of the
// first versions). At least 72 bytes are needed.
func Sniff(head []byte) bool {
	if len(head) < 72 || !bytes.HasPrefix(head, []byte("SQLite format 3\x00")) {
		return false
	}
	switch string(head[68:72]) {
	case "GPKG", "GP10", "GP11":
		return true
	}
	return false
}

// IsSQLite reports the SQLite header of a database that may hold
// GeoPackage tables without saying so (files from before version 1.2).
func IsSQLite(head []byte) bool { return bytes.HasPrefix(head, []byte("SQLite format 3\x00")) }

// DB is an open GeoPackage.
type DB struct {
	path string
	db   *sql.DB
}

// Open opens a GeoPackage read-only. The path is checked through
// load.OpenRegular first (a regular file within the data file limit).
func Open(path string) (*DB, error) {
	f, _, err := load.OpenRegular(path, load.MaxDataFile)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %w", path, err)
	}
	f.Close()
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	// mode=ro opens without ever writing; a database in WAL mode in a
	// folder we may not write to needs immutable=1 instead.
	var last error
	for _, params := range []string{"mode=ro", "mode=ro&immutable=1"} {
		db, err := sql.Open("sqlite", sqliteURI(abs)+"?"+params)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		db.SetMaxOpenConns(1)
		var n int
		err = db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name IN ('gpkg_contents','gpkg_geometry_columns','gpkg_spatial_ref_sys')`).Scan(&n)
		switch {
		case err == nil && n < 3:
			db.Close()
			return nil, &load.Error{File: path, Offset: -1, Msg: "an SQLite database, but not a GeoPackage (it has no gpkg_contents, gpkg_geometry_columns and gpkg_spatial_ref_sys tables)"}
		case err == nil:
			return &DB{path: path, db: db}, nil
		}
		db.Close()
		last = err
	}
	return nil, &load.Error{File: path, Offset: -1, Msg: "cannot read the GeoPackage: " + sqliteMessage(last)}
}

// sqliteURI makes a file: URI SQLite accepts for an absolute path, with
// the characters a URI reserves escaped (a folder named "a?b#c" too).
func sqliteURI(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/data → /C:/data
	}
	return "file://" + (&url.URL{Path: p}).EscapedPath()
}

// sqliteMessage shortens a driver error to its first line.
func sqliteMessage(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// Close closes the database.
func (g *DB) Close() error { return g.db.Close() }

// Tables lists the feature tables in gpkg_contents order, with their row
// counts.
func (g *DB) Tables() ([]Table, error) {
	rows, err := g.db.Query(`SELECT c.table_name, coalesce(c.identifier, ''), gc.column_name, gc.geometry_type_name, gc.srs_id
		FROM gpkg_contents c JOIN gpkg_geometry_columns gc ON gc.table_name = c.table_name
		WHERE c.data_type = 'features' ORDER BY c.rowid`)
	if err != nil {
		return nil, g.fail("cannot list its tables: %s", sqliteMessage(err))
	}
	defer rows.Close()
	var out []Table
	for rows.Next() {
		var t Table
		if err := rows.Scan(&t.Name, &t.Title, &t.Geometry, &t.Type, &t.SRSID); err != nil {
			return nil, g.fail("cannot list its tables: %s", sqliteMessage(err))
		}
		if t.Title == t.Name {
			t.Title = ""
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, g.fail("cannot list its tables: %s", sqliteMessage(err))
	}
	for i := range out {
		if err := g.db.QueryRow(`SELECT count(*) FROM ` + quote(out[i].Name)).Scan(&out[i].Features); err != nil {
			return nil, g.fail("table %q: %s", out[i].Name, sqliteMessage(err))
		}
	}
	return out, nil
}

func (g *DB) fail(format string, args ...any) error {
	return &load.Error{File: g.path, Offset: -1, Msg: fmt.Sprintf(format, args...)}
}

// quote quotes an SQL identifier.
func quote(id string) string { return `"` + strings.ReplaceAll(id, `"`, `""`) + `"` }

// CRS is the CRS of an SRS id: nil for the undefined systems (0 and -1),
// whose coordinates must then be WGS84 degrees.
func (g *DB) CRS(srsID int32) (*crs.CRS, error) {
	if srsID == 0 || srsID == -1 {
		return nil, nil
	}
	var name, org string
	var code int64
	var def sql.NullString
	err := g.db.QueryRow(`SELECT srs_name, organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?`, srsID).Scan(&name, &org, &code, &def)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, g.fail("SRS %d is not in gpkg_spatial_ref_sys", srsID)
	}
	if err != nil {
		return nil, g.fail("SRS %d: %s", srsID, sqliteMessage(err))
	}
	if strings.EqualFold(org, "EPSG") {
		if c, err := crs.EPSG(int(code)); err == nil {
			return c, nil
		}
	}
	if def.Valid && strings.TrimSpace(def.String) != "" && def.String != "undefined" {
		c, err := crs.ParseWKT(def.String)
		if err == nil {
			return c, nil
		}
		var ue *crs.UnsupportedError
		if errors.As(err, &ue) {
			return nil, g.fail("%v", err)
		}
	}
	return nil, g.fail("%v", &crs.UnsupportedError{Name: fmt.Sprintf("%s (%s:%d)", name, org, code)})
}

// column is a table column as PRAGMA table_info gives it.
type column struct {
	name, typ string
	pk        bool
}

// Read reads table into features: the geometry column as geometry, an
// integer primary key as the feature id, the other columns as properties
// (integers and reals as numbers, text as strings, BOOLEAN columns as
// true/false, dates as ISO 8601 text, blobs left out).
func (g *DB) Read(table Table, opt load.Options) (*load.Result, error) {
	where := func(format string, args ...any) error {
		return g.fail("table %q: %s", table.Name, fmt.Sprintf(format, args...))
	}
	c, err := g.CRS(table.SRSID)
	if err != nil {
		return nil, err
	}
	cols, err := g.columns(table.Name)
	if err != nil {
		return nil, where("%s", sqliteMessage(err))
	}
	geomAt, pkAt := -1, -1
	var sel []string
	for i, col := range cols {
		sel = append(sel, quote(col.name))
		switch {
		case strings.EqualFold(col.name, table.Geometry):
			geomAt = i
		case col.pk && strings.EqualFold(col.typ, "INTEGER"):
			pkAt = i
		}
	}
	if geomAt < 0 {
		return nil, where("no geometry column %q", table.Geometry)
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	if opt.Cancel != nil {
		go func() {
			select {
			case <-opt.Cancel:
				stop()
			case <-ctx.Done():
			}
		}()
	}
	rows, err := g.db.QueryContext(ctx, `SELECT `+strings.Join(sel, ", ")+` FROM `+quote(table.Name))
	if err != nil {
		return nil, g.cancelled(opt, where("%s", sqliteMessage(err)))
	}
	defer rows.Close()
	res := &load.Result{}
	for i, col := range cols {
		if i != geomAt && i != pkAt {
			res.Fields = append(res.Fields, col.name)
		}
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	var geom sql.RawBytes
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	ptrs[geomAt] = &geom
	var ids []string // each feature's id for messages
	n := 0
	for rows.Next() {
		if n%1024 == 0 {
			if opt.Cancel != nil {
				select {
				case <-opt.Cancel:
					return nil, load.ErrCancelled
				default:
				}
			}
			if opt.Progress != nil && table.Features > 0 {
				opt.Progress(float64(n) / float64(table.Features))
			}
		}
		n++
		if err := rows.Scan(ptrs...); err != nil {
			return nil, g.cancelled(opt, where("row %d: %s", n, sqliteMessage(err)))
		}
		f := &geojson.Feature{Type: "Feature", Properties: make(geojson.Properties, len(cols))}
		id := fmt.Sprintf("row %d", n)
		if pkAt >= 0 {
			if v, ok := vals[pkAt].(int64); ok {
				f.ID = float64(v)
				id = fmt.Sprintf("feature %d (fid %d)", n, v)
			}
		}
		if len(geom) > 0 {
			gm, _, err := DecodeGeometry(geom)
			if err != nil {
				return nil, where("%s: %v", id, err)
			}
			f.Geometry = gm
		}
		for i, col := range cols {
			if i == geomAt || i == pkAt {
				continue
			}
			if v, keep := property(vals[i], col.typ); keep {
				f.Properties[col.name] = v
			}
		}
		res.Features = append(res.Features, f)
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, g.cancelled(opt, where("%s", sqliteMessage(err)))
	}
	if err := load.Finish(g.path, res, c, func(i int) string { return fmt.Sprintf("table %q, %s", table.Name, ids[i]) }); err != nil {
		return nil, err
	}
	if opt.Progress != nil {
		opt.Progress(1)
	}
	return res, nil
}

// cancelled turns an interrupted query into load.ErrCancelled.
func (g *DB) cancelled(opt load.Options, err error) error {
	if opt.Cancel != nil {
		select {
		case <-opt.Cancel:
			return load.ErrCancelled
		default:
		}
	}
	return err
}

func (g *DB) columns(table string) ([]column, error) {
	rows, err := g.db.Query(`SELECT name, type, pk FROM pragma_table_info(?)`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []column
	for rows.Next() {
		var c column
		var pk int
		if err := rows.Scan(&c.name, &c.typ, &pk); err != nil {
			return nil, err
		}
		c.pk = pk > 0
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, errors.New("the table has no columns")
	}
	return out, rows.Err()
}

// property turns a column value into a property value, as a GeoJSON
// loader would have it.
func property(v any, declared string) (any, bool) {
	switch v := v.(type) {
	case nil:
		return nil, true
	case int64:
		if strings.EqualFold(declared, "BOOLEAN") {
			return v != 0, true
		}
		if v > 1<<53 || v < -(1<<53) {
			return strconv.FormatInt(v, 10), true // beyond a float64's integers
		}
		return float64(v), true
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, true
		}
		return v, true
	case string:
		return v, true
	case bool:
		return v, true
	case time.Time:
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 && strings.EqualFold(declared, "DATE") {
			return v.Format("2006-01-02"), true
		}
		return v.Format(time.RFC3339Nano), true
	case []byte:
		if strings.HasPrefix(strings.ToUpper(declared), "TEXT") || strings.EqualFold(declared, "JSON") {
			return string(v), true
		}
		return nil, false // a blob: nothing to show
	}
	return fmt.Sprint(v), true
}
