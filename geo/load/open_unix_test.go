//go:build unix

package load

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// specialFileCases are the Unix files a read must never wait on or drain:
// a FIFO with no writer, an endless device, and symlinks to them.
func specialFileCases(t *testing.T, dir string, link func(name, to string) string) []openCase {
	var out []openCase
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err == nil {
		out = append(out, openCase{"fifo without a writer", fifo, false, ErrNotRegular},
			openCase{"symlink to a fifo", link("fifo-link", fifo), false, ErrNotRegular})
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		out = append(out, openCase{"endless device", "/dev/zero", false, ErrNotRegular},
			openCase{"symlink to an endless device", link("zero-link", "/dev/zero"), false, ErrNotRegular})
	}
	return out
}
