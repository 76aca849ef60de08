package load

import (
	"sync"
	"testing"
)

// The peer benchmark file lives beside the project (../shared/bench); the
// 107 MB file is made from it as its README describes and kept in the
// system temp folder between runs, never committed.
const peerFile = "../../../shared/bench/countries-10m.geojson.gz"

var benchOnce struct {
	sync.Once
	small, big []byte
	err        error
}

func benchFiles(b *testing.B) (small, big []byte) {
	benchOnce.Do(func() {
		benchOnce.small, benchOnce.big, benchOnce.err = BenchmarkFiles(peerFile)
	})
	if benchOnce.err != nil {
		b.Skipf("peer benchmark file not available: %v", benchOnce.err)
	}
	return benchOnce.small, benchOnce.big
}

func BenchmarkGeoJSON21MB(b *testing.B) {
	small, _ := benchFiles(b)
	b.SetBytes(int64(len(small)))
	for b.Loop() {
		if _, err := GeoJSON("countries-10m.geojson", small); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGeoJSON107MB(b *testing.B) {
	_, big := benchFiles(b)
	b.SetBytes(int64(len(big)))
	for b.Loop() {
		res, err := GeoJSON("big.geojson", big)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Features) != 1275 {
			b.Fatalf("%d features", len(res.Features))
		}
	}
}
