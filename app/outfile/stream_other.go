//go:build !unix

package outfile

import "os"

// openStream opens a device (NUL, CON) for writing.
func openStream(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_WRONLY, 0)
}
