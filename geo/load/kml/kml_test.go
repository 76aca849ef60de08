package kml

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

// TestCorpus holds what GDAL's KML and LIBKML drivers wrote to the
// originals. GDAL writes the "name" property as the Placemark's name, and
// its KML driver gives lines and polygons a red, unfilled style of its
// own, which reads back as simplestyle (left out of the comparison).
func TestCorpus(t *testing.T) {
	for _, layer := range corpus.Layers {
		t.Run(layer, func(t *testing.T) {
			got, err := Open(corpus.Path("kml/"+layer+".kml"), load.Options{})
			if err != nil {
				t.Fatal(err)
			}
			corpus.Compare(t, got, corpus.Original(t, layer), 1e-7, "stroke", "fill-opacity")
		})
	}
	t.Run("LIBKML kmz with a network link", func(t *testing.T) {
		got, err := Open(corpus.Path("kml/zones.kmz"), load.Options{})
		if err != nil {
			t.Fatal(err)
		}
		corpus.Compare(t, got, corpus.Original(t, "zones"), 1e-7)
	})
}

// TestGoogleEarth reads a KMZ as Google Earth writes one: shared and
// inline styles, a StyleMap, folders, CDATA, ExtendedData, a
// MultiGeometry and an overlay.
func TestGoogleEarth(t *testing.T) {
	res, err := Open(corpus.Path("kml/google-earth.kmz"), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Features) != 5 {
		t.Fatalf("%d features", len(res.Features))
	}
	props := func(i int) map[string]any { return res.Features[i].Properties }
	for _, tc := range []struct {
		feature int
		key     string
		want    any
	}{
		{0, "name", "Aktau"},
		{0, "description", "Main <b>Kazakh</b> port"},
		{0, "capacity", "17.5"},
		{0, "marker-color", "#ff0000"}, // ff0000ff: opaque red
		{0, "marker-size", "large"},
		{1, "marker-color", "#ff0000"},
		{2, "stroke", "#007fff"}, // c0ff7f00: b=ff g=7f r=00
		{2, "stroke-opacity", 0.753},
		{2, "stroke-width", 3.0},
		{3, "fill", "#00ff00"},
		{3, "fill-opacity", 0.498},
		{3, "stroke", "#00ff00"},
		{4, "fill-opacity", 0.0},
	} {
		if got := props(tc.feature)[tc.key]; got != tc.want {
			t.Errorf("feature %d %s = %#v, want %#v", tc.feature+1, tc.key, got, tc.want)
		}
	}
	if g, ok := res.Features[0].Geometry.(orb.Point); !ok || math.Abs(g[0]-51.1739261) > 1e-12 {
		t.Errorf("Aktau at %v", res.Features[0].Geometry)
	}
	mp, ok := res.Features[3].Geometry.(orb.MultiPolygon)
	if !ok || len(mp) != 2 || len(mp[0]) != 2 {
		t.Errorf("zone geometry %v", res.Features[3].Geometry)
	}
	if !strings.Contains(strings.Join(res.Warnings, "|"), "1 GroundOverlay(s) left out") {
		t.Errorf("warnings %v", res.Warnings)
	}
}

func TestRefuses(t *testing.T) {
	const head = `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>`
	tests := []struct {
		name, doc, want string
		line            int
	}{
		{"empty", "", "empty file", 0},
		{"not XML", "lat,lon\n1,2\n", "not KML", 0},
		{"other XML", `<?xml version="1.0"?><gpx></gpx>`, "not KML: the document starts with <gpx>", 1},
		{"truncated", head + "<Placemark><name>x</name>", "ends inside an element", 0},
		{"bad coordinates", head + "\n<Placemark><name>Aktau</name><Point><coordinates>51.17;43.63</coordinates></Point></Placemark></Document></kml>", `Placemark 1 ("Aktau"): Point coordinate "51.17;43.63" is not lon,lat[,alt]`, 2},
		{"lat out of range", head + "<Placemark><LineString><coordinates>51,43 51,95</coordinates></LineString></Placemark></Document></kml>", `Placemark 1: LineString coordinate "51,95" is outside`, 1},
		{"one-point line", head + "<Placemark><LineString><coordinates>51,43</coordinates></LineString></Placemark></Document></kml>", "LineString has 1 coordinate(s)", 1},
		{"polygon without outer", head + "<Placemark><Polygon><innerBoundaryIs><LinearRing><coordinates>0,0 1,0 1,1 0,0</coordinates></LinearRing></innerBoundaryIs></Polygon></Placemark></Document></kml>", "Polygon has no outer boundary", 1},
		{"mismatched tags", head + "<Placemark></Document></kml>", "invalid XML", 1},
		{"unknown encoding", `<?xml version="1.0" encoding="EBCDIC"?><kml/>`, `encoding "EBCDIC" is not supported`, 0},
		{"deep MultiGeometry", head + "<Placemark>" + strings.Repeat("<MultiGeometry>", 40) + "</Placemark></Document></kml>", "nested more than 32 deep", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read("x.kml", []byte(tc.doc), load.Options{})
			if err == nil {
				t.Fatal("accepted")
			}
			var le *load.Error
			if !errors.As(err, &le) {
				t.Fatalf("%T: %v", err, err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "x.kml") || !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Fatalf("message %q, want one line naming x.kml with %q", msg, tc.want)
			}
			if tc.line > 0 && le.Line != tc.line {
				t.Errorf("line %d, want %d", le.Line, tc.line)
			}
		})
	}
}

func TestLegacyEncodingAndNetworkLinks(t *testing.T) {
	doc := "<?xml version=\"1.0\" encoding=\"windows-1251\"?><kml><Document><NetworkLink><Link><href>http://example.com/x.kml</href></Link></NetworkLink>" +
		"<Placemark><name>\xc0\xea\xf2\xe0\xf3</name><Point><coordinates>51.17, 43.63</coordinates></Point></Placemark></Document></kml>"
	res, err := Read("legacy.kml", []byte(doc), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Features[0].Properties["name"] != "Актау" || res.Features[0].Geometry != (orb.Point{51.17, 43.63}) {
		t.Errorf("feature %v %v", res.Features[0].Properties, res.Features[0].Geometry)
	}
	if !strings.Contains(strings.Join(res.Warnings, "|"), "network link(s) not followed") {
		t.Errorf("warnings %v", res.Warnings)
	}
}

func TestLinkTarget(t *testing.T) {
	for _, tc := range []struct {
		from, href, want string
		inside           bool
	}{
		{"doc.kml", "layers/a.kml", "layers/a.kml", true},
		{"layers/a.kml", "../b.kml", "b.kml", true},
		{"doc.kml", "../../etc/passwd", "", false},
		{"doc.kml", "http://example.com/a.kml", "", false},
		{"doc.kml", "/abs/a.kml", "", false},
		{"doc.kml", "C:/a.kml", "", false},
	} {
		got, inside := linkTarget(tc.from, tc.href)
		if got != tc.want || inside != tc.inside {
			t.Errorf("linkTarget(%q, %q) = %q, %v", tc.from, tc.href, got, inside)
		}
	}
}

func TestProgressAndCancel(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<kml><Document>`)
	for i := range 1000 {
		b.WriteString(`<Placemark><Point><coordinates>`)
		b.WriteString(strings.Repeat("1", 1+i%2))
		b.WriteString(`,2</coordinates></Point></Placemark>`)
	}
	b.WriteString(`</Document></kml>`)
	var seen []float64
	if _, err := Read("p.kml", []byte(b.String()), load.Options{Progress: func(f float64) { seen = append(seen, f) }}); err != nil {
		t.Fatal(err)
	}
	if len(seen) < 3 || seen[len(seen)-1] != 1 {
		t.Errorf("progress %v", seen)
	}
	cancel := make(chan struct{})
	close(cancel)
	if _, err := Read("p.kml", []byte(b.String()), load.Options{Cancel: cancel}); !errors.Is(err, load.ErrCancelled) {
		t.Errorf("err = %v", err)
	}
}

func FuzzKML(f *testing.F) {
	for _, name := range []string{"kml/terminals.kml", "kml/routes.kml", "kml/zones.kml", "ge/doc.kml"} {
		if b, err := os.ReadFile(corpus.Path(name)); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := Read("f.kml", b, load.Options{})
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
