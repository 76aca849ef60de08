package load

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/paulmach/orb"
)

// BenchmarkFiles returns the peer benchmark file (countries-10m, 21.5 MB)
// from peerGz and the ~107 MB file made from it, which is cached in the
// system temp folder (it is generated, never committed). Benchmarks in
// several packages share it.
func BenchmarkFiles(peerGz string) (small, big []byte, err error) {
	f, err := os.Open(peerGz)
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
	cache := filepath.Join(os.TempDir(), "corridor-atlas-bench-107mb.geojson")
	if big, err := os.ReadFile(cache); err == nil {
		return small, big, nil
	}
	if big, err = FiveCopies(small); err != nil {
		return nil, nil, err
	}
	_ = os.WriteFile(cache, big, 0o644)
	return small, big, nil
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
