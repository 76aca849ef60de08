package load

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Size limits for files the app reads. A GeoJSON layer needs about twice
// its size in memory while it loads, so MaxDataFile keeps a load within a
// few gigabytes on the smallest desktop we support; side files (a flow
// CSV, a project, a Shapefile's .prj) are small by nature, and a bigger
// one is a mistake, not a dataset.
const (
	MaxDataFile = 1 << 30  // 1 GiB
	MaxSideFile = 64 << 20 // 64 MiB
)

// ErrNotRegular is returned for a path that is a directory, device, FIFO
// or socket: reading one could block forever (a FIFO with no writer) or
// never end (/dev/zero).
var ErrNotRegular = errors.New("not a regular file")

// OpenRegular opens path for reading only if it is a regular file (after
// following symlinks) of at most limit bytes. The open itself cannot block:
// a FIFO is opened non-blocking and refused (see open_unix.go).
func OpenRegular(path string, limit int64) (*os.File, fs.FileInfo, error) {
	f, err := openNoBlock(path)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		if st.IsDir() {
			return nil, nil, fmt.Errorf("%w: is a directory", ErrNotRegular)
		}
		return nil, nil, ErrNotRegular
	}
	if limit > 0 && st.Size() > limit {
		f.Close()
		return nil, nil, &TooBigError{Size: st.Size(), Limit: limit}
	}
	return f, st, nil
}

// ReadFile reads a whole regular file of at most limit bytes. It reads no
// more than limit+1 bytes whatever the file claims, so a file that grows
// while it is read is still refused rather than obeyed.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, st, err := OpenRegular(path, limit)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, 0, st.Size()+1)
	b, err = readAllLimit(f, b, limit)
	if err != nil {
		return nil, err
	}
	return b, nil
}

func readAllLimit(r io.Reader, b []byte, limit int64) ([]byte, error) {
	lr := io.LimitReader(r, limit+1)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := lr.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if int64(len(b)) > limit {
			return nil, &TooBigError{Size: int64(len(b)), Limit: limit, Grew: true}
		}
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// TooBigError is a file over the size limit for its kind.
type TooBigError struct {
	Size, Limit int64
	Grew        bool // the file grew past the limit while it was read
}

func (e *TooBigError) Error() string {
	if e.Grew {
		return fmt.Sprintf("file grew past the %s limit while it was read", sizeText(e.Limit))
	}
	return fmt.Sprintf("file is %s, over the %s limit", sizeText(e.Size), sizeText(e.Limit))
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
