package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage/repository"
)

// deferTruncation makes Fyne's storage create or truncate a file only when
// something is first written to it. Fyne's save dialog opens a writer on
// the chosen file before its callback runs, and the plain file repository
// truncates it right there; Corridor Atlas never writes through that
// writer (it writes a temporary file and renames it over the path), so
// with this a failed export or save leaves the file the user picked as it
// was, instead of empty. Every other operation is Fyne's own.
func deferTruncation() {
	base, err := repository.ForScheme("file")
	if err != nil {
		return
	}
	if _, done := base.(*lazyFiles); done {
		return
	}
	full, ok := base.(fileRepository)
	if !ok {
		return // not the repository this was written against: leave it
	}
	repository.Register("file", &lazyFiles{full})
}

// fileRepository is what Fyne's file repository implements; the wrapper
// keeps all of it.
type fileRepository interface {
	repository.AppendableRepository
	repository.ListableRepository
	repository.HierarchicalRepository
	repository.DeleteAllRepository
	repository.CopyableRepository
	repository.MovableRepository
}

// lazyFiles is Fyne's file repository with writers that open their file
// on the first write.
type lazyFiles struct{ fileRepository }

func (l *lazyFiles) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	return &lazyWriter{u: u, open: l.fileRepository.Writer}, nil
}

// lazyWriter opens its file when first written to; closed unwritten, it
// leaves the file alone.
type lazyWriter struct {
	u    fyne.URI
	open func(fyne.URI) (fyne.URIWriteCloser, error)
	w    fyne.URIWriteCloser
}

func (l *lazyWriter) Write(p []byte) (int, error) {
	if l.w == nil {
		w, err := l.open(l.u)
		if err != nil {
			return 0, err
		}
		l.w = w
	}
	return l.w.Write(p)
}

func (l *lazyWriter) Close() error {
	if l.w == nil {
		return nil
	}
	return l.w.Close()
}

func (l *lazyWriter) URI() fyne.URI { return l.u }
