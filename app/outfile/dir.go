package outfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Folder is what an output folder for frames holds now.
type Folder struct {
	// Path is the folder written: the path given, or the end of its chain
	// of symbolic links.
	Path   string
	Exists bool
	// Frames counts the frames in it (see IsFrameName).
	Frames int
	// Other names something in it that is not a frame ("" for none).
	Other string
}

// ErrFramesThere refuses to replace an earlier sequence of frames that
// the caller did not ask to replace.
var ErrFramesThere = errors.New("holds frames")

// InspectFolder reports what dir holds.
func InspectFolder(dir string) (Folder, error) {
	t, err := Inspect(dir)
	if err != nil {
		return Folder{}, fmt.Errorf("%s: cannot write: %w", dir, reason(err))
	}
	switch t.Kind {
	case Missing:
		return Folder{Path: t.Path}, nil
	case Dir:
	default:
		return Folder{}, fmt.Errorf("%s: cannot write frames: not a folder", dir)
	}
	entries, err := os.ReadDir(t.Path)
	if err != nil {
		return Folder{}, fmt.Errorf("%s: cannot write: %w", dir, reason(err))
	}
	f := Folder{Path: t.Path, Exists: true}
	for _, e := range entries {
		switch {
		case IsFrameName(e.Name()) && e.Type().IsRegular():
			f.Frames++
		case isTempName(e.Name()):
		case f.Other == "":
			f.Other = e.Name()
		}
	}
	return f, nil
}

// CheckFolder refuses, before any work, a folder WriteDir would refuse.
func CheckFolder(dir string, overwrite bool) (Folder, error) {
	f, err := InspectFolder(dir)
	if err != nil {
		return f, err
	}
	if f.Other != "" {
		return f, fmt.Errorf("%s: cannot write frames: the folder holds other files (%q); choose an empty or new folder", dir, f.Other)
	}
	if f.Frames > 0 && !overwrite {
		return f, fmt.Errorf("%s: %w from an earlier export (%d): replace them with --overwrite, or choose an empty or new folder", dir, ErrFramesThere, f.Frames)
	}
	return f, nil
}

// WriteDir makes folder dir hold exactly the files fill writes into the
// folder it is given: a new temporary folder beside dir, which takes
// dir's place only when fill succeeds. A failed or interrupted export
// leaves dir as it was; a successful one leaves no frame of an earlier,
// longer sequence. dir may be new, empty, or (with overwrite) hold frames
// and nothing else; a folder with anything else in it is refused.
func WriteDir(dir string, overwrite bool, fill func(tmp string) error) error {
	f, err := CheckFolder(dir, overwrite)
	if err != nil {
		return err
	}
	parent := filepath.Dir(f.Path)
	CleanStale(parent)
	tmp := filepath.Join(parent, tempName())
	if !track(tmp) {
		return ErrInterrupted
	}
	defer func() {
		os.RemoveAll(tmp)
		forget(tmp)
	}()
	if err := os.Mkdir(tmp, 0o755); err != nil {
		return fmt.Errorf("%s: cannot write: %w", dir, reason(err))
	}
	if st, err := os.Stat(f.Path); err == nil && f.Exists {
		_ = os.Chmod(tmp, st.Mode().Perm())
	}
	if err := fill(tmp); err != nil {
		return err
	}
	err = commit(func() error {
		switch {
		case !f.Exists:
			return os.Rename(tmp, f.Path)
		case f.Frames == 0:
			// Empty: give its name to the new folder.
			if err := os.Remove(f.Path); err != nil {
				return err
			}
			return os.Rename(tmp, f.Path)
		}
		// The old frames go where the new ones were, and from there
		// away (the deferred RemoveAll).
		return swap(tmp, f.Path)
	}, tmp)
	if err != nil && !errors.Is(err, ErrInterrupted) {
		return fmt.Errorf("%s: cannot write: %w", dir, reason(err))
	}
	if err == nil {
		track(tmp) // now the old frames: removed by the deferred call
	}
	return err
}

// swapByRenames exchanges two folders where the system cannot do it in
// one step: b moves aside, a takes its name, and the old b takes a's.
func swapByRenames(a, b string) error {
	aside := filepath.Join(filepath.Dir(b), tempName())
	live.paths[aside] = true // the caller holds the lock (commit)
	defer delete(live.paths, aside)
	if err := os.Rename(b, aside); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		if err2 := os.Rename(aside, b); err2 != nil {
			return fmt.Errorf("%v; the old frames are in %s", err, aside)
		}
		return err
	}
	return os.Rename(aside, a)
}
