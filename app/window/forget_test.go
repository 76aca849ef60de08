package window

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/corridor-atlas/corridor-atlas/geo/corpus"
)

// TestRemovedLayersAreFreed: loading the 107 MB benchmark layer, drawing
// it, picking on it and removing it three times leaves the window's heap
// within 10 % of where it was after the first removal: nothing of a
// removed layer stays behind (it used to, through the renderer's cache of
// prepared zooms and the pick index).
func TestRemovedLayersAreFreed(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the 107 MB file three times")
	}
	path := corpus.BigGeoJSON(t)
	a := newTestAtlas(t, 1280, 800)
	heap := func() uint64 {
		for range 3 {
			runtime.GC()
		}
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	before := heap()
	var after []uint64
	for round := range 3 {
		a.openFiles([]string{path})
		l := a.layerByID("corridor-atlas-bench-107mb")
		if l == nil {
			t.Fatalf("round %d: not loaded (%s)", round, a.lastError)
		}
		a.goToView("corridor")
		flush(t, a)
		a.pointer(a.mapv.View().ToPixel(l.Detailed[0].Geometry.Bound().Center()), true)
		loaded := heap()
		a.removeLayer(l)
		a.renderer.Forget(l) // removeLayer's own call runs on another goroutine
		flush(t, a)
		after = append(after, heap())
		t.Logf("round %d: %d MB before, %d MB loaded, %d MB after removal (resident %s)", round, before>>20, loaded>>20, after[round]>>20, resident())
	}
	if after[2] > after[0]+after[0]/10 {
		t.Errorf("heap after the third removal %d MB, after the first %d MB", after[2]>>20, after[0]>>20)
	}
	if loaded := after[0]; loaded > before+before/10+16<<20 {
		t.Errorf("heap after the first removal %d MB, before loading %d MB", loaded>>20, before>>20)
	}
}

// resident is the process's resident set size, as the kernel reports it.
func resident() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(v)
			if kb, err := strconv.Atoi(f[0]); err == nil {
				return strconv.Itoa(kb>>10) + " MB"
			}
		}
	}
	return "unknown"
}
