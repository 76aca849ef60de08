package cli

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"github.com/corridor-atlas/corridor-atlas/app/outfile"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
)

// onInterrupt makes Ctrl-C (SIGINT) and SIGTERM stop an export without
// leaving anything half-written: the temporary file or folder being
// written is removed (outfile.Abort; what was already complete, such as
// the earlier scenes of --all-scenes, stays), and the process then ends
// as the signal would have ended it, so a shell or script sees an
// interrupted command.
//
// The export goes on while that happens, and fails as its files vanish:
// it must neither report that failure nor exit first. So its output goes
// through the returned writers, which fall silent once a signal came, and
// the returned stop (deferred by the caller) never returns then: the
// process ends from here.
func onInterrupt(stdout, stderr io.Writer, l i18n.Lang) (out, errs io.Writer, stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	g := &gate{}
	go func() {
		select {
		case sig := <-ch:
			g.close()
			outfile.Abort()
			fmt.Fprintln(stderr, "\ncorridor-atlas export: "+msg(l, "export.interrupted"))
			signal.Reset(sig)
			if s, ok := sig.(syscall.Signal); ok {
				raise(s)
				os.Exit(128 + int(s))
			}
			os.Exit(130)
		case <-done:
		}
	}()
	stop = func() {
		if g.closed() {
			select {} // the handler above ends the process
		}
		signal.Stop(ch)
		close(done)
	}
	return g.wrap(stdout), g.wrap(stderr), stop
}

// gate silences writers once closed.
type gate struct {
	mu   sync.Mutex
	shut bool
}

func (g *gate) close() {
	g.mu.Lock()
	g.shut = true
	g.mu.Unlock()
}

func (g *gate) closed() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.shut
}

func (g *gate) wrap(w io.Writer) io.Writer { return gated{g, w} }

type gated struct {
	g *gate
	w io.Writer
}

func (w gated) Write(p []byte) (int, error) {
	w.g.mu.Lock()
	defer w.g.mu.Unlock()
	if w.g.shut {
		return len(p), nil
	}
	return w.w.Write(p)
}
