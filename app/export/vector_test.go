package export

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/app/catalog"
	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/app/render/vector"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// The vector exports are held to the PNG of the same scene: Poppler
// (pdftoppm, pdftotext, pdfinfo) and librsvg (rsvg-convert) read them as
// a person's viewer would. .ci/run installs both; elsewhere the tests
// that need them skip when they are missing.

// tool is the path of an external program a test needs.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed (.ci/run installs poppler-utils and librsvg2-bin)", name)
		}
		t.Skipf("%s is not installed", name)
	}
	return p
}

// exportFile exports o into dir as name and returns its path.
func exportFile(t *testing.T, cat *catalog.Catalogue, o Options, dir, name string) string {
	t.Helper()
	o.Out = filepath.Join(dir, name)
	if _, err := Run(o, cat, nil); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return o.Out
}

func run(t *testing.T, name string, args ...string) []byte {
	t.Helper()
	out, err := exec.Command(tool(t, name), args...).Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("%s %s: %v %s", name, strings.Join(args, " "), err, msg)
	}
	return out
}

func decodeRGBA(t *testing.T, b []byte) *image.RGBA {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out := image.NewRGBA(img.Bounds())
	draw.Draw(out, out.Rect, img, img.Bounds().Min, draw.Src)
	return out
}

// rasters returns the PNG export of o and its SVG and PDF exports as
// rsvg-convert and pdftoppm draw them, at the PNG's size.
func rasters(t *testing.T, cat *catalog.Catalogue, o Options, svgText vector.SVGText) (pngImg, svgImg, pdfImg *image.RGBA) {
	t.Helper()
	dir := t.TempDir()
	w, h := strconv.Itoa(o.Width), strconv.Itoa(o.Height)
	pngImg = decodeRGBA(t, mustRead(t, exportFile(t, cat, o, dir, "map.png")))
	o.SVGText = svgText
	svgPath := exportFile(t, cat, o, dir, "map.svg")
	svgImg = decodeRGBA(t, run(t, "rsvg-convert", "-w", w, "-h", h, svgPath))
	pdfPath := exportFile(t, cat, o, dir, "map.pdf")
	pdfImg = decodeRGBA(t, run(t, "pdftoppm", "-png", "-singlefile", "-scale-to-x", w, "-scale-to-y", h, pdfPath))
	return
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// mask marks the pixels of img that in holds for.
func mask(img *image.RGBA, in func(r, g, b uint8) bool) []bool {
	out := make([]bool, img.Rect.Dx()*img.Rect.Dy())
	for i := range out {
		p := img.Pix[4*i : 4*i+3]
		out[i] = in(p[0], p[1], p[2])
	}
	return out
}

// erode keeps the pixels of m whose eight neighbours are in m too: the
// areas, without the hairlines (rivers, a letter's edge) whose
// anti-aliasing two rasterisers do differently (Poppler draws no line
// thinner than a pixel).
func erode(m []bool, w int) []bool {
	h := len(m) / w
	out := make([]bool, len(m))
	for y := 1; y < h-1; y++ {
		for x := 1; x < w-1; x++ {
			all := true
			for dy := -1; dy <= 1 && all; dy++ {
				for dx := -1; dx <= 1; dx++ {
					if !m[(y+dy)*w+x+dx] {
						all = false
						break
					}
				}
			}
			out[y*w+x] = all
		}
	}
	return out
}

// nearly is the share of a's pixels that have one of b's within r
// pixels.
func nearly(a, b []bool, w, r int) float64 {
	h := len(a) / w
	n, hit := 0, 0
	for y := range h {
		for x := range w {
			if !a[y*w+x] {
				continue
			}
			n++
		search:
			for dy := -r; dy <= r; dy++ {
				for dx := -r; dx <= r; dx++ {
					xx, yy := x+dx, y+dy
					if xx >= 0 && yy >= 0 && xx < w && yy < h && b[yy*w+xx] {
						hit++
						break search
					}
				}
			}
		}
	}
	if n == 0 {
		return 1
	}
	return float64(hit) / float64(n)
}

// iou is the intersection over union of two masks, and the distance
// between their centroids in pixels (w pixels a row).
func iou(a, b []bool, w int) (float64, float64) {
	var and, or, na, nb int
	var ax, ay, bx, by float64
	for i := range a {
		x, y := float64(i%w), float64(i/w)
		if a[i] {
			na++
			ax, ay = ax+x, ay+y
		}
		if b[i] {
			nb++
			bx, by = bx+x, by+y
		}
		if a[i] && b[i] {
			and++
		}
		if a[i] || b[i] {
			or++
		}
	}
	if or == 0 || na == 0 || nb == 0 {
		return 1, 0
	}
	n1, n2 := float64(na), float64(nb)
	return float64(and) / float64(or), math.Hypot(ax/n1-bx/n2, ay/n1-by/n2)
}

// nearColour matches a colour within tol on every channel.
func nearColour(c color.NRGBA, tol int) func(r, g, b uint8) bool {
	d := func(x, y uint8) int { return int(math.Abs(float64(int(x) - int(y)))) }
	return func(r, g, b uint8) bool { return d(r, c.R) <= tol && d(g, c.G) <= tol && d(b, c.B) <= tol }
}

// TestVectorMatchesPNG: the SVG and the PDF of a scene, drawn by librsvg
// and Poppler, show the land and water and the flows where the PNG of the
// same scene does.
func TestVectorMatchesPNG(t *testing.T) {
	cat := catalogue(t)
	tests := []struct {
		name string
		mod  func(*Options)
		text vector.SVGText
	}{
		{"caspian 2023.5 1920x1080", func(o *Options) { o.Year, o.Phase = 2023.5, 0.3 }, vector.SVGEmbed},
		{"btc 2026 1080x1080 banded", func(o *Options) { o.Width, o.Height, o.View, o.Year = 1080, 1080, "btc", 2026 }, vector.SVGOutline},
		{"corridor 2022 A4 at 150 dpi", func(o *Options) {
			o.View, o.Year, o.DPI = "corridor", 2022, 150
			o.SetSize(SizeSpec{Print: &PrintSize{297, 210}})
		}, vector.SVGEmbed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := opts(tt.mod)
			s, err := o.Scene(cat)
			if err != nil {
				t.Fatal(err)
			}
			pngImg, svgImg, pdfImg := rasters(t, cat, o, tt.text)
			w := o.Width
			isWater := func(r, g, b uint8) bool { return int(b) > int(r)+25 && int(b) >= int(g) }
			want := erode(mask(pngImg, isWater), w)
			for _, got := range []struct {
				what string
				img  *image.RGBA
			}{{"SVG", svgImg}, {"PDF", pdfImg}} {
				if got.img.Rect.Dx() != o.Width || got.img.Rect.Dy() != o.Height {
					t.Fatalf("%s drawn %v, want %dx%d", got.what, got.img.Rect, o.Width, o.Height)
				}
				v, _ := iou(want, erode(mask(got.img, isWater), w), w)
				t.Logf("%s: land/water IoU %.4f", got.what, v)
				if v < 0.97 {
					t.Errorf("%s: land/water IoU %.4f, want ≥ 0.97", got.what, v)
				}
				// Flows in the same places: nearly every pixel of a flow's
				// colour in one picture has one within 2 px in the other.
				flows := 0
				for _, fp := range s.Flows {
					if _, ok := fp.Flow.FigureAt(s.Year); !ok {
						continue
					}
					in := nearColour(render.FlowColour(fp.Flow.ID, fp.Index), 24)
					a, b := mask(pngImg, in), mask(got.img, in)
					n := 0
					for _, v := range a {
						if v {
							n++
						}
					}
					if n < 100 {
						continue // off the picture
					}
					flows++
					ab, ba := nearly(a, b, w, 2), nearly(b, a, w, 2)
					t.Logf("%s: flow %s: %.3f, %.3f", got.what, fp.Flow.ID, ab, ba)
					if ab < 0.97 || ba < 0.97 {
						t.Errorf("%s: flow %s: %.3f of the PNG's pixels and %.3f of its own are within 2 px of the other's; want ≥ 0.97", got.what, fp.Flow.ID, ab, ba)
					}
				}
				if flows == 0 && len(s.Flows) > 0 {
					t.Errorf("%s: no flow compared", got.what)
				}
			}
		})
	}
}

// layoutTexts is every text run the picture's layout places: labels,
// title, legend rows, scale bar and attribution.
func layoutTexts(t *testing.T, cat *catalog.Catalogue, o Options) []string {
	t.Helper()
	s, err := o.Scene(cat)
	if err != nil {
		t.Fatal(err)
	}
	lay := render.New().Layout(s)
	var out []string
	for _, l := range lay.Labels {
		for _, r := range l.Runs {
			out = append(out, r.Text)
		}
	}
	for _, p := range lay.Panels {
		for _, r := range p.Texts {
			out = append(out, r.Text)
		}
		for _, row := range p.Rows {
			for _, r := range row.Texts {
				out = append(out, r.Text)
			}
		}
	}
	return out
}

// TestPDFText: pdftotext finds every word the map sets — title, legend
// rows, place and flow labels, scale bar, attribution — and the fonts
// are embedded, subset, with a map back to Unicode.
func TestPDFText(t *testing.T) {
	cat := catalogue(t)
	o := opts(func(o *Options) { o.Year = 2024 })
	dir := t.TempDir()
	p := exportFile(t, cat, o, dir, "map.pdf")
	text := string(run(t, "pdftotext", "-enc", "UTF-8", p, "-"))
	words := strings.Fields(text)
	have := map[string]bool{}
	for _, w := range words {
		have[w] = true
	}
	texts := layoutTexts(t, cat, o)
	for _, want := range []string{DefaultTitle, "Aktau", "Tbilisi", "Ceyhan", "Kars", "Railway (Middle Corridor)", "Kazakh crude to BTC"} {
		found := false
		for _, s := range texts {
			found = found || strings.Contains(s, want)
		}
		if !found {
			t.Errorf("the layout sets no %q: the test's premise is wrong", want)
		}
	}
	for _, s := range texts {
		for _, w := range strings.Fields(s) {
			if !have[w] && !strings.Contains(text, w) {
				t.Errorf("pdftotext lacks %q (of %q)", w, s)
			}
		}
	}
	fonts := string(run(t, "pdffonts", p))
	rows := 0
	for _, l := range strings.Split(fonts, "\n")[2:] {
		f := strings.Fields(l)
		if len(f) < 7 {
			continue
		}
		rows++
		// name type... encoding emb sub uni: the last five are emb sub uni object ID
		n := len(f)
		if f[n-5] != "yes" || f[n-3] != "yes" {
			t.Errorf("font not embedded with a ToUnicode map: %q", l)
		}
	}
	if rows == 0 {
		t.Errorf("no fonts: %s", fonts)
	}
	// Every layer and decoration is an optional content group (a layer
	// in the viewer's panel), named by its title.
	b := mustRead(t, p)
	s, err := o.Scene(cat)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range s.Layers {
		name := utf16Name(l.Title)
		if !bytes.Contains(b, []byte("/Type /OCG /Name ("+name+")")) {
			t.Errorf("no optional content group for layer %s (%q)", l.ID, l.Title)
		}
	}
	// Subset: the three faces are 2 MB; the whole map is a fraction.
	if st, _ := os.Stat(p); st.Size() > 900<<10 {
		t.Errorf("PDF is %d bytes: are the fonts subset?", st.Size())
	}
}

// utf16Name is a PDF literal string's bytes as fpdf writes a UTF-8 name:
// a byte order mark, then UTF-16BE, parentheses escaped.
func utf16Name(s string) string {
	var b strings.Builder
	b.WriteString("\xfe\xff")
	for _, u := range utf16.Encode([]rune(s)) {
		for _, c := range []byte{byte(u >> 8), byte(u)} {
			if c == '(' || c == ')' || c == '\\' {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// svgDoc is what the tests read of an SVG.
type svgDoc struct {
	Width, Height, ViewBox string
	Groups                 map[string]string // id → title
	Texts                  []string          // the letters of every visible <text>
	Paths                  int
	Style                  string
}

func parseSVG(t *testing.T, b []byte) svgDoc {
	t.Helper()
	d := svgDoc{Groups: map[string]string{}}
	dec := xml.NewDecoder(bytes.NewReader(b))
	var stack []xml.StartElement
	var text strings.Builder
	inText, hidden := false, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			attr := func(name string) string {
				for _, a := range e.Attr {
					if a.Name.Local == name {
						return a.Value
					}
				}
				return ""
			}
			switch e.Name.Local {
			case "svg":
				d.Width, d.Height, d.ViewBox = attr("width"), attr("height"), attr("viewBox")
			case "g":
				d.Groups[attr("id")] = ""
			case "path":
				d.Paths++
			case "text":
				inText, hidden = true, attr("aria-hidden") == "true"
				text.Reset()
			}
			stack = append(stack, e)
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			top := stack[len(stack)-1]
			switch {
			case top.Name.Local == "title" && len(stack) >= 2 && stack[len(stack)-2].Name.Local == "g":
				for _, a := range stack[len(stack)-2].Attr {
					if a.Name.Local == "id" {
						d.Groups[a.Value] += string(e)
					}
				}
			case top.Name.Local == "style":
				d.Style += string(e)
			case inText:
				text.Write(e)
			}
		case xml.EndElement:
			if e.Name.Local == "text" {
				if !hidden {
					d.Texts = append(d.Texts, text.String())
				}
				inText = false
			}
			stack = stack[:len(stack)-1]
		}
	}
	return d
}

// TestSVGStructure: the SVG is well-formed XML whose groups carry the
// layer ids with their titles and the decorations' names; its text is
// the map's text in the embedded, subset font; outlined, it has no text.
func TestSVGStructure(t *testing.T) {
	cat := catalogue(t)
	o := opts(func(o *Options) { o.Year = 2024 })
	s, err := o.Scene(cat)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	d := parseSVG(t, mustRead(t, exportFile(t, cat, o, dir, "map.svg")))
	if d.Width != "1920" || d.Height != "1080" || d.ViewBox != "0 0 1920 1080" {
		t.Errorf("size %s×%s, viewBox %q", d.Width, d.Height, d.ViewBox)
	}
	for _, l := range s.Layers {
		if title, ok := d.Groups[l.ID]; !ok || title != l.Title {
			t.Errorf("group %q: present %v, title %q, want %q", l.ID, ok, title, l.Title)
		}
	}
	for _, g := range []string{render.GroupBackground, render.GroupFlows, render.GroupLabels, render.GroupFlowLabels,
		render.GroupTitle, render.GroupLegend, render.GroupScaleBar, render.GroupAttribution} {
		if title, ok := d.Groups[g]; !ok || title == "" {
			t.Errorf("decoration group %q missing or untitled", g)
		}
	}
	all := strings.Join(d.Texts, "\n")
	for _, txt := range layoutTexts(t, cat, o) {
		if !strings.Contains(all, txt) {
			t.Errorf("no <text> holds %q", txt)
		}
	}
	// The fonts: every face used, base64 TrueType, cut to what is used.
	m := regexp.MustCompile(`base64,([A-Za-z0-9+/=]+)`).FindAllStringSubmatch(d.Style, -1)
	if len(m) != 3 { // regular, bold and oblique (sea names) on this map
		t.Errorf("%d embedded faces, want 3", len(m))
	}
	for _, f := range m {
		b, err := base64.StdEncoding.DecodeString(f[1])
		if err != nil || len(b) < 1000 || len(b) > 120<<10 {
			t.Errorf("embedded face: %d bytes, %v: want a subset of a few dozen kB", len(b), err)
		}
	}

	o.SVGText = vector.SVGOutline
	d = parseSVG(t, mustRead(t, exportFile(t, cat, o, dir, "outline.svg")))
	if len(d.Texts) != 0 || strings.Contains(d.Style, "font-face") {
		t.Errorf("outlined SVG has %d texts, style %q", len(d.Texts), d.Style)
	}
}

// TestVectorPrintSize: a print size is the document's size: A4 is
// 297×210 mm in the SVG and 842×595 points in the PDF.
func TestVectorPrintSize(t *testing.T) {
	cat := catalogue(t)
	o := opts(nil)
	sp, err := ParseSize("A4", i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	o.SetSize(sp)
	if o.Width != 3508 || o.Height != 2480 || o.DPI != 300 {
		t.Fatalf("A4 is %dx%d at %g dpi", o.Width, o.Height, o.DPI)
	}
	dir := t.TempDir()
	d := parseSVG(t, mustRead(t, exportFile(t, cat, o, dir, "a4.svg")))
	if d.Width != "297mm" || d.Height != "210mm" || d.ViewBox != "0 0 3508 2480" {
		t.Errorf("SVG %s×%s, viewBox %q", d.Width, d.Height, d.ViewBox)
	}
	info := string(run(t, "pdfinfo", exportFile(t, cat, o, dir, "a4.pdf")))
	if !strings.Contains(info, "841.89 x 595.28 pts (A4)") {
		t.Errorf("pdfinfo:\n%s", info)
	}
}

// TestVectorSizeTargets: the default map stays small: ≤ 2 MB as PDF,
// ≤ 3 MB as SVG (issue 14).
func TestVectorSizeTargets(t *testing.T) {
	cat := catalogue(t)
	dir := t.TempDir()
	for _, tt := range []struct {
		name  string
		limit int64
	}{{"map.pdf", 2 << 20}, {"map.svg", 3 << 20}} {
		st, err := os.Stat(exportFile(t, cat, opts(nil), dir, tt.name))
		if err != nil {
			t.Fatal(err)
		}
		if st.Size() > tt.limit {
			t.Errorf("%s: %d bytes, want ≤ %d", tt.name, st.Size(), tt.limit)
		}
	}
}

// TestHandout: a three-scene handout is three pages, each with its
// scene's title, note and the sources of its flows.
func TestHandout(t *testing.T) {
	cat := catalogue(t)
	scenes := []handoutScene{
		{"Aktau–Baku", "Across the Caspian", "Ferries and tankers from Aktau and Kuryk.", orb.Bound{Min: orb.Point{47.5, 39.2}, Max: orb.Point{53.5, 44.8}}, 2024, []string{"titr-cargo"}},
		{"BTC", "Crude through BTC", "From Sangachal to Ceyhan.", orb.Bound{Min: orb.Point{34, 36}, Max: orb.Point{51, 43}}, 2025, []string{"kz-oil-btc"}},
		{"Corridor", "The whole corridor", "", orb.Bound{Min: orb.Point{25, 30}, Max: orb.Point{90, 56}}, 2023, []string{}},
	}
	for _, l := range []i18n.Lang{i18n.EN, i18n.DE, i18n.RU} {
		t.Run(string(l), func(t *testing.T) { testHandoutIn(t, l, cat, scenes) })
	}
}

// handoutScene is a scene of TestHandout.
type handoutScene struct {
	name, title, note string
	bbox              orb.Bound
	year              float64
	flows             []string
}

// testHandoutIn writes the scenes as a handout in l and reads its pages
// back: the page text, the flows' titles and the sources heading in l,
// the sources as published.
func testHandoutIn(t *testing.T, l i18n.Lang, cat *catalog.Catalogue, scenes []handoutScene) {
	dir := t.TempDir()
	h := Handout{Out: filepath.Join(dir, "handout.pdf"), Title: "Briefing", Lang: l}
	for _, s := range scenes {
		h.Pages = append(h.Pages, HandoutPage{Name: s.name, Note: s.note, Options: func(w, ht int, dpi float64) Options {
			o := Defaults()
			o.Width, o.Height, o.DPI, o.Lang = w, ht, dpi, l
			b := s.bbox
			o.BBox, o.Year, o.Title, o.Flows = &b, geo.Year(s.year), s.title, s.flows
			return o
		}})
	}
	if _, err := WriteHandout(h, cat, nil); err != nil {
		t.Fatal(err)
	}
	info := string(run(t, "pdfinfo", h.Out))
	if !regexp.MustCompile(`(?m)^Pages:\s+3$`).MatchString(info) {
		t.Fatalf("pdfinfo:\n%s", info)
	}
	if want := messages.N(l, "handout.subject", 3, map[string]any{"N": 3, "Attribution": messages.T(l, "doc.attribution")}); !strings.Contains(info, strings.SplitN(want, ";", 2)[0]) {
		t.Errorf("subject not in %s:\n%s", l, info)
	}
	heading := messages.T(l, "handout.sources")
	for i, s := range scenes {
		n := strconv.Itoa(i + 1)
		text := string(run(t, "pdftotext", "-f", n, "-l", n, h.Out, "-"))
		for _, want := range []string{s.title, s.note, "Briefing — " + n + " / 3: " + s.name} {
			if !strings.Contains(text, want) {
				t.Errorf("page %s lacks %q:\n%s", n, want, text)
			}
		}
		if hasSources := strings.Contains(text, heading); hasSources != (len(s.flows) > 0) {
			t.Errorf("page %s: sources heading %q listed %v, flows %v", n, heading, hasSources, s.flows)
		}
		for _, id := range s.flows {
			f := flowByID(t, cat, id)
			fig, _ := f.Flow.FigureAt(geo.Year(s.year))
			for _, want := range []string{fig.Source, f.Flow.TitleIn(l) + ":", l.Kind(fig.Kind.String())} {
				if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
					t.Errorf("page %s lacks %q of %s", n, want, id)
				}
			}
		}
	}
}

func flowByID(t *testing.T, cat *catalog.Catalogue, id string) *render.FlowPath {
	for _, f := range cat.Flows {
		if f.Flow.ID == id {
			return f
		}
	}
	t.Fatalf("no flow %s", id)
	return nil
}
