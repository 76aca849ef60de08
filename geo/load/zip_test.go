package load

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// bombZip writes a zip with one member whose deflated data inflates to
// size zero bytes while its header claims `claims` bytes.
func bombZip(t *testing.T, size int, claims uint64) string {
	t.Helper()
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestSpeed)
	fw.Write(make([]byte, size))
	fw.Close()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	raw, err := zw.CreateRaw(&zip.FileHeader{Name: "x.shp", Method: zip.Deflate,
		CompressedSize64: uint64(deflated.Len()), UncompressedSize64: claims})
	if err != nil {
		t.Fatal(err)
	}
	raw.Write(deflated.Bytes())
	zw.Close()
	p := filepath.Join(t.TempDir(), "bomb.zip")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestZipRefusesBombs(t *testing.T) {
	for _, tc := range []struct {
		name   string
		size   int
		claims uint64
		want   string
	}{
		{"claims more than the limit", 1000, 1 << 40, "x.shp claims 1024.0 GiB, over the 64.0 MiB limit; refused (a zip bomb?)"},
		{"inflates past its claim", 1 << 20, 100, "x.shp inflates to more than the 100 bytes it claims; refused (a zip bomb?)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			z, err := OpenZip(bombZip(t, tc.size, tc.claims))
			if err != nil {
				t.Fatal(err)
			}
			defer z.Close()
			_, err = z.Read(z.Members()[0], MaxSideFile)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Read: %v", err)
			}
			r, err := z.Open(z.Members()[0], MaxSideFile)
			if err == nil {
				_, err = readAllLimit(r, nil, 1<<30)
			}
			if err == nil || !strings.Contains(err.Error(), "zip bomb") {
				t.Fatalf("Open: %v", err)
			}
		})
	}
}

func TestZipReadsWithinLimits(t *testing.T) {
	p := bombZip(t, 5000, 5000)
	z, err := OpenZip(p)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	b, err := z.Read(z.Members()[0], MaxSideFile)
	if err != nil || len(b) != 5000 {
		t.Fatalf("%d bytes, %v", len(b), err)
	}
	if _, err := OpenZip(filepath.Join(t.TempDir(), "none.zip")); err == nil {
		t.Fatal("opened a missing zip")
	}
	notZip := filepath.Join(t.TempDir(), "x.zip")
	os.WriteFile(notZip, []byte("PK but not really"), 0o644)
	if _, err := OpenZip(notZip); err == nil || !strings.Contains(err.Error(), "not a readable zip") {
		t.Fatalf("err = %v", err)
	}
}
