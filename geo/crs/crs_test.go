package crs

import (
	"bufio"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// refRow is one point of testdata/proj-reference.tsv: WGS84 lon, lat and
// the same point in the system, as PROJ's cs2cs converted it.
type refRow struct {
	system     string
	lon, lat   float64
	x, y       float64
	lineNumber int
}

func readReference(t *testing.T) []refRow {
	t.Helper()
	f, err := os.Open("testdata/proj-reference.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []refRow
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) != 5 {
			t.Fatalf("line %d: %d fields", n, len(fs))
		}
		r := refRow{system: fs[0], lineNumber: n}
		for i, p := range []*float64{&r.lon, &r.lat, &r.x, &r.y} {
			if *p, err = strconv.ParseFloat(fs[i+1], 64); err != nil {
				t.Fatalf("line %d: %v", n, err)
			}
		}
		rows = append(rows, r)
	}
	return rows
}

// referenceSystem is the CRS a reference row names: an EPSG code or one
// of the PROJ strings in make-reference.sh.
func referenceSystem(t *testing.T, name string) *CRS {
	switch name {
	case "lcc2":
		return LambertConformalConic("ETRS89 / LCC Europe", ETRS89Datum, 10, 52, 35, 65, 1, 4000000, 2800000)
	case "lcc1":
		return LambertConformalConic("one-parallel test", WGS84Datum, 50, 42, 42, 42, 0.9996, 500000, 200000)
	}
	code, err := strconv.Atoi(name)
	if err != nil {
		t.Fatalf("unknown reference system %q", name)
	}
	c, err := EPSG(code)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// metresApart is the ground distance between two nearby lon/lat points.
func metresApart(lon1, lat1, lon2, lat2 float64) float64 {
	dx := (lon1 - lon2) * 111320 * math.Cos(lat1*deg)
	dy := (lat1 - lat2) * 110574
	return math.Hypot(dx, dy)
}

func TestPROJReference(t *testing.T) {
	rows := readReference(t)
	if len(rows) < 500 {
		t.Fatalf("only %d reference points", len(rows))
	}
	bySystem := map[string][]refRow{}
	for _, r := range rows {
		bySystem[r.system] = append(bySystem[r.system], r)
	}
	for name, rows := range bySystem {
		t.Run(name, func(t *testing.T) {
			c := referenceSystem(t, name)
			worstInv, worstFwd := 0.0, 0.0
			for _, r := range rows {
				lon, lat := c.ToWGS84(r.x, r.y)
				d := metresApart(lon, lat, r.lon, r.lat)
				worstInv = max(worstInv, d)
				if d > 0.001 {
					t.Errorf("line %d: ToWGS84(%.3f, %.3f) = %.9f, %.9f; PROJ %.9f, %.9f (%.4f m apart)", r.lineNumber, r.x, r.y, lon, lat, r.lon, r.lat, d)
				}
				x, y := c.FromWGS84(r.lon, r.lat)
				if c.Projected() {
					d = math.Hypot(x-r.x, y-r.y)
				} else {
					d = metresApart(x, y, r.x, r.y)
				}
				worstFwd = max(worstFwd, d)
				if d > 0.001 {
					t.Errorf("line %d: FromWGS84(%g, %g) = %.4f, %.4f; PROJ %.4f, %.4f (%.4f m apart)", r.lineNumber, r.lon, r.lat, x, y, r.x, r.y, d)
				}
			}
			t.Logf("%s: %d points, worst %.2g m inverse, %.2g m forward", c, len(rows), worstInv, worstFwd)
		})
	}
}

// TestEPSGTable compares every code EPSG serves with the PROJ string
// PROJ's database gives for it (testdata/epsg-table.tsv).
func TestEPSGTable(t *testing.T) {
	b, err := os.ReadFile("testdata/epsg-table.tsv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) < 300 {
		t.Fatalf("only %d codes", len(lines))
	}
	for _, line := range lines {
		code, def, _ := strings.Cut(line, "\t")
		t.Run(code, func(t *testing.T) {
			n, _ := strconv.Atoi(code)
			c, err := EPSG(n)
			if err != nil {
				t.Fatal(err)
			}
			p := projParams(def)
			switch p["proj"] {
			case "longlat":
				if c.Projected() {
					t.Fatalf("%s is projected; PROJ: %s", c, def)
				}
			case "utm":
				zone, _ := strconv.Atoi(p["zone"])
				_, south := p["south"]
				want := TransverseMercator("", c.datum, float64(6*zone-183), 0, 0.9996, 500000, map[bool]float64{true: 1e7}[south])
				sameProjection(t, c, want)
			case "tmerc":
				want := TransverseMercator("", c.datum, num(p["lon_0"]), num(p["lat_0"]), num(p["k"]), num(p["x_0"]), num(p["y_0"]))
				sameProjection(t, c, want)
			case "merc":
				if p["a"] == "6378137" && p["b"] == "6378137" {
					sameProjection(t, c, WebMercator())
				} else {
					sameProjection(t, c, Mercator("", WGS84Datum, num(p["lon_0"]), num(p["k"]), 0, 0))
				}
			default:
				t.Fatalf("unexpected PROJ definition %s", def)
			}
			wantEl := map[string]Ellipsoid{"krass": KrassowskyEllipsoid, "GRS80": GRS80Ellipsoid, "WGS84": WGS84Ellipsoid}[p["ellps"]+p["datum"]]
			if p["a"] == "6378137" && p["b"] == "6378137" {
				wantEl = WGS84Ellipsoid
			}
			if c.datum.Ellipsoid != wantEl {
				t.Errorf("ellipsoid %+v; PROJ %s", c.datum.Ellipsoid, def)
			}
			if tw, ok := p["towgs84"]; ok {
				var want [7]float64
				for i, f := range strings.Split(tw, ",") {
					want[i] = num(f)
				}
				got := [7]float64{}
				if c.datum.Shift != nil {
					got = *c.datum.Shift
				}
				if got != want {
					t.Errorf("shift %v; PROJ %s", c.datum.Shift, def)
				}
			}
		})
	}
}

// sameProjection checks two CRSs put a few points in the same place.
func sameProjection(t *testing.T, got, want *CRS) {
	t.Helper()
	for _, lonlat := range [][2]float64{{0, 0}, {3, 1}, {-2, 2}} {
		// Near the got CRS's own central meridian, where both are valid.
		lam, _ := got.proj.inverse(got.proj.forward(0, 0))
		lon := lam/deg + lonlat[0]
		gx, gy := got.proj.forward(lon*deg, (40+lonlat[1])*deg)
		wx, wy := want.proj.forward(lon*deg, (40+lonlat[1])*deg)
		if math.Hypot(gx-wx, gy-wy) > 1e-6 {
			t.Fatalf("%s differs from PROJ's definition: %.3f,%.3f vs %.3f,%.3f", got, gx, gy, wx, wy)
		}
	}
}

func projParams(def string) map[string]string {
	p := map[string]string{}
	for _, f := range strings.Fields(def) {
		k, v, _ := strings.Cut(strings.TrimPrefix(f, "+"), "=")
		p[k] = v
	}
	return p
}

func num(s string) float64 {
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

func TestUnknownCodes(t *testing.T) {
	for _, code := range []int{0, 2550, 2600, 4267, 5070, 32600, 32661, 28403, 99999999} {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			if c, err := EPSG(code); err == nil {
				t.Fatalf("EPSG(%d) = %s, want refused", code, c)
			} else if !strings.Contains(err.Error(), "EPSG:"+strconv.Itoa(code)) {
				t.Fatalf("message does not name the code: %v", err)
			}
		})
	}
}

// TestParseWKTForms reads each CRS as PROJ writes it in the three WKT
// forms files carry and checks it converts the reference points as the
// EPSG code does.
func TestParseWKTForms(t *testing.T) {
	files, _ := filepath.Glob("testdata/wkt/[0-9]*.txt")
	if len(files) < 30 {
		t.Fatalf("only %d WKT samples", len(files))
	}
	for _, f := range files {
		base := filepath.Base(f)
		t.Run(base, func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			code, _ := strconv.Atoi(strings.SplitN(base, ".", 2)[0])
			want, _ := EPSG(code)
			got, err := ParseWKT(string(b))
			if err != nil {
				t.Fatal(err)
			}
			if got.Projected() != want.Projected() {
				t.Fatalf("projected %v, want %v", got.Projected(), want.Projected())
			}
			x, y := 45.0, 41.0
			if want.Projected() {
				x, y = want.FromWGS84(lon0(want)+1.5, 41)
			}
			lon, lat := want.ToWGS84(x, y)
			glon, glat := got.ToWGS84(x, y)
			if d := metresApart(glon, glat, lon, lat); d > 0.001 {
				t.Fatalf("%s: %.9f,%.9f; EPSG %s: %.9f,%.9f (%.3f m)", got, glon, glat, want, lon, lat, d)
			}
		})
	}
}

func lon0(c *CRS) float64 {
	lam, _ := c.proj.inverse(c.proj.forward(0, 0))
	if tm, ok := c.proj.(*tmerc); ok {
		lam = tm.lam0
	}
	return lam / deg
}

// TestParseWKTByParameters strips the codes from the samples, so the
// datum and projection are read from the parameters alone, as in a .prj
// written by ESRI software.
func TestParseWKTByParameters(t *testing.T) {
	for _, f := range []string{"28409.WKT1_GDAL.txt", "32639.WKT1_GDAL.txt", "3857.WKT1_GDAL.txt", "2533.WKT2_2019.txt", "32738.WKT2_2019.txt", "3395.WKT1_GDAL.txt"} {
		t.Run(f, func(t *testing.T) {
			b, err := os.ReadFile("testdata/wkt/" + f)
			if err != nil {
				t.Fatal(err)
			}
			s := string(b)
			for _, k := range []string{`AUTHORITY["EPSG",`, `ID["EPSG",`} {
				s = strings.ReplaceAll(s, k, `AUTHORITY["NONE",`)
			}
			code, _ := strconv.Atoi(strings.SplitN(f, ".", 2)[0])
			want, _ := EPSG(code)
			got, err := ParseWKT(s)
			if err != nil {
				t.Fatal(err)
			}
			if got.Code != 0 {
				t.Fatalf("code %d read from a definition without codes", got.Code)
			}
			for _, ll := range [][2]float64{{lon0(want) + 2, 42}, {lon0(want) - 1, 39}} {
				x, y := want.FromWGS84(ll[0], ll[1])
				lon, lat := got.ToWGS84(x, y)
				if d := metresApart(lon, lat, ll[0], ll[1]); d > 0.001 {
					t.Fatalf("%v → %.3f,%.3f → %.9f,%.9f (%.3f m)", ll, x, y, lon, lat, d)
				}
			}
		})
	}
}

func TestParseWKTRefuses(t *testing.T) {
	read := func(f string) string {
		b, err := os.ReadFile("testdata/wkt/" + f)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, tc := range []struct{ name, wkt, want string }{
		{"albers", read("refuse-albers.WKT1_ESRI.txt"), `"NAD_1983_Contiguous_USA_Albers" (the Albers projection)`},
		{"datum without a shift", read("refuse-nad27.WKT1_ESRI.txt"), `"GCS_North_American_1927" (datum "D_North_American_1927" with no known shift to WGS 84)`},
		{"Paris meridian", `GEOGCS["NTF (Paris)",DATUM["NTF",SPHEROID["Clarke 1880",6378249.2,293.46],TOWGS84[-168,-60,320,0,0,0,0]],PRIMEM["Paris",2.33722917],UNIT["grad",0.01570796326794897]]`, "prime meridian"},
		{"local", `LOCAL_CS["site grid",LOCAL_DATUM["x",0],UNIT["metre",1]]`, `"site grid"`},
		{"truncated", `PROJCS["WGS 84 / UTM zone 39N",GEOGCS["WGS 84"`, "cannot read the CRS"},
		{"not WKT", `{"type":"name"}`, "cannot read the CRS"},
		{"too deep", strings.Repeat("A[", 100), "cannot read the CRS"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ParseWKT(tc.wkt)
			if err == nil {
				t.Fatalf("accepted as %s", c)
			}
			if !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("message %q, want one line with %q", err, tc.want)
			}
		})
	}
}

func TestParseName(t *testing.T) {
	for _, tc := range []struct {
		name string
		code int
	}{
		{"urn:ogc:def:crs:OGC:1.3:CRS84", 4326},
		{"EPSG:4326", 4326},
		{"urn:ogc:def:crs:EPSG::3857", 3857},
		{"urn:ogc:def:crs:EPSG:6.6:32639", 32639},
		{"http://www.opengis.net/def/crs/EPSG/0/28409", 28409},
		{"EPSG:5070", 0},
		{"urn:ogc:def:crs:EPSG::abc", 0},
		{"my own grid", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ParseName(tc.name)
			if tc.code == 0 {
				if err == nil || !strings.Contains(err.Error(), tc.name) {
					t.Fatalf("got %v, %v; want a refusal naming %q", c, err, tc.name)
				}
				return
			}
			if err != nil || c.Code != tc.code {
				t.Fatalf("got %v, %v; want EPSG:%d", c, err, tc.code)
			}
		})
	}
}

func FuzzParseWKT(f *testing.F) {
	files, _ := filepath.Glob("testdata/wkt/*.txt")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseWKT(s)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("message on several lines: %q", err)
			}
			return
		}
		c.ToWGS84(500000, 4500000)
	})
}
