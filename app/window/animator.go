package window

import (
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
)

// Frame intervals of the animation clock.
const (
	// playInterval is 60 fps: flows grow and shrink smoothly.
	playInterval = time.Second / 60
	// dashInterval is 20 fps for the dashes of a paused timeline: they
	// drift about a pixel a frame, which still reads as smooth, for a third
	// of the CPU 60 fps would cost a map that is otherwise still.
	dashInterval = time.Second / 20
)

// animator is the animation clock: a ticker goroutine that runs only
// while something moves (the timeline plays, a fly-to is under way, or
// paused flows show moving dashes) and calls tick on the UI thread with the seconds elapsed. When
// nothing moves there is no goroutine and no timer: an idle window draws
// nothing.
//
// At most one tick waits on the UI thread at a time, so a slow frame
// drops ticks instead of queueing them; the elapsed time still adds up.
type animator struct {
	tick     func(dt float64)
	async    bool
	running  bool
	interval time.Duration
	quit     chan struct{}
	queued   atomic.Bool
	last     time.Time
}

func newAnimator(tick func(dt float64)) *animator {
	return &animator{tick: tick}
}

// Running reports whether the clock ticks.
func (an *animator) Running() bool { return an.running }

// update starts, stops or retimes the clock for the window's state.
func (an *animator) update(a *Atlas) {
	t := a.timeline
	if t == nil {
		return
	}
	want := t.playing || (t.dashes && a.flowsDrawn()) || a.flight != nil
	interval := dashInterval
	if t.playing || a.flight != nil {
		interval = playInterval
	}
	if want == an.running && interval == an.interval {
		return
	}
	an.stop()
	if !want {
		return
	}
	an.running, an.interval = true, interval
	if !an.async {
		return // tests drive tick themselves
	}
	an.quit = make(chan struct{})
	an.last = time.Now()
	go an.loop(an.quit, interval)
}

func (an *animator) loop(quit chan struct{}, interval time.Duration) {
	tk := time.NewTicker(interval)
	defer tk.Stop()
	for {
		select {
		case <-quit:
			return
		case <-tk.C:
		}
		if !an.queued.CompareAndSwap(false, true) {
			continue // the last tick is still waiting: drop this one
		}
		fyne.Do(func() {
			an.queued.Store(false)
			select {
			case <-quit:
				return // stopped while this tick waited
			default:
			}
			now := time.Now()
			dt := now.Sub(an.last).Seconds()
			an.last = now
			an.tick(min(dt, 0.25))
		})
	}
}

// stop halts the clock.
func (an *animator) stop() {
	if an.quit != nil {
		close(an.quit)
		an.quit = nil
	}
	an.running = false
	an.interval = 0
}
