// Package outfile writes the files Corridor Atlas makes (exported
// pictures, animations, frame folders, projects) without ever destroying
// what is at the path it was given:
//
//   - a regular file is replaced atomically: the new content goes to a
//     temporary file in the same folder, flushed to disk and renamed over
//     it, so the path holds the old file or the whole new one;
//   - a symbolic link is written through: its target is replaced that
//     way, in the target's folder, and the link stays;
//   - a character device or a FIFO (/dev/null, /dev/stdout, a pipe to
//     another program) is written to as a stream, never replaced;
//   - a directory, a block device or a socket is refused.
//
// Temporary files and folders are named .corridor-atlas-<random>.tmp. An
// interrupted program removes them (Abort, from a signal handler); ones
// left by a killed program are removed when their folder is next written,
// once they are an hour old (CleanStale).
package outfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ErrInterrupted is returned by a write that Abort stopped.
var ErrInterrupted = errors.New("interrupted")

// Kind is what a path holds, as far as writing to it goes.
type Kind int

const (
	// Missing: nothing yet; the file is created.
	Missing Kind = iota
	// Regular: a file, replaced atomically.
	Regular
	// Stream: a character device, a FIFO or an inherited descriptor
	// (/dev/stdout), written to in place.
	Stream
	// Dir: a folder.
	Dir
	// Refused: a block device, a socket or anything else not to write.
	Refused
)

// Target is where a write to a path goes.
type Target struct {
	Kind Kind
	// Path is the file written: the path itself, or the end of its chain
	// of symbolic links.
	Path string
	// Mode is the existing file's permissions (regular files).
	Mode fs.FileMode
	// Why names a Refused kind for a message.
	Why string
	// fd is an inherited descriptor for /dev/stdout, /dev/fd/N and the
	// like (-1 otherwise).
	fd int
}

// maxLinks bounds a chain of symbolic links, as the kernel does.
const maxLinks = 40

// Inspect reports what writing to path would do.
func Inspect(path string) (Target, error) {
	if fd, ok := inheritedFD(path); ok {
		return Target{Kind: Stream, Path: path, fd: fd}, nil
	}
	p := path
	for range maxLinks {
		st, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return Target{Kind: Missing, Path: p, fd: -1}, nil
		}
		if err != nil {
			return Target{}, err
		}
		m := st.Mode()
		switch {
		case m&fs.ModeSymlink != 0:
			to, err := os.Readlink(p)
			if err != nil {
				return Target{}, err
			}
			if !filepath.IsAbs(to) {
				to = filepath.Join(filepath.Dir(p), to)
			}
			p = to
			continue
		case m.IsRegular():
			return Target{Kind: Regular, Path: p, Mode: m.Perm(), fd: -1}, nil
		case m.IsDir():
			return Target{Kind: Dir, Path: p, fd: -1}, nil
		case m&fs.ModeNamedPipe != 0 || m&fs.ModeCharDevice != 0:
			return Target{Kind: Stream, Path: p, fd: -1}, nil
		case m&fs.ModeDevice != 0:
			return Target{Kind: Refused, Path: p, Why: "is a block device", fd: -1}, nil
		case m&fs.ModeSocket != 0:
			return Target{Kind: Refused, Path: p, Why: "is a socket", fd: -1}, nil
		}
		return Target{Kind: Refused, Path: p, Why: "is not a file that can be written", fd: -1}, nil
	}
	return Target{}, errors.New("too many levels of symbolic links")
}

// inheritedFD recognises the names of this process's own descriptors
// (/dev/stdout, /dev/fd/1, /proc/self/fd/1): they are written through the
// descriptor itself, so `--out /dev/stdout >> log` appends as the shell
// asked, where reopening the name would start at the top of the file.
func inheritedFD(path string) (int, bool) {
	if runtime.GOOS == "windows" {
		return 0, false
	}
	switch p := filepath.Clean(path); {
	case p == "/dev/stdout":
		return 1, true
	case p == "/dev/stderr":
		return 2, true
	case strings.HasPrefix(p, "/dev/fd/"), strings.HasPrefix(p, "/proc/self/fd/"):
		n, err := strconv.Atoi(p[strings.LastIndexByte(p, '/')+1:])
		if err == nil && n >= 0 {
			return n, true
		}
	}
	return 0, false
}

// Write writes a file at path through write (see the package comment
// for what each kind of path gets) and returns the bytes written. On any
// error, including write's own, the path holds what it held before (a
// stream has what was sent). Errors name path.
func Write(path string, write func(io.Writer) error) (int64, error) {
	t, err := Inspect(path)
	if err != nil {
		return 0, fmt.Errorf("%s: cannot write: %w", path, reason(err))
	}
	switch t.Kind {
	case Dir:
		return 0, fmt.Errorf("%s: cannot write: is a directory", path)
	case Refused:
		return 0, fmt.Errorf("%s: cannot write: %s; refusing to write over it", path, t.Why)
	case Stream:
		return writeStream(path, t, write)
	}
	n, err := writeAtomic(t.Path, t.Mode, write)
	if err != nil && !errors.Is(err, ErrInterrupted) {
		return 0, fmt.Errorf("%s: cannot write: %w", path, reason(err))
	}
	return n, err
}

// writeStream writes to a device, a FIFO or an inherited descriptor.
func writeStream(path string, t Target, write func(io.Writer) error) (int64, error) {
	var f *os.File
	if t.fd >= 0 {
		f = os.NewFile(uintptr(t.fd), path)
		if f == nil {
			return 0, fmt.Errorf("%s: cannot write: no such descriptor", path)
		}
		if _, err := f.Stat(); err != nil {
			return 0, fmt.Errorf("%s: cannot write: %w", path, reason(err))
		}
	} else {
		var err error
		if f, err = openStream(t.Path); err != nil {
			return 0, fmt.Errorf("%s: cannot write: %w", path, err)
		}
		defer f.Close()
	}
	c := &counter{w: f}
	if err := write(c); err != nil {
		return c.n, fmt.Errorf("%s: cannot write: %w", path, reason(err))
	}
	return c.n, nil
}

type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// writeAtomic writes path (a regular file or none) through a temporary
// file in its folder renamed over it. The temporary file is made before
// write runs, so an unwritable folder fails before any work.
func writeAtomic(path string, mode fs.FileMode, write func(io.Writer) error) (int64, error) {
	dir := filepath.Dir(path)
	CleanStale(dir)
	f, err := createTemp(dir)
	if err != nil {
		return 0, err
	}
	tmp := f.Name()
	done := false
	defer func() {
		if !done {
			f.Close()
			os.Remove(tmp)
			forget(tmp)
		}
	}()
	// A new picture is a document like any other: readable, as a file
	// the shell creates would be; a replaced file keeps its mode.
	if mode == 0 {
		mode = 0o644
	}
	_ = f.Chmod(mode)
	c := &counter{w: f}
	if err := write(c); err != nil {
		return 0, err
	}
	if err := f.Sync(); err != nil {
		return 0, err
	}
	if err := f.Close(); err != nil {
		return 0, err
	}
	if err := commit(func() error { return os.Rename(tmp, path) }, tmp); err != nil {
		return 0, err
	}
	done = true
	return c.n, nil
}

// TempPrefix and TempSuffix frame the names of this package's temporary
// files and folders; CleanStale removes nothing else.
const (
	TempPrefix = ".corridor-atlas-"
	TempSuffix = ".tmp"
)

// tempName is a fresh temporary name: the prefix, 16 hex digits, the
// suffix.
func tempName() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return TempPrefix + hex.EncodeToString(b[:]) + TempSuffix
}

// isTempName reports whether name is one of ours.
func isTempName(name string) bool {
	mid, ok := strings.CutPrefix(name, TempPrefix)
	if !ok {
		return false
	}
	mid, ok = strings.CutSuffix(mid, TempSuffix)
	if !ok || len(mid) != 16 {
		return false
	}
	_, err := hex.DecodeString(mid)
	return err == nil
}

// createTemp makes a new temporary file in dir, tracked for Abort.
func createTemp(dir string) (*os.File, error) {
	for range 16 {
		p := filepath.Join(dir, tempName())
		if !track(p) {
			return nil, ErrInterrupted
		}
		f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			forget(p)
			continue
		}
		if err != nil {
			forget(p)
			return nil, err
		}
		return f, nil
	}
	return nil, errors.New("cannot make a temporary file")
}

// StaleAge is how old a temporary file must be before CleanStale takes it
// for one a killed program left: a running export keeps writing to its
// own, so an hour without a change means nobody will.
const StaleAge = time.Hour

// CleanStale removes this package's temporary files and folders in dir
// that are older than StaleAge: what a killed export left. A folder goes
// only when all it holds is frames and temporary files, so nothing but
// what an export wrote is ever removed.
func CleanStale(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	now := time.Now()
	for _, e := range entries {
		if !isTempName(e.Name()) {
			continue
		}
		info, err := e.Info()
		if err != nil || now.Sub(info.ModTime()) < StaleAge {
			continue
		}
		p := filepath.Join(dir, e.Name())
		switch {
		case info.Mode().IsRegular():
			os.Remove(p)
		case info.IsDir() && onlyFrames(p):
			os.RemoveAll(p)
		}
	}
}

// onlyFrames reports whether folder dir holds nothing but regular files
// named as frames or as temporary files.
func onlyFrames(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !(IsFrameName(e.Name()) || isTempName(e.Name())) {
			return false
		}
	}
	return true
}

// IsFrameName reports whether name is a frame of a PNG sequence as
// export names them: frame-0001.png, frame-12345.png.
func IsFrameName(name string) bool {
	num, ok := strings.CutPrefix(name, "frame-")
	if !ok {
		return false
	}
	num, ok = strings.CutSuffix(num, ".png")
	if !ok || len(num) < 4 {
		return false
	}
	return strings.Trim(num, "0123456789") == ""
}

// reason is an error without the path the message already names.
func reason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// The temporary files and folders being written, for Abort.
var live struct {
	sync.Mutex
	paths   map[string]bool
	aborted bool
}

// track notes a temporary path; false once Abort has run.
func track(p string) bool {
	live.Lock()
	defer live.Unlock()
	if live.aborted {
		return false
	}
	if live.paths == nil {
		live.paths = map[string]bool{}
	}
	live.paths[p] = true
	return true
}

func forget(p string) {
	live.Lock()
	delete(live.paths, p)
	live.Unlock()
}

// commit runs step (the rename that puts a finished write in place) and
// stops tracking tmp, unless Abort ran first: then the write fails with
// ErrInterrupted and tmp is removed.
func commit(step func() error, tmp string) error {
	live.Lock()
	defer live.Unlock()
	if live.aborted {
		return ErrInterrupted
	}
	if err := step(); err != nil {
		return err
	}
	delete(live.paths, tmp)
	return nil
}

// Abort removes every temporary file and folder being written and makes
// the writes under way fail with ErrInterrupted, before a program stops
// on a signal. Nothing already in place is touched: a rename either
// happened before Abort or does not happen.
func Abort() {
	live.Lock()
	defer live.Unlock()
	live.aborted = true
	for p := range live.paths {
		// A frame being written into a folder as it is removed can make
		// one pass fail with "directory not empty"; once the folder is
		// gone, nothing more can be made in it.
		for range 20 {
			if os.RemoveAll(p) == nil {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	live.paths = nil
}

// SameAsAny returns the first of inputs that is the same file as out
// (through links, hard ones included), or "" when none is or out does
// not exist yet.
func SameAsAny(out string, inputs []string) string {
	o, err := os.Stat(out)
	if err != nil {
		return ""
	}
	for _, in := range inputs {
		if st, err := os.Stat(in); err == nil && os.SameFile(o, st) {
			return in
		}
	}
	return ""
}

// InAny returns the first of inputs that lies directly in folder dir, or
// "".
func InAny(dir string, inputs []string) string {
	d, err := os.Stat(dir)
	if err != nil {
		return ""
	}
	for _, in := range inputs {
		if st, err := os.Stat(filepath.Dir(in)); err == nil && os.SameFile(d, st) {
			return in
		}
	}
	return ""
}
