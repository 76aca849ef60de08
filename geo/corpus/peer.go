package corpus

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// The speed benchmarks of every package read the peer benchmark file,
// Natural Earth's 10m countries (21.5 MB), kept outside the project in a
// shared/bench folder beside it (../shared/bench from a checkout, or
// further up from a worktree): it is found the same way wherever the
// checkout is, and a benchmark that cannot find it skips.

// PeerEnv, when set, is the peer file's path.
const PeerEnv = "CORRIDOR_ATLAS_PEER"

// PeerFile is the path of the peer benchmark file: $CORRIDOR_ATLAS_PEER, or
// shared/bench/countries-10m.geojson.gz in the nearest folder above the
// project that has it.
func PeerFile() (string, error) {
	if p := os.Getenv(PeerEnv); p != "" {
		return p, nil
	}
	_, file, _, _ := runtime.Caller(0)
	for dir := filepath.Dir(file); ; {
		p := filepath.Join(dir, "shared", "bench", "countries-10m.geojson.gz")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", errors.New("shared/bench/countries-10m.geojson.gz is in no folder above the project (set " + PeerEnv + ")")
		}
		dir = up
	}
}

var peer struct {
	sync.Once
	small, big []byte
	err        error
}

// BenchmarkFiles returns the peer file (21.5 MB) and the ~107 MB file made
// from it (FiveCopies), which is cached in the system temp folder (it is
// generated, never committed). The benchmark skips without the peer file.
func BenchmarkFiles(tb testing.TB) (small, big []byte) {
	peer.Do(func() { peer.small, peer.big, peer.err = benchmarkFiles() })
	if peer.err != nil {
		tb.Skipf("peer benchmark file not available: %v", peer.err)
	}
	return peer.small, peer.big
}

// BigGeoJSON is the path of the ~107 MB file (see BenchmarkFiles).
func BigGeoJSON(tb testing.TB) string {
	BenchmarkFiles(tb)
	return bigCache
}

var bigCache = filepath.Join(os.TempDir(), "corridor-atlas-bench-107mb.geojson")

func benchmarkFiles() (small, big []byte, err error) {
	path, err := PeerFile()
	if err != nil {
		return nil, nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, nil, err
	}
	if small, err = io.ReadAll(zr); err != nil {
		return nil, nil, err
	}
	if big, err := os.ReadFile(bigCache); err == nil {
		return small, big, nil
	}
	if big, err = FiveCopies(small); err != nil {
		return nil, nil, err
	}
	if err := os.WriteFile(bigCache, big, 0o644); err != nil {
		return nil, nil, err
	}
	return small, big, nil
}

// FiveCopies builds the ~107 MB parse benchmark from the 21.5 MB world
// file: five copies of the features, copy k shifted north by k × 0.0001°,
// ids "<id>-<k>", properties {"name", "copy": k}, on one line.
func FiveCopies(src []byte) ([]byte, error) {
	res, err := load.GeoJSON("countries-10m.geojson", src)
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
