// Package golden keeps the golden pictures that tests compare drawings
// against: each test package compares in its own way (a tolerance, the
// inked pixels only), and shares how a golden is written and read.
package golden

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// PNG writes img to path as the new golden when update is set, and
// returns nil; otherwise it returns the golden at path, failing t when
// it is missing, unreadable or of another size than img.
func PNG(t testing.TB, path string, img image.Image, update bool) image.Image {
	t.Helper()
	if update {
		var buf bytes.Buffer
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		if err := enc.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if want.Bounds() != img.Bounds() {
		t.Fatalf("size %v, golden %s %v", img.Bounds(), path, want.Bounds())
	}
	return want
}
