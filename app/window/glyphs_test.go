package window

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"unicode"

	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"

	"github.com/corridor-atlas/corridor-atlas/app/render"
)

// TestPanelTextHasGlyphs: every character the window's texts and the
// data's words can set, in every language, is in Fyne's text font or in
// the face the window puts in Fyne's last fallback slot, and that face has
// a space (Fyne sets the space after a fallback character in the same
// face: a face without one drew a missing-glyph box after "→").
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
	for _, r := range " →–·" {
		if _, ok := fallback.NominalGlyph(r); !ok {
			t.Errorf("the fallback face has no %q", r)
		}
	}
	files, err := filepath.Glob("translations/app/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no window catalogues: %v", err)
	}
	words, _ := filepath.Glob("../../data/i18n/words/*.json")
	if len(words) == 0 {
		t.Fatal("no data words")
	}
	for _, p := range append(files, words...) {
		t.Run(filepath.Base(filepath.Dir(p))+"/"+filepath.Base(p), func(t *testing.T) {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			var strs []string
			var walk func(v any)
			walk = func(v any) {
				switch v := v.(type) {
				case string:
					strs = append(strs, v)
				case map[string]any:
					for _, e := range v {
						walk(e)
					}
				case []any:
					for _, e := range v {
						walk(e)
					}
				}
			}
			var v any
			if err := json.Unmarshal(b, &v); err != nil {
				t.Fatal(err)
			}
			walk(v)
			missing := map[rune]string{}
			for _, s := range strs {
				for _, r := range s {
					if unicode.IsControl(r) || r == '\u200b' {
						continue
					}
					if _, ok := text.NominalGlyph(r); ok {
						continue
					}
					if _, ok := fallback.NominalGlyph(r); !ok {
						missing[r] = s
					}
				}
			}
			for r, s := range missing {
				t.Errorf("%q (U+%04X) of %q is in neither face", r, r, s)
			}
		})
	}
}
