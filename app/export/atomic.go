package export

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// writeAtomic writes a file through write and puts it in place only when
// it is complete: the content goes to a temporary file beside target,
// which is flushed to disk and renamed over target. So target is always
// either the old file or the whole new one, and a failed or cancelled
// export leaves nothing behind. The temporary file is created before
// write runs, so an unwritable folder fails before any rendering.
// It returns the new file's size.
func writeAtomic(target string, write func(io.Writer) error) (int64, error) {
	if st, err := os.Stat(target); err == nil && st.IsDir() {
		return 0, fmt.Errorf("%s: cannot write: is a directory", target)
	}
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return 0, fmt.Errorf("%s: cannot write: %w", target, unwrapPath(err))
	}
	// CreateTemp makes the file private (0600); an exported picture is a
	// document like any other: keep the mode of the file it replaces, or
	// make it readable.
	mode := os.FileMode(0o644)
	if st, err := os.Stat(target); err == nil {
		mode = st.Mode().Perm()
	}
	_ = f.Chmod(mode)

	done := false
	defer func() {
		if !done {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := write(f); err != nil {
		if errors.Is(err, ErrCancelled) {
			return 0, err
		}
		return 0, fmt.Errorf("%s: cannot write: %w", target, unwrapPath(err))
	}
	if err := f.Sync(); err != nil {
		return 0, fmt.Errorf("%s: cannot write: %w", target, unwrapPath(err))
	}
	var size int64
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	if err := f.Close(); err != nil {
		return 0, fmt.Errorf("%s: cannot write: %w", target, unwrapPath(err))
	}
	if err := os.Rename(f.Name(), target); err != nil {
		return 0, fmt.Errorf("%s: cannot write: %w", target, unwrapPath(err))
	}
	done = true
	return size, nil
}
