package dataset

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corridor-atlas/corridor-atlas/geo/corpus"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
	"github.com/corridor-atlas/corridor-atlas/geo/load/csvgeo"
)

// copyAs copies a corpus file to a temporary file of another name.
func copyAs(t *testing.T, name, as string) string {
	t.Helper()
	b, err := os.ReadFile(corpus.Path(name))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), as)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		file string
		as   string // copy under this name first ("" keeps it)
		want Format
	}{
		{"terminals.geojson", "", GeoJSON},
		{"terminals.geojson", "terminals.dat", GeoJSON},
		{"gpkg/corpus.gpkg", "", GeoPackage},
		{"gpkg/corpus.gpkg", "renamed.sqlite", GeoPackage},
		{"shp/terminals.shp", "", Shapefile},
		{"shp/terminals.dbf", "", Shapefile},
		{"shp/shp-all.zip", "", ZippedSHP},
		{"kml/terminals.kml", "", KML},
		{"kml/terminals.kml", "export.xml", KML},
		{"kml/google-earth.kmz", "", KMZ},
		{"kml/google-earth.kmz", "from-a-colleague.zip", KMZ},
		{"csv/terminals-xy.csv", "", CSV},
		{"csv/terminals-xy.csv", "terminals.dat", CSV},
		{"sheets/terminals-unicode.txt", "", CSV},
	} {
		t.Run(tc.file+"→"+tc.as, func(t *testing.T) {
			p := corpus.Path(tc.file)
			if tc.as != "" {
				p = copyAs(t, tc.file, tc.as)
			}
			got, err := Detect(p)
			if err != nil || got != tc.want {
				t.Fatalf("%v, %v; want %v", got, err, tc.want)
			}
		})
	}
	bad := filepath.Join(t.TempDir(), "photo.jpg")
	os.WriteFile(bad, []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00binary"), 0o644)
	if _, err := Detect(bad); err == nil || !strings.Contains(err.Error(), "not a file Corridor Atlas reads") {
		t.Errorf("jpeg: %v", err)
	}
	gpx := filepath.Join(t.TempDir(), "track.gpx")
	os.WriteFile(gpx, []byte(`<?xml version="1.0"?><gpx></gpx>`), 0o644)
	if _, err := Detect(gpx); err == nil || !strings.Contains(err.Error(), "XML, but not KML") {
		t.Errorf("gpx: %v", err)
	}
	if _, err := Detect(t.TempDir()); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("directory: %v", err)
	}
}

// TestOpenEveryFormat reads each format of each layer through Open and
// holds it to the GeoJSON original.
func TestOpenEveryFormat(t *testing.T) {
	for _, layer := range corpus.Layers {
		want := corpus.Original(t, layer)
		for _, src := range []Source{
			{Path: corpus.Path(layer + ".geojson")},
			{Path: corpus.Path("gpkg/corpus.gpkg"), Layer: layer},
			{Path: corpus.Path("shp/" + layer + ".shp")},
			{Path: corpus.Path("shp/shp-all.zip"), Layer: "corpus/" + layer},
			{Path: corpus.Path("kml/" + layer + ".kml")},
		} {
			t.Run(layer+"/"+filepath.Base(src.String()), func(t *testing.T) {
				ls, err := Open(src, load.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if len(ls) != 1 {
					t.Fatalf("%d layers", len(ls))
				}
				if ls[0].Name != layer {
					t.Errorf("name %q, want %q", ls[0].Name, layer)
				}
				corpus.Compare(t, ls[0].Result, want, 1e-7, "stroke", "fill-opacity")
			})
		}
	}
}

// TestReprojection: the same features in Web Mercator and UTM 39N, as
// GeoJSON (crs member), GeoPackage and zipped Shapefile, load to within
// a metre of the WGS84 originals.
func TestReprojection(t *testing.T) {
	for _, srs := range []string{"3857", "32639"} {
		for _, layer := range corpus.Layers {
			for _, src := range []Source{
				{Path: corpus.Path("projected/" + layer + "-" + srs + ".geojson")},
				{Path: corpus.Path("projected/corpus-" + srs + ".gpkg"), Layer: layer},
				{Path: corpus.Path("projected/shp-" + srs + ".zip"), Layer: layer},
			} {
				t.Run(srs+"/"+filepath.Base(src.String()), func(t *testing.T) {
					ls, err := Open(src, load.Options{})
					if err != nil {
						t.Fatal(err)
					}
					d := corpus.MetresApart(t, ls[0].Result, corpus.Original(t, layer))
					if d > 1 {
						t.Fatalf("%.3f m from the original", d)
					}
					t.Logf("within %.3f m", d)
				})
			}
		}
	}
}

func TestLayersAndNames(t *testing.T) {
	ls, err := Open(Source{Path: corpus.Path("gpkg/corpus.gpkg")}, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != 3 || ls[1].Name != "routes" || ls[1].Source.Layer != "routes" {
		t.Fatalf("layers %+v", ls)
	}
	infos, err := Layers(corpus.Path("gpkg/corpus.gpkg"))
	if err != nil || len(infos) != 3 || infos[0].Features != 5 || infos[0].Type != "POINT" {
		t.Fatalf("infos %+v, %v", infos, err)
	}
	zipped, err := Open(Source{Path: corpus.Path("shp/shp-terminals.zip")}, load.Options{})
	if err != nil || len(zipped) != 1 || zipped[0].Name != "shp-terminals" || zipped[0].Source.Layer != "" {
		t.Fatalf("zip of one: %+v, %v", zipped, err)
	}
	if _, err := Open(Source{Path: corpus.Path("gpkg/corpus.gpkg"), Layer: "rivers"}, load.Options{}); err == nil || !strings.Contains(err.Error(), `no feature table "rivers"; the GeoPackage has "terminals", "routes", "zones"`) {
		t.Errorf("missing table: %v", err)
	}
	if _, err := Open(Source{Path: corpus.Path("terminals.geojson"), Layer: "x"}, load.Options{}); err == nil || !strings.Contains(err.Error(), "has one layer") {
		t.Errorf("layer of a GeoJSON: %v", err)
	}
	var nc *csvgeo.NoColumnsError
	noCols := filepath.Join(t.TempDir(), "ports.csv")
	os.WriteFile(noCols, []byte("Ort;Nord;Ost\nAktau;43,6;51,2\n"), 0o644)
	if _, err := Open(Source{Path: noCols}, load.Options{}); !errors.As(err, &nc) {
		t.Errorf("CSV without known columns: %v", err)
	}
	if ls, err := Open(Source{Path: noCols, Columns: Columns{Lat: "Nord", Lon: "Ost"}}, load.Options{}); err != nil || ls[0].Source.Columns.Lat != "Nord" {
		t.Errorf("named columns: %+v, %v", ls, err)
	}
}

func TestParseArg(t *testing.T) {
	dir := t.TempDir()
	odd := filepath.Join(dir, "a:b.geojson")
	os.WriteFile(odd, []byte("{}"), 0o644)
	for _, tc := range []struct {
		in   string
		want Source
	}{
		{"routes.geojson", Source{Path: "routes.geojson"}},
		{"data/corridor.gpkg:terminals", Source{Path: "data/corridor.gpkg", Layer: "terminals"}},
		{`C:\data\corridor.gpkg:terminals`, Source{Path: `C:\data\corridor.gpkg`, Layer: "terminals"}},
		{"shapes.zip:corpus/routes", Source{Path: "shapes.zip", Layer: "corpus/routes"}},
		{"notes.txt:x", Source{Path: "notes.txt:x"}},
		{odd, Source{Path: odd}},
	} {
		if got := ParseArg(tc.in); got != tc.want {
			t.Errorf("ParseArg(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

// TestFreshGDAL converts the originals with the ogr2ogr on this machine
// (CI installs gdal-bin) and reads the results, so a newer GDAL's output
// is held to the originals too, not only the committed corpus.
func TestFreshGDAL(t *testing.T) {
	ogr, err := exec.LookPath("ogr2ogr")
	if err != nil {
		t.Skip("ogr2ogr not installed (Debian gdal-bin); the committed corpus is still tested")
	}
	dir := t.TempDir()
	for _, layer := range corpus.Layers {
		for _, tc := range []struct {
			driver, file string
			extra        []string
		}{
			{"GPKG", layer + ".gpkg", nil},
			{"ESRI Shapefile", layer + ".shp", []string{"-lco", "ENCODING=CP1251"}},
			{"KML", layer + ".kml", nil},
			{"GeoJSON", layer + "-utm.geojson", []string{"-t_srs", "EPSG:32639"}},
		} {
			if layer != "terminals" && tc.driver == "ESRI Shapefile" {
				tc.extra = []string{"-lco", "ENCODING=UTF-8"}
			}
			t.Run(layer+"/"+tc.file, func(t *testing.T) {
				out := filepath.Join(dir, tc.file)
				args := append([]string{"-q", "-oo", "DATE_AS_STRING=YES", "-f", tc.driver}, tc.extra...)
				args = append(args, out, corpus.Path(layer+".geojson"))
				if msg, err := exec.Command(ogr, args...).CombinedOutput(); err != nil {
					t.Fatalf("ogr2ogr: %v: %s", err, msg)
				}
				ls, err := Open(Source{Path: out}, load.Options{})
				if err != nil {
					t.Fatal(err)
				}
				want := corpus.Original(t, layer)
				if strings.Contains(tc.file, "utm") {
					if d := corpus.MetresApart(t, ls[0].Result, want); d > 1 {
						t.Fatalf("%.3f m from the original", d)
					}
					return
				}
				corpus.Compare(t, ls[0].Result, want, 1e-7, "stroke", "fill-opacity")
			})
		}
	}
}
