package outfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// frames writes n frames into dir.
func frames(n int, tag string) func(string) error {
	return func(dir string) error {
		for i := range n {
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("frame-%04d.png", i+1)), []byte(tag), 0o644); err != nil {
				return err
			}
		}
		return nil
	}
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// TestWriteDir: a frame folder holds the whole new sequence or the old
// one, never a mix, and nothing but frames is ever replaced.
func TestWriteDir(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "frames")
	if err := WriteDir(dir, false, frames(5, "a")); err != nil || len(names(t, dir)) != 5 {
		t.Fatalf("new folder: %v", err)
	}
	// The same folder again: refused without overwrite.
	err := WriteDir(dir, false, frames(3, "b"))
	if !errors.Is(err, ErrFramesThere) || !strings.Contains(err.Error(), "--overwrite") {
		t.Errorf("err = %v", err)
	}
	// A failure half-way: the old sequence stays whole.
	err = WriteDir(dir, true, func(tmp string) error {
		frames(2, "b")(tmp)
		return errors.New("disk full")
	})
	if err == nil || len(names(t, dir)) != 5 || read(t, filepath.Join(dir, "frame-0001.png")) != "a" {
		t.Errorf("after a failure: %v, %v", err, names(t, dir))
	}
	// A shorter sequence with overwrite: exactly the new frames.
	if err := WriteDir(dir, true, frames(3, "b")); err != nil {
		t.Fatal(err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"frame-0001.png", "frame-0002.png", "frame-0003.png"}) || read(t, filepath.Join(dir, "frame-0003.png")) != "b" {
		t.Errorf("after overwrite: %v", got)
	}
	// A folder with something else in it is never replaced.
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	if err := WriteDir(dir, true, frames(1, "c")); err == nil || !strings.Contains(err.Error(), `"notes.txt"`) {
		t.Errorf("err = %v", err)
	}
	// An empty folder is used.
	empty := filepath.Join(root, "empty")
	os.Mkdir(empty, 0o755)
	if err := WriteDir(empty, false, frames(2, "d")); err != nil || len(names(t, empty)) != 2 {
		t.Errorf("empty folder: %v", err)
	}
	// A file where the folder should be.
	file := filepath.Join(root, "file")
	os.WriteFile(file, nil, 0o644)
	if err := WriteDir(file, true, frames(1, "e")); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("err = %v", err)
	}
	if left := tempsIn(t, root); len(left) != 0 {
		t.Errorf("temporary folders left: %v", left)
	}
}
