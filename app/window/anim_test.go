package window

import (
	"math"
	"runtime"
	"testing"
	"time"
)

func TestIdleWindowDrawsNothing(t *testing.T) {
	tests := []struct {
		name       string
		playing    bool
		dashes     bool
		hideFlows  bool
		wantFrames bool
	}{
		{"paused, dashes off", false, false, false, false},
		{"paused, dashes on, no flow shown", false, true, true, false},
		{"paused, dashes on", false, true, false, true},
		{"playing, dashes off", true, false, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestAtlas(t, 700, 500)
			a.timeline.dashChk.SetChecked(tt.dashes)
			if tt.hideFlows {
				for _, fp := range a.flows {
					a.setFlowVisible(fp.Flow.ID, false)
				}
			}
			if tt.playing {
				a.timeline.setPlaying(true)
			}
			if got := a.anim.Running(); got != tt.wantFrames {
				t.Errorf("animation clock running: %v, want %v", got, tt.wantFrames)
			}
			flush(t, a) // settle: the state changes above asked for a frame
			// Now the real clock and painter goroutines, as in the app.
			a.anim.stop()
			a.anim.async = true
			a.painter.Start()
			a.anim.update(a)
			before := a.painter.Renders()
			time.Sleep(400 * time.Millisecond)
			a.anim.stop()
			a.painter.Stop()
			drawn := a.painter.Renders() - before
			if tt.wantFrames && drawn == 0 {
				t.Error("no frames drawn while something moves")
			}
			if !tt.wantFrames && drawn != 0 {
				t.Errorf("%d frames drawn while idle, want none", drawn)
			}
		})
	}
}

func TestPlaybackAdvancesAndLoops(t *testing.T) {
	tests := []struct {
		name     string
		speed    float64
		loop     bool
		seconds  float64
		wantPlay bool
	}{
		{"1× for 2 s", 1, true, 2, true},
		{"4× past the end loops", 4, true, 3, true},
		{"4× past the end without loop stops", 4, false, 4, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestAtlas(t, 600, 400)
			a.setYear(a.first)
			a.timeline.speed = tt.speed
			a.timeline.loopChk.SetChecked(tt.loop)
			a.timeline.setPlaying(true)
			for i := 0; i < int(tt.seconds*60); i++ {
				a.tick(1.0 / 60)
			}
			if a.timeline.playing != tt.wantPlay {
				t.Errorf("playing %v, want %v", a.timeline.playing, tt.wantPlay)
			}
			if a.year < a.first || a.year > a.last {
				t.Errorf("year %v outside %v..%v", a.year, a.first, a.last)
			}
			want := float64(a.first) + tt.seconds*yearsPerSecond*tt.speed
			span := float64(a.last - a.first)
			switch {
			case want <= float64(a.last):
				if d := float64(a.year) - want; d > 1e-6 || d < -1e-6 {
					t.Errorf("year %v after %v s, want %v", a.year, tt.seconds, want)
				}
			case tt.loop:
				for want > float64(a.last) {
					want -= span
				}
				if d := float64(a.year) - want; d > 1e-6 || d < -1e-6 {
					t.Errorf("looped to %v, want %v", a.year, want)
				}
			default:
				if a.year != a.last {
					t.Errorf("stopped at %v, want %v", a.year, a.last)
				}
			}
			if got := a.timeline.slider.Value; math.Abs(got-float64(a.year)) > a.timeline.slider.Step {
				t.Errorf("slider at %v, year %v", got, a.year)
			}
		})
	}
}

// TestAnimationSoak plays the timeline for 60 s of animation clock, drawing
// every fourth tick (the frames a slow machine would show), and checks that
// nothing accumulates: the heap after 60 s is within 10 % of the heap after
// 5 s, and no goroutine is left behind.
func TestAnimationSoak(t *testing.T) {
	seconds := 60
	if testing.Short() {
		seconds = 10
	}
	a := newTestAtlas(t, 640, 420)
	a.timeline.setPlaying(true)
	measure := func() (uint64, int) {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc, runtime.NumGoroutine()
	}
	var heap5 uint64
	var gr5 int
	start := time.Now()
	for i := 1; i <= seconds*60; i++ {
		a.tick(1.0 / 60)
		if i%4 == 0 {
			flush(t, a)
		}
		if i == 5*60 {
			heap5, gr5 = measure()
		}
	}
	heap, gr := measure()
	t.Logf("%d s of animation, %d frames drawn in %v; heap %d kB at 5 s, %d kB at %d s; goroutines %d → %d",
		seconds, a.painter.Renders(), time.Since(start).Round(time.Millisecond), heap5>>10, heap>>10, seconds, gr5, gr)
	if float64(heap) > 1.10*float64(heap5) {
		t.Errorf("heap grew from %d kB to %d kB", heap5>>10, heap>>10)
	}
	if gr > gr5+2 || gr < gr5-2 {
		t.Errorf("goroutines %d → %d", gr5, gr)
	}
}
