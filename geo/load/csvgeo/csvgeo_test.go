package csvgeo

import (
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo/corpus"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

func readFile(t *testing.T, name string, cols Columns) *load.Result {
	t.Helper()
	b, err := os.ReadFile(corpus.Path(name))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Read(name, b, cols, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestCorpus holds GDAL's CSV output (X/Y columns for points, a WKT
// column for lines and polygons) to the originals.
func TestCorpus(t *testing.T) {
	for _, tc := range []struct{ file, layer string }{
		{"csv/terminals-xy.csv", "terminals"},
		{"csv/routes-wkt.csv", "routes"},
		{"csv/zones-wkt.csv", "zones"},
	} {
		t.Run(tc.layer, func(t *testing.T) {
			corpus.Compare(t, readFile(t, tc.file, Columns{}), corpus.Original(t, tc.layer), 1e-7)
		})
	}
}

// TestSpreadsheets reads what Excel writes in Germany (semicolons,
// decimal commas, Windows-1252), Russia (UTF-8 with a BOM, Cyrillic
// headers) and as "Unicode text" (UTF-16, tabs).
func TestSpreadsheets(t *testing.T) {
	t.Run("German Excel", func(t *testing.T) {
		res := readFile(t, "sheets/terminals-excel-de.csv", Columns{})
		if len(res.Features) != 5 {
			t.Fatalf("%d features", len(res.Features))
		}
		p := res.Features[0].Properties
		if g := res.Features[0].Geometry.(orb.Point); math.Abs(g[0]-51.1739261) > 1e-12 || math.Abs(g[1]-43.6352094) > 1e-12 {
			t.Errorf("Aktau at %v", g)
		}
		if p["Kapazität (Mio. t)"] != 17.5 || p["Terminal"] != "Aktau" || p["Eröffnet"] != "01.01.1963" || p["Liegeplätze"] != 12.0 {
			t.Errorf("properties %v", p)
		}
		if res.Features[3].Properties["Terminal"] != "Türkmenbaschi" {
			t.Errorf("Windows-1252 text read as %q", res.Features[3].Properties["Terminal"])
		}
		if res.Features[4].Properties["Kapazität (Mio. t)"] != 1234.5 {
			t.Errorf("thousands separator: %v", res.Features[4].Properties["Kapazität (Mio. t)"])
		}
		w := strings.Join(res.Warnings, "|")
		if !strings.Contains(w, "Windows-1252") || !strings.Contains(w, `"Breite" (latitude) and "Länge" (longitude)`) {
			t.Errorf("warnings %v", res.Warnings)
		}
		if strings.Join(res.Fields, ",") != "Terminal,Land,Kapazität (Mio. t),Liegeplätze,Betreiber,Eröffnet" {
			t.Errorf("fields %v", res.Fields)
		}
	})
	t.Run("Russian", func(t *testing.T) {
		res := readFile(t, "sheets/terminals-ru.csv", Columns{})
		p := res.Features[2].Properties
		if p["Название"] != "Баку (Алят)" || p["Код"] != "031" {
			t.Errorf("properties %v", p)
		}
		if g := res.Features[2].Geometry.(orb.Point); g != (orb.Point{49.4203516, 39.9460338}) {
			t.Errorf("Baku at %v", g)
		}
	})
	t.Run("UTF-16 tab-separated", func(t *testing.T) {
		res := readFile(t, "sheets/terminals-unicode.txt", Columns{})
		if len(res.Features) != 2 || res.Features[0].Properties["Note"] != "quoted, with comma" {
			t.Errorf("features %v", res.Features[0].Properties)
		}
	})
	t.Run("degrees, minutes, seconds", func(t *testing.T) {
		res := readFile(t, "sheets/dms.csv", Columns{})
		want := []orb.Point{{51 + 10/60.0 + 26.13/3600, 43 + 38/60.0 + 6.75/3600}, {41 + 39/60.0 + 39.6/3600, 42 + 9/60.0 + 1.2/3600}, {-77.25, -12.5}}
		for i, w := range want {
			g := res.Features[i].Geometry.(orb.Point)
			if math.Abs(g[0]-w[0]) > 1e-9 || math.Abs(g[1]-w[1]) > 1e-9 {
				t.Errorf("row %d at %v, want %v", i+1, g, w)
			}
		}
	})
}

func TestColumnsByHand(t *testing.T) {
	doc := "Ort;Nord;Ost\nAktau;43,6;51,2\n"
	if _, err := Read("x.csv", []byte(doc), Columns{}, load.Options{}); err == nil {
		t.Fatal("found columns where there are none")
	} else {
		var nc *NoColumnsError
		if !errors.As(err, &nc) || strings.Join(nc.Columns, ",") != "Ort,Nord,Ost" {
			t.Fatalf("err = %#v", err)
		}
		if !strings.Contains(err.Error(), `--lat-col`) || strings.Contains(err.Error(), "\n") {
			t.Errorf("message %q", err)
		}
	}
	res, err := Read("x.csv", []byte(doc), Columns{Lat: "Nord", Lon: "Ost"}, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if g := res.Features[0].Geometry; g != (orb.Point{51.2, 43.6}) {
		t.Errorf("at %v", g)
	}
	if _, err := Read("x.csv", []byte(doc), Columns{Lat: "Nord", Lon: "East"}, load.Options{}); err == nil || !strings.Contains(err.Error(), `no column "East"`) {
		t.Errorf("err = %v", err)
	}
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   Columns
	}{
		{"name,lat,lon", Columns{Lat: "lat", Lon: "lon"}},
		{"Name,Latitude (deg),Longitude (deg)", Columns{Lat: "Latitude (deg)", Lon: "Longitude (deg)"}},
		{"id,X,Y", Columns{Lat: "Y", Lon: "X"}},
		{"id,y,x,lat,lng", Columns{Lat: "lat", Lon: "lng"}},
		{"Порт,Широта,Долгота", Columns{Lat: "Широта", Lon: "Долгота"}},
		{"Hafen,Breitengrad,Längengrad", Columns{Lat: "Breitengrad", Lon: "Längengrad"}},
		{"id,WKT,name", Columns{WKT: "WKT"}},
		{"id,the_geom", Columns{WKT: "the_geom"}},
		{"id,lat", Columns{}},
	} {
		t.Run(tc.header, func(t *testing.T) {
			if got := detect(strings.Split(tc.header, ","), nil); got != tc.want {
				t.Errorf("%+v, want %+v", got, tc.want)
			}
		})
	}
	if got := detect([]string{"a", "b"}, [][]string{{"1", "POINT (1 2)"}}); got != (Columns{WKT: "b"}) {
		t.Errorf("WKT by content: %+v", got)
	}
}

func TestNumbers(t *testing.T) {
	for _, tc := range []struct {
		in    string
		comma bool
		want  float64
		ok    bool
	}{
		{"43.6352", false, 43.6352, true},
		{"43,6352", true, 43.6352, true},
		{"43,6352", false, 0, false},
		{"1.234,5", true, 1234.5, true},
		{"1,234.5", false, 1234.5, true},
		{"1 234,5", true, 1234.5, true},
		{"−12.5", false, -12.5, true},
		{"12,5,6", true, 0, false},
		{"abc", false, 0, false},
		{"1e999", false, 0, false},
	} {
		got, ok := parseNumber(tc.in, tc.comma)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("parseNumber(%q, %v) = %v, %v", tc.in, tc.comma, got, ok)
		}
	}
}

func TestRefuses(t *testing.T) {
	tests := []struct {
		name, doc, want string
		line, col       int
	}{
		{"empty", "", "empty file", 0, 0},
		{"latitude not a number", "name,lat,lon\nA,43.6,51.1\nB,north,51.1\n", `field 2 (lat): latitude "north" is not a number`, 3, 2},
		{"latitude out of range", "name,lat,lon\nA,143.6,51.1\n", "latitude 143.6 is outside -90..90 (are the columns swapped", 2, 2},
		{"projected", "name,x,y\nA,500000,4400000\n", "latitude 4.4e+06 is outside -90..90 (are the columns swapped, or the coordinates projected?)", 2, 3},
		{"one coordinate empty", "name;lat;lon\nA;;51,1\n", "latitude is empty", 2, 2},
		{"ragged row", "name,lat,lon\nA,43.6,51.1,x,y\n", "row has 5 fields; the header has 3", 2, 1},
		{"bad WKT", "id,WKT\n1,POINT (1 2)\n2,\"POLYGON ((0 0, 1 1)\"\n", `field 2 (WKT): not WKT geometry`, 3, 2},
		{"WKT in another SRID", "id,WKT\n1,SRID=3857;POINT (1 2)\n", "SRID 3857", 2, 2},
		{"bare quote", "name,lat,lon\n\"A\"x\"y,1,2\n", "", 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read("x.csv", []byte(tc.doc), Columns{}, load.Options{})
			if tc.want == "" {
				return // must not panic; LazyQuotes may accept it
			}
			if err == nil {
				t.Fatal("accepted")
			}
			var le *load.Error
			if !errors.As(err, &le) {
				t.Fatalf("%T: %v", err, err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "x.csv") || !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Fatalf("message %q, want one line naming x.csv with %q", msg, tc.want)
			}
			if tc.line > 0 && (le.Line != tc.line || le.Col != tc.col) {
				t.Errorf("at %d:%d, want %d:%d", le.Line, le.Col, tc.line, tc.col)
			}
		})
	}
}

func TestWKTVariants(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want orb.Geometry
	}{
		{"POINT Z (1 2 3)", orb.Point{1, 2}},
		{"LINESTRING ZM (1 2 3 4, 5 6 7 8)", orb.LineString{{1, 2}, {5, 6}}},
		{"SRID=4326;POINT (1 2)", orb.Point{1, 2}},
		{"POINT (1 2 3)", orb.Point{1, 2}},
		{"POINT EMPTY", nil},
	} {
		g, err := parseWKT(tc.in)
		if err != nil || (g == nil) != (tc.want == nil) || (g != nil && !orb.Equal(g, tc.want)) {
			t.Errorf("parseWKT(%q) = %v, %v", tc.in, g, err)
		}
	}
}

func TestEmptyRowsAndCancel(t *testing.T) {
	res, err := Read("x.csv", []byte("name,lat,lon\nA,,\n\nB,1,2\n"), Columns{}, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Features) != 2 || res.Features[0].Geometry != nil || !strings.Contains(strings.Join(res.Warnings, "|"), "without geometry") {
		t.Errorf("features %v warnings %v", res.Features, res.Warnings)
	}
	cancel := make(chan struct{})
	close(cancel)
	if _, err := Read("x.csv", []byte("name,lat,lon\nA,1,2\n"), Columns{}, load.Options{Cancel: cancel}); !errors.Is(err, load.ErrCancelled) {
		t.Errorf("err = %v", err)
	}
}

func FuzzCSV(f *testing.F) {
	for _, name := range []string{"csv/terminals-xy.csv", "csv/zones-wkt.csv", "sheets/terminals-excel-de.csv", "sheets/dms.csv"} {
		if b, err := os.ReadFile(corpus.Path(name)); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := Read("f.csv", b, Columns{}, load.Options{})
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("message on several lines: %q", err)
			}
			return
		}
		for _, ft := range res.Features {
			if ft.Geometry == nil {
				continue
			}
			bd := ft.Geometry.Bound()
			if !(bd.Min[0] >= -180 && bd.Max[0] <= 180 && bd.Min[1] >= -90 && bd.Max[1] <= 90) {
				t.Fatalf("accepted out-of-range bound %v", bd)
			}
		}
	})
}
