package export

import (
	"bytes"
	"flag"
	"fmt"
	"github.com/corridor-atlas/corridor-atlas/app/catalog"
	"github.com/corridor-atlas/corridor-atlas/app/internal/golden"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata (look at them before committing)")

// job is an export as the command line runs it: check the options, load
// what is drawn (the embedded layers asked for, data files and flow
// CSVs), then write.
type job struct {
	Options
	Data, FlowData []string
}

func (j job) load() (*catalog.Catalogue, error) {
	return catalog.Load(catalog.Request{Layers: j.Layers, Files: j.Data, FlowData: j.FlowData})
}

func (j job) run() (*Result, error) {
	if err := j.Check(); err != nil {
		return nil, err
	}
	cat, err := j.load()
	if err != nil {
		return nil, err
	}
	return Run(j.Options, cat, nil)
}

// animate is run for an animation.
func (j job) animate(a Animation) (*AnimationResult, error) {
	a.Options = j.Options
	if err := a.CheckSettings(); err != nil {
		return nil, err
	}
	cat, err := j.load()
	if err != nil {
		return nil, err
	}
	return Animate(a, cat, nil)
}

func catalogue(t testing.TB) *catalog.Catalogue {
	t.Helper()
	c, err := catalog.Load(catalog.Request{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func renderOpts(t testing.TB, c *catalog.Catalogue, o Options) (*image.RGBA, *render.Scene) {
	t.Helper()
	s, err := o.Scene(c)
	if err != nil {
		t.Fatal(err)
	}
	return render.New().Render(s), s
}

func opts(mod func(*Options)) Options {
	o := Defaults()
	o.Out = "unused.png"
	if mod != nil {
		mod(&o)
	}
	return o
}

// checkGolden compares a shrunk picture with its golden image, or with
// -update rewrites the golden. Anti-aliasing may shift with rasteriser
// updates: small differences are allowed everywhere and larger ones on
// 0.5 % of pixels.
func checkGolden(t *testing.T, small image.Image, path string) {
	t.Helper()
	want := golden.PNG(t, path, small, *update)
	if want == nil {
		return
	}
	bad := 0
	for y := 0; y < small.Bounds().Dy(); y++ {
		for x := 0; x < small.Bounds().Dx(); x++ {
			if !near(small.At(x, y), want.At(x, y), 24) {
				bad++
			}
		}
	}
	if frac := float64(bad) / float64(small.Bounds().Dx()*small.Bounds().Dy()); frac > 0.005 {
		t.Errorf("%.2f %% of pixels differ from %s", frac*100, path)
	}
}

func near(a, b color.Color, tol int) bool {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	d := func(x, y uint32) int { return int(math.Abs(float64(int(x>>8) - int(y>>8)))) }
	return d(ar, br) <= tol && d(ag, bg) <= tol && d(ab, bb) <= tol
}

func at(img *image.RGBA, v geo.Viewport, lon, lat float64) color.Color {
	p := v.ToPixel(orb.Point{lon, lat})
	return img.At(int(p[0]), int(p[1]))
}

var (
	water    = color.NRGBA{0xB7, 0xD4, 0xE8, 0xFF}
	land     = color.NRGBA{0xF4, 0xF1, 0xEA, 0xFF}
	pipeline = color.NRGBA{0xD5, 0x5E, 0x00, 0xFF}
)

func TestProbes(t *testing.T) {
	c := catalogue(t)
	img, s := renderOpts(t, c, opts(func(o *Options) { o.Flows = []string{} }))
	if got := at(img, s.View, 50.5, 42.0); !near(got, water, 3) {
		t.Errorf("centre of the Caspian is %v, want water %v", got, water)
	}
	if got := at(img, s.View, 56, 44); !near(got, land, 3) {
		t.Errorf("Ustyurt plateau is %v, want land %v", got, land)
	}
}

// btcPixels returns the image positions of the BTC line's vertices that
// lie in the middle of long straight stretches (away from labels).
func btcProbe(t *testing.T, c *catalog.Catalogue) []orb.Point {
	for _, l := range c.Layers {
		for _, f := range l.Detailed {
			if render.FeatureID(f) != "btc-pipeline" {
				continue
			}
			ls := f.Geometry.(orb.LineString)
			var out []orb.Point
			for i := 1; i < len(ls); i++ {
				out = append(out, geo.Interpolate(ls[i-1], ls[i], 0.5))
			}
			return out
		}
	}
	t.Fatal("no btc-pipeline")
	return nil
}

func TestPipelineColourFollowsLayer(t *testing.T) {
	c := catalogue(t)
	probes := btcProbe(t, c)
	count := func(layers []string) int {
		img, s := renderOpts(t, c, opts(func(o *Options) {
			o.View = "btc"
			o.Flows = []string{}
			o.Layers = layers
			o.NoLegend = true
		}))
		n := 0
		for _, p := range probes {
			if near(at(img, s.View, p[0], p[1]), pipeline, 10) {
				n++
			}
		}
		return n
	}
	base := []string{"countries", "borders", "coastline", "lakes", "rivers", "cities"}
	on := count(append(base, "btc"))
	off := count(base)
	if on < len(probes)/2 {
		t.Errorf("with btc on only %d of %d probes have the pipeline colour", on, len(probes))
	}
	if off != 0 {
		t.Errorf("with btc off %d probes have the pipeline colour", off)
	}
}

// bandWidth measures the oil band's width across the BTC line: the widest
// cross-section over many rows of a long, steep stretch, counting partial
// coverage, so gaps in a broken band and the moving dashes don't matter.
func bandWidth(t *testing.T, c *catalog.Catalogue, year geo.Year) float64 {
	o := opts(func(o *Options) {
		o.View = "btc"
		o.Year = year
		o.Flows = []string{"kz-oil-btc"}
		o.Layers = []string{"power"} // nothing under the band but water
		o.NoLegend, o.NoScaleBar, o.Title = true, true, ""
	})
	img, s := renderOpts(t, c, o)
	// The steepest long segment in Türkiye (west of 42°E).
	var best [2]orb.Point
	bestLen := 0.0
	var line orb.LineString
	for _, l := range c.Layers {
		for _, f := range l.Detailed {
			if render.FeatureID(f) == "btc-pipeline" {
				line = f.Geometry.(orb.LineString)
			}
		}
	}
	for i := 1; i < len(line); i++ {
		a, b := s.View.ToPixel(line[i-1]), s.View.ToPixel(line[i])
		dy := math.Abs(b[1] - a[1])
		if line[i][0] < 42 && dy > 2*math.Abs(b[0]-a[0]) && dy > bestLen {
			best, bestLen = [2]orb.Point{a, b}, dy
		}
	}
	if bestLen < 30 {
		t.Fatalf("no steep stretch found (%g px)", bestLen)
	}
	widest := 0.0
	for f := 0.25; f <= 0.75; f += 0.01 {
		y := best[0][1] + (best[1][1]-best[0][1])*f
		x := best[0][0] + (best[1][0]-best[0][0])*f
		// Coverage from the blue channel (water is blue, the band orange),
		// relative to the row's peak, so a paler plan band measures the same.
		var cov [81]float64
		peak := 0.0
		for dx := -40; dx <= 40; dx++ {
			px := img.RGBAAt(int(x)+dx, int(y))
			cov[dx+40] = math.Max(0, float64(water.B)-float64(px.B))
			peak = math.Max(peak, cov[dx+40])
		}
		w := 0.0
		for _, c := range cov {
			if peak > 0 {
				w += c / peak
			}
		}
		widest = math.Max(widest, w)
	}
	return widest
}

func TestFlowBandWidthFollowsValue(t *testing.T) {
	// The crude's own figures differ by a few per cent a year; a copy of
	// the flow with 1 Mt in 2023 and 2 Mt in 2024 tests the proportion.
	c := *catalogue(t)
	c.Flows = slices.Clone(c.Flows)
	for i, fp := range c.Flows {
		if fp.Flow.ID != "kz-oil-btc" {
			continue
		}
		fl := *fp.Flow
		fl.Values = []data.Figure{{Year: 2023, Value: 1, Kind: data.Actual, Drawn: true}, {Year: 2024, Value: 2, Kind: data.Actual, Drawn: true}}
		fl.Figures = fl.Values
		c.Flows[i] = &render.FlowPath{Flow: &fl, Line: fp.Line, Index: fp.Index, File: fp.File, Joins: fp.Joins}
	}
	w23 := bandWidth(t, &c, 2023)
	w24 := bandWidth(t, &c, 2024)
	// The band twice as wide, each with its darker edge on both sides.
	max := render.WidthScales(c.Flows)["Mt/yr"]
	drawn := func(v float64) float64 {
		w := render.BandWidth(v, max, 1)
		return w + 2*render.BandOutline(w, 1)
	}
	want := drawn(2) / drawn(1)
	t.Logf("band widths: 2023 %.2f px, 2024 %.2f px", w23, w24)
	if got := w24 / w23; math.Abs(got/want-1) > 0.15 {
		t.Errorf("band 2024/2023 = %.2f/%.2f px = %.3f, want %.3f ± 15 %%", w24, w23, got, want)
	}
}

func TestSameFrameTwice(t *testing.T) {
	c := catalogue(t)
	o := opts(func(o *Options) { o.Year = 2023.4; o.Phase = 0.37; o.Width, o.Height = 800, 450 })
	a, _ := renderOpts(t, c, o)
	b, _ := renderOpts(t, c, o)
	if !bytes.Equal(a.Pix, b.Pix) {
		t.Error("two renders of the same (t, phase) differ")
	}
	o.Phase = 0.62
	d, _ := renderOpts(t, c, o)
	if bytes.Equal(a.Pix, d.Pix) {
		t.Error("a different phase rendered the same pixels: the dashes do not move")
	}
}

// goldenViews are the golden pictures' scenes: each named view in a year
// that shows something the others do not (the crude and uranium beside
// the cargo mid-year, BTK and uranium, the cargo with the crude, the
// crude's plan hatched).
var goldenViews = []struct {
	view  string
	year  geo.Year
	phase float64
}{
	{"caspian", 2023.5, 0.25},
	{"corridor", 2022, 0},
	{"aktau-baku", 2024, 0},
	{"btc", 2026, 0},
}

// goldenSide is the longest side a golden is kept at: bigger pictures are
// compared (and kept) shrunk by a whole factor, so the set stays small
// while the layout of every size is held.
const goldenSide = 960

// TestGolden renders every named view at every size preset and compares
// it with its golden picture in testdata, shrunk to at most goldenSide
// pixels a side (the 4K one to a quarter). -update rewrites them: look at
// each before committing.
func TestGolden(t *testing.T) {
	c := catalogue(t)
	r := render.New()
	for _, g := range goldenViews {
		for _, sz := range sizePresets {
			name := fmt.Sprintf("%s-%s-%dx%d", g.view, render.YearLabel(g.year), sz[0], sz[1])
			t.Run(name, func(t *testing.T) {
				if testing.Short() && sz[0]*sz[1] > 1920*1080 {
					t.Skip("a 4K picture")
				}
				o := opts(func(o *Options) { o.View, o.Year, o.Phase, o.Width, o.Height = g.view, g.year, g.phase, sz[0], sz[1] })
				s, err := o.SceneWith(c, r)
				if err != nil {
					t.Fatal(err)
				}
				img := image.NewRGBA(image.Rect(0, 0, sz[0], sz[1]))
				r.RenderOnce(img, s)
				k := (max(sz[0], sz[1]) + goldenSide - 1) / goldenSide
				small := shrink(img, k)
				checkGolden(t, small, filepath.Join("testdata", name+".png"))
			})
		}
	}
}

// shrink averages k×k blocks of pixels (k 1 returns img).
func shrink(img *image.RGBA, k int) *image.RGBA {
	if k <= 1 {
		return img
	}
	b := img.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx()/k, b.Dy()/k))
	for y := 0; y < out.Rect.Dy(); y++ {
		for x := 0; x < out.Rect.Dx(); x++ {
			var sum [4]int
			for dy := range k {
				for dx := range k {
					p := img.Pix[img.PixOffset(x*k+dx, y*k+dy):]
					for c := range 4 {
						sum[c] += int(p[c])
					}
				}
			}
			q := out.Pix[out.PixOffset(x, y):]
			for c := range 4 {
				q[c] = uint8((sum[c] + k*k/2) / (k * k))
			}
		}
	}
	return out
}

func TestEveryViewAndPresetExports(t *testing.T) {
	if testing.Short() {
		t.Skip("exports several large images")
	}
	dir := t.TempDir()
	cases := []struct {
		name    string
		view    string
		w, h    int
		dpi     float64
		wantDPI float64
	}{
		{"caspian", "caspian", 1920, 1080, 96, 96},
		{"corridor", "corridor", 1920, 1080, 96, 96},
		{"aktau-baku", "aktau-baku", 1920, 1080, 96, 96},
		{"btc", "btc", 1920, 1080, 96, 96},
		{"4K", "caspian", 3840, 2160, 192, 192},
		{"A4 300 dpi", "caspian", 3508, 2480, 300, 300},
	}
	r := render.New()
	c := catalogue(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := Defaults()
			o.Out = filepath.Join(dir, tc.name+".png")
			o.View, o.Width, o.Height, o.DPI = tc.view, tc.w, tc.h, tc.dpi
			if _, err := Run(o, c, r); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(o.Out)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("not a PNG: %v", err)
			}
			if cfg.Width != tc.w || cfg.Height != tc.h {
				t.Errorf("size %dx%d", cfg.Width, cfg.Height)
			}
			if dpi, ok := ReadDPI(b); !ok || dpi != tc.wantDPI {
				t.Errorf("pHYs dpi = %v %v, want %v", dpi, ok, tc.wantDPI)
			}
		})
	}
}

func TestFailedExportWritesNothing(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.png")
	if err := os.WriteFile(good, []byte("a good file"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		mod   func(*job)
		usage bool
	}{
		{"bad size", func(o *job) { o.Width = 0 }, true},
		{"too big", func(o *job) { o.Width, o.Height = 8000, 8000 }, true},
		{"unknown layer", func(o *job) { o.Layers = []string{"atlantis"} }, true},
		{"unknown flow", func(o *job) { o.Flows = []string{"silk"} }, true},
		{"unknown view", func(o *job) { o.View = "moon" }, true},
		{"unknown projection", func(o *job) { o.Projection = "gnomonic" }, true},
		{"min not below max", func(o *job) { o.BBox = &orb.Bound{Min: orb.Point{50, 40}, Max: orb.Point{50, 45}} }, true},
		{"outside the world", func(o *job) { o.BBox = &orb.Bound{Min: orb.Point{-200, 40}, Max: orb.Point{50, 45}} }, true},
		{"unreadable data", func(o *job) { o.Data = []string{filepath.Join(dir, "missing.geojson")} }, false},
		{"malformed data", func(o *job) {
			p := filepath.Join(dir, "bad.geojson")
			os.WriteFile(p, []byte(`{"type":"LineString","coordinates":[[1,2]]}`), 0o644)
			o.Data = []string{p}
		}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := job{Options: Defaults()}
			o.Out = good
			tc.mod(&o)
			_, err := o.run()
			if err == nil {
				t.Fatal("no error")
			}
			if IsUsage(err) != tc.usage {
				t.Errorf("usage error = %v, want %v (%v)", IsUsage(err), tc.usage, err)
			}
			if b, _ := os.ReadFile(good); string(b) != "a good file" {
				t.Error("the existing file was overwritten")
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if filepath.Ext(e.Name()) == ".tmp" {
					t.Errorf("temporary file %s left behind", e.Name())
				}
			}
		})
	}
	t.Run("unwritable directory", func(t *testing.T) {
		o := job{Options: Defaults()}
		o.Out = filepath.Join(dir, "no", "such", "dir", "x.png")
		if _, err := o.run(); err == nil || IsUsage(err) {
			t.Errorf("err = %v, want a data error", err)
		}
	})
}

func TestFlowCSVImport(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("route.geojson", `{"type":"LineString","coordinates":[[44.8,41.7],[42.0,41.2],[35.9,36.9]]}`)
	good := write("flows.csv", "flow_id,year,value,unit,kind,source,path\n"+
		"ge-transit,2022,2,Mt/yr,actual,test,titr-rail-ge-west:reverse\n"+
		"ge-transit,2024,3,Mt/yr,plan,test,\n"+
		"south,2023,1,Mt/yr,actual,test,@route.geojson\n")
	c := catalogue(t)
	n := len(c.Flows)
	if err := c.AddFlowCSV(good); err != nil {
		t.Fatal(err)
	}
	if len(c.Flows) != n+2 {
		t.Fatalf("%d flows, want %d", len(c.Flows), n+2)
	}
	if err := c.AddFlowCSV(good); err == nil || !strings.Contains(err.Error(), "already loaded") {
		t.Errorf("loading twice: %v", err)
	}
	// The imported flows draw like the built-in ones.
	img, s := renderOpts(t, c, opts(func(o *Options) {
		o.View = "btc"
		o.Year = 2023
		o.Flows = []string{"south"}
		o.Layers = []string{"power"}
	}))
	// Around the route's vertex most pixels carry the band (its white
	// direction dashes may sit on the vertex itself).
	mid := s.View.ToPixel(orb.Point{42.0, 41.2})
	banded := 0
	for dy := -2; dy <= 2; dy++ {
		for dx := -2; dx <= 2; dx++ {
			if !near(img.RGBAAt(int(mid[0])+dx, int(mid[1])+dy), water, 30) {
				banded++
			}
		}
	}
	if banded < 10 {
		t.Errorf("no band drawn at the imported route's vertex: %d of 25 pixels differ from water", banded)
	}
	for name, csv := range map[string]string{
		"unknown feature": "flow_id,year,value,unit,kind,source,path\nx,2023,1,t,actual,s,no-such-feature\n",
		"missing file":    "flow_id,year,value,unit,kind,source,path\ny,2023,1,t,actual,s,@none.geojson\n",
	} {
		t.Run(name, func(t *testing.T) {
			before := len(c.Flows)
			err := c.AddFlowCSV(write(strings.ReplaceAll(name, " ", "-")+".csv", csv))
			if err == nil || !strings.Contains(err.Error(), ".csv") {
				t.Errorf("err = %v", err)
			}
			if len(c.Flows) != before {
				t.Error("a failed import changed the flows")
			}
		})
	}
}

// The crude has a drawn figure every year from 2023 to the 2026 plan: an
// export of any of them shows its band (2025 once showed none).
func TestCrudeDrawnEveryYearItHasAFigure(t *testing.T) {
	c := catalogue(t)
	for _, y := range []geo.Year{2023, 2024, 2025, 2026} {
		if w := bandWidth(t, c, y); w < 3 {
			t.Errorf("%v: crude band %.1f px wide", y, w)
		}
	}
}
