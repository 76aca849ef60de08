package load

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestNamedFileContentNotShown: a file another file named (a project's
// layer) is refused without quoting a byte of it, whatever the fault;
// a file the user chose is quoted, but never more than EchoMax
// characters.
func TestNamedFileContentNotShown(t *testing.T) {
	secret := "root:*:19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::\n"
	tests := []struct {
		name, in string
	}{
		{"password file", secret},
		{"json with a secret string type", `{"type":"root:*:19700:0:99999"}`},
		{"secret feature id", `{"type":"FeatureCollection","features":[{"type":"Feature","id":"root:*:19700","geometry":{"type":"Point","coordinates":[1,95]},"properties":{}}]}`},
		{"secret crs", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"root:*:19700"}},"features":[]}`},
		{"secret number", `{"type":"Point","coordinates":[19700e999,1]}`},
		{"secret escape", `{"type":"Point","coordinates":[1,2],"x":"\q19700"}`},
		{"secret in a position", `{"type":"Point","coordinates":[19700:0]}`},
		{"latin-1", "{\"type\":\"Point\",\"coordinates\":[1,2],\"n\":\"r\xf6\xf6t\"}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := GeoJSONWith("/etc/shadow", []byte(tt.in), Options{Named: true})
			if err == nil {
				t.Fatal("accepted")
			}
			msg := strings.TrimPrefix(err.Error(), "/etc/shadow")
			for _, leak := range []string{"root", "19700", "daemon", "0x", "\\q", "q1970", "ö"} {
				if strings.Contains(msg, leak) {
					t.Errorf("message quotes the file (%q): %s", leak, msg)
				}
			}
			// The same file chosen by the user: quoted, a little.
			_, err = GeoJSON("mine.geojson", []byte(tt.in))
			for _, q := range quotedParts(err.Error()) {
				if n := utf8.RuneCountInString(q); n > EchoMax+2 { // the quotes
					t.Errorf("quotes %d characters: %s", n, q)
				}
			}
		})
	}
}

// quotedParts returns the "…"-quoted parts of a message.
func quotedParts(msg string) []string {
	var out []string
	for {
		i := strings.IndexByte(msg, '"')
		if i < 0 {
			return out
		}
		j := i + 1
		for j < len(msg) && msg[j] != '"' {
			if msg[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(msg) {
			return out
		}
		out = append(out, msg[i:j+1])
		msg = msg[j+1:]
	}
}

func TestQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Circle", `"Circle"`},
		{"0123456789abcdef", `"0123456789abcdef"`},
		{"0123456789abcdefg", `"0123456789abcdef"…`},
		{"Ақтау\x1b[31m", `"Ақтау\x1b[31m"`},
		{strings.Repeat("Ж", 40), `"` + strings.Repeat("Ж", 16) + `"…`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Quote(tt.in); got != tt.want {
				t.Errorf("Quote(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}
