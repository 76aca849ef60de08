//go:build unix

package outfile

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestWriteStreams: a FIFO and a character device are written to, never
// replaced; a FIFO nobody reads is refused at once, not waited on.
func TestWriteStreams(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	t.Run("fifo without a reader", func(t *testing.T) {
		done := make(chan error, 1)
		go func() { _, err := Write(fifo, writeText("x")); done <- err }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "no program is reading") {
				t.Errorf("err = %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("the write waits for a reader")
		}
	})
	t.Run("fifo with a reader", func(t *testing.T) {
		got := make(chan string, 1)
		r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
		if err != nil {
			t.Fatal(err)
		}
		syscall.SetNonblock(int(r.Fd()), false)
		// A reader of a FIFO that no one holds open for writing reads its
		// end at once: hold it open until Write has written, or the read
		// may end before Write opens it.
		hold, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		go func() { b, _ := io.ReadAll(r); got <- string(b) }()
		_, err = Write(fifo, writeText("through the pipe"))
		hold.Close()
		if err != nil {
			t.Fatal(err)
		}
		if s := <-got; s != "through the pipe" {
			t.Errorf("read %q", s)
		}
		r.Close()
	})
	t.Run("symlink to a fifo", func(t *testing.T) {
		link := filepath.Join(dir, "fifo-link")
		os.Symlink(fifo, link)
		if tg, err := Inspect(link); err != nil || tg.Kind != Stream || tg.Path != fifo {
			t.Errorf("%+v, %v", tg, err)
		}
	})
	t.Run("character device", func(t *testing.T) {
		// A null device of our own (major 1, minor 3 on Linux), not the
		// system's: made only where we may (root).
		null := filepath.Join(dir, "null")
		if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
			t.Skipf("cannot make a device node: %v", err)
		}
		n, err := Write(null, writeText("discarded"))
		st, _ := os.Stat(null)
		if err != nil || n != 9 || st.Mode()&os.ModeCharDevice == 0 {
			t.Errorf("%d, %v, mode %v", n, err, st.Mode())
		}
	})
	if st, _ := os.Stat(fifo); st.Mode()&os.ModeNamedPipe == 0 {
		t.Error("the FIFO was replaced")
	}
	if left := tempsIn(t, dir); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestInheritedDescriptors(t *testing.T) {
	for p, want := range map[string]int{"/dev/stdout": 1, "/dev/stderr": 2, "/dev/fd/5": 5, "/proc/self/fd/7": 7} {
		if tg, err := Inspect(p); err != nil || tg.Kind != Stream || tg.fd != want {
			t.Errorf("Inspect(%s) = %+v, %v", p, tg, err)
		}
	}
}
