//go:build unix

package load

import (
	"os"
	"syscall"
)

// openNoBlock opens path with O_NONBLOCK, so opening a FIFO that has no
// writer returns at once instead of waiting for one; regular files ignore
// the flag.
func openNoBlock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
