package window

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The real-window test: the built binary under X (Xvfb in CI), driven with
// xdotool and photographed with ImageMagick's import. It skips itself only
// when there is no display and CI is not set; under CI it starts Xvfb if
// no display is given, and fails if the tools are missing.

// xwin is the running app and its window.
type xwin struct {
	t       *testing.T
	env     []string
	id      string
	x, y    int
	w, h    int
	cmd     *exec.Cmd
	stderr  *bytes.Buffer
	exitErr chan error
}

func TestRealWindow(t *testing.T) {
	ci := os.Getenv("CI") != ""
	display := os.Getenv("DISPLAY")
	if display == "" && !ci {
		t.Skip("no DISPLAY and CI is not set: the real-window test needs X (run it under Xvfb, or set CI)")
	}
	for _, tool := range []string{"xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			if !ci {
				t.Skipf("%s is not installed", tool)
			}
			t.Fatalf("%s is not installed (CI needs xdotool and imagemagick)", tool)
		}
	}
	if display == "" {
		display = startXvfb(t)
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "corridor-atlas")
	build := exec.Command("go", "build", "-o", bin, "github.com/corridor-atlas/corridor-atlas")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	exported := filepath.Join(dir, "export.png")
	cfg := filepath.Join(dir, "config")
	// Preferences: a known view and size, and still dashes, so screenshots
	// settle.
	writePrefs(t, cfg, map[string]any{
		prefLon: 47.0, prefLat: 41.0, prefZoom: 5.5, prefDashes: false,
		prefWidth: 1200.0, prefHeight: 760.0, prefYear: 2024.0,
	})
	w := startApp(t, bin, []string{
		"DISPLAY=" + display, "LANG=en_US.UTF-8", "XDG_CONFIG_HOME=" + cfg,
		"XDG_CACHE_HOME=" + filepath.Join(dir, "cache"), exportToEnv + "=" + exported,
	})

	// The map region of the window: right of the side panel, between the
	// toolbar and the timeline.
	mapRect := image.Rect(w.x+w.w*2/5, w.y+w.h/6, w.x+w.w*19/20, w.y+w.h*3/4)

	t.Run("map is painted", func(t *testing.T) {
		// The first start builds Fyne's font cache and, on a loaded CI
		// machine, the first frame can take seconds: wait for the map to
		// appear before judging it (a black window settles too).
		area := mapRect.Dx() * mapRect.Dy()
		var shot *image.RGBA
		var water, land int
		for deadline := time.Now().Add(90 * time.Second); ; {
			shot = w.settled()
			water = countNear(shot, mapRect, [3]uint8{0xB7, 0xD4, 0xE8}, 6)
			land = countNear(shot, mapRect, [3]uint8{0xF4, 0xF1, 0xEA}, 6)
			if (water >= area/50 && land >= area/50) || time.Now().After(deadline) {
				break
			}
			time.Sleep(time.Second)
		}
		t.Logf("water %.1f %%, land %.1f %% of the map region", 100*float64(water)/float64(area), 100*float64(land)/float64(area))
		if water < area/50 || land < area/50 {
			w.save(shot, "painted")
			t.Errorf("water %d px, land %d px in a %d px map region: the map is not painted", water, land, area)
		}
	})

	t.Run("drag moves the picture", func(t *testing.T) {
		before := w.settled()
		from := image.Pt(mapRect.Min.X+mapRect.Dx()/3, mapRect.Min.Y+mapRect.Dy()/3)
		d := image.Pt(120, 60)
		w.xdo("mousemove", itoa(from.X), itoa(from.Y), "mousedown", "1")
		for i := 1; i <= 12; i++ {
			w.xdo("mousemove", itoa(from.X+d.X*i/12), itoa(from.Y+d.Y*i/12))
			time.Sleep(15 * time.Millisecond)
		}
		w.xdo("mouseup", "1")
		after := w.settled()
		// The region the drag carried: before at r, after at r + d.
		r := image.Rect(mapRect.Min.X+20, mapRect.Min.Y+20, mapRect.Max.X-d.X-20, mapRect.Max.Y-d.Y-20)
		still := meanDiff(before, after, r, image.Point{})
		moved := meanDiff(before, after, r, d)
		t.Logf("mean difference: %.1f unshifted, %.1f shifted by the drag", still, moved)
		if !(moved < still/3) {
			w.save(before, "drag-before")
			w.save(after, "drag-after")
			t.Errorf("the picture did not follow the drag (difference %.1f shifted, %.1f unshifted)", moved, still)
		}
	})

	t.Run("wheel zoom changes the picture", func(t *testing.T) {
		before := w.settled()
		c := image.Pt(mapRect.Min.X+mapRect.Dx()/2, mapRect.Min.Y+mapRect.Dy()/2)
		w.xdo("mousemove", itoa(c.X), itoa(c.Y), "click", "4", "click", "4")
		after := w.settledAfter(before)
		changed := meanDiff(before, after, mapRect, image.Point{})
		t.Logf("mean difference after two wheel notches: %.1f", changed)
		if changed < 3 {
			t.Errorf("two wheel notches changed the map by only %.1f", changed)
		}
		w.xdo("mousemove", itoa(c.X), itoa(c.Y), "click", "5", "click", "5")
		back := w.settledAfter(after)
		if d := meanDiff(before, back, mapRect, image.Point{}); d > changed/2 {
			t.Errorf("zooming back out did not restore the picture (difference %.1f)", d)
		}
	})

	t.Run("Ctrl+E exports a PNG", func(t *testing.T) {
		w.xdo("windowfocus", "--sync", w.id)
		w.xdo("key", "--clearmodifiers", "ctrl+e")
		time.Sleep(700 * time.Millisecond)
		w.xdo("key", "--clearmodifiers", "Return")
		deadline := time.Now().Add(30 * time.Second)
		for {
			if st, err := os.Stat(exported); err == nil && st.Size() > 0 {
				break
			}
			if time.Now().After(deadline) {
				w.save(w.shot(), "export")
				t.Fatalf("no PNG at %s after Ctrl+E, Return", exported)
			}
			time.Sleep(200 * time.Millisecond)
		}
		f, err := os.Open(exported)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		cfg, err := png.DecodeConfig(f)
		if err != nil {
			t.Fatalf("%s: %v", exported, err)
		}
		if cfg.Width != 1920 || cfg.Height != 1080 {
			t.Errorf("exported %d×%d, want the 1920×1080 preset", cfg.Width, cfg.Height)
		}
	})

	t.Run("presentation is edge to edge, and Esc restores the window", func(t *testing.T) {
		report := w.settled()
		w.xdo("key", "--clearmodifiers", "Escape") // the export report
		w.settledAfter(report)
		// A window already the size of the screen: full screen does not
		// resize it, which is where Fyne left the menu bar's height as a
		// dark strip at the bottom and lost the padding after Esc.
		geom := strings.Fields(w.xdo("getdisplaygeometry"))
		sw, sh := atoi(geom[0]), atoi(geom[1])
		small := w.settled()
		w.xdo("windowsize", "--sync", w.id, itoa(sw), itoa(sh))
		before := w.settledAfter(small)
		bg := before.RGBAAt(w.x+1, w.y+sh/2) // the window's background, in the padding
		w.xdo("windowfocus", "--sync", w.id)
		w.xdo("key", "--clearmodifiers", "F11")
		shown := w.settledAfter(before)
		strip := image.Rect(0, sh-40, sw, sh)
		edge := image.Rect(sw-8, 0, sw, sh)
		bgCol := [3]uint8{bg.R, bg.G, bg.B}
		for name, r := range map[string]image.Rectangle{"bottom": strip, "right edge": edge} {
			if n := countNear(shown, r, bgCol, 2); n > r.Dx()*r.Dy()/20 {
				w.save(shown, "present-"+strings.ReplaceAll(name, " ", "-"))
				t.Errorf("presenting: %d of %d pixels at the %s are the window's background %v", n, r.Dx()*r.Dy(), name, bgCol)
			}
		}
		w.xdo("key", "--clearmodifiers", "b")
		blank := w.settledAfter(shown)
		if n := countNear(blank, image.Rect(0, 0, sw, sh), [3]uint8{0, 0, 0}, 0); n < sw*sh*99/100 {
			w.save(blank, "blank")
			t.Errorf("B: only %d of %d pixels are black", n, sw*sh)
		}
		w.xdo("key", "--clearmodifiers", "b")
		if d := meanDiff(shown, w.settledAfter(blank), image.Rect(0, 0, sw, sh), image.Point{}); d > 1 {
			t.Errorf("B again did not bring the same picture back (difference %.1f)", d)
		}
		presented := w.shot()
		w.xdo("key", "--clearmodifiers", "Escape")
		after := w.settledAfter(presented)
		if d := meanDiff(before, after, image.Rect(w.x, w.y, w.x+sw, w.y+sh), image.Point{}); d > 1 {
			w.save(before, "present-before")
			w.save(after, "present-after")
			t.Errorf("after Esc the window differs from before presenting by %.1f", d)
		}
	})

	t.Run("Ctrl+Q quits cleanly", func(t *testing.T) {
		w.xdo("windowfocus", "--sync", w.id)
		w.xdo("key", "--clearmodifiers", "ctrl+q")
		select {
		case err := <-w.exitErr:
			if err != nil {
				t.Errorf("exit: %v\n%s", err, w.stderr)
			}
		case <-time.After(15 * time.Second):
			t.Fatal("the app did not quit on Ctrl+Q")
		}
		if _, err := os.Stat(filepath.Join(cfg, "fyne", AppID, "preferences.json")); err != nil {
			t.Errorf("preferences not saved: %v", err)
		}
	})
}

// startXvfb runs Xvfb on a free display for the test's lifetime.
func startXvfb(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("Xvfb"); err != nil {
		t.Fatal("CI is set, DISPLAY is not, and Xvfb is not installed")
	}
	for n := 90; n < 110; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue
		}
		d := fmt.Sprintf(":%d", n)
		cmd := exec.Command("Xvfb", d, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			// SIGTERM: Xvfb then removes its lock file.
			cmd.Process.Signal(syscall.SIGTERM)
			cmd.Wait()
		})
		for i := 0; i < 50; i++ {
			c := exec.Command("xdotool", "getdisplaygeometry")
			c.Env = append(os.Environ(), "DISPLAY="+d)
			if c.Run() == nil {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		return d
	}
	t.Fatal("no free X display number")
	return ""
}

func writePrefs(t *testing.T, cfg string, prefs map[string]any) {
	t.Helper()
	dir := filepath.Join(cfg, "fyne", AppID)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(prefs)
	if err := os.WriteFile(filepath.Join(dir, "preferences.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// startApp runs the binary and finds its window.
func startApp(t *testing.T, bin string, env []string) *xwin {
	t.Helper()
	w := &xwin{t: t, env: append(os.Environ(), env...), stderr: &bytes.Buffer{}, exitErr: make(chan error, 1)}
	w.cmd = exec.Command(bin)
	w.cmd.Env = w.env
	w.cmd.Stderr = w.stderr
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { w.exitErr <- w.cmd.Wait() }()
	t.Cleanup(func() {
		if w.cmd.ProcessState == nil {
			w.cmd.Process.Kill()
			<-w.exitErr
		}
		if t.Failed() {
			t.Logf("app stderr:\n%s", w.stderr)
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// By process id too: another copy of the app may share the display.
	search := exec.CommandContext(ctx, "xdotool", "search", "--sync", "--onlyvisible", "--pid", strconv.Itoa(w.cmd.Process.Pid), "--name", Title)
	search.Env = w.env
	out, err := search.Output()
	if err != nil {
		t.Fatalf("xdotool search for the window %q: %v\n%s", Title, err, w.stderr)
	}
	w.id = strings.Fields(string(out))[0]
	geom := w.xdo("getwindowgeometry", "--shell", w.id)
	for _, line := range strings.Split(geom, "\n") {
		k, v, _ := strings.Cut(line, "=")
		n, _ := strconv.Atoi(v)
		switch k {
		case "X":
			w.x = n
		case "Y":
			w.y = n
		case "WIDTH":
			w.w = n
		case "HEIGHT":
			w.h = n
		}
	}
	t.Logf("window %s at %d,%d, %d×%d", w.id, w.x, w.y, w.w, w.h)
	if w.w < 600 || w.h < 400 {
		t.Fatalf("window is %d×%d", w.w, w.h)
	}
	return w
}

func (w *xwin) xdo(args ...string) string {
	w.t.Helper()
	cmd := exec.Command("xdotool", args...)
	cmd.Env = w.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		w.t.Fatalf("xdotool %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// shot photographs the screen.
func (w *xwin) shot() *image.RGBA {
	w.t.Helper()
	cmd := exec.Command("import", "-window", "root", "png:-")
	cmd.Env = w.env
	out, err := cmd.Output()
	if err != nil {
		w.t.Fatalf("import: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		w.t.Fatalf("screenshot: %v", err)
	}
	rgba := image.NewRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Rect, img, img.Bounds().Min, draw.Src)
	return rgba
}

// settled waits until two screenshots a moment apart agree: the frame in
// flight has been drawn and shown.
func (w *xwin) settled() *image.RGBA {
	w.t.Helper()
	// Unchanged across two intervals: under load a redraw can come in
	// steps (the window's new size, then the map drawn at it).
	prev := w.shot()
	still := 0
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(300 * time.Millisecond)
		cur := w.shot()
		if meanDiff(prev, cur, cur.Rect, image.Point{}) == 0 {
			if still++; still == 2 {
				return cur
			}
		} else {
			still = 0
		}
		prev = cur
	}
	w.t.Log("the screen did not settle in 15 s")
	return prev
}

// settledAfter waits for the screen to change from prev, then to settle.
// An action's effect can take longer than settled's interval on a loaded
// machine (the race detector's CI run), and a screen that has not begun to
// change looks settled.
func (w *xwin) settledAfter(prev *image.RGBA) *image.RGBA {
	w.t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); {
		if meanDiff(prev, w.shot(), prev.Rect, image.Point{}) != 0 {
			return w.settled()
		}
		time.Sleep(100 * time.Millisecond)
	}
	w.t.Log("the screen did not change in 20 s")
	return w.settled()
}

// save keeps a screenshot beside the test for a person to look at.
func (w *xwin) save(img *image.RGBA, name string) {
	dir := os.Getenv("XVFB_TEST_SHOTS")
	if dir == "" {
		dir = os.TempDir()
	}
	p := filepath.Join(dir, "corridor-atlas-"+name+".png")
	f, err := os.Create(p)
	if err != nil {
		return
	}
	defer f.Close()
	png.Encode(f, img)
	w.t.Logf("screenshot saved: %s", p)
}

// countNear counts the pixels of r within tol of col on every channel.
func countNear(img *image.RGBA, r image.Rectangle, col [3]uint8, tol int) int {
	n := 0
	r = r.Intersect(img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			i := img.PixOffset(x, y)
			ok := true
			for c := 0; c < 3; c++ {
				if d := int(img.Pix[i+c]) - int(col[c]); d > tol || d < -tol {
					ok = false
				}
			}
			if ok {
				n++
			}
		}
	}
	return n
}

// meanDiff is the mean absolute channel difference between a over r and
// b over r shifted by d.
func meanDiff(a, b *image.RGBA, r image.Rectangle, d image.Point) float64 {
	r = r.Intersect(a.Rect).Intersect(b.Rect.Sub(d))
	if r.Empty() {
		return math.Inf(1)
	}
	sum := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			i, j := a.PixOffset(x, y), b.PixOffset(x+d.X, y+d.Y)
			for c := 0; c < 3; c++ {
				v := int(a.Pix[i+c]) - int(b.Pix[j+c])
				if v < 0 {
					v = -v
				}
				sum += v
			}
		}
	}
	return float64(sum) / float64(3*r.Dx()*r.Dy())
}

func itoa(n int) string { return strconv.Itoa(n) }

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}
