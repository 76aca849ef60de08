package gpkg

import (
	"os"
	"testing"

	"github.com/corridor-atlas/corridor-atlas/geo/corpus"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// BenchmarkGeoPackage100MB reads every feature of the ~100 MB GeoPackage
// made from the peer file (corpus.BigFiles).
func BenchmarkGeoPackage100MB(b *testing.B) {
	path, _ := corpus.BigFiles(b)
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	for b.Loop() {
		db, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		tables, err := db.Tables()
		if err != nil {
			b.Fatal(err)
		}
		res, err := db.Read(tables[0], load.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Features) != 2805 {
			b.Fatalf("%d features", len(res.Features))
		}
		db.Close()
	}
}
