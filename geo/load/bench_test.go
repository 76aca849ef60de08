package load

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/paulmach/orb"
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
		f, err := os.Open(peerFile)
		if err != nil {
			benchOnce.err = err
			return
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			benchOnce.err = err
			return
		}
		benchOnce.small, benchOnce.err = io.ReadAll(zr)
		if benchOnce.err != nil {
			return
		}
		cache := filepath.Join(os.TempDir(), "corridor-atlas-bench-107mb.geojson")
		if big, err := os.ReadFile(cache); err == nil {
			benchOnce.big = big
			return
		}
		benchOnce.big, benchOnce.err = FiveCopies(benchOnce.small)
		if benchOnce.err == nil {
			_ = os.WriteFile(cache, benchOnce.big, 0o644)
		}
	})
	if benchOnce.err != nil {
		b.Skipf("peer benchmark file not available: %v", benchOnce.err)
	}
	return benchOnce.small, benchOnce.big
}

// FiveCopies builds the ~107 MB parse benchmark from the 21.5 MB world
// file: five copies of the features, copy k shifted north by k × 0.0001°,
// ids "<id>-<k>", properties {"name", "copy": k}, on one line.
func FiveCopies(src []byte) ([]byte, error) {
	res, err := GeoJSON("countries-10m.geojson", src)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.WriteString(`{"type":"FeatureCollection","features":[`)
	num := func(v float64) { out.WriteString(strconv.FormatFloat(v, 'f', -1, 64)) }
	pos := func(p orb.Point, dy float64) {
		out.WriteByte('[')
		num(p[0])
		out.WriteByte(',')
		num(p[1] + dy)
		out.WriteByte(']')
	}
	ring := func(r orb.Ring, dy float64) {
		out.WriteByte('[')
		for i, p := range r {
			if i > 0 {
				out.WriteByte(',')
			}
			pos(p, dy)
		}
		out.WriteByte(']')
	}
	poly := func(p orb.Polygon, dy float64) {
		out.WriteByte('[')
		for i, r := range p {
			if i > 0 {
				out.WriteByte(',')
			}
			ring(r, dy)
		}
		out.WriteByte(']')
	}
	first := true
	for k := 0; k < 5; k++ {
		dy := float64(k) * 0.0001
		for _, f := range res.Features {
			if !first {
				out.WriteByte(',')
			}
			first = false
			id, _ := f.ID.(string)
			name, _ := f.Properties["name"].(string)
			out.WriteString(`{"type":"Feature","id":` + strconv.Quote(id+"-"+strconv.Itoa(k)) +
				`,"properties":{"name":` + strconv.Quote(name) + `,"copy":` + strconv.Itoa(k) + `},"geometry":`)
			switch g := f.Geometry.(type) {
			case orb.Polygon:
				out.WriteString(`{"type":"Polygon","coordinates":`)
				poly(g, dy)
			case orb.MultiPolygon:
				out.WriteString(`{"type":"MultiPolygon","coordinates":[`)
				for i, p := range g {
					if i > 0 {
						out.WriteByte(',')
					}
					poly(p, dy)
				}
				out.WriteByte(']')
			default:
				out.WriteString(`null`)
				out.WriteByte('}')
				continue
			}
			out.WriteString(`}}`)
		}
	}
	out.WriteString(`]}`)
	return out.Bytes(), nil
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
