//go:build !unix

package load

import "os"

// mapFile reads the whole file: outside Unix, the parse holds it in
// memory beside the features.
func mapFile(f *os.File, size int64) (*mapping, error) { return readMapping(f, size) }
