package gpkg

import (
	"database/sql"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/corridor-atlas/corridor-atlas/geo/corpus"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

func openCorpus(t *testing.T, name string) *DB {
	t.Helper()
	g, err := Open(corpus.Path(name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	return g
}

func TestCorpus(t *testing.T) {
	g := openCorpus(t, "gpkg/corpus.gpkg")
	tables, err := g.Tables()
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) != 3 || tables[0].Name != "terminals" || tables[0].Features != 5 || tables[0].Type != "POINT" || tables[2].Name != "zones" {
		t.Fatalf("tables %+v", tables)
	}
	for _, tb := range tables {
		t.Run(tb.Name, func(t *testing.T) {
			got, err := g.Read(tb, load.Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := corpus.Original(t, tb.Name)
			corpus.Compare(t, got, want, 1e-7)
			if got.Features[0].ID != 1.0 {
				t.Errorf("first feature id %v, want the fid 1", got.Features[0].ID)
			}
			if len(got.Fields) != len(want.Features[0].Properties) {
				t.Errorf("fields %v", got.Fields)
			}
		})
	}
}

func TestProjected(t *testing.T) {
	for _, srs := range []string{"32639", "3857"} {
		g := openCorpus(t, "projected/corpus-"+srs+".gpkg")
		tables, err := g.Tables()
		if err != nil {
			t.Fatal(err)
		}
		for _, tb := range tables {
			t.Run(srs+"/"+tb.Name, func(t *testing.T) {
				got, err := g.Read(tb, load.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if d := corpus.MetresApart(t, got, corpus.Original(t, tb.Name)); d > 1 {
					t.Fatalf("%.3f m from the original", d)
				}
			})
		}
	}
}

func TestProgressAndCancel(t *testing.T) {
	g := openCorpus(t, "gpkg/corpus.gpkg")
	tables, _ := g.Tables()
	var seen []float64
	if _, err := g.Read(tables[0], load.Options{Progress: func(f float64) { seen = append(seen, f) }}); err != nil {
		t.Fatal(err)
	}
	if len(seen) < 2 || seen[len(seen)-1] != 1 {
		t.Errorf("progress %v", seen)
	}
	cancel := make(chan struct{})
	close(cancel)
	if _, err := g.Read(tables[0], load.Options{Cancel: cancel}); !errors.Is(err, load.ErrCancelled) {
		t.Errorf("err = %v", err)
	}
}

// scratch copies the corpus GeoPackage to a temporary file and lets the
// test change it there with plain SQL.
func scratch(t *testing.T, sqls ...string) string {
	t.Helper()
	b, err := os.ReadFile(corpus.Path("gpkg/corpus.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "x.gpkg")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", p)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// GDAL's spatial-index triggers call functions only GDAL provides.
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'trigger'`)
	if err != nil {
		t.Fatal(err)
	}
	var triggers []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		triggers = append(triggers, n)
	}
	rows.Close()
	for _, tr := range triggers {
		sqls = append([]string{`DROP TRIGGER "` + tr + `"`}, sqls...)
	}
	for _, s := range sqls {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return p
}

func TestRefuses(t *testing.T) {
	notGpkg := filepath.Join(t.TempDir(), "plain.sqlite")
	db, _ := sql.Open("sqlite", notGpkg)
	db.Exec(`CREATE TABLE t (a)`)
	db.Close()
	curve := geometryBlob(t, 4326, []byte{1, 8, 0, 0, 0, 0, 0, 0, 0}) // CircularString, 0 points
	tests := []struct {
		name, path, table, want string
	}{
		{"plain SQLite", notGpkg, "", "an SQLite database, but not a GeoPackage"},
		{"unsupported SRS", scratch(t,
			`INSERT INTO gpkg_spatial_ref_sys VALUES ('NAD83 / Conus Albers', 5070, 'EPSG', 5070, 'PROJCS["NAD83 / Conus Albers",GEOGCS["NAD83",DATUM["North_American_Datum_1983",SPHEROID["GRS 1980",6378137,298.257222101]]],PROJECTION["Albers_Conic_Equal_Area"]]', NULL)`,
			`UPDATE gpkg_geometry_columns SET srs_id = 5070 WHERE table_name = 'zones'`), "zones", `CRS "NAD83 / Conus Albers" (the Albers Conic Equal Area projection)`},
		{"missing SRS", scratch(t, `UPDATE gpkg_geometry_columns SET srs_id = 999 WHERE table_name = 'zones'`), "zones", "SRS 999 is not in gpkg_spatial_ref_sys"},
		{"curve", scratch(t, `UPDATE routes SET geom = x'`+hexOf(curve)+`' WHERE fid = 2`), "routes", `table "routes": feature 2 (fid 2): WKB geometry type 8 (a curve, surface or TIN) cannot be drawn`},
		{"garbage geometry", scratch(t, `UPDATE routes SET geom = x'00112233' WHERE fid = 3`), "routes", `feature 3 (fid 3): not a GeoPackage geometry`},
		{"projected, no SRS", scratch(t,
			`UPDATE gpkg_geometry_columns SET srs_id = 0 WHERE table_name = 'terminals'`,
			`UPDATE terminals SET geom = x'`+hexOf(geometryBlob(t, 0, wkb.MustMarshal(orb.Point{500000, 4400000})))+`' WHERE fid = 4`), "terminals",
			`table "terminals", feature 4 (fid 4): longitude 500000 is outside -180..180 (are the coordinates projected? the file names no CRS)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, err := Open(tc.path)
			if err == nil {
				defer g.Close()
				var tables []Table
				tables, err = g.Tables()
				for _, tb := range tables {
					if tb.Name == tc.table {
						_, err = g.Read(tb, load.Options{})
					}
				}
			}
			if err == nil {
				t.Fatal("accepted")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tc.path+": ") || !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Fatalf("message %q, want one line naming the file with %q", msg, tc.want)
			}
		})
	}
}

func hexOf(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 2*len(b))
	for i, c := range b {
		out[2*i], out[2*i+1] = digits[c>>4], digits[c&15]
	}
	return string(out)
}

// geometryBlob wraps WKB in a GeoPackage header without an envelope.
func geometryBlob(t *testing.T, srs int32, w []byte) []byte {
	t.Helper()
	b := []byte{'G', 'P', 0, 1, 0, 0, 0, 0}
	binary.LittleEndian.PutUint32(b[4:], uint32(srs))
	return append(b, w...)
}

func TestDecodeGeometry(t *testing.T) {
	le := binary.LittleEndian
	f64 := func(b []byte, vs ...float64) []byte {
		for _, v := range vs {
			b = le.AppendUint64(b, math.Float64bits(v))
		}
		return b
	}
	u32 := func(b []byte, v uint32) []byte { return le.AppendUint32(b, v) }
	pointZ := f64(u32([]byte{1}, 1001), 49.5, 40.25, 12)
	lineZM := f64(u32(u32([]byte{1}, 3002), 2), 1, 2, 3, 4, 5, 6, 7, 8)
	ewkbM := f64(u32(u32([]byte{1}, 0x40000000|1), 4326)[:5], 1, 2, 3) // EWKB point with M, no SRID flag
	polyZ := f64(u32(u32(u32([]byte{1}, 1003), 1), 4), 0, 0, 9, 1, 0, 9, 1, 1, 9, 0, 0, 9)
	collection := append(u32(u32([]byte{1}, 1007), 2), append(pointZ, lineZM...)...)
	for _, tc := range []struct {
		name string
		wkb  []byte
		want orb.Geometry
	}{
		{"point", wkb.MustMarshal(orb.Point{49.5, 40.25}), orb.Point{49.5, 40.25}},
		{"big-endian polygon", wkb.MustMarshal(orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}, binary.BigEndian), orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}},
		{"point Z", pointZ, orb.Point{49.5, 40.25}},
		{"line ZM", lineZM, orb.LineString{{1, 2}, {5, 6}}},
		{"EWKB point M", ewkbM, orb.Point{1, 2}},
		{"polygon Z", polyZ, orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}},
		{"collection Z", collection, orb.Collection{orb.Point{49.5, 40.25}, orb.LineString{{1, 2}, {5, 6}}}},
		{"empty point", wkb.MustMarshal(orb.Point{math.NaN(), math.NaN()}), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, srs, err := DecodeGeometry(geometryBlob(t, 4326, tc.wkb))
			if err != nil {
				t.Fatal(err)
			}
			if srs != 4326 || !orb.Equal(orbOrNil(g), orbOrNil(tc.want)) {
				t.Fatalf("%v (srs %d), want %v", g, srs, tc.want)
			}
		})
	}
	// An envelope (code 1: 4 doubles) and the empty flag.
	env := []byte{'G', 'P', 0, 1 | 2, 0xE6, 0x10, 0, 0}
	env = f64(env, 0, 1, 0, 1)
	if g, _, err := DecodeGeometry(append(env, wkb.MustMarshal(orb.Point{1, 1})...)); err != nil || g != (orb.Point{1, 1}) {
		t.Errorf("with envelope: %v, %v", g, err)
	}
	if g, _, err := DecodeGeometry([]byte{'G', 'P', 0, 1 | 0x10, 0, 0, 0, 0}); err != nil || g != nil {
		t.Errorf("empty flag: %v, %v", g, err)
	}
}

// orbOrNil lets orb.Equal compare a nil geometry.
func orbOrNil(g orb.Geometry) orb.Geometry {
	if g == nil {
		return orb.Collection{}
	}
	return g
}

// FuzzGeometry checks that no blob panics or allocates beyond its size.
func FuzzGeometry(f *testing.F) {
	le := binary.LittleEndian
	head := []byte{'G', 'P', 0, 1, 0xE6, 0x10, 0, 0}
	f.Add(append(head, wkb.MustMarshal(orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}})...))
	f.Add(append(head, le.AppendUint32(le.AppendUint32([]byte{1}, 1002), 1<<30)...))
	f.Add(append(head, wkb.MustMarshal(orb.Collection{orb.Point{1, 2}, orb.LineString{{1, 2}, {3, 4}}})...))
	f.Fuzz(func(t *testing.T, b []byte) {
		g, _, err := DecodeGeometry(b)
		if err != nil || g == nil {
			return
		}
		_ = g.Bound()
	})
}
