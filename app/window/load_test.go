package window

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"github.com/corridor-atlas/corridor-atlas/app/export"
)

// writeBigGeoJSON writes a FeatureCollection of short lines over the
// Caspian of at least size bytes.
func writeBigGeoJSON(t testing.TB, path string, size int64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(`{"type":"FeatureCollection","features":[`)
	var n int64
	for i := 0; n < size; i++ {
		if i > 0 {
			w.WriteByte(',')
		}
		x, y := 47+math.Mod(float64(i)*0.0137, 8), 37+math.Mod(float64(i)*0.0071, 9)
		k, _ := fmt.Fprintf(w, `{"type":"Feature","properties":{"name":"segment %d","kind":"test"},"geometry":{"type":"LineString","coordinates":[[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f]]}}`,
			i, x, y, x+0.05, y+0.02, x+0.1, y-0.01)
		n += int64(k)
	}
	w.WriteString("]}")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func TestBigFileLoadShowsProgressAndCanBeCancelled(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "shipping.geojson")
	writeBigGeoJSON(t, big, bigFileBytes+(1<<20)) // just over 10 MB: the real threshold
	tests := []struct {
		name   string
		cancel string // "", "before" (Cancel tapped as the dialog shows), "during" (at the first progress report)
		drop   bool
	}{
		{"loads with progress", "", false},
		{"dropped, loads with progress", "", true},
		{"cancel as it starts", "before", false},
		{"cancel while parsing", "during", false},
		{"dropped, cancel while parsing", "during", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestAtlas(t, 800, 500)
			before := layerIDs(a)
			img := frameCopy(t, a)
			var reports []float64
			dialogShown := false
			a.onTaskStart = func(tk *task) {
				dialogShown = tk.shown && a.win.Canvas().Overlays().Top() != nil
				if tt.cancel == "before" {
					test.Tap(tk.cancelBtn) // the user's click
				}
			}
			a.onTaskProgress = func(tk *task, f float64) {
				reports = append(reports, f)
				if tt.cancel == "during" && f > 0 {
					tk.Cancel()
				}
			}
			if tt.drop {
				a.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(big)})
			} else {
				a.openFiles([]string{big})
			}
			if !dialogShown {
				t.Error("no progress dialog with Cancel for a file over 10 MB")
			}
			tk := a.lastTask
			if tk == nil || !tk.finished || a.tasks != 0 {
				t.Fatal("the load did not finish")
			}
			if tk.shown && a.win.Canvas().Overlays().Top() != nil {
				t.Error("the progress dialog is still open")
			}
			if a.lastError != "" {
				t.Errorf("error %q", a.lastError)
			}
			if tt.cancel != "" {
				if got := layerIDs(a); !slices.Equal(got, before) || a.dirty {
					t.Errorf("a cancelled load changed the layers: %v (dirty %v)", got, a.dirty)
				}
				if n := diffPixels(img, frameCopy(t, a)); n != 0 {
					t.Errorf("a cancelled load changed the map (%d pixels)", n)
				}
				return
			}
			l := a.layerByID("shipping")
			if l == nil || len(l.Detailed) < 10000 {
				t.Fatalf("layers %v", layerIDs(a))
			}
			if len(reports) < 3 || reports[len(reports)-1] != 1 || !slices.IsSorted(reports) {
				t.Errorf("progress reports %d, last %v, in order %v", len(reports), reports[len(reports)-1], slices.IsSorted(reports))
			}
			if tk.Fraction() != 1 {
				t.Errorf("progress ended at %v", tk.Fraction())
			}
		})
	}
}

func TestSmallFileLoadsWithoutADialog(t *testing.T) {
	dir := t.TempDir()
	a := newTestAtlas(t, 800, 500)
	shown := true
	a.onTaskStart = func(tk *task) { shown = tk.shown }
	a.openFiles([]string{writeFile(t, dir, "route.geojson", routeJSON)})
	if shown {
		t.Error("a small file showed a progress dialog")
	}
	if a.layerByID("route") == nil {
		t.Error("not loaded")
	}
}

func TestFlowsCSV(t *testing.T) {
	tests := []struct {
		name    string
		csv     string
		drop    bool
		want    string // flow added; "" for an error
		wantErr []string
	}{
		{"opened from the menu", flowsCSV, false, "ge-transit", nil},
		{"dropped", flowsCSV, true, "ge-transit", nil},
		{"unknown feature", "flow_id,year,value,unit,kind,source,path\nx,2023,1,Mt/yr,actual,s,no-such-feature\n", false, "", []string{"flows.csv", "no-such-feature"}},
		{"non-numeric value", "flow_id,year,value,unit,kind,source,path\nx,2023,1,Mt/yr,actual,s,titr-kz-trunk\nx,2024,lots,Mt/yr,plan,s,\n", false, "", []string{"flows.csv:3", "lots"}},
		{"duplicate year", "flow_id,year,value,unit,kind,source,path\nx,2023,1,Mt/yr,actual,s,titr-kz-trunk\nx,2023,2,Mt/yr,plan,s,\n", true, "", []string{"flows.csv:3", "2023"}},
		{"already loaded", "flow_id,year,value,unit,kind,source,path\nkz-oil-btc,2023,1,Mt/yr,actual,s,btc-pipeline\n", false, "", []string{"flows.csv", "already loaded"}},
		{"bad header", "id,year\n", false, "", []string{"flows.csv:1", "header"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := writeFile(t, dir, "flows.csv", tt.csv)
			a := newTestAtlas(t, 800, 500)
			a.pickOpen = func(exts []string, then func(string)) {
				if !slices.Equal(exts, csvExts) {
					t.Errorf("asked for %v", exts)
				}
				then(path)
			}
			before := flowIDs(a)
			first, last := a.first, a.last
			img := frameCopy(t, a)
			if tt.drop {
				a.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(path)})
			} else {
				a.openFlowsDialog()
			}
			if tt.want == "" {
				for _, w := range tt.wantErr {
					if !strings.Contains(a.lastError, w) {
						t.Errorf("error %q lacks %q", a.lastError, w)
					}
				}
				if a.win.Canvas().Overlays().Top() == nil {
					t.Error("no error dialog")
				}
				if got := flowIDs(a); !slices.Equal(got, before) || a.first != first || a.last != last || len(a.flowData) != 0 || a.dirty {
					t.Errorf("a failed import changed the flows: %v", got)
				}
				if n := diffPixels(img, frameCopy(t, a)); n != 0 {
					t.Errorf("a failed import changed the map (%d pixels)", n)
				}
				return
			}
			if a.lastError != "" {
				t.Fatalf("error %q", a.lastError)
			}
			if got := flowIDs(a); !slices.Contains(got, tt.want) || len(got) != len(before)+1 {
				t.Errorf("flows %v", got)
			}
			if a.panel.checks["flow:"+tt.want] == nil || !a.dirty || len(a.flowData) != 1 {
				t.Error("the flow is not in the panel or the project")
			}
			// Imported flows draw like the built-in ones.
			a.goToView("btc")
			a.setYear(2022) // the file's first figure
			on := frameCopy(t, a)
			a.setFlowVisible(tt.want, false)
			hidden := frameCopy(t, a)
			if n := diffPixels(on, hidden); n < 50 {
				t.Errorf("hiding the imported flow changed %d pixels", n)
			}
			// The file's remove button takes its flows out again.
			a.setFlowVisible(tt.want, true)
			a.dirty = false
			del := a.panel.flowFiles[path]
			if del == nil {
				t.Fatal("no remove button for the flow file")
			}
			test.Tap(del)
			if got := flowIDs(a); !slices.Equal(got, before) || a.first != first || a.last != last {
				t.Errorf("after removing: flows %v, span %v–%v", got, a.first, a.last)
			}
			if len(a.flowData) != 0 || !a.dirty || a.panel.checks["flow:"+tt.want] != nil || a.panel.flowFiles[path] != nil {
				t.Error("the file is still in the project or the panel, or the project is not marked changed")
			}
			if n := diffPixels(hidden, frameCopy(t, a)); n != 0 {
				t.Errorf("removed flows still change %d pixels", n)
			}
		})
	}
}

// TestDashesMoveAtTheExportRate: the timeline's direction dashes move
// export.DashCycles periods a second, as an exported animation does.
func TestDashesMoveAtTheExportRate(t *testing.T) {
	a := newTestAtlas(t, 600, 400)
	a.timeline.dashChk.SetChecked(true)
	a.phase = 0
	for i := 0; i < 10; i++ {
		a.tick(0.1)
	}
	if want := math.Mod(export.DashCycles, 1); math.Abs(a.phase-want) > 1e-9 {
		t.Errorf("phase after 1 s: %v, want %v", a.phase, want)
	}
}
