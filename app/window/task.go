package window

import (
	"image/color"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// taskDialogDelay is how long a background task runs before its progress
// dialog appears on its own: a quick load never flashes a dialog, a slow
// one (a slow disk, a network folder) still shows that something happens.
const taskDialogDelay = 400 * time.Millisecond

// task is work off the UI thread (a big file, a project, an animated
// export) with a progress dialog and a Cancel button. The worker reports
// progress from any goroutine; the dialog is updated on the UI thread,
// at most one update waiting at a time.
//
// In widget tests (Atlas.async false) the work runs inline, so a test can
// tap Cancel before it starts (Atlas.onTaskStart) or cancel it from a
// progress report (Atlas.onTaskProgress), deterministically.
type task struct {
	a     *Atlas
	title string

	head      *widget.Label // what the task does (fixed)
	label     *widget.Label // where it is (the worker's reports)
	bar       *widget.ProgressBar
	cancelBtn *widget.Button
	dlg       *dialog.CustomDialog

	cancel     chan struct{}
	cancelOnce sync.Once

	frac   atomic.Uint64 // float64 bits: the last fraction reported
	text   atomic.Value  // string: the last label text reported
	queued atomic.Bool

	shown, finished bool // UI thread
}

// startTask runs work off the UI thread and then done on it. The progress
// dialog (title, head, the worker's progress text, a bar and Cancel) is
// shown at once when show is true, else after taskDialogDelay if the work
// is still running (or when the worker calls requestDialog).
func (a *Atlas) startTask(title, head string, show bool, work func(t *task) (any, error), done func(res any, err error)) *task {
	t := &task{a: a, title: title, cancel: make(chan struct{})}
	t.text.Store("")
	// Labels without wrapping: a wrapping label's height is not known when
	// the dialog is laid out, and the buttons would overlap the bar.
	t.head = widget.NewLabel(head)
	t.label = widget.NewLabel(" ")
	t.bar = widget.NewProgressBar()
	strut := canvas.NewRectangle(color.Transparent)
	strut.SetMinSize(fyne.NewSize(420, 0))
	t.cancelBtn = widget.NewButtonWithIcon(tr("dialog.cancel"), theme.CancelIcon(), func() {
		t.Cancel()
		t.cancelBtn.Disable()
		t.label.SetText(tr("task.cancelling"))
	})
	content := container.NewVBox(strut, t.head, t.label, t.bar)
	t.dlg = dialog.NewCustomWithoutButtons(title, content, a.win)
	t.dlg.SetButtons([]fyne.CanvasObject{t.cancelBtn})
	a.tasks++
	a.lastTask = t
	finish := func(res any, err error) {
		t.finished = true
		a.tasks--
		if t.shown {
			t.dlg.Hide()
		}
		done(res, err)
	}
	if show {
		t.showDialog()
	}
	if !a.async {
		if a.onTaskStart != nil {
			a.onTaskStart(t)
		}
		res, err := work(t)
		finish(res, err)
		return t
	}
	if !show {
		time.AfterFunc(taskDialogDelay, func() { fyne.Do(t.showDialog) })
	}
	go func() {
		res, err := work(t)
		fyne.Do(func() { finish(res, err) })
	}()
	return t
}

// showDialog shows the progress dialog (UI thread). Workers call
// requestDialog instead.
func (t *task) showDialog() {
	if t.shown || t.finished {
		return
	}
	t.shown = true
	t.sync()
	t.a.showModal(t.dlg, nil, func() {
		if !t.cancelBtn.Disabled() {
			t.cancelBtn.OnTapped()
		}
	})
}

// requestDialog asks for the dialog from the worker: the work turned out
// to be big.
func (t *task) requestDialog() {
	if !t.a.async {
		return // inline: the caller decided up front
	}
	fyne.Do(t.showDialog)
}

// Cancel asks the worker to stop (the Cancel button calls it). Safe from
// any goroutine.
func (t *task) Cancel() {
	t.cancelOnce.Do(func() { close(t.cancel) })
}

// Cancelled reports whether Cancel was called.
func (t *task) Cancelled() bool {
	select {
	case <-t.cancel:
		return true
	default:
		return false
	}
}

// progress records the fraction done (0..1; it never goes back, as two
// parsing goroutines may report out of order) and an optional new label.
// Safe from any goroutine.
func (t *task) progress(f float64, text string) {
	for {
		old := t.frac.Load()
		if f <= math.Float64frombits(old) {
			break
		}
		if t.frac.CompareAndSwap(old, math.Float64bits(f)) {
			break
		}
	}
	if text != "" {
		t.text.Store(text)
	}
	if hook := t.a.onTaskProgress; hook != nil {
		hook(t, f)
	}
	if !t.a.async {
		return
	}
	if t.queued.CompareAndSwap(false, true) {
		fyne.Do(func() {
			t.queued.Store(false)
			t.sync()
		})
	}
}

// Fraction is the progress reported so far.
func (t *task) Fraction() float64 { return math.Float64frombits(t.frac.Load()) }

// sync shows the reported progress (UI thread).
func (t *task) sync() {
	if t.finished || t.Cancelled() {
		return
	}
	t.bar.SetValue(t.Fraction())
	if s, _ := t.text.Load().(string); s != "" && s != t.label.Text {
		t.label.SetText(s)
	}
}
