package load_test

import (
	"testing"

	"github.com/corridor-atlas/corridor-atlas/geo/corpus"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// The peer file and the 107 MB file made from it: see corpus.BenchmarkFiles.
func benchFiles(b *testing.B) (small, big []byte) { return corpus.BenchmarkFiles(b) }

func BenchmarkGeoJSON21MB(b *testing.B) {
	small, _ := benchFiles(b)
	b.SetBytes(int64(len(small)))
	for b.Loop() {
		if _, err := load.GeoJSON("countries-10m.geojson", small); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGeoJSON107MB(b *testing.B) {
	_, big := benchFiles(b)
	b.SetBytes(int64(len(big)))
	for b.Loop() {
		res, err := load.GeoJSON("big.geojson", big)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Features) != 1275 {
			b.Fatalf("%d features", len(res.Features))
		}
	}
}
