package cli

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/corridor-atlas/corridor-atlas/app/outfile"
)

// onInterrupt makes Ctrl-C (SIGINT) and SIGTERM stop an export without
// leaving anything half-written: the temporary file or folder being
// written is removed (outfile.Abort; what was already complete, such as
// the earlier scenes of --all-scenes, stays), and the process then ends
// as the signal would have ended it, so a shell or script sees an
// interrupted command. It returns the function that stops listening.
func onInterrupt(stderr io.Writer) (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			outfile.Abort()
			fmt.Fprintln(stderr, "\ncorridor-atlas export: interrupted; the unfinished file was removed")
			signal.Reset(sig)
			if s, ok := sig.(syscall.Signal); ok {
				raise(s)
				os.Exit(128 + int(s))
			}
			os.Exit(130)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}
