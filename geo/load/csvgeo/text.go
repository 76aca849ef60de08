package csvgeo

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// decodeText turns the file's bytes into UTF-8 and says what it did when
// that is worth a notice.
func decodeText(b []byte) ([]byte, string) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return b[3:], ""
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
		if err == nil {
			return out, ""
		}
	}
	if utf8.Valid(b) {
		return b, ""
	}
	if cyrillic(b) {
		out, _ := charmap.Windows1251.NewDecoder().Bytes(b)
		return out, "text is not UTF-8: read as Windows-1251 (Cyrillic)"
	}
	out, _ := charmap.Windows1252.NewDecoder().Bytes(b)
	return out, "text is not UTF-8: read as Windows-1252 (Western European)"
}

// cyrillic tells Windows-1251 from -1252 text: in Cyrillic text most
// letters are bytes above 0xBF, in Western text only a few accented ones.
func cyrillic(b []byte) bool {
	high, letters := 0, 0
	for _, c := range b {
		switch {
		case c >= 0xC0:
			high++
			letters++
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			letters++
		}
	}
	return letters > 0 && high*3 >= letters
}
