//go:build unix

package load

import (
	"os"

	"golang.org/x/sys/unix"
)

// mapFile maps the file read-only. Parsed parts are dropped from the
// process's memory with MADV_DONTNEED (the pages stay in the system's
// file cache, and come back from it if read again): measured on 3
// million points in a 291 MB file, reading the file into memory put it
// on top of the features for the whole parse.
func mapFile(f *os.File, size int64) (*mapping, error) {
	if size == 0 {
		return &mapping{close: func() {}}, nil
	}
	data, err := unix.Mmap(int(f.Fd()), 0, int(size), unix.PROT_READ, unix.MAP_PRIVATE)
	if err != nil {
		return readMapping(f, size) // a file system that cannot map
	}
	_ = unix.Madvise(data, unix.MADV_SEQUENTIAL)
	page := os.Getpagesize()
	return &mapping{
		data: data,
		release: func(from, to int) {
			lo := (from + page - 1) / page * page
			hi := to / page * page
			if hi > lo {
				_ = unix.Madvise(data[lo:hi], unix.MADV_DONTNEED)
			}
		},
		close: func() { _ = unix.Munmap(data) },
	}, nil
}
