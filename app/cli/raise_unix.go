//go:build unix

package cli

import (
	"syscall"
	"time"
)

// raise sends s to this process again, now that its handler is reset, so
// the process ends by the signal; it waits for the delivery.
func raise(s syscall.Signal) {
	_ = syscall.Kill(syscall.Getpid(), s)
	time.Sleep(200 * time.Millisecond)
}
