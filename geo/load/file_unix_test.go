//go:build unix

package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFileCutShortWhileRead: a mapped file that another program
// truncates during the parse is refused with a message, not a crash
// (the read of a lost page faults).
func TestFileCutShortWhileRead(t *testing.T) {
	for _, size := range []int{1 << 20, parallelMin + 4096} {
		p := filepath.Join(t.TempDir(), "shrinking.geojson")
		if err := os.WriteFile(p, []byte(bigCollection(size)), 0o644); err != nil {
			t.Fatal(err)
		}
		cut := false
		_, err := File(p, Options{Progress: func(float64) {
			if !cut {
				cut = true
				if err := os.Truncate(p, 0); err != nil {
					t.Error(err)
				}
			}
		}})
		if err == nil || !strings.Contains(err.Error(), "cut short") || !strings.HasPrefix(err.Error(), p+": ") {
			t.Errorf("%d bytes: err = %v", size, err)
		}
	}
}
