package load

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// scanner is a JSON reader over the whole file in memory that never
// allocates for syntax it only checks. It replaces encoding/json here
// because encoding/json decodes GeoJSON at about 22 MB/s (measured on the
// 107 MB benchmark file, see BenchmarkGeoJSON), far from the 374 MB/s the
// import target asks for: it builds interface values for every coordinate.
// The scanner parses positions straight into orb points instead.
//
// Every method returns false on the first fault, after recording it in err
// with its byte offset; callers stop there.
type scanner struct {
	d     []byte
	i     int
	depth int
	err   *fault
	// quiet keeps the file's content out of messages: the file was named
	// by another file (a project, a flows CSV), not chosen by the user, so
	// it may be anything readable, /etc/shadow included.
	quiet bool
}

// fault is a refusal before it is turned into an *Error with file name,
// line and column.
type fault struct {
	off int
	msg string
	// coords marks a coordinate out of the WGS84 range, which a "crs"
	// member later in the file may explain (see GeoJSONWith).
	coords bool
}

func (s *scanner) fail(off int, format string, args ...any) bool {
	if s.err == nil {
		s.err = &fault{off: off, msg: fmt.Sprintf(format, args...)}
	}
	return false
}

// eof reports the truncation fault at the end of the input.
func (s *scanner) eof() bool {
	return s.fail(len(s.d), "truncated: the file ends inside a JSON value")
}

func (s *scanner) ws() {
	for s.i < len(s.d) {
		switch s.d[s.i] {
		case ' ', '\n', '\r', '\t':
			s.i++
		default:
			return
		}
	}
}

// peek returns the next non-space byte, or 0 at the end.
func (s *scanner) peek() byte {
	s.ws()
	if s.i >= len(s.d) {
		return 0
	}
	return s.d[s.i]
}

// expect consumes byte c after optional space.
func (s *scanner) expect(c byte, what string) bool {
	got := s.peek()
	if got == 0 {
		return s.eof()
	}
	if got != c {
		return s.fail(s.i, "invalid JSON: expected %s, found %s", what, s.show(got))
	}
	s.i++
	return true
}

// enter and leave bound the nesting depth.
func (s *scanner) enter() bool {
	s.depth++
	if s.depth > MaxDepth {
		return s.fail(s.i, "nesting deeper than %d levels", MaxDepth)
	}
	return true
}

func (s *scanner) leave() { s.depth-- }

// object walks the members of an object, calling member with each key
// (valid only during the call) with the scanner at the value. member
// must consume the value.
func (s *scanner) object(member func(key []byte, at int) bool) bool {
	if !s.enter() || !s.expect('{', `"{"`) {
		return false
	}
	defer s.leave()
	if s.peek() == '}' {
		s.i++
		return true
	}
	for {
		if s.peek() != '"' {
			if s.i >= len(s.d) {
				return s.eof()
			}
			return s.fail(s.i, "invalid JSON: expected a member name, found %s", s.show(s.d[s.i]))
		}
		key, ok := s.key()
		if !ok || !s.expect(':', `":"`) {
			return false
		}
		s.ws()
		if s.i >= len(s.d) {
			return s.eof()
		}
		if !member(key, s.i) {
			return false
		}
		switch s.peek() {
		case ',':
			s.i++
		case '}':
			s.i++
			return true
		case 0:
			return s.eof()
		default:
			return s.fail(s.i, `invalid JSON: expected "," or "}" after a member, found %s`, s.show(s.d[s.i]))
		}
	}
}

// array walks the elements of an array, calling elem with the scanner at
// each element; elem must consume it.
func (s *scanner) array(elem func(i, at int) bool) bool {
	if !s.enter() || !s.expect('[', `"["`) {
		return false
	}
	defer s.leave()
	if s.peek() == ']' {
		s.i++
		return true
	}
	for n := 0; ; n++ {
		s.ws()
		if s.i >= len(s.d) {
			return s.eof()
		}
		if !elem(n, s.i) {
			return false
		}
		switch s.peek() {
		case ',':
			s.i++
		case ']':
			s.i++
			return true
		case 0:
			return s.eof()
		default:
			return s.fail(s.i, `invalid JSON: expected "," or "]" after an element, found %s`, s.show(s.d[s.i]))
		}
	}
}

// key reads a member name. Names without escapes are returned as a slice
// of the input, so comparing them allocates nothing.
func (s *scanner) key() ([]byte, bool) {
	start := s.i + 1
	for j := start; j < len(s.d); j++ {
		c := s.d[j]
		if c == '"' {
			s.i = j + 1
			return s.d[start:j], true
		}
		if c == '\\' || c < 0x20 || c >= 0x80 {
			str, ok := s.str()
			return []byte(str), ok
		}
	}
	return nil, s.eof()
}

// str reads a string value, checking escapes and UTF-8.
func (s *scanner) str() (string, bool) {
	if s.peek() != '"' {
		if s.i >= len(s.d) {
			return "", s.eof()
		}
		return "", s.fail(s.i, "expected a string, found %s", s.show(s.d[s.i]))
	}
	start := s.i + 1
	j := start
	// Fast path: plain ASCII without escapes.
	for j < len(s.d) {
		c := s.d[j]
		if c == '"' {
			s.i = j + 1
			return string(s.d[start:j]), true
		}
		if c == '\\' || c < 0x20 || c >= 0x80 {
			break
		}
		j++
	}
	buf := append([]byte(nil), s.d[start:j]...)
	for j < len(s.d) {
		c := s.d[j]
		switch {
		case c == '"':
			s.i = j + 1
			return string(buf), true
		case c < 0x20:
			return "", s.fail(j, "invalid JSON: control character %s in a string", s.show(c))
		case c >= 0x80:
			r, n := utf8.DecodeRune(s.d[j:])
			if r == utf8.RuneError && n <= 1 {
				if s.quiet {
					return "", s.fail(j, "invalid UTF-8: GeoJSON must be UTF-8")
				}
				return "", s.fail(j, "invalid UTF-8 byte 0x%02X: GeoJSON must be UTF-8", c)
			}
			buf = append(buf, s.d[j:j+n]...)
			j += n
		case c == '\\':
			if j+1 >= len(s.d) {
				return "", s.eof()
			}
			e := s.d[j+1]
			j += 2
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, ok := s.hex4(j)
				if !ok {
					return "", false
				}
				j += 4
				if utf16.IsSurrogate(r) {
					if j+6 <= len(s.d) && s.d[j] == '\\' && s.d[j+1] == 'u' {
						if r2, ok := s.hex4(j + 2); ok {
							if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
								r = dec
								j += 6
							}
						}
					}
					if utf16.IsSurrogate(r) {
						r = utf8.RuneError
					}
				}
				buf = utf8.AppendRune(buf, r)
			default:
				return "", s.fail(j-2, "invalid JSON: unknown escape %s in a string", s.word(s.d[j-2:j]))
			}
		default:
			buf = append(buf, c)
			j++
		}
	}
	return "", s.eof()
}

func (s *scanner) hex4(j int) (rune, bool) {
	if j+4 > len(s.d) {
		return 0, s.eof()
	}
	v, err := strconv.ParseUint(string(s.d[j:j+4]), 16, 32)
	if err != nil {
		return 0, s.fail(j, "invalid JSON: bad \\u escape")
	}
	return rune(v), true
}

// number reads a JSON number as a float64. The grammar is checked while
// the digits are gathered; numbers whose digits fit in 53 bits with at
// most 22 decimals convert exactly by one division (Clinger's fast path),
// up to 19 digits by Eisel–Lemire on the gathered mantissa (eisel.go),
// and anything else (exponents, longer mantissas) by strconv. All three
// give the correctly rounded float64.
func (s *scanner) number() (float64, bool) {
	start := s.i
	j := s.i
	d := s.d
	neg := false
	if j < len(d) && d[j] == '-' {
		neg = true
		j++
	}
	if j >= len(d) {
		return 0, s.eof()
	}
	var mant uint64
	nd := 0 // significant digits gathered into mant
	frac := 0
	if d[j] == '0' {
		j++
	} else if d[j] >= '1' && d[j] <= '9' {
		for j < len(d) && d[j] >= '0' && d[j] <= '9' {
			if nd < 19 {
				mant = mant*10 + uint64(d[j]-'0')
			}
			nd++
			j++
		}
	} else {
		return 0, s.fail(start, "invalid JSON: %s is not a number", s.word(d[start:]))
	}
	if j < len(d) && d[j] == '.' {
		j++
		k := j
		for j < len(d) && d[j] >= '0' && d[j] <= '9' {
			if nd < 19 {
				mant = mant*10 + uint64(d[j]-'0')
				frac++
			}
			if mant != 0 || nd > 0 {
				nd++
			}
			j++
		}
		if j == k {
			return 0, s.fail(start, "invalid JSON: malformed number %s", s.word(d[start:]))
		}
	}
	exp := false
	if j < len(d) && (d[j] == 'e' || d[j] == 'E') {
		exp = true
		j++
		if j < len(d) && (d[j] == '+' || d[j] == '-') {
			j++
		}
		k := j
		for j < len(d) && d[j] >= '0' && d[j] <= '9' {
			j++
		}
		if j == k {
			return 0, s.fail(start, "invalid JSON: malformed number %s", s.word(d[start:]))
		}
	}
	if !exp && nd <= 19 {
		if mant < 1<<53 && frac <= 22 {
			v := float64(mant) / pow10[frac]
			if neg {
				v = -v
			}
			s.i = j
			return v, true
		}
		if v, ok := eiselLemire(mant, -frac, neg); ok {
			s.i = j
			return v, true
		}
	}
	raw := d[start:j]
	v, err := strconv.ParseFloat(unsafe.String(unsafe.SliceData(raw), len(raw)), 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, s.fail(start, "number %s is out of the range of numbers", s.word(raw))
	}
	s.i = j
	return v, true
}

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [23]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// literal reads true, false or null.
func (s *scanner) literal() (any, bool) {
	for _, l := range []struct {
		text string
		v    any
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if len(s.d)-s.i >= len(l.text) && string(s.d[s.i:s.i+len(l.text)]) == l.text {
			s.i += len(l.text)
			return l.v, true
		}
	}
	if len(s.d)-s.i < 5 && len(s.d) > s.i {
		for _, l := range []string{"true", "false", "null"} {
			if len(l) > len(s.d)-s.i && l[:len(s.d)-s.i] == string(s.d[s.i:]) {
				return nil, s.eof()
			}
		}
	}
	return nil, s.fail(s.i, "invalid JSON: unexpected %s", s.word(s.d[s.i:]))
}

// value reads any JSON value into the types encoding/json would give:
// map[string]any, []any, string, float64, bool or nil.
func (s *scanner) value() (any, bool) {
	switch c := s.peek(); {
	case c == '{':
		m := map[string]any{}
		ok := s.object(func(key []byte, _ int) bool {
			v, ok := s.value()
			m[string(key)] = v
			return ok
		})
		return m, ok
	case c == '[':
		a := []any{}
		ok := s.array(func(int, int) bool {
			v, ok := s.value()
			a = append(a, v)
			return ok
		})
		return a, ok
	case c == '"':
		return s.str()
	case c == '-' || (c >= '0' && c <= '9'):
		return s.number()
	case c == 0:
		return nil, s.eof()
	default:
		return s.literal()
	}
}

// skip checks a value without keeping it.
func (s *scanner) skip() bool {
	switch c := s.peek(); {
	case c == '{':
		return s.object(func([]byte, int) bool { return s.skip() })
	case c == '[':
		return s.array(func(int, int) bool { return s.skip() })
	case c == '"':
		// Validate escapes and UTF-8 without building the string when it
		// is plain.
		for j := s.i + 1; j < len(s.d); j++ {
			ch := s.d[j]
			if ch == '"' {
				s.i = j + 1
				return true
			}
			if ch == '\\' || ch < 0x20 || ch >= 0x80 {
				_, ok := s.str()
				return ok
			}
		}
		return s.eof()
	case c == '-' || (c >= '0' && c <= '9'):
		_, ok := s.number()
		return ok
	case c == 0:
		return s.eof()
	default:
		_, ok := s.literal()
		return ok
	}
}

// kind names the JSON type of the value at the scanner, for messages.
func (s *scanner) kind() string {
	switch c := s.peek(); {
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == '"':
		return "a string"
	case c == '-' || (c >= '0' && c <= '9'):
		return "a number"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == 'n':
		return "null"
	case c == 0:
		return "the end of the file"
	}
	return "invalid JSON"
}
