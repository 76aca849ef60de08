package window

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
)

// TestSaveDialogWriterLeavesTheFile: the writer Fyne's save dialog opens
// on an existing file leaves it as it was until something is written;
// written to, it replaces the file; and the repository still lists
// folders for the dialogs.
func TestSaveDialogWriterLeavesTheFile(t *testing.T) {
	test.NewTempApp(t)
	deferTruncation()
	dir := t.TempDir()
	path := filepath.Join(dir, "map.png")
	if err := os.WriteFile(path, []byte("a good map"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		write string
		want  string
	}{
		{"closed unwritten", "", "a good map"},
		{"written", "new", "new"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := storage.Writer(storage.NewFileURI(path))
			if err != nil {
				t.Fatal(err)
			}
			if w.URI().Path() != path {
				t.Errorf("URI %v", w.URI())
			}
			if tt.write != "" {
				if _, err := w.Write([]byte(tt.write)); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if b, _ := os.ReadFile(path); string(b) != tt.want {
				t.Errorf("file holds %q, want %q", b, tt.want)
			}
		})
	}
	// A new name is not created by opening a writer on it.
	fresh := filepath.Join(dir, "fresh.png")
	w, err := storage.Writer(storage.NewFileURI(fresh))
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("an unwritten writer created %s", fresh)
	}
	lister, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		t.Fatal(err)
	}
	if items, err := lister.List(); err != nil || len(items) != 1 {
		t.Errorf("listing the folder: %v, %v", items, err)
	}
}
