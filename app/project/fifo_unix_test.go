//go:build unix

package project

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLoadFIFO: opening a FIFO as a project is refused at once, not
// waited on.
func TestLoadFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "p"+Ext)
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() { _, err := Load(fifo); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("err = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Load waits on the FIFO")
	}
}
