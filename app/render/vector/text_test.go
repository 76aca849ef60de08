package vector

import (
	"bytes"
	"encoding/xml"
	"image/color"
	"io"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/app/render"
)

// TestSplitRun: a run is set as text from its first glyph, with a move
// wherever kerning moved a glyph; a ligature keeps the letters it joins.
func TestSplitRun(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		style   render.FontStyle
		shifted bool   // some glyph is moved from its advance
		actual  string // the letters of a substituted glyph
	}{
		{"kerned", "AVATAR", render.Regular, true, ""},
		{"plain", "Baku", render.Bold, false, ""},
		{"ligature", "fi", render.Regular, false, "fi"},
		{"Cyrillic", "Баку", render.Regular, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run := render.TextRun{Text: tt.text, Style: tt.style, Size: 20, X: 10, Y: 30, Colour: color.NRGBA{A: 255}}
			set, outlined := splitRun(run, 1, 2)
			if len(set) != 1 || len(outlined) != 0 {
				t.Fatalf("%d runs of text, %d outlined glyphs", len(set), len(outlined))
			}
			r := set[0]
			if r.x != 11 || r.y != 32 || r.size != 20 {
				t.Errorf("set at (%g, %g) size %g", r.x, r.y, r.size)
			}
			shifted := false
			for i := range r.runes {
				shifted = shifted || r.shifted(i)
			}
			if shifted != tt.shifted {
				t.Errorf("shifted %v, want %v", shifted, tt.shifted)
			}
			got := ""
			for _, a := range r.actual {
				got += a
			}
			if got != tt.actual {
				t.Errorf("actual text %q, want %q", got, tt.actual)
			}
		})
	}
}

// TestSVGPainter: groups, paths, dashes by phase and a label with its
// halo as the SVG writer writes them.
func TestSVGPainter(t *testing.T) {
	s := NewSVG(SVGOptions{Width: 200, Height: 100, Title: "T", GroupTitle: func(n string) string { return "title of " + n }})
	s.Begin("btc")
	var p render.Path
	p.Ring([]orb.Point{{10, 10}, {50, 10}, {50, 50}}, 0, 0)
	s.Fill(&p, color.NRGBA{0x11, 0x22, 0x33, 0x80})
	p.Reset()
	p.LineFrom([]orb.Point{{0, 60}, {100, 60}}, 0, 0, 0)
	p.LineFrom([]orb.Point{{0, 70}, {100, 70}}, 0, 0, 3)
	s.Stroke(&p, render.Pen{Width: 2, Dash: []float64{4, 2}, Cap: render.ButtCap}, color.NRGBA{0, 0, 0, 255})
	s.End()
	s.Begin("labels")
	s.Text([]render.TextRun{{Text: "Baku & Co", Style: render.Bold, Size: 12, X: 20, Y: 90, Colour: color.NRGBA{0x22, 0x22, 0x22, 255}}}, 0, 0, 1.5, color.NRGBA{255, 255, 255, 230})
	s.End()
	var b bytes.Buffer
	if err := s.Close(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	dec := xml.NewDecoder(strings.NewReader(out))
	groups, dashes, texts := map[string]bool{}, 0, []string{}
	var halo bool
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, out)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			attrs := map[string]string{}
			for _, a := range e.Attr {
				attrs[a.Name.Local] = a.Value
			}
			switch e.Name.Local {
			case "g":
				groups[attrs["id"]] = true
				if attrs["label"] != "title of "+attrs["id"] {
					t.Errorf("group %s labelled %q", attrs["id"], attrs["label"])
				}
			case "path":
				if attrs["stroke-dasharray"] == "4 2" {
					dashes++
					if attrs["stroke-linecap"] != "butt" {
						t.Errorf("butt cap lost: %v", attrs)
					}
				}
			case "text":
				inText = true
				if attrs["aria-hidden"] == "true" {
					halo = attrs["stroke"] == "#ffffff" && attrs["fill"] == "none" && attrs["stroke-width"] == "2"
				}
			}
		case xml.CharData:
			if inText {
				texts = append(texts, string(e))
			}
		case xml.EndElement:
			inText = inText && e.Name.Local != "text"
		}
	}
	if !groups["btc"] || !groups["labels"] {
		t.Errorf("groups %v", groups)
	}
	if dashes != 2 {
		t.Errorf("%d dashed paths, want one per phase (2)", dashes)
	}
	if !halo {
		t.Error("no halo: a stroked copy of the text under it")
	}
	if strings.Join(texts, "|") != "Baku & Co|Baku & Co" {
		t.Errorf("texts %q", texts)
	}
	if !strings.Contains(out, "@font-face") || !strings.Contains(out, `fill-opacity="0.502"`) {
		t.Errorf("no embedded font or opacity:\n%s", out[:min(len(out), 2000)])
	}
}
