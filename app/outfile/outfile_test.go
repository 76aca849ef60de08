package outfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeText(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

// tempsIn lists this package's temporary files in dir.
func tempsIn(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), TempPrefix) || strings.HasSuffix(e.Name(), ".tmp") {
			out = append(out, e.Name())
		}
	}
	return out
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestWriteKeepsWhatIsAtThePath: each kind of path gets what the package
// promises, and a failed write leaves it as it was.
func TestWriteKeepsWhatIsAtThePath(t *testing.T) {
	dir := t.TempDir()
	t.Run("new file", func(t *testing.T) {
		p := filepath.Join(dir, "new.png")
		n, err := Write(p, writeText("picture"))
		if err != nil || n != 7 || read(t, p) != "picture" {
			t.Fatalf("%d, %v", n, err)
		}
		if st, _ := os.Stat(p); st.Mode().Perm()&0o044 == 0 {
			t.Errorf("mode %v: not readable by others", st.Mode())
		}
	})
	t.Run("regular file replaced, mode kept", func(t *testing.T) {
		p := filepath.Join(dir, "old.png")
		os.WriteFile(p, []byte("old"), 0o600)
		if _, err := Write(p, writeText("new")); err != nil || read(t, p) != "new" {
			t.Fatal(err)
		}
		if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600", st.Mode())
		}
	})
	t.Run("failed write leaves the old file", func(t *testing.T) {
		p := filepath.Join(dir, "keep.png")
		os.WriteFile(p, []byte("old"), 0o644)
		_, err := Write(p, func(w io.Writer) error {
			io.WriteString(w, "half")
			return errors.New("disk full")
		})
		if err == nil || !strings.Contains(err.Error(), p+": cannot write: disk full") || read(t, p) != "old" {
			t.Fatalf("%v; file %q", err, read(t, p))
		}
	})
	t.Run("symlink written through", func(t *testing.T) {
		sub := filepath.Join(dir, "real")
		os.Mkdir(sub, 0o755)
		target := filepath.Join(sub, "target.png")
		os.WriteFile(target, []byte("old"), 0o644)
		link := filepath.Join(dir, "link.png")
		if err := os.Symlink("real/target.png", link); err != nil {
			t.Skip(err)
		}
		if _, err := Write(link, writeText("new")); err != nil {
			t.Fatal(err)
		}
		if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink == 0 {
			t.Fatal("the link was replaced")
		}
		if read(t, target) != "new" || len(tempsIn(t, sub)) != 0 {
			t.Errorf("target %q, temps %v", read(t, target), tempsIn(t, sub))
		}
	})
	t.Run("dangling symlink creates its target", func(t *testing.T) {
		link := filepath.Join(dir, "dangling.png")
		if err := os.Symlink("made.png", link); err != nil {
			t.Skip(err)
		}
		if _, err := Write(link, writeText("x")); err != nil || read(t, filepath.Join(dir, "made.png")) != "x" {
			t.Fatal(err)
		}
	})
	t.Run("directory refused", func(t *testing.T) {
		if _, err := Write(dir, writeText("x")); err == nil || !strings.Contains(err.Error(), "is a directory") {
			t.Fatal(err)
		}
	})
	t.Run("link loop refused", func(t *testing.T) {
		a, b := filepath.Join(dir, "loop-a"), filepath.Join(dir, "loop-b")
		os.Symlink(b, a)
		os.Symlink(a, b)
		if _, err := Write(a, writeText("x")); err == nil || !strings.Contains(err.Error(), "symbolic links") {
			t.Fatal(err)
		}
	})
	if left := tempsIn(t, dir); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestCleanStale removes our own old temporaries only.
func TestCleanStale(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-2 * StaleAge)
	mk := func(name string, age time.Time) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte("x"), 0o644)
		os.Chtimes(p, age, age)
		return p
	}
	stale := mk(TempPrefix+"0123456789abcdef"+TempSuffix, old)
	fresh := mk(TempPrefix+"fedcba9876543210"+TempSuffix, time.Now())
	foreign := mk(".corridor-atlas-notours.tmp", old)
	user := mk(".map.png.123.tmp", old)
	staleDir := filepath.Join(dir, TempPrefix+"00000000000000aa"+TempSuffix)
	os.Mkdir(staleDir, 0o755)
	os.WriteFile(filepath.Join(staleDir, "frame-0001.png"), nil, 0o644)
	os.Chtimes(staleDir, old, old)
	keepDir := filepath.Join(dir, TempPrefix+"00000000000000bb"+TempSuffix)
	os.Mkdir(keepDir, 0o755)
	os.WriteFile(filepath.Join(keepDir, "notes.txt"), nil, 0o644)
	os.Chtimes(keepDir, old, old)
	CleanStale(dir)
	for p, want := range map[string]bool{stale: false, fresh: true, foreign: true, user: true, staleDir: false, keepDir: true} {
		_, err := os.Lstat(p)
		if got := err == nil; got != want {
			t.Errorf("%s exists %v, want %v", filepath.Base(p), got, want)
		}
	}
}

// TestAbort: an interrupted write removes its temporary file, fails, and
// leaves the path as it was.
func TestAbort(t *testing.T) {
	defer func() { live.Lock(); live.aborted = false; live.Unlock() }()
	dir := t.TempDir()
	p := filepath.Join(dir, "x.png")
	os.WriteFile(p, []byte("old"), 0o644)
	_, err := Write(p, func(w io.Writer) error {
		io.WriteString(w, "new")
		if n := len(tempsIn(t, dir)); n != 1 {
			t.Errorf("%d temporary files while writing", n)
		}
		Abort() // as a signal handler would, mid-write
		return nil
	})
	if !errors.Is(err, ErrInterrupted) || read(t, p) != "old" || len(tempsIn(t, dir)) != 0 {
		t.Errorf("%v; %q; temps %v", err, read(t, p), tempsIn(t, dir))
	}
}

func TestIsFrameName(t *testing.T) {
	for name, want := range map[string]bool{"frame-0001.png": true, "frame-12345.png": true, "frame-001.png": false,
		"frame-0001.PNG": false, "frame-00a1.png": false, "notes.txt": false, "frame-0001.png.tmp": false} {
		if IsFrameName(name) != want {
			t.Errorf("IsFrameName(%q) = %v", name, !want)
		}
	}
}
