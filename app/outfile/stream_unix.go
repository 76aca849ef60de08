//go:build unix

package outfile

import (
	"errors"
	"os"
	"syscall"
)

// openStream opens a device or FIFO for writing, never creating or
// truncating anything. A FIFO is opened without waiting: with no program
// reading it the open would block forever.
func openStream(path string) (*os.File, error) {
	fd, err := syscall.Open(path, syscall.O_WRONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
	if errors.Is(err, syscall.ENXIO) {
		return nil, errors.New("no program is reading from this FIFO")
	}
	if err != nil {
		return nil, err
	}
	if err := syscall.SetNonblock(fd, false); err != nil {
		syscall.Close(fd)
		return nil, err
	}
	return os.NewFile(uintptr(fd), path), nil
}
