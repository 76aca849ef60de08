package export

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/corridor-atlas/corridor-atlas/app/catalog"
	"image"
	"image/color"
	"image/gif"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// anim is a small, quick animation of the default view.
func anim(out string, mod func(*Animation)) Animation {
	o := Defaults()
	o.Out = out
	o.Width, o.Height = 320, 180
	o.Phase = 0.9 // wraps past 1 within the animation
	a := Animation{Options: o, From: 2021, To: 2025, FPS: 4, Duration: 1.5}
	if mod != nil {
		mod(&a)
	}
	return a
}

func TestAnimationCheck(t *testing.T) {
	dir := t.TempDir()
	gifOut := filepath.Join(dir, "a.gif")
	tests := []struct {
		name   string
		mod    func(*Animation)
		frames int
		msg    string // "" when valid
	}{
		{"defaults", nil, 6, ""},
		{"20 fps 10 s", func(a *Animation) { a.FPS, a.Duration = 20, 10 }, 200, ""},
		{"30 fps 2.5 s", func(a *Animation) { a.FPS, a.Duration = 30, 2.5 }, 75, ""},
		{"fractional frames", func(a *Animation) { a.FPS, a.Duration = 3, 0.5 }, 0, "whole number of frames"},
		{"one frame", func(a *Animation) { a.FPS, a.Duration = 1, 1 }, 0, "out of range (2.."},
		{"GIF too fast", func(a *Animation) { a.FPS = 60 }, 0, "fps 60 is out of range (1..50 for a GIF)"},
		{"PNG frames at 60", func(a *Animation) { a.FPS, a.Out = 60, dir+"/frames/" }, 90, ""},
		{"zero fps", func(a *Animation) { a.FPS = 0 }, 0, "fps 0"},
		{"negative duration", func(a *Animation) { a.Duration = -1 }, 0, "duration -1 is out of range"},
		{"endless duration", func(a *Animation) { a.Duration = math.Inf(1) }, 0, "duration +Inf is out of range"},
		{"NaN duration", func(a *Animation) { a.Duration = math.NaN() }, 0, "duration NaN is out of range"},
		{"not a GIF", func(a *Animation) { a.Out = filepath.Join(dir, "a.mp4") }, 0, "not mp4: the file name must end in .gif"},
		{"SVG", func(a *Animation) { a.Out = filepath.Join(dir, "a.svg") }, 0, "export writes a GIF, or numbered PNGs into DIR/, not svg"},
		{"year out of range", func(a *Animation) { a.To = 2500 }, 0, "year 2500"},
		{"too many frames", func(a *Animation) { a.FPS, a.Duration = 20, 3600 }, 0, "frames is out of range"},
		{"no out", func(a *Animation) { a.Out = "" }, 0, "--out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := anim(gifOut, tt.mod)
			err := a.Check()
			if tt.msg == "" {
				if err != nil {
					t.Fatal(err)
				}
				if a.Frames() != tt.frames {
					t.Errorf("%d frames, want %d", a.Frames(), tt.frames)
				}
				return
			}
			if err == nil || !IsUsage(err) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want a usage error with %q", err, tt.msg)
			}
		})
	}
}

func TestFrameTiming(t *testing.T) {
	a := anim("x.gif", func(a *Animation) { a.FPS, a.Duration, a.From, a.To, a.Phase = 20, 10, 2021.3, 2024.7, 0.25 })
	n := a.Frames()
	if y, p := a.Frame(0); y != 2021.3 || p != 0.25 {
		t.Errorf("first frame %g, %g", float64(y), p)
	}
	if y, _ := a.Frame(n - 1); y != 2024.7 {
		t.Errorf("last frame year %g", float64(y))
	}
	for i := 1; i < n; i++ {
		y0, p0 := a.Frame(i - 1)
		y1, p1 := a.Frame(i)
		if dy := float64(y1 - y0); math.Abs(dy-3.4/float64(n-1)) > 1e-9 {
			t.Fatalf("frame %d: year step %g", i, dy)
		}
		if dp := math.Mod(p1-p0+1, 1); math.Abs(dp-DashCycles/20) > 1e-9 {
			t.Fatalf("frame %d: phase step %g, want %g", i, dp, DashCycles/20)
		}
	}
	tests := []struct {
		fps   int
		delay []int // the first delays; they must add up to 100 per second
	}{
		{20, []int{5, 5, 5}},
		{25, []int{4, 4, 4}},
		{30, []int{3, 4, 3}},
		{12, []int{8, 9, 8}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d fps", tt.fps), func(t *testing.T) {
			a := Animation{FPS: tt.fps, Duration: 1}
			sum := 0
			for i := range tt.fps {
				d := a.Delay(i)
				if i < len(tt.delay) && d != tt.delay[i] {
					t.Errorf("delay %d = %d, want %d", i, d, tt.delay[i])
				}
				sum += d
			}
			if sum != 100 {
				t.Errorf("one second of frames lasts %d/100 s", sum)
			}
		})
	}
}

// singleFrame renders the single-frame export at year and phase.
func singleFrame(t *testing.T, cat *catalog.Catalogue, a Animation, year geo.Year, phase float64) []byte {
	t.Helper()
	o := a.Options
	o.Year, o.Phase = year, phase
	o.Out = filepath.Join(t.TempDir(), "single.png")
	if _, err := Run(o, cat, nil); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(o.Out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAnimatedPNGFrames(t *testing.T) {
	cat := catalogue(t)
	dir := filepath.Join(t.TempDir(), "frames") + string(filepath.Separator)
	a := anim(dir, nil)
	var progress []int
	a.Progress = func(done, total int) { progress = append(progress, done*100+total) }
	res, err := Animate(a, cat, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := a.FPS * 3 / 2
	entries, _ := os.ReadDir(dir)
	if len(entries) != n || res.Frames != n {
		t.Fatalf("%d files, result %d frames, want %d (fps × duration)", len(entries), res.Frames, n)
	}
	if len(progress) != n || progress[n-1] != n*100+n {
		t.Errorf("progress calls %v", progress)
	}
	for _, tt := range []struct {
		name string
		i    int
	}{{"first", 0}, {"middle", 3}, {"last", n - 1}} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := os.ReadFile(filepath.Join(dir, FrameName(tt.i, n)))
			if err != nil {
				t.Fatal(err)
			}
			year, phase := a.Frame(tt.i)
			if !bytes.Equal(got, singleFrame(t, cat, a, year, phase)) {
				t.Errorf("frame %d differs from the single-frame export at %g, phase %g", tt.i, float64(year), phase)
			}
		})
	}
	if y, _ := a.Frame(n - 1); y != a.To {
		t.Errorf("last frame year %g, want %g", float64(y), float64(a.To))
	}
}

func decodePNG(t *testing.T, b []byte) *image.RGBA {
	t.Helper()
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out := image.NewRGBA(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			out.Set(x, y, img.At(x, y))
		}
	}
	return out
}

func TestAnimatedGIF(t *testing.T) {
	cat := catalogue(t)
	out := filepath.Join(t.TempDir(), "caspian.gif")
	a := anim(out, func(a *Animation) { a.FPS, a.Duration = 10, 1.2 })
	res, err := Animate(a, cat, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if res.Bytes != int64(len(b)) || res.Colours < 16 || res.Colours > 255 {
		t.Errorf("result %+v, file %d bytes", res, len(b))
	}
	g, err := gif.DecodeAll(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("image/gif cannot decode it: %v", err)
	}
	n := a.Frames()
	if len(g.Image) != n {
		t.Fatalf("%d frames, want %d", len(g.Image), n)
	}
	if g.LoopCount != 0 {
		t.Errorf("loop count %d, want 0 (forever)", g.LoopCount)
	}
	for i, d := range g.Delay {
		if d != 10 {
			t.Errorf("frame %d delay %d/100 s, want 10", i, d)
		}
	}
	if g.Config.Width != 320 || g.Config.Height != 180 {
		t.Errorf("size %dx%d", g.Config.Width, g.Config.Height)
	}
	smaller := 0
	for _, f := range g.Image[1:] {
		if f.Rect.Dx()*f.Rect.Dy() < 320*180 {
			smaller++
		}
	}
	if smaller == 0 {
		t.Error("no frame is a delta: every frame is the whole picture")
	}
	// Play the GIF: frame i's picture must be the single-frame export at
	// (year, phase) of frame i, mapped to the palette.
	pal := g.Image[0].Palette
	q := newQuantiser(rgbaPalette(pal[1 : 1+res.Colours]))
	canvas := image.NewPaletted(image.Rect(0, 0, 320, 180), pal)
	for i, f := range g.Image {
		for y := f.Rect.Min.Y; y < f.Rect.Max.Y; y++ {
			for x := f.Rect.Min.X; x < f.Rect.Max.X; x++ {
				if k := f.ColorIndexAt(x, y); k != transparent || i == 0 {
					canvas.SetColorIndex(x, y, k)
				}
			}
		}
		if i != 0 && i != n-1 && i != n/2 {
			continue
		}
		year, phase := a.Frame(i)
		want := decodePNG(t, singleFrame(t, cat, a, year, phase))
		bad := 0
		for y := range 180 {
			for x := range 320 {
				if canvas.ColorIndexAt(x, y) != q.index(rgbKey(want.Pix[want.PixOffset(x, y):])) {
					bad++
				}
			}
		}
		if bad > 0 {
			t.Errorf("frame %d: %d pixels differ from the single-frame export at %g, phase %g", i, bad, float64(year), phase)
		}
		// Flat colours are exact: no dithering, no shifted land or water.
		flat := map[color.RGBA]int{}
		for y := range 180 {
			for x := range 320 {
				c := want.RGBAAt(x, y)
				if c != color.RGBA(water) && c != color.RGBA(land) {
					continue
				}
				flat[c]++
				if got := canvas.At(x, y); !near(got, c, 0) {
					t.Fatalf("frame %d: %v at %d,%d is %v in the GIF", i, c, x, y, got)
				}
			}
		}
		if len(flat) != 2 {
			t.Errorf("frame %d: land and water not both seen: %v", i, flat)
		}
	}
}

func rgbaPalette(p color.Palette) []color.RGBA {
	out := make([]color.RGBA, len(p))
	for i, c := range p {
		r, g, b, _ := c.RGBA()
		out[i] = color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0xFF}
	}
	return out
}

func TestAnimationCancel(t *testing.T) {
	cat := catalogue(t)
	for _, tt := range []struct {
		name string
		out  string
	}{{"GIF", "a.gif"}, {"PNG frames", "frames/"}} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			cancel := make(chan struct{})
			a := anim(filepath.Join(dir, tt.out), func(a *Animation) {
				a.Cancel = cancel
				a.Progress = func(done, _ int) {
					if done == 2 {
						close(cancel)
					}
				}
			})
			if strings.HasSuffix(tt.out, "/") {
				a.Out = filepath.Join(dir, "frames") + string(filepath.Separator)
			}
			res, err := Animate(a, cat, nil)
			if !errors.Is(err, ErrCancelled) || res != nil {
				t.Fatalf("res %v, err %v", res, err)
			}
			var left []string
			filepath.WalkDir(dir, func(p string, d os.DirEntry, _ error) error {
				if p != dir {
					left = append(left, p)
				}
				return nil
			})
			if len(left) != 0 {
				t.Errorf("a cancelled export left %v", left)
			}
		})
	}
}

func TestBuildPalette(t *testing.T) {
	h := histogram{}
	// Two flat colours, a few medium ones, and a gradient of 4096 rare
	// antialiasing shades.
	h[0xEAF1F4] = 500000 // land
	h[0xE8D4B7] = 300000 // water
	for i := range 4096 {
		h[uint32(i*4099)&0xFFFFFF] += 3
	}
	must := []color.NRGBA{{0x56, 0xB4, 0xE9, 0xFF}}
	pal := buildPalette(h, must)
	if len(pal) > paletteColours {
		t.Fatalf("%d colours", len(pal))
	}
	for _, tt := range []struct {
		name string
		c    color.RGBA
	}{
		{"land", color.RGBA{0xF4, 0xF1, 0xEA, 0xFF}},
		{"water", color.RGBA{0xB7, 0xD4, 0xE8, 0xFF}},
		{"flow", color.RGBA{0x56, 0xB4, 0xE9, 0xFF}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			found := false
			for _, c := range pal {
				found = found || c == tt.c
			}
			if !found {
				t.Errorf("%v not in the palette", tt.c)
			}
		})
	}
	t.Run("few colours are all exact", func(t *testing.T) {
		small := histogram{1: 5, 2: 7, 0xFFFFFF: 1}
		if got := buildPalette(small, nil); len(got) != 3 {
			t.Errorf("%v", got)
		}
	})
}

// BenchmarkAnimateGIF720p is the target case: a 10-second 1280×720 GIF
// at 20 fps of the default view (must take under a minute and stay under
// 20 MB). Run with -benchtime=1x -count=3 and take the median.
func BenchmarkAnimateGIF720p(b *testing.B) {
	benchAnimate(b, "caspian.gif")
}

// BenchmarkAnimatePNG720p is the same animation as numbered PNG frames.
func BenchmarkAnimatePNG720p(b *testing.B) {
	benchAnimate(b, "frames"+string(filepath.Separator))
}

func benchAnimate(b *testing.B, out string) {
	cat := catalogue(b)
	dir := b.TempDir()
	o := Defaults()
	o.Out = dir + string(filepath.Separator) + out
	o.Width, o.Height = 1280, 720
	a := Animation{Options: o, From: 2021, To: 2025, FPS: 20, Duration: 10}
	var res *AnimationResult
	for b.Loop() {
		var err error
		if res, err = Animate(a, cat, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Bytes)/1e6, "MB")
	b.ReportMetric(float64(res.Frames), "frames")
}
