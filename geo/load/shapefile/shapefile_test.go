package shapefile

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo/corpus"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// TestCorpus holds what GDAL wrote to what GDAL was given: loose files
// (terminals in CP1251 with a .cpg, the others UTF-8), a zip of one
// Shapefile and a zip of all three in a folder.
func TestCorpus(t *testing.T) {
	for _, layer := range corpus.Layers {
		want := corpus.Original(t, layer)
		t.Run("loose/"+layer, func(t *testing.T) {
			got, err := Open(corpus.Path("shp/"+layer+".shp"), "", load.Options{})
			if err != nil {
				t.Fatal(err)
			}
			corpus.Compare(t, got, want, 1e-7)
			if len(got.Fields) != len(want.Features[0].Properties) {
				t.Errorf("fields %v", got.Fields)
			}
		})
		t.Run("zip of all/"+layer, func(t *testing.T) {
			got, err := Open(corpus.Path("shp/shp-all.zip"), "corpus/"+layer, load.Options{})
			if err != nil {
				t.Fatal(err)
			}
			corpus.Compare(t, got, want, 1e-7)
		})
	}
	t.Run("zip of one", func(t *testing.T) {
		got, err := Open(corpus.Path("shp/shp-terminals.zip"), "", load.Options{})
		if err != nil {
			t.Fatal(err)
		}
		corpus.Compare(t, got, corpus.Original(t, "terminals"), 1e-7)
	})
}

// TestProjected reads the zipped Shapefiles GDAL reprojected to UTM 39N
// and Web Mercator: they must land within a metre of the originals.
func TestProjected(t *testing.T) {
	for _, srs := range []string{"32639", "3857"} {
		for _, layer := range corpus.Layers {
			t.Run(srs+"/"+layer, func(t *testing.T) {
				got, err := Open(corpus.Path("projected/shp-"+srs+".zip"), layer, load.Options{})
				if err != nil {
					t.Fatal(err)
				}
				want := corpus.Original(t, layer)
				if d := corpus.MetresApart(t, got, want); d > 1 {
					t.Fatalf("%.3f m from the original", d)
				}
				if !strings.Contains(strings.Join(got.Warnings, "\n"), "converted from") {
					t.Errorf("no notice of the conversion: %v", got.Warnings)
				}
			})
		}
	}
}

func TestZipLayers(t *testing.T) {
	z, err := load.OpenZip(corpus.Path("shp/shp-all.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	if got := strings.Join(Layers(z), ","); got != "corpus/routes,corpus/terminals,corpus/zones" {
		t.Fatalf("layers %s", got)
	}
	if _, err := ReadZip(z, "", load.Options{}); err == nil || !strings.Contains(err.Error(), "holds 3 Shapefiles") {
		t.Fatalf("err = %v", err)
	}
	if _, err := ReadZip(z, "rivers", load.Options{}); err == nil || !strings.Contains(err.Error(), `no Shapefile "rivers"`) {
		t.Fatalf("err = %v", err)
	}
}

// shpFile builds a one-record .shp whose content is c.
func shpFile(shapeType int32, c []byte) []byte {
	var b bytes.Buffer
	h := make([]byte, 100)
	binary.BigEndian.PutUint32(h, 9994)
	binary.BigEndian.PutUint32(h[24:], uint32((100+8+len(c))/2))
	binary.LittleEndian.PutUint32(h[28:], 1000)
	binary.LittleEndian.PutUint32(h[32:], uint32(shapeType))
	b.Write(h)
	rh := make([]byte, 8)
	binary.BigEndian.PutUint32(rh, 1)
	binary.BigEndian.PutUint32(rh[4:], uint32(len(c)/2))
	b.Write(rh)
	b.Write(c)
	return b.Bytes()
}

// polyContent builds polyline/polygon content from parts.
func polyContent(shapeType int32, parts ...[]orb.Point) []byte {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	c := make([]byte, 44+4*len(parts)+16*n)
	binary.LittleEndian.PutUint32(c, uint32(shapeType))
	binary.LittleEndian.PutUint32(c[36:], uint32(len(parts)))
	binary.LittleEndian.PutUint32(c[40:], uint32(n))
	k := 0
	for i, p := range parts {
		binary.LittleEndian.PutUint32(c[44+4*i:], uint32(k))
		for _, pt := range p {
			off := 44 + 4*len(parts) + 16*k
			binary.LittleEndian.PutUint64(c[off:], math.Float64bits(pt[0]))
			binary.LittleEndian.PutUint64(c[off+8:], math.Float64bits(pt[1]))
			k++
		}
	}
	return c
}

func read(t *testing.T, shp, dbf []byte) (*load.Result, error) {
	t.Helper()
	f := Files{Name: "t.shp", SHP: Part{bytes.NewReader(shp), int64(len(shp))}}
	if dbf != nil {
		f.DBF = Part{bytes.NewReader(dbf), int64(len(dbf))}
	}
	return Read(f, load.Options{})
}

func TestRings(t *testing.T) {
	square := func(x0, y0, s float64, clockwise bool) []orb.Point {
		r := []orb.Point{{x0, y0}, {x0, y0 + s}, {x0 + s, y0 + s}, {x0 + s, y0}, {x0, y0}}
		if !clockwise {
			r = []orb.Point{{x0, y0}, {x0 + s, y0}, {x0 + s, y0 + s}, {x0, y0 + s}, {x0, y0}}
		}
		return r
	}
	tests := []struct {
		name   string
		parts  [][]orb.Point
		shells []int // rings per polygon
		note   string
	}{
		{"shell", [][]orb.Point{square(0, 0, 10, true)}, []int{1}, ""},
		{"shell and hole", [][]orb.Point{square(0, 0, 10, true), square(2, 2, 2, false)}, []int{2}, ""},
		{"hole before its shell", [][]orb.Point{square(2, 2, 2, false), square(0, 0, 10, true)}, []int{2}, ""},
		{"two shells, hole in the second", [][]orb.Point{square(0, 0, 10, true), square(20, 0, 10, true), square(22, 2, 2, false)}, []int{1, 2}, ""},
		{"hole in the smaller of nested shells", [][]orb.Point{square(0, 0, 80, true), square(10, 10, 40, false), square(15, 15, 15, true), square(18, 18, 4, false)}, []int{2, 2}, ""},
		{"all counter-clockwise: nesting decides", [][]orb.Point{square(0, 0, 10, false), square(2, 2, 2, false)}, []int{2}, ""},
		{"orphan hole", [][]orb.Point{square(0, 0, 10, true), square(50, 50, 2, false)}, []int{1, 1}, "outside every shell"},
		{"unclosed ring", [][]orb.Point{square(0, 0, 10, true)[:4]}, []int{1}, "unclosed"},
		{"two-point ring dropped", [][]orb.Point{square(0, 0, 10, true), {{1, 1}, {2, 2}, {1, 1}}}, []int{1}, "fewer than 3 positions"},
		{"ring of no area kept as a shell", [][]orb.Point{square(0, 0, 10, true), {{20, 20}, {21, 21}, {22, 22}, {20, 20}}}, []int{1, 1}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := read(t, shpFile(shpPolygon, polyContent(shpPolygon, tc.parts...)), nil)
			if err != nil {
				t.Fatal(err)
			}
			var polys []orb.Polygon
			switch g := res.Features[0].Geometry.(type) {
			case orb.Polygon:
				polys = []orb.Polygon{g}
			case orb.MultiPolygon:
				polys = g
			default:
				t.Fatalf("geometry %T", g)
			}
			if len(polys) != len(tc.shells) {
				t.Fatalf("%d polygons, want %d", len(polys), len(tc.shells))
			}
			for i, p := range polys {
				if len(p) != tc.shells[i] {
					t.Errorf("polygon %d has %d rings, want %d", i+1, len(p), tc.shells[i])
				}
				for j, r := range p {
					if a := signedArea(r); a != 0 && (a > 0) != (j == 0) {
						t.Errorf("polygon %d ring %d winds the wrong way for RFC 7946", i+1, j+1)
					}
				}
			}
			if tc.note != "" && !strings.Contains(strings.Join(res.Warnings, "|"), tc.note) {
				t.Errorf("warnings %v lack %q", res.Warnings, tc.note)
			}
		})
	}
}

func TestShapeTypes(t *testing.T) {
	pt := make([]byte, 20+16) // PointZ: x, y, z, m
	binary.LittleEndian.PutUint32(pt, shpPointZ)
	binary.LittleEndian.PutUint64(pt[4:], math.Float64bits(49.5))
	binary.LittleEndian.PutUint64(pt[12:], math.Float64bits(40.25))
	res, err := read(t, shpFile(shpPointZ, pt), nil)
	if err != nil {
		t.Fatal(err)
	}
	if g := res.Features[0].Geometry; g != (orb.Point{49.5, 40.25}) {
		t.Errorf("PointZ read as %v", g)
	}
	line := polyContent(shpPolyLineM, []orb.Point{{1, 2}, {3, 4}}, []orb.Point{{5, 6}})
	res, err = read(t, shpFile(shpPolyLineM, line), nil)
	if err != nil {
		t.Fatal(err)
	}
	if g, ok := res.Features[0].Geometry.(orb.LineString); !ok || len(g) != 2 {
		t.Errorf("PolyLineM with a one-point part read as %v", res.Features[0].Geometry)
	}
	null := []byte{0, 0, 0, 0}
	res, err = read(t, shpFile(shpPolygon, null), nil)
	if err != nil || res.Features[0].Geometry != nil || !strings.Contains(strings.Join(res.Warnings, "|"), "without geometry") {
		t.Errorf("null shape: %v, %v", res, err)
	}
}

func TestRefuses(t *testing.T) {
	good := shpFile(shpPolyLine, polyContent(shpPolyLine, []orb.Point{{1, 2}, {3, 4}}))
	badParts := polyContent(shpPolyLine, []orb.Point{{1, 2}, {3, 4}})
	binary.LittleEndian.PutUint32(badParts[44:], 5)
	hugeCount := polyContent(shpPolyLine, []orb.Point{{1, 2}, {3, 4}})
	binary.LittleEndian.PutUint32(hugeCount[40:], 1<<31)
	patch := make([]byte, 44)
	binary.LittleEndian.PutUint32(patch, shpMultiPatch)
	projected := shpFile(shpPoint, func() []byte {
		c := make([]byte, 20)
		binary.LittleEndian.PutUint32(c, shpPoint)
		binary.LittleEndian.PutUint64(c[4:], math.Float64bits(500000))
		binary.LittleEndian.PutUint64(c[12:], math.Float64bits(4400000))
		return c
	}())
	tests := []struct {
		name string
		shp  []byte
		dbf  []byte
		want string
	}{
		{"empty", nil, nil, "not a Shapefile"},
		{"not a shapefile", []byte(strings.Repeat("x", 200)), nil, "file code 9994"},
		{"truncated record", good[:len(good)-8], nil, "record 1 (byte 100): claims 80 bytes, past the end"},
		{"first part not at 0", shpFile(shpPolyLine, badParts), nil, "record 1 (byte 100): first part starts at point 5"},
		{"2^31 points", shpFile(shpPolyLine, hugeCount), nil, "claims 1 parts and 2147483648 points"},
		{"multipatch", shpFile(shpMultiPatch, patch), nil, "multipatch"},
		{"projected without .prj", projected, nil, "record 1: longitude 500000 is outside -180..180 (are the coordinates projected? the file names no CRS)"},
		{"dbf claiming 2^31 records", good, dbfBytes(1<<31, 12), ".dbf: header claims 2147483648 records"},
		{"dbf with more records than the shp", good, dbfBytes(2, 12), "the .shp holds 1 records but the .dbf 2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := read(t, tc.shp, tc.dbf)
			if err == nil {
				t.Fatal("accepted")
			}
			var le *load.Error
			if !errors.As(err, &le) {
				t.Fatalf("%T: %v", err, err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "t.shp: ") || !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Fatalf("message %q, want one line naming t.shp with %q", msg, tc.want)
			}
		})
	}
}

// dbfBytes builds a .dbf with one C(10) field "name" that claims n
// records and holds `hold` of them.
func dbfBytes(n uint32, hold int) []byte {
	h := make([]byte, 32+32+1)
	h[0] = 3
	binary.LittleEndian.PutUint32(h[4:], n)
	binary.LittleEndian.PutUint16(h[8:], uint16(len(h)))
	binary.LittleEndian.PutUint16(h[10:], 11)
	copy(h[32:], "name")
	h[32+11] = 'C'
	h[32+16] = 10
	h[64] = 0x0D
	b := append([]byte{}, h...)
	for i := 0; i < min(hold, int(n)); i++ {
		b = append(b, ' ')
		b = append(b, []byte("rec       ")...)
	}
	return b
}

func TestDBFValues(t *testing.T) {
	// Fields: C(12), N(8,2), L(1), D(8), N(5,0) in CP1251 with a deleted
	// record between two others.
	type fd struct {
		name string
		typ  byte
		n, d int
	}
	fields := []fd{{"name", 'C', 12, 0}, {"value", 'N', 8, 2}, {"ok", 'L', 1, 0}, {"day", 'D', 8, 0}, {"count", 'N', 5, 0}}
	row := func(flag, name, value, ok, day, count string) string {
		return flag + fmt.Sprintf("%-12s%8s%1s%8s%5s", name, value, ok, day, count)
	}
	rows := []string{
		row(" ", "\xc0\xea\xf2\xe0\xf3", "12.50", "T", "20240131", "42"),
		row("*", "deleted", "1.00", "F", "20240101", "1"),
		row(" ", " Baku", "******", "?", "", ""),
	}
	recLen := 1
	for _, f := range fields {
		recLen += f.n
	}
	h := make([]byte, 32+32*len(fields)+1)
	binary.LittleEndian.PutUint32(h[4:], uint32(len(rows)))
	binary.LittleEndian.PutUint16(h[8:], uint16(len(h)))
	binary.LittleEndian.PutUint16(h[10:], uint16(recLen))
	h[29] = 0xC9 // language driver: Windows-1251
	for i, f := range fields {
		copy(h[32+32*i:], f.name)
		h[32+32*i+11], h[32+32*i+16], h[32+32*i+17] = f.typ, byte(f.n), byte(f.d)
	}
	h[len(h)-1] = 0x0D
	d := append([]byte{}, h...)
	for _, r := range rows {
		if len(r) != recLen {
			t.Fatalf("row %q is %d bytes, want %d", r, len(r), recLen)
		}
		d = append(d, r...)
	}
	db, err := openDBF(bytes.NewReader(d), int64(len(d)), nil)
	if err != nil {
		t.Fatal(err)
	}
	p, del, err := db.record(0)
	if err != nil || del {
		t.Fatal(err, del)
	}
	want := map[string]any{"name": "Актау", "value": 12.5, "ok": true, "day": "2024-01-31", "count": 42.0}
	for k, v := range want {
		if p[k] != v {
			t.Errorf("%s = %#v, want %#v", k, p[k], v)
		}
	}
	if _, del, _ := db.record(1); !del {
		t.Error("deleted record not reported")
	}
	p, _, _ = db.record(2)
	for _, k := range []string{"value", "ok", "day", "count"} {
		if p[k] != nil {
			t.Errorf("empty %s = %#v, want nil", k, p[k])
		}
	}
	if p["name"] != " Baku" {
		t.Errorf("name %q", p["name"])
	}
}

func TestCodePages(t *testing.T) {
	for _, tc := range []struct {
		cpg  string
		ldid byte
		in   string
		want string
	}{
		{"UTF-8", 0, "Актау", "Актау"},
		{"1251", 0, "\xc0\xea\xf2\xe0\xf3", "Актау"},
		{"ANSI 1251", 0, "\xc0\xea\xf2\xe0\xf3", "Актау"},
		{"CP1251", 0x57, "\xc0\xea\xf2\xe0\xf3", "Актау"},
		{"windows-1252", 0, "M\xfcnchen", "München"},
		{"88591", 0, "M\xfcnchen", "München"},
		{"866", 0, "\x80\xaa\xe2\xa0\xe3", "Актау"},
		{"KOI8-R", 0, "\xe1\xcb\xd4\xc1\xd5", "Актау"},
		{"", 0xC9, "\xc0\xea\xf2\xe0\xf3", "Актау"},
		{"", 0x26, "\x80\xaa\xe2\xa0\xe3", "Актау"},
		{"", 0, "Актау", "Актау"},
		{"", 0, "\xc0\xea\xf2\xe0\xf3", "Актау"},
		{"", 0, "M\xfcnchen", "München"},
	} {
		t.Run(tc.cpg+"/"+tc.want, func(t *testing.T) {
			var cpg []byte
			if tc.cpg != "" {
				cpg = []byte(tc.cpg + "\r\n")
			}
			tx, notice := codePage(cpg, tc.ldid)
			if notice != "" {
				t.Fatal(notice)
			}
			if got := tx.decode([]byte(tc.in)); got != tc.want {
				t.Errorf("%q, want %q", got, tc.want)
			}
		})
	}
	if _, notice := codePage([]byte("EBCDIC-42"), 0); !strings.Contains(notice, `"EBCDIC-42"`) {
		t.Errorf("unknown code page not reported: %q", notice)
	}
}

func TestProgressAndCancel(t *testing.T) {
	path := corpus.Path("shp/routes.shp")
	var seen []float64
	if _, err := Open(path, "", load.Options{Progress: func(f float64) { seen = append(seen, f) }}); err != nil {
		t.Fatal(err)
	}
	if len(seen) < 2 || seen[len(seen)-1] != 1 {
		t.Errorf("progress %v", seen)
	}
	cancel := make(chan struct{})
	close(cancel)
	if _, err := Open(path, "", load.Options{Cancel: cancel}); !errors.Is(err, load.ErrCancelled) {
		t.Errorf("err = %v", err)
	}
}

// TestZipBomb: a zipped .prj that claims more than the side-file limit
// is refused, not obeyed (geo/load's tests cover members that lie).
func TestZipBomb(t *testing.T) {
	shp, err := os.ReadFile(corpus.Path("shp/routes.shp"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("routes.shp")
	w.Write(shp)
	raw, err := zw.CreateRaw(&zip.FileHeader{Name: "routes.prj", Method: zip.Store, CompressedSize64: 3, UncompressedSize64: 1 << 40})
	if err != nil {
		t.Fatal(err)
	}
	raw.Write([]byte("abc"))
	zw.Close()
	p := filepath.Join(t.TempDir(), "bomb.zip")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Open(p, "", load.Options{})
	if err == nil || !strings.Contains(err.Error(), "routes.prj claims 1024.0 GiB, over the 64.0 MiB limit; refused (a zip bomb?)") {
		t.Fatalf("err = %v", err)
	}
}
