package load

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// EchoMax is the most characters of a file's content a message quotes,
// escaped. A message names the fault; a few characters help find it, more
// would let a wrong file (a binary, a key, a password file) fill a
// terminal or a dialog with its content.
const EchoMax = 16

// notShown stands for content a quiet scanner keeps out of a message.
const notShown = "(content not shown)"

// Quote quotes s for a message: escaped as a Go string, at most EchoMax
// characters, with "…" when it was cut. Every value a message takes from
// a file goes through it (or through the scanner's quiet variants).
func Quote(s string) string {
	n, cut := 0, len(s)
	for i := range s {
		if n == EchoMax {
			cut = i
			break
		}
		n++
	}
	if cut < len(s) {
		return strconv.Quote(s[:cut]) + "…"
	}
	return strconv.Quote(s)
}

// show names byte c, met where the grammar wanted something else.
func (s *scanner) show(c byte) string {
	switch {
	case s.quiet:
		return "an unexpected character"
	case c >= 0x20 && c < 0x7F:
		return fmt.Sprintf("%q", rune(c))
	}
	return fmt.Sprintf("byte 0x%02X", c)
}

// word quotes the start of b up to a delimiter.
func (s *scanner) word(b []byte) string {
	n := 0
	for n < len(b) {
		c := b[n]
		if c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' || c == '\r' || c == '\t' {
			break
		}
		n++
	}
	if n == 0 {
		return "nothing"
	}
	if s.quiet {
		return notShown
	}
	if !utf8.Valid(b[:n]) {
		return fmt.Sprintf("%q", b[:min(n, 4)]) + "…"
	}
	return Quote(string(b[:n]))
}

// text quotes a string value read from the file.
func (s *scanner) text(v string) string {
	if s.quiet {
		return notShown
	}
	return Quote(v)
}

// num shows a number read from the file.
func (s *scanner) num(v float64) string {
	if s.quiet {
		return notShown
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
