package vector

import (
	"fmt"
	"slices"
	"sync"

	"github.com/tdewolff/font"

	"github.com/corridor-atlas/corridor-atlas/app/render"
)

// The SVG's fonts are the embedded faces subset by tdewolff/font (the
// font library of tdewolff/canvas) to the glyphs the text uses. Its
// subsets keep one character per glyph in their character map, so text
// is written with that character (a no-break space the face draws with
// its space glyph is written as a space): what shows is what the PNG
// shows.

var sfnts = [3]func() (*font.SFNT, error){}

func init() {
	for _, f := range render.FontStyles {
		sfnts[f] = sync.OnceValues(func() (*font.SFNT, error) {
			return font.ParseSFNT(render.FontFile(f), 0)
		})
	}
}

// canonicalRunes returns, for the face, each character's glyph and the
// character the subset's map will give that glyph.
func canonicalRunes(f render.FontStyle) func(rune) (uint16, rune) {
	sf, err := sfnts[f]()
	if err != nil {
		return func(r rune) (uint16, rune) { return 0, r }
	}
	return func(r rune) (uint16, rune) {
		gid := sf.GlyphIndex(r)
		if c := sf.Cmap.ToUnicode(gid); c != 0 {
			return gid, c
		}
		return gid, r
	}
}

// subsetFont is face f cut to the glyphs used, as a TrueType file.
func subsetFont(f render.FontStyle, used map[uint16]bool) ([]byte, error) {
	sf, err := sfnts[f]()
	if err != nil {
		return nil, fmt.Errorf("svg: embedded font %s: %v", render.FontStyleName(f), err)
	}
	ids := []uint16{0}
	for id := range used {
		if id != 0 {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids[1:])
	sub, err := sf.Subset(ids, font.SubsetOptions{Tables: font.KeepMinTables})
	if err != nil {
		return nil, fmt.Errorf("svg: subsetting font %s: %v", render.FontStyleName(f), err)
	}
	return sub.Write(), nil
}
