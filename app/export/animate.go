package export

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/corridor-atlas/corridor-atlas/app/catalog"
	"github.com/corridor-atlas/corridor-atlas/app/outfile"
	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// DashCycles is how many dash periods the direction dashes travel per
// second, on screen and in exports alike: the window's timeline moves its
// dashes at this rate (app/window/timeline.go uses it), so an exported
// animation moves exactly like the screen.
const DashCycles = 0.6

// Limits of an animated export.
const (
	MaxFPS = 60
	// MaxGIFFPS: GIF delays are whole hundredths of a second, and browsers
	// and slide programs play delays under 2/100 s at 1/10 s, so a faster
	// GIF would play slower.
	MaxGIFFPS = 50
	// MaxFrames is ten minutes at 20 fps.
	MaxFrames = 12000
)

// ErrCancelled is returned when an animation's Cancel channel was closed.
var ErrCancelled = errors.New("export cancelled")

// Animation is an animated export of the timeline: Options give the
// picture (size, area, layers, flows, title…) and the first frame's
// dash phase; Options.Year is ignored. Out is a FILE.gif, or a folder
// (ending in a separator, or existing) for numbered PNG frames for video
// tools.
type Animation struct {
	Options
	// From and To are the years of the first and last frames; both zero
	// means the span of the drawn flows' figures.
	From, To geo.Year
	FPS      int
	Duration float64 // seconds
	// Progress, when set, is called after each frame is written, on the
	// goroutine that called Animate, with the frames done and the
	// total (the window hands it to its progress bar with fyne.Do).
	Progress func(done, total int)
	// Cancel, when closed, stops the export with ErrCancelled and removes
	// what it wrote.
	Cancel <-chan struct{}
	// Overwrite lets PNG frames replace the frames of an earlier export
	// in the folder (and nothing else: a folder with other files is
	// refused). Without it, the folder must be new or empty.
	Overwrite bool
}

// AnimationResult reports a finished animated export. Bytes is the GIF's
// size, or the PNG frames' total.
type AnimationResult struct {
	Result
	Frames int
	// Colours is the number of palette colours a GIF uses (0 for PNGs).
	Colours int
}

// Frames is the number of frames: FPS × Duration exactly (Check refuses
// a product that is not a whole number).
func (a *Animation) Frames() int { return int(math.Round(float64(a.FPS) * a.Duration)) }

// Frame returns the year and dash phase of frame i: the year runs evenly
// from From (first frame) to To (last frame) and the dashes advance
// DashCycles per second of playback from Options.Phase, so frame i is
// exactly the single-frame export at that year and phase.
func (a *Animation) Frame(i int) (geo.Year, float64) {
	n := a.Frames()
	t := a.From
	switch {
	case i == n-1:
		t = a.To
	case i > 0:
		t = a.From + (a.To-a.From)*geo.Year(i)/geo.Year(n-1)
	}
	return t, math.Mod(a.Phase+float64(i)*DashCycles/float64(a.FPS), 1)
}

// ToFolder reports whether Out names a folder for PNG frames.
func (a *Animation) ToFolder() bool {
	if strings.HasSuffix(a.Out, "/") || strings.HasSuffix(a.Out, string(filepath.Separator)) {
		return true
	}
	st, err := os.Stat(a.Out)
	return err == nil && st.IsDir()
}

// Delay is frame i's display time in hundredths of a second. 100/FPS is
// not always whole (30 fps: 3.33), so the delays alternate such that
// frame i ends at round((i+1)·100/FPS) and the whole runs Duration.
func (a *Animation) Delay(i int) int {
	end := func(k int) int { return int(math.Round(float64(k) * 100 / float64(a.FPS))) }
	return end(i+1) - end(i)
}

// Check validates the animation's settings (and its picture's).
func (a *Animation) Check() error {
	o := a.Options
	o.Year = a.From
	if o.Out == "" {
		return usage(o.Lang, "out.required_gif", nil)
	}
	if err := o.checkPicture(); err != nil {
		return err
	}
	for _, y := range []geo.Year{a.From, a.To} {
		if math.IsNaN(float64(y)) || y < 1900 || y > 2100 {
			return usage(o.Lang, "picture.year", map[string]any{"Year": fmt.Sprintf("%g", float64(y))})
		}
	}
	gif := !a.ToFolder()
	if gif {
		if err := checkOut(o.Lang, a.Out, ".gif", "what.gif"); err != nil {
			return err
		}
	}
	maxFPS, kind := MaxFPS, "animation.frames"
	if gif {
		maxFPS, kind = MaxGIFFPS, "animation.gif"
	}
	if a.FPS < 1 || a.FPS > maxFPS {
		return usage(o.Lang, "animation.fps", map[string]any{"FPS": a.FPS, "Max": maxFPS, "Kind": messages.T(o.Lang, kind)})
	}
	if !(a.Duration > 0 && a.Duration <= float64(MaxFrames)) {
		return usage(o.Lang, "animation.duration", map[string]any{"Duration": fmt.Sprintf("%g", a.Duration), "Max": MaxFrames})
	}
	exact := float64(a.FPS) * a.Duration
	if math.Abs(exact-math.Round(exact)) > 1e-6 {
		return usage(o.Lang, "animation.whole", map[string]any{"FPS": a.FPS, "Duration": fmt.Sprintf("%g", a.Duration), "Frames": fmt.Sprintf("%g", exact)})
	}
	if n := a.Frames(); n < 2 || n > MaxFrames {
		return usage(o.Lang, "animation.count", map[string]any{"N": n, "Max": MaxFrames})
	}
	return nil
}

// CheckSettings checks what can be checked before anything is loaded:
// Check without the years, which default to the flows' span.
func (a *Animation) CheckSettings() error {
	pre := *a
	if pre.From == 0 && pre.To == 0 {
		pre.From, pre.To = 2000, 2000 // the flows' span, known after loading
	}
	return pre.Check()
}

// Animate exports an animation from a loaded catalogue (the window's,
// or a project's). Every frame comes from one Renderer's RenderInto, so
// the static map is drawn once and each frame only draws the flows and
// decorations over it. Output is atomic: the GIF through a temporary file
// renamed at the end; PNG frames each so, and a failed or cancelled
// export removes the frames it wrote.
//
// r should be a renderer of the export's own (nil makes one): the frames
// replace its cached base picture, so the window's painter renderer would
// have to redraw its map afterwards. cat's layers never change; its
// slices must not change during the export.
func Animate(a Animation, cat *catalog.Catalogue, r *render.Renderer) (*AnimationResult, error) {
	if r == nil {
		r = render.New()
	}
	s, err := a.Options.SceneWith(cat, r)
	if err != nil {
		return nil, err
	}
	if a.From == 0 && a.To == 0 {
		flows := make([]*data.Flow, len(s.Flows))
		for i, fp := range s.Flows {
			flows[i] = fp.Flow
		}
		if len(flows) == 0 {
			return nil, usage(a.Lang, "animation.no_flows", nil)
		}
		a.From, a.To = data.Span(flows)
	}
	if err := a.Check(); err != nil {
		return nil, err
	}
	if a.ToFolder() {
		if in := outfile.InAny(a.Out, cat.Inputs); in != "" {
			return nil, usage(a.Lang, "out.holds_input", map[string]any{"Out": a.Out, "Input": in})
		}
		if _, err := outfile.CheckFolder(filepath.Clean(a.Out), a.Overwrite); err != nil {
			return nil, folderErr(err)
		}
	} else if in := outfile.SameAsAny(a.Out, cat.Inputs); in != "" {
		return nil, usage(a.Lang, "out.is_input", map[string]any{"Out": a.Out, "Input": in})
	}
	if r == nil {
		r = render.New()
	}
	write := a.writeGIF
	if a.ToFolder() {
		write = a.writeFrames
	}
	res, err := write(s, r)
	if res != nil {
		res.Notices = a.notices(cat)
	}
	return res, err
}

// sceneAt is the scene of frame i.
func (a *Animation) sceneAt(s *render.Scene, i int) *render.Scene {
	f := *s
	f.Year, f.Phase = a.Frame(i)
	return &f
}

// render draws the frames in order on one goroutine and hands each to
// consume on the caller's, so drawing frame i+1 overlaps encoding frame
// i (the two halves of the work on two cores). It stops at the first
// error or on cancellation.
func (a *Animation) render(s *render.Scene, r *render.Renderer, consume func(i int, img *image.RGBA) error) error {
	n := a.Frames()
	w, h := s.View.Width, s.View.Height
	free := make(chan *image.RGBA, 2)
	free <- image.NewRGBA(image.Rect(0, 0, w, h))
	free <- image.NewRGBA(image.Rect(0, 0, w, h))
	type job struct {
		i   int
		img *image.RGBA
	}
	jobs := make(chan job, 1)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(jobs)
		for i := range n {
			var img *image.RGBA
			select {
			case img = <-free:
			case <-stop:
				return
			}
			r.RenderInto(img, a.sceneAt(s, i))
			select {
			case jobs <- job{i, img}:
			case <-stop:
				return
			}
		}
	}()
	var err error
	for j := range jobs {
		select {
		case <-a.Cancel:
			err = ErrCancelled
		default:
			err = consume(j.i, j.img)
		}
		if err != nil {
			break
		}
		free <- j.img
		if a.Progress != nil {
			a.Progress(j.i+1, n)
		}
	}
	close(stop)
	wg.Wait()
	return err
}

// paletteSamples is how many frames, spread over the animation, the GIF
// palette is computed from: enough to see every flow width and label.
const paletteSamples = 5

// palette computes the GIF's one palette from frames sampled across the
// animation, always including the flows' own colours.
func (a *Animation) palette(s *render.Scene, r *render.Renderer) []color.RGBA {
	n := a.Frames()
	h := histogram{}
	img := image.NewRGBA(image.Rect(0, 0, s.View.Width, s.View.Height))
	seen := map[int]bool{}
	for k := range paletteSamples {
		i := k * (n - 1) / (paletteSamples - 1)
		if seen[i] {
			continue
		}
		seen[i] = true
		r.RenderInto(img, a.sceneAt(s, i))
		h.add(img)
	}
	var must []color.NRGBA
	for _, fp := range s.Flows {
		must = append(must, render.FlowColour(fp.Flow.ID, fp.Index))
	}
	return buildPalette(h, must)
}

func (a *Animation) writeGIF(s *render.Scene, r *render.Renderer) (*AnimationResult, error) {
	var colours int
	size, err := outfile.Write(a.Out, func(w io.Writer) error {
		pal := a.palette(s, r)
		colours = len(pal)
		g, err := newGIFWriter(w, s.View.Width, s.View.Height, newQuantiser(pal))
		if err != nil {
			return err
		}
		if err := a.render(s, r, func(i int, img *image.RGBA) error {
			return g.frame(img, a.Delay(i))
		}); err != nil {
			return err
		}
		return g.close()
	})
	if err != nil {
		return nil, err
	}
	return &AnimationResult{Result: Result{Path: a.Out, Bytes: size}, Frames: a.Frames(), Colours: colours}, nil
}

// FrameName is the file name of frame i (0-based) of n in a PNG
// sequence: frame-0001.png…, numbered from 1 with at least four digits,
// the pattern video tools expect (ffmpeg -i frame-%04d.png).
func FrameName(i, n int) string {
	digits := max(4, len(fmt.Sprint(n)))
	return fmt.Sprintf("frame-%0*d.png", digits, i+1)
}

func (a *Animation) writeFrames(s *render.Scene, r *render.Renderer) (*AnimationResult, error) {
	n := a.Frames()
	var total int64
	// The frames go into a new folder beside the target, which takes its
	// place only when every frame is written (see outfile.WriteDir): a
	// failed, cancelled or interrupted export leaves the earlier frames
	// whole, and a shorter sequence leaves none of a longer one's.
	err := outfile.WriteDir(filepath.Clean(a.Out), a.Overwrite, func(dir string) error {
		return a.render(s, r, func(i int, img *image.RGBA) error {
			f, err := os.Create(filepath.Join(dir, FrameName(i, n)))
			if err != nil {
				return fmt.Errorf("%s: cannot write: %w", a.Out, unwrapPath(err))
			}
			c := &countWriter{w: f}
			err = EncodePNG(c, img, a.ResolutionDPI())
			if err == nil {
				err = f.Sync() // on disk before the folder is swapped in
			}
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return fmt.Errorf("%s: cannot write: %w", a.Out, unwrapPath(err))
			}
			total += c.n
			return nil
		})
	})
	if err != nil {
		return nil, folderErr(err)
	}
	return &AnimationResult{Result: Result{Path: a.Out, Bytes: total}, Frames: n}, nil
}

// folderErr makes a refusal to replace earlier frames a usage error.
func folderErr(err error) error {
	if errors.Is(err, outfile.ErrFramesThere) {
		return &UsageError{Msg: "export: " + err.Error()}
	}
	return err
}

// countWriter counts what passes through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
