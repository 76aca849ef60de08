package shapefile

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// codePages are the Windows and DOS code pages by number, as a .cpg or a
// dBASE language driver names them.
var codePages = map[int]*charmap.Charmap{
	437: charmap.CodePage437, 850: charmap.CodePage850, 852: charmap.CodePage852,
	855: charmap.CodePage855, 858: charmap.CodePage858, 860: charmap.CodePage860,
	862: charmap.CodePage862, 863: charmap.CodePage863, 865: charmap.CodePage865,
	866: charmap.CodePage866, 874: charmap.Windows874,
	1250: charmap.Windows1250, 1251: charmap.Windows1251, 1252: charmap.Windows1252,
	1253: charmap.Windows1253, 1254: charmap.Windows1254, 1255: charmap.Windows1255,
	1256: charmap.Windows1256, 1257: charmap.Windows1257, 1258: charmap.Windows1258,
	20866: charmap.KOI8R, 21866: charmap.KOI8U,
	28591: charmap.ISO8859_1, 28592: charmap.ISO8859_2, 28595: charmap.ISO8859_5,
	28599: charmap.ISO8859_9, 28605: charmap.ISO8859_15,
}

// ldids are the dBASE language driver ids (header byte 29) that name a
// code page.
var ldids = map[byte]int{
	0x01: 437, 0x02: 850, 0x03: 1252, 0x08: 865, 0x09: 437, 0x0A: 850, 0x0B: 437,
	0x0D: 437, 0x0E: 850, 0x0F: 437, 0x10: 850, 0x11: 437, 0x12: 850, 0x13: 932,
	0x14: 850, 0x15: 437, 0x16: 850, 0x17: 865, 0x18: 437, 0x19: 437, 0x1A: 850,
	0x1B: 437, 0x1C: 863, 0x1D: 850, 0x1F: 852, 0x22: 852, 0x23: 852, 0x24: 860,
	0x25: 850, 0x26: 866, 0x37: 850, 0x40: 852, 0x4D: 936, 0x4E: 949, 0x4F: 950,
	0x50: 874, 0x58: 1252, 0x59: 1252, 0x64: 852, 0x65: 866, 0x66: 865, 0x67: 861,
	0x6A: 737, 0x6B: 857, 0x6C: 863, 0x78: 950, 0x79: 949, 0x7A: 936, 0x7B: 932,
	0x7C: 874, 0x7D: 1255, 0x7E: 1256, 0xC8: 1250, 0xC9: 1251, 0xCA: 1254,
	0xCB: 1253, 0xCC: 1257,
}

// text decodes the .dbf's strings. enc nil with utf8 true is UTF-8; both
// unset is a file that names no code page: each string is taken as UTF-8
// where that is valid and as guessed otherwise.
type text struct {
	enc   encoding.Encoding
	utf8  bool
	name  string // the code page, for notices
	guess bool   // no code page was named
	// guessed is the code page strings that were not UTF-8 were read in
	// ("" until one was met).
	guessed string
}

// codePage resolves a .cpg's content (nil: no .cpg) and the language
// driver byte. A .cpg wins, as in GDAL; an unknown one is reported.
func codePage(cpg []byte, ldid byte) (text, string) {
	if cpg != nil {
		name := strings.TrimSpace(strings.TrimPrefix(string(cpg), "\uFEFF"))
		if t, ok := namedCodePage(name); ok {
			return t, ""
		}
		if name != "" {
			return text{guess: true}, "code page " + strconvQuote(name) + " in the .cpg is not one Corridor Atlas knows; text read as UTF-8 where valid"
		}
	}
	if n, ok := ldids[ldid]; ok {
		if cm, ok := codePages[n]; ok {
			return text{enc: cm, name: "code page " + strconv.Itoa(n)}, ""
		}
	}
	return text{guess: true}, ""
}

func strconvQuote(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return strconv.Quote(s)
}

// namedCodePage reads the names .cpg files carry: "UTF-8", "1251",
// "CP1251", "ANSI 1251", "windows-1251", "ISO-8859-1", "88591", "KOI8-R",
// "OEM 866"…
func namedCodePage(name string) (text, bool) {
	n := strings.ToUpper(strings.Join(strings.Fields(name), ""))
	n = strings.ReplaceAll(n, "_", "-")
	switch n {
	case "UTF-8", "UTF8", "65001":
		return text{utf8: true, name: "UTF-8"}, true
	case "KOI8-R", "KOI8R":
		n = "20866"
	case "KOI8-U", "KOI8U":
		n = "21866"
	case "88591", "8859-1", "ISO-8859-1", "ISO8859-1", "ISO88591", "LATIN1":
		n = "28591"
	case "88595", "ISO-8859-5", "ISO8859-5", "ISO88595":
		n = "28595"
	case "88592", "ISO-8859-2", "ISO8859-2", "ISO88592":
		n = "28592"
	case "88599", "ISO-8859-9", "ISO8859-9", "ISO88599":
		n = "28599"
	}
	for _, p := range []string{"WINDOWS-", "WINDOWS", "ANSI", "CP-", "CP", "OEM", "IBM", "DOS"} {
		n = strings.TrimPrefix(n, p)
	}
	v, err := strconv.Atoi(n)
	if err != nil {
		return text{}, false
	}
	cm, ok := codePages[v]
	if !ok {
		return text{}, false
	}
	return text{enc: cm, name: "code page " + strconv.Itoa(v)}, true
}

// decode turns raw field bytes into a string.
func (t *text) decode(b []byte) string {
	switch {
	case t.utf8:
		if utf8.Valid(b) {
			return string(b)
		}
		return strings.ToValidUTF8(string(b), "\uFFFD")
	case t.enc != nil:
		if isASCII(b) {
			return string(b)
		}
		s, err := t.enc.NewDecoder().Bytes(b)
		if err != nil {
			return strings.ToValidUTF8(string(b), "\uFFFD")
		}
		return string(s)
	}
	if utf8.Valid(b) {
		return string(b)
	}
	cp := guessCodePage(b)
	if t.guessed == "" {
		t.guessed = "Windows-" + strconv.Itoa(cp)
	}
	s, _ := codePages[cp].NewDecoder().Bytes(b)
	return string(s)
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// guessCodePage tells Cyrillic Windows-1251 from Western Windows-1252:
// in 1251 text nearly every byte above 0xBF is a letter, and Russian or
// Kazakh words are made of them; in 1252 text they are the occasional
// accented letter among ASCII ones.
func guessCodePage(b []byte) int {
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
	if letters > 0 && high*2 >= letters {
		return 1251
	}
	return 1252
}
