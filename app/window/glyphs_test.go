package window

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"

	"github.com/corridor-atlas/corridor-atlas/app/render"
)

// TestPanelTextHasGlyphs: every character the window can set from its
// own texts, in every language, is in Fyne's text font or in the map's
// face that the window puts in Fyne's last fallback slot: the window's
// and the exports' catalogues, and everything the embedded data holds
// (its files and the Go sources of package data, notes and sources as
// published included). That face has the spaces (text shaping sets a
// space in the face of the character before it: a face without one drew
// a missing-glyph box after "→").
func TestPanelTextHasGlyphs(t *testing.T) {
	parse := func(name string, b []byte) *font.Face {
		f, err := font.ParseTTF(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return f
	}
	text := parse("Fyne's text font", theme.DefaultTextFont().Content())
	withoutEmoji()
	fallback := parse("the fallback face", theme.DefaultEmojiFont().Content())
	if !bytes.Equal(theme.DefaultEmojiFont().Content(), render.FallbackFont()) {
		t.Error("the fallback slot does not hold the map's label face")
	}
	for _, r := range " \u00a0\u2009\u202f→≈≤−აԱ" {
		if _, ok := fallback.NominalGlyph(r); !ok {
			t.Errorf("the fallback face has no %q (U+%04X)", r, r)
		}
	}
	var files []string
	for _, root := range []string{"../../data", "../../app"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(p, "_test.go") || strings.Contains(p, "testdata") {
				return err
			}
			ext := filepath.Ext(p)
			inData := strings.HasPrefix(p, "../../data")
			if ext == ".json" && (inData || strings.Contains(p, "translations")) || inData && (ext == ".go" || ext == ".geojson" || ext == ".csv") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(files) < 20 {
		t.Fatalf("only %d files with texts: %v", len(files), files)
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[rune]bool{}
		for len(b) > 0 {
			r, n := utf8.DecodeRune(b)
			b = b[n:]
			if r < 0x80 || seen[r] || unicode.IsControl(r) || r == '\u200b' || r == utf8.RuneError {
				continue
			}
			seen[r] = true
			if _, ok := text.NominalGlyph(r); ok {
				continue
			}
			if _, ok := fallback.NominalGlyph(r); !ok {
				t.Errorf("%s: %q (U+%04X) is in neither face", p, r, r)
			}
		}
	}
}
