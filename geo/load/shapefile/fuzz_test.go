package shapefile

import (
	"bytes"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo/corpus"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

func addCorpus(f *testing.F, ext string) {
	for _, l := range corpus.Layers {
		if b, err := os.ReadFile(corpus.Path("shp/" + l + ext)); err == nil {
			f.Add(b)
		}
	}
}

// FuzzShapefile checks that no .shp panics or hangs, and that an accepted
// one holds only finite WGS84 positions with a bound per feature.
func FuzzShapefile(f *testing.F) {
	addCorpus(f, ".shp")
	f.Add(shpFile(shpPolygon, polyContent(shpPolygon, []orb.Point{{0, 0}, {0, 1}, {1, 1}, {0, 0}})))
	f.Fuzz(func(t *testing.T, shp []byte) {
		res, err := Read(Files{Name: "f.shp", SHP: Part{bytes.NewReader(shp), int64(len(shp))}}, load.Options{})
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("message on several lines: %q", err)
			}
			return
		}
		if len(res.Bounds) != len(res.Features) {
			t.Fatalf("%d bounds for %d features", len(res.Bounds), len(res.Features))
		}
		for _, ft := range res.Features {
			if ft.Geometry == nil {
				continue
			}
			b := ft.Geometry.Bound()
			if !(b.Min[0] >= -180 && b.Max[0] <= 180 && b.Min[1] >= -90 && b.Max[1] <= 90) {
				t.Fatalf("accepted out-of-range bound %v", b)
			}
		}
	})
}

// FuzzDBF checks that no .dbf panics or allocates beyond its size, and
// that every record of an accepted one reads.
func FuzzDBF(f *testing.F) {
	addCorpus(f, ".dbf")
	f.Add(dbfBytes(1<<31, 3))
	f.Fuzz(func(t *testing.T, b []byte) {
		db, err := openDBF(bytes.NewReader(b), int64(len(b)), nil)
		if err != nil {
			return
		}
		if int64(db.records)*int64(db.recordLen) > int64(len(b)) {
			t.Fatalf("accepted %d records of %d bytes from %d bytes", db.records, db.recordLen, len(b))
		}
		for i := range db.records {
			p, _, err := db.record(i)
			if err != nil {
				t.Fatalf("record %d: %v", i, err)
			}
			for k, v := range p {
				if x, ok := v.(float64); ok && (math.IsNaN(x) || math.IsInf(x, 0)) {
					t.Fatalf("%s = %v", k, x)
				}
			}
		}
	})
}
