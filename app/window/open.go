package window

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/corridor-atlas/corridor-atlas/app/export"
	"github.com/corridor-atlas/corridor-atlas/app/render"
)

// geojsonExts are the file name endings Open and drag-and-drop accept.
var geojsonExts = []string{".geojson", ".json"}

// openDialog asks for a GeoJSON file and loads it under "Your data".
func (a *Atlas) openDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			a.showError(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close()
		a.openFiles([]string{path})
	}, a.win)
	d.SetFilter(storage.NewExtensionFileFilter(geojsonExts))
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// dropped loads the GeoJSON files dropped onto the window.
func (a *Atlas) dropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	var errs []error
	for _, u := range uris {
		if u.Scheme() != "file" {
			errs = append(errs, fmt.Errorf("%s: only local files can be opened", u.String()))
			continue
		}
		paths = append(paths, u.Path())
	}
	if len(errs) > 0 {
		a.showError(errors.Join(errs...))
	}
	if len(paths) > 0 {
		a.openFiles(paths)
	}
}

// loaded is the outcome of loading one file.
type loaded struct {
	layer   *render.Layer
	notices []string
	err     error
}

// openFiles loads files as user layers: off the UI thread in the app,
// inline in tests. A file that fails changes nothing; its error names the
// file and the fault. The others are added.
func (a *Atlas) openFiles(paths []string) {
	existing := append([]*render.Layer(nil), a.layers...)
	n := a.userN
	load := func() []loaded {
		out := make([]loaded, len(paths))
		for i, p := range paths {
			if !hasExt(p, geojsonExts) {
				out[i].err = fmt.Errorf("%s: not a GeoJSON file (expected %s)", p, strings.Join(geojsonExts, " or "))
				continue
			}
			l, notices, err := export.LoadUserLayer(p, existing, n)
			out[i] = loaded{l, notices, err}
			if err == nil {
				existing = append(existing, l)
				n++
			}
		}
		return out
	}
	if !a.async {
		a.addLoaded(load())
		return
	}
	go func() {
		res := load()
		fyne.Do(func() { a.addLoaded(res) })
	}()
}

// addLoaded adds the layers that loaded and reports the failures.
func (a *Atlas) addLoaded(res []loaded) {
	var errs []error
	var notices []string
	added := 0
	for _, r := range res {
		if r.err != nil {
			errs = append(errs, r.err)
			continue
		}
		// The id was made unique against the layers when loading started;
		// check again, as another load may have finished meanwhile.
		for a.layerByID(r.layer.ID) != nil {
			r.layer.ID += "-2"
		}
		a.layers = append(a.layers, r.layer)
		a.opacity[r.layer.ID] = 1
		a.userN++
		added++
		notices = append(notices, r.notices...)
	}
	if added > 0 {
		a.panel.rebuild()
		a.redraw()
	}
	if len(errs) > 0 {
		a.showError(errors.Join(errs...))
	} else if len(notices) > 0 {
		dialog.ShowInformation("Loaded with notes", strings.Join(notices, "\n"), a.win)
	}
}

func hasExt(path string, exts []string) bool {
	e := strings.ToLower(filepath.Ext(path))
	for _, x := range exts {
		if e == x {
			return true
		}
	}
	return false
}
