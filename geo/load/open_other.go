//go:build !unix

package load

import "os"

// openNoBlock opens path for reading. Outside Unix there are no FIFOs in
// the file system that an open could wait on.
func openNoBlock(path string) (*os.File, error) { return os.Open(path) }
