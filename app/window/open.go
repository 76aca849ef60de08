package window

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/corridor-atlas/corridor-atlas/app/export"
	"github.com/corridor-atlas/corridor-atlas/app/project"
	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// geojsonExts are the file name endings Open and drag-and-drop accept.
var geojsonExts = []string{".geojson", ".json"}

// csvExts are the endings of flow data files.
var csvExts = []string{".csv"}

// bigFileBytes is the size from which a GeoJSON file loads with a
// progress bar and a Cancel button (issue 5: files over 10 MB). Below it
// a load takes a fraction of a second and a dialog would only flash.
var bigFileBytes int64 = 10 << 20

// fileDialogSize is the size of the file choosers: room for long names.
var fileDialogSize = fyne.NewSize(800, 560)

// pickOpenFile asks for an existing file with one of exts, then calls
// then with its path; nothing happens when the user cancels.
func (a *Atlas) pickOpenFile(exts []string, then func(path string)) {
	if a.pickOpen != nil {
		a.pickOpen(exts, then)
		return
	}
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
		then(path)
	}, a.win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	d.Resize(fileDialogSize)
	a.showModal(d, nil, d.Dismiss)
}

// pickSaveFile asks where to write a file ending in ext, suggesting name.
// Callers never write through the dialog's writer: they write a temporary
// file and rename it over the path, and the writer (see deferTruncation)
// leaves the chosen file untouched until then. A name typed without the
// extension gets it; an empty file under the bare name (Fyne's own file
// repository would have made one) is removed.
func (a *Atlas) pickSaveFile(name, ext string, then func(path string)) {
	if a.pickSave != nil {
		a.pickSave(name, ext, then)
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			a.showError(err)
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		w.Close()
		if !strings.EqualFold(filepath.Ext(path), ext) {
			if st, err := os.Stat(path); err == nil && st.Size() == 0 {
				os.Remove(path)
			}
			path += ext
		}
		then(path)
	}, a.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	d.SetFileName(name)
	d.Resize(fileDialogSize)
	a.showModal(d, nil, d.Dismiss)
}

// pickFolderPath asks for a folder (PNG frames of an animation).
func (a *Atlas) pickFolderPath(then func(path string)) {
	if a.pickFolder != nil {
		a.pickFolder(then)
		return
	}
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			a.showError(err)
			return
		}
		if u == nil {
			return
		}
		then(u.Path())
	}, a.win)
	d.Resize(fileDialogSize)
	a.showModal(d, nil, d.Dismiss)
}

// openDialog asks for a GeoJSON file and loads it under "Your data".
func (a *Atlas) openDialog() {
	a.pickOpenFile(geojsonExts, func(path string) { a.openFiles([]string{path}) })
}

// openFlowsDialog asks for a flows CSV and adds its flows.
func (a *Atlas) openFlowsDialog() {
	a.pickOpenFile(csvExts, a.openFlowCSV)
}

// dropped opens what was dropped onto the window: a project (.catlas),
// flow data (.csv) or GeoJSON layers.
func (a *Atlas) dropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	var errs []error
	for _, u := range uris {
		if u.Scheme() != "file" {
			errs = append(errs, fmt.Errorf("%s: only local files can be opened", u.String()))
			continue
		}
		p := u.Path()
		switch {
		case hasExt(p, []string{project.Ext}):
			if len(uris) > 1 {
				errs = append(errs, fmt.Errorf("%s: drop a project on its own, not with other files", p))
				continue
			}
			a.openProjectAsking(p)
		case hasExt(p, csvExts):
			a.openFlowCSV(p)
		default:
			paths = append(paths, p)
		}
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
	path    string
	layer   *render.Layer
	notices []string
	err     error
}

// openFiles loads files as user layers, off the UI thread (inline in
// tests). Files over bigFileBytes show a progress bar with Cancel; a
// cancelled load adds nothing, not even the files already read. A file
// that fails changes nothing; its error names the file and the fault.
// The others are added.
func (a *Atlas) openFiles(paths []string) {
	existing := append([]*render.Layer(nil), a.layers...)
	n := a.userN
	sizes := make([]int64, len(paths))
	var total int64
	big := false
	for i, p := range paths {
		if st, err := os.Stat(p); err == nil {
			sizes[i] = st.Size()
			total += sizes[i]
			big = big || sizes[i] > bigFileBytes
		}
	}
	work := func(t *task) (any, error) {
		out := make([]loaded, len(paths))
		var done int64
		for i, p := range paths {
			out[i].path = p
			if !hasExt(p, geojsonExts) {
				out[i].err = fmt.Errorf("%s: not a GeoJSON file (expected %s)", p, strings.Join(geojsonExts, " or "))
				continue
			}
			opt := load.Options{Cancel: t.cancel}
			if big && total > 0 {
				text := fmt.Sprintf("Reading %s (%s)…", filepath.Base(p), byteSize(sizes[i]))
				before, size := float64(done), float64(sizes[i])
				t.progress(before/float64(total), text)
				opt.Progress = func(f float64) { t.progress((before+f*size)/float64(total), "") }
			}
			l, notices, err := export.LoadUserLayerWith(p, existing, n, opt)
			if errors.Is(err, load.ErrCancelled) {
				return nil, err
			}
			if err == nil {
				l.IndexForPicking() // here, off the UI thread: the first hover stays quick
			}
			out[i] = loaded{p, l, notices, err}
			if err == nil {
				existing = append(existing, l)
				n++
			}
			done += sizes[i]
		}
		return out, nil
	}
	title := "Opening " + filepath.Base(paths[0])
	if len(paths) > 1 {
		title = fmt.Sprintf("Opening %d files", len(paths))
	}
	a.startTask(title, fmt.Sprintf("%s to read", byteSize(total)), big, work, func(res any, err error) {
		if errors.Is(err, load.ErrCancelled) {
			return // cancelled: nothing was added
		}
		if err != nil {
			a.showError(err)
			return
		}
		a.addLoaded(res.([]loaded))
	})
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
		a.style[r.layer] = r.layer.Style
		if abs, err := filepath.Abs(r.path); err == nil {
			a.files[r.layer] = abs
		} else {
			a.files[r.layer] = r.path
		}
		a.userN++
		added++
		notices = append(notices, r.notices...)
	}
	if added > 0 {
		a.panel.rebuild()
		a.setDirty()
		a.redraw()
	}
	if len(errs) > 0 {
		a.showError(errors.Join(errs...))
	} else if len(notices) > 0 {
		a.showInfo("Loaded with notes", strings.Join(notices, "\n"))
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
