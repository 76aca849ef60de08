package shapefile

import (
	"fmt"
	"io"
)

// window reads byte ranges of a file through one reusable buffer, so a
// file read in order (as .shp and .dbf records nearly always are) costs
// one read call per megabyte rather than one per record.
type window struct {
	r    io.ReaderAt
	size int64
	buf  []byte
	off  int64 // file offset of buf[0]
}

const windowSize = 1 << 20

func newWindow(r io.ReaderAt, size int64) *window {
	return &window{r: r, size: size}
}

// at returns n bytes at off, valid until the next call.
func (w *window) at(off int64, n int) ([]byte, error) {
	if off < 0 || n < 0 || off+int64(n) > w.size {
		return nil, fmt.Errorf("%d bytes at byte %d run past the end of the file (%d bytes)", n, off, w.size)
	}
	if off >= w.off && off+int64(n) <= w.off+int64(len(w.buf)) {
		return w.buf[off-w.off : off-w.off+int64(n)], nil
	}
	size := max(n, windowSize)
	size = int(min(int64(size), w.size-off))
	if cap(w.buf) < size {
		w.buf = make([]byte, size)
	}
	w.buf = w.buf[:size]
	w.off = off
	if _, err := w.r.ReadAt(w.buf, off); err != nil && err != io.EOF {
		w.buf = w.buf[:0]
		return nil, err
	}
	return w.buf[:n], nil
}
