package shapefile

import (
	"os"
	"testing"

	"github.com/corridor-atlas/corridor-atlas/geo/corpus"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// BenchmarkShapefile100MB reads the ~100 MB Shapefile made from the peer
// file (corpus.BigFiles).
func BenchmarkShapefile100MB(b *testing.B) {
	_, path := corpus.BigFiles(b)
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	for b.Loop() {
		res, err := Open(path, "", load.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Features) != 2805 {
			b.Fatalf("%d features", len(res.Features))
		}
	}
}
