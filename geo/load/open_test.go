package load

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// openCase is a path and what ReadFile must make of it: the file (ok) or
// a refusal matching want.
type openCase struct {
	name string
	path string
	ok   bool
	want error
}

func TestReadFileRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.geojson")
	if err := os.WriteFile(good, []byte(`{"type":"FeatureCollection","features":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	sparse := filepath.Join(dir, "sparse.geojson")
	f, err := os.Create(sparse)
	if err != nil {
		t.Fatal(err)
	}
	// A terabyte that takes no disk: the size alone must refuse it.
	if err := f.Truncate(1 << 40); err != nil {
		t.Skipf("file system cannot hold a sparse 1 TB file: %v", err)
	}
	f.Close()
	link := func(name, to string) string {
		p := filepath.Join(dir, name)
		if err := os.Symlink(to, p); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
		return p
	}
	cases := []openCase{
		{"regular file", good, true, nil},
		{"symlink to a regular file", link("good-link", good), true, nil},
		{"directory", dir, false, ErrNotRegular},
		{"sparse terabyte", sparse, false, &TooBigError{}},
		{"symlink to the terabyte", link("sparse-link", sparse), false, &TooBigError{}},
		{"missing", filepath.Join(dir, "nope"), false, os.ErrNotExist},
	}
	cases = append(cases, specialFileCases(t, dir, link)...)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := ReadFile(c.path, 1<<20)
			if c.ok {
				if err != nil || len(b) == 0 {
					t.Fatalf("ReadFile = %d bytes, %v; want the file", len(b), err)
				}
				return
			}
			if err == nil {
				t.Fatalf("ReadFile read %d bytes; want a refusal", len(b))
			}
			var tb *TooBigError
			switch want := c.want.(type) {
			case *TooBigError:
				if !errors.As(err, &tb) {
					t.Fatalf("err = %v, want a size refusal", err)
				}
			default:
				if !errors.Is(err, want) {
					t.Fatalf("err = %v, want %v", err, want)
				}
			}
		})
	}
}

func TestReadFileLimitIsExact(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x")
	if err := os.WriteFile(p, make([]byte, 100), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(p, 100); err != nil {
		t.Errorf("a file of exactly the limit: %v", err)
	}
	if _, err := ReadFile(p, 99); err == nil {
		t.Error("a file one byte over the limit was read")
	}
}
