package project

import (
	"strings"
	"testing"
)

// FuzzParse: no input panics, a refusal is one line naming the file, and
// an accepted project saves to text that parses again.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"format":"corridor-atlas-project","version":1,"view":{"lon":49.5,"lat":41.2,"zoom":5.3},"year":2023.5,
"layers":[{"id":"power","visible":false},{"id":"routes","file":"data/routes.geojson","opacity":0.8,"style":{"colour":"#c0392b","width":3}}],
"flows":["kz-oil-btc"],"flowData":["data/flows.csv"],"scenes":[{"name":"A","bbox":[47.5,39.2,53.5,44.8],"layers":["titr","titr"],"flows":[]}]}`))
	f.Add([]byte(`{"format":"corridor-atlas-project","version":2}`))
	f.Add([]byte("\uFEFF{\"format\":\"corridor-atlas-project\",\"version\":1,\"scenes\":[{\"name\":\"\\u0000\"}]}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := Parse("fuzz.catlas", "/base", b)
		if err != nil {
			if msg := err.Error(); !strings.HasPrefix(msg, "fuzz.catlas") || strings.Contains(msg, "\n") {
				t.Fatalf("message %q", msg)
			}
			return
		}
		out, err := p.Marshal("/base")
		if err != nil {
			t.Fatalf("an accepted project does not save: %v", err)
		}
		if _, err := Parse("again.catlas", "/base", out); err != nil {
			t.Fatalf("a saved project does not parse: %v\n%s", err, out)
		}
	})
}
