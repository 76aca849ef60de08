package render

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-text/typesetting/font"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/corridor-atlas/corridor-atlas/app/internal/golden"
)

// at reads a mask's coverage at a pixel, 0 outside it.
func at(m *image.Alpha, x, y int) int { return int(m.AlphaAt(x, y).A) }

// inkX is the span of columns a mask has any coverage in.
func inkX(m *image.Alpha) (x0, x1 int) {
	x0, x1 = math.MaxInt, math.MinInt
	b := m.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if at(m, x, y) > 0 {
				x0, x1 = min(x0, x), max(x1, x+1)
			}
		}
	}
	return x0, x1
}

// The kerning pairs of a cartographer's proof sheet, set at every label
// size from 9 to 14 px at four sub-pixel positions, against the font as
// x/image/font/sfnt reads it (advances from hmtx, kerning from the kern
// table; the shaper reads GPOS).
//
//   - The second letter sits where the font puts it: the first's advance
//     plus the pair's kerning, scaled to the size. The pair as drawn must
//     equal, pixel for pixel, the first letter drawn alone plus the
//     second drawn alone at that offset. (The old path applied kerning fit
//     for one size at every size and set "Trabzon" as "Tabzon" at 11 px.)
//   - The letters' ink does not overlap. The rasteriser gives each pixel
//     the area the outlines cover, so two letters that together cover
//     more than a whole pixel collide there. (Their bounding boxes do
//     overlap in a well-kerned AV or To, where the o sits under the T.)
//   - Each letter's ink spans what the font's bounds say at that size.
func TestKerningPairs(t *testing.T) {
	b, err := fontFiles.ReadFile(fontNames[regular])
	if err != nil {
		t.Fatal(err)
	}
	oracle, err := sfnt.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	upem := float64(oracle.UnitsPerEm())
	units := fixed.I(int(upem)) // ppem = upem: results in font units
	ts := typeset()
	for _, pair := range []string{"Tr", "Ta", "Te", "To", "AV", "LA", "Wo", "Vl", "Yo"} {
		r := []rune(pair)
		var g [2]sfnt.GlyphIndex
		var bounds [2]fixed.Rectangle26_6
		for i := range g {
			g[i], _ = oracle.GlyphIndex(&buf, r[i])
			bounds[i], _, err = oracle.GlyphBounds(&buf, g[i], units, xfont.HintingNone)
			if err != nil {
				t.Fatal(err)
			}
		}
		adv, err := oracle.GlyphAdvance(&buf, g[0], units, xfont.HintingNone)
		if err != nil {
			t.Fatal(err)
		}
		kern, err := oracle.Kern(&buf, g[0], g[1], units, xfont.HintingNone)
		if err != nil && err != sfnt.ErrNotFound {
			t.Fatal(err)
		}
		for size := 9.0; size <= 14; size += 0.25 {
			em := size / upem / 64 // px per 26.6 font unit
			off := float64(adv+kern) * em
			for _, sub := range []float64{0, 0.25, 0.5, 0.75} {
				t.Run(fmt.Sprintf("%s/%gpx/+%g", pair, size, sub), func(t *testing.T) {
					both := rasterize(ts.set(regular, pair), size, sub, 0, 1)
					first := rasterize(ts.set(regular, string(r[0])), size, sub, 0, 1)
					second := rasterize(ts.set(regular, string(r[1])), size, sub+off, 0, 1)
					shared, worst := 0, 0
					bb := both.Bounds().Union(first.Bounds()).Union(second.Bounds())
					for y := bb.Min.Y; y < bb.Max.Y; y++ {
						for x := bb.Min.X; x < bb.Max.X; x++ {
							sum := at(first, x, y) + at(second, x, y)
							if sum > 255 {
								shared += sum - 255
								continue
							}
							worst = max(worst, at(both, x, y)-sum, sum-at(both, x, y))
						}
					}
					if shared > 2*255/100 {
						t.Errorf("the letters share %.2f px² of ink", float64(shared)/255)
					}
					// 3/255 of a pixel's coverage: an edge moved by about
					// a hundredth of a pixel.
					if worst > 3 {
						t.Errorf("the pair differs from its letters placed %.3f px apart by up to %d/255", off, worst)
					}
					for i, m := range []*image.Alpha{first, second} {
						x0, x1 := inkX(m)
						shift := sub
						if i == 1 {
							shift += off
						}
						want0 := float64(bounds[i].Min.X)*em + shift
						want1 := float64(bounds[i].Max.X)*em + shift
						// The tip of a letter (a Y's arm) reaching a quarter
						// pixel into a column may cover less than 1/255 of it.
						const e = 0.25
						if float64(x0) > want0+e || float64(x0) < want0-1-e || float64(x1) < want1-e || float64(x1) > want1+1+e {
							t.Errorf("%c inked over columns %d–%d, the font says %.2f–%.2f", r[i], x0, x1, want0, want1)
						}
					}
				})
			}
		}
	}
}

// nominal is the font's own glyph for each rune, from its cmap.
func nominal(t *testing.T, style fontStyle, s string) []font.GID {
	t.Helper()
	var out []font.GID
	for _, r := range s {
		g, ok := typeset().faces[style].NominalGlyph(r)
		if !ok {
			t.Fatalf("the font has no glyph for %U", r)
		}
		out = append(out, g)
	}
	return out
}

// gids are a set line's glyphs, left to right.
func gids(l *line) []font.GID {
	out := make([]font.GID, len(l.glyphs))
	for i, g := range l.glyphs {
		out[i] = g.g.id
	}
	return out
}

// Right-to-left labels are drawn in visual order (UAX #9) and Arabic is
// joined. Hebrew letters keep their own glyphs, so the expected picture of
// a mixed label is its letters in the order a reader sees them, written
// out here by hand; Arabic letters take their joining forms, the glyphs
// the font maps the presentation forms (U+FE70–FEFF) to.
func TestBidiOrder(t *testing.T) {
	tests := []struct {
		name, text, visual string
	}{
		{"Latin stays", "Baku", "Baku"},
		{"Hebrew reversed", "חיפה", "הפיח"},
		{"Hebrew words keep their order right to left", "תל אביב", "ביבא לת"},
		{"Hebrew in a Latin label", "Haifa חיפה port", "Haifa הפיח port"},
		{"number after Hebrew stays with it", "Tel Aviv תל אביב 2", "Tel Aviv 2 ביבא לת"},
		{"numbers read left to right in Hebrew", "נמל 2024", "2024 למנ"},
		{"Latin in a Hebrew label", "נמל Ashdod", "Ashdod למנ"},
		{"trailing punctuation after Hebrew", "Port חיפה!", "Port הפיח!"},
		{"Hebrew label ending in Latin and digits", "נמל KTZ 12", "KTZ 12 למנ"},
		{"Arabic presentation forms reversed", "\uFEE3\uFEAE\uFEA3\uFE92\uFE8E", "\uFE8E\uFE92\uFEA3\uFEAE\uFEE3"},
		{"Arabic is joined", "مرحبا", "\uFE8E\uFE92\uFEA3\uFEAE\uFEE3"},
		{"Arabic word in a Latin label", "Port مرحبا 7", "Port 7 \uFE8E\uFE92\uFEA3\uFEAE\uFEE3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := gids(typeset().set(regular, tt.text))
			want := nominal(t, regular, tt.visual)
			if !slices.Equal(got, want) {
				t.Errorf("%q drawn as glyphs %v, want %v (%q)", tt.text, got, want, tt.visual)
			}
		})
	}
}

// Every style sets the scripts of the corridor's place names with the
// font's own glyphs (never .notdef, glyph 0): Latin with the Azerbaijani
// and Turkish letters, Cyrillic with the Kazakh ones, Georgian Mkhedruli
// (ა–ჰ, the letters in use), Armenian, Hebrew and Arabic (the oblique face
// has none: it falls back to the regular one).
func TestScriptsHaveGlyphs(t *testing.T) {
	var georgian []rune
	for r := 'ა'; r <= 'ჰ'; r++ {
		georgian = append(georgian, r)
	}
	texts := map[string]string{
		"Azerbaijani": "Əli Bayramlı Şəki Göyçay Ağdaş İsmayıllı ə ğ ı ş İ ç ö ü",
		"Turkish":     "İstanbul Iğdır Şanlıurfa Ağrı Türkiye Çorum",
		"Kazakh":      "Ақтау Құрық Өскемен Үржар Шығыс ә ғ қ ң ө ұ ү һ і Ә Ғ Қ Ң Ө Ұ Ү Һ І",
		"Russian":     "Махачкала Астрахань Ёлки ъ ы э",
		"Georgian":    "თბილისი ფოთი ბათუმი " + string(georgian),
		"Armenian":    "Երևան Գյումրի",
		"Hebrew":      "חיפה אשדוד",
		"Arabic":      "بغداد البصرة",
	}
	texts["Georgian in capitals"] = upperLabel(texts["Georgian"])
	for _, style := range []fontStyle{regular, bold, italic} {
		for name, text := range texts {
			t.Run(fmt.Sprintf("%s/%d", name, style), func(t *testing.T) {
				for _, g := range typeset().set(style, text).glyphs {
					if g.g.id == 0 {
						t.Fatalf("%q has a missing glyph", text)
					}
				}
			})
		}
	}
}

// proofBackground is water above, land below.
func proofBackground() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 640, 300))
	for y := 0; y < img.Rect.Dy(); y++ {
		for x := 0; x < img.Rect.Dx(); x++ {
			c := colLand
			if y < img.Rect.Dy()/2 {
				c = color.NRGBA{0xB7, 0xD4, 0xE8, 0xFF}
			}
			img.Set(x, y, c)
		}
	}
	return img
}

// proofSheet sets the script samples and kerning pairs at label sizes,
// with the halo, over water and land.
func proofSheet() *image.RGBA {
	img := proofBackground()
	fc := faces{}
	lines := []struct {
		style fontStyle
		size  float64
		text  string
	}{
		{regular, 9, "Tr Ta Te To AV LA Wo Vl Yo · Trabzon KazTransOil Trend NGA World"},
		{regular, 11, "Tr Ta Te To AV LA Wo Vl Yo · Trabzon KazTransOil Trend NGA World"},
		{regular, 13, "Tanker lane · Fibre-optic cable · Əli Bayramlı · Iğdır · Şəki"},
		{bold, 13, "Ақтау Құрық Өскемен · ә ғ қ ң ө ұ ү һ і · Махачкала"},
		{italic, 14, "Caspian Sea · Каспийское море · Xəzər dənizi · Каспий теңізі"},
		{regular, 13, "თბილისი ფოთი ბათუმი · Երևան · Tel Aviv תל אביב 2"},
		{bold, 13, "بغداد البصرة · Port مرحبا 7 · נמל 2024"},
		{italic, 13, "بغداد (italic falls back) · חיפה"},
		{regular, 20, "Trabzon · KazTransOil · AVAWAY · Tbilisi თბილისი"},
		{bold, 24, "Trans-Caspian Middle Corridor"},
	}
	y := 24.0
	for _, l := range lines {
		f := fc.get(l.style, l.size)
		drawText(img, img.Bounds(), f, l.text, 8.3, y, colInk, withAlpha(colHalo, 0.9), 1.7)
		y += f.ascent + f.descent + 10
	}
	return img
}

var update = flag.Bool("update", false, "rewrite the golden images in testdata (look at them before committing)")

// The proof sheet against its golden picture: every script and style
// drawn through the label path, halo included. Anti-aliasing may shift
// with a rasteriser update: small differences pass everywhere, larger
// ones on 1 % of the pixels that carry ink in either picture.
func TestProofSheet(t *testing.T) {
	img := proofSheet()
	path := filepath.Join("testdata", "text-proof.png")
	want := golden.PNG(t, path, img, *update)
	if want == nil {
		return
	}
	bg := proofBackground()
	bad, inked := 0, 0
	for y := 0; y < img.Rect.Dy(); y++ {
		for x := 0; x < img.Rect.Dx(); x++ {
			got, exp, back := img.RGBAAt(x, y), color.RGBAModel.Convert(want.At(x, y)).(color.RGBA), bg.RGBAAt(x, y)
			if got == back && exp == back {
				continue
			}
			inked++
			if chanDiff(got, exp) > 24 {
				bad++
			}
		}
	}
	if frac := float64(bad) / float64(max(inked, 1)); frac > 0.01 {
		t.Errorf("%.2f %% of the inked pixels differ from %s", frac*100, path)
	}
}

func chanDiff(a, b color.RGBA) int {
	return max(abs(int(a.R)-int(b.R)), abs(int(a.G)-int(b.G)), abs(int(a.B)-int(b.B)))
}

// Labels come from the user's GeoJSON: any bytes are set and drawn
// without a panic, the box is finite, and the mask stays the size of the
// text (invalid UTF-8, controls, marks stacked on one letter, bidi
// controls, scripts the font lacks).
func FuzzSetText(f *testing.F) {
	for _, s := range []string{"", "Baku", "تل אביב 12 abc", "\xff\xfe", "a\u0301\u0301\u0301\u0301", "\u202eevil\u202c",
		"ᲗᲑ 中文 🚢", "\u200d\u200c\t\n", strings.Repeat("W", 300), "مرحبا (Port) ١٢٣"} {
		f.Add(s, uint8(0))
	}
	img := image.NewRGBA(image.Rect(0, 0, 400, 60))
	f.Fuzz(func(t *testing.T, s string, style uint8) {
		fc := faces{}
		face := fc.get(fontStyle(int(style)%len(fontNames)), 9+float64(style%8))
		w, a, d := textBox(face, s)
		if math.IsNaN(w) || math.IsInf(w, 0) || w < 0 || a <= 0 || d <= 0 {
			t.Fatalf("box %v %v %v for %q", w, a, d, s)
		}
		m := textMask(face, s, 3.3, 30.6, 1.7)
		limit := (utf8.RuneCountInString(s) + 2) * int(4*face.size+8) // a glyph is narrower than 4 em
		if mw := m.text.Rect.Dx(); mw > limit {
			t.Fatalf("mask %d px wide for %d runes", mw, utf8.RuneCountInString(s))
		}
		drawText(img, img.Bounds(), face, s, 3.3, 30.6, colInk, colHalo, 1.7)
	})
}
