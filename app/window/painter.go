package window

import (
	"image"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// frame is a finished picture and the viewport it shows. The map widget
// keeps showing the last frame, moved and scaled to the current viewport,
// until the next one is done, so a pan or zoom answers at once even when
// drawing the basemap takes longer than a display frame.
type frame struct {
	img  *image.RGBA
	view geo.Viewport
}

// job is one picture to draw: the scene, which holds everything the
// picture depends on (the layers' opacity and style included).
type job struct {
	scene *render.Scene
}

// painter draws jobs off the UI thread with the shared renderer and hands
// each finished frame to publish on the UI thread. Jobs are coalesced:
// while a frame is drawn, newer requests replace each other, so a slow
// frame never builds a queue behind it and the newest state always wins.
//
// Two buffers are used in turn. A buffer is drawn into only after the UI
// thread has replaced it by the other one, so Fyne never uploads a half-
// drawn picture.
type painter struct {
	r *render.Renderer
	// publish shows a frame; it runs on the UI thread.
	publish func(frame)

	renders atomic.Int64 // frames drawn, for tests and idle checks

	mu      sync.Mutex
	pending *job
	wake    chan struct{}
	stop    chan struct{}
	done    chan struct{}
	started bool

	front, back *image.RGBA // front is shown by the UI; back is free
}

func newPainter(r *render.Renderer, publish func(frame)) *painter {
	return &painter{r: r, publish: publish, wake: make(chan struct{}, 1),
		stop: make(chan struct{}), done: make(chan struct{})}
}

// Start runs the drawing goroutine. Without it (in widget tests) jobs wait
// for Flush, which draws on the caller's goroutine.
func (p *painter) Start() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.started {
		return
	}
	p.started = true
	go p.loop()
}

// Stop ends the drawing goroutine and waits for it. The UI thread must not
// call Stop while a frame is being published (Stop is called from the
// window's close path, where publishing is over).
func (p *painter) Stop() {
	p.mu.Lock()
	started := p.started
	p.started = false
	p.mu.Unlock()
	if !started {
		return
	}
	close(p.stop)
	<-p.done
}

// Submit asks for a frame; it never blocks.
func (p *painter) Submit(j *job) {
	p.mu.Lock()
	p.pending = j
	started := p.started
	p.mu.Unlock()
	if started {
		select {
		case p.wake <- struct{}{}:
		default:
		}
	}
}

// Pending reports whether a submitted job has not been drawn yet.
func (p *painter) Pending() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.pending != nil
}

// Flush draws the pending job now, on the caller's goroutine, and
// publishes it directly: the synchronous path of widget tests. It does
// nothing once Start has run.
func (p *painter) Flush() bool {
	p.mu.Lock()
	started := p.started
	p.mu.Unlock()
	if started {
		return false // the goroutine owns the buffers
	}
	j := p.take()
	if j == nil {
		return false
	}
	p.publish(p.draw(j))
	p.swap()
	return true
}

func (p *painter) take() *job {
	p.mu.Lock()
	defer p.mu.Unlock()
	j := p.pending
	p.pending = nil
	return j
}

func (p *painter) loop() {
	defer close(p.done)
	for {
		select {
		case <-p.stop:
			return
		case <-p.wake:
		}
		j := p.take()
		if j == nil {
			continue
		}
		f := p.draw(j)
		shown := make(chan struct{})
		fyne.Do(func() {
			p.publish(f)
			close(shown)
		})
		select {
		case <-shown:
			p.swap()
		case <-p.stop:
			return
		}
	}
}

// draw renders a job into the free buffer.
func (p *painter) draw(j *job) frame {
	v := j.scene.View
	if p.back == nil || p.back.Rect.Dx() != v.Width || p.back.Rect.Dy() != v.Height {
		p.back = image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	}
	p.r.RenderInto(p.back, j.scene)
	p.renders.Add(1)
	return frame{img: p.back, view: v}
}

// swap makes the just-published buffer the front one.
func (p *painter) swap() { p.front, p.back = p.back, p.front }

// Renders is the number of frames drawn so far.
func (p *painter) Renders() int64 { return p.renders.Load() }
