package corpus

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// BigDir is where the ~100 MB GeoPackage and Shapefile of the speed
// benchmarks are kept between runs: generated, never committed.
var BigDir = filepath.Join(os.TempDir(), "corridor-atlas-bench-100mb")

var bigOnce struct {
	sync.Once
	err error
}

// BigFiles returns the ~100 MB GeoPackage (table "big") and Shapefile
// made from the peer benchmark file (PeerFile): GDAL's ogr2ogr appends the
// 107 MB five-copy GeoJSON (BenchmarkFiles) twice and the 21.5 MB
// original once, 2805 countries in all. The benchmark skips when the peer
// file or ogr2ogr is missing.
func BigFiles(b testing.TB) (gpkg, shp string) {
	gpkg, shp = filepath.Join(BigDir, "big.gpkg"), filepath.Join(BigDir, "big.shp")
	bigOnce.Do(func() {
		if _, err := os.Stat(filepath.Join(BigDir, "done")); err == nil {
			return
		}
		bigOnce.err = makeBig(gpkg, shp)
	})
	if bigOnce.err != nil {
		b.Skipf("100 MB benchmark files not available: %v", bigOnce.err)
	}
	return gpkg, shp
}

func makeBig(gpkg, shp string) error {
	ogr, err := exec.LookPath("ogr2ogr")
	if err != nil {
		return err
	}
	small, big, err := benchmarkFiles()
	if err != nil {
		return err
	}
	os.RemoveAll(BigDir)
	if err := os.MkdirAll(BigDir, 0o755); err != nil {
		return err
	}
	bigPath, smallPath := filepath.Join(BigDir, "five.geojson"), filepath.Join(BigDir, "one.geojson")
	if err := os.WriteFile(bigPath, big, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(smallPath, small, 0o644); err != nil {
		return err
	}
	for _, src := range []string{bigPath, bigPath, smallPath} {
		for _, args := range [][]string{
			{"-f", "GPKG", "-nln", "big", gpkg},
			{"-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8", "-nln", "big", shp},
		} {
			cmd := exec.Command(ogr, append(append([]string{"-q", "-append"}, args...), src)...)
			if out, err := cmd.CombinedOutput(); err != nil {
				return fmt.Errorf("ogr2ogr: %v: %s", err, out)
			}
		}
	}
	os.Remove(bigPath)
	os.Remove(smallPath)
	return os.WriteFile(filepath.Join(BigDir, "done"), nil, 0o644)
}
