//go:build !linux

package outfile

// swap exchanges folders a and b.
func swap(a, b string) error { return swapByRenames(a, b) }
