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

	"github.com/corridor-atlas/corridor-atlas/app/catalog"
	"github.com/corridor-atlas/corridor-atlas/app/project"
	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/geo/dataset"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
	"github.com/corridor-atlas/corridor-atlas/geo/load/csvgeo"
)

// dataExts are the file name endings Open offers. Drag-and-drop takes
// any file: the format is told from the content.
var dataExts = dataset.Extensions

// csvExts are the endings of flow data files.
var csvExts = []string{".csv"}

// bigFileBytes is the size from which a data file loads with a
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

// openDialog asks for a data file and loads it under "Your data".
func (a *Atlas) openDialog() {
	a.pickOpenFile(dataExts, func(path string) { a.openFiles([]string{path}) })
}

// openFlowsDialog asks for a flows CSV and adds its flows.
func (a *Atlas) openFlowsDialog() {
	a.pickOpenFile(csvExts, a.openFlowCSV)
}

// dropped opens what was dropped onto the window: a project (.catlas),
// flow data (a CSV whose header has flow_id) or data layers of any format
// (a Shapefile's .shp, .dbf, .shx, .prj and .cpg dropped together open
// once).
func (a *Atlas) dropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	var errs []error
	for _, u := range uris {
		if u.Scheme() != "file" {
			errs = append(errs, fmt.Errorf("%s: %s", u.String(), tr("open.error.not_local")))
			continue
		}
		p := u.Path()
		switch {
		case hasExt(p, []string{project.Ext}):
			if len(uris) > 1 {
				errs = append(errs, fmt.Errorf("%s: %s", p, tr("open.error.project_alone")))
				continue
			}
			a.openProjectAsking(p)
		case hasExt(p, csvExts) && isFlowTable(p):
			a.openFlowCSV(p)
		default:
			paths = append(paths, p)
		}
	}
	if len(errs) > 0 {
		a.showError(errors.Join(errs...))
	}
	if len(paths) > 0 {
		a.openFiles(shapefileSets(paths))
	}
}

// loaded is the outcome of loading one source.
type loaded struct {
	src     dataset.Source
	layers  []catalog.UserLayer
	notices []string
	err     error
}

// openFiles loads data files as user layers. For a file that holds
// several layers (a GeoPackage's tables, a zip of Shapefiles) it first
// asks which; a CSV whose coordinate columns cannot be found by name
// asks for them after the others have loaded.
func (a *Atlas) openFiles(paths []string) {
	a.chooseLayers(paths, nil, a.openSources)
}

// chooseLayers turns paths into sources, asking in turn about each file
// of several layers, then calls then with them all (not at all when
// nothing is left to open).
func (a *Atlas) chooseLayers(paths []string, acc []dataset.Source, then func([]dataset.Source)) {
	for i, p := range paths {
		infos, err := dataset.Layers(p)
		if err != nil || len(infos) <= 1 {
			acc = append(acc, dataset.Source{Path: p}) // errors are reported by the load
			continue
		}
		rest := paths[i+1:]
		a.askLayers(p, infos, func(names []string) {
			for _, n := range names {
				acc = append(acc, dataset.Source{Path: p, Layer: n})
			}
			a.chooseLayers(rest, acc, then)
		})
		return
	}
	if len(acc) > 0 {
		then(acc)
	}
}

// openSources loads sources as user layers, off the UI thread (inline in
// tests). Files over bigFileBytes show a progress bar with Cancel; a
// cancelled load adds nothing, not even the files already read. A file
// that fails changes nothing; its error names the file and the fault.
// The others are added.
func (a *Atlas) openSources(srcs []dataset.Source) {
	existing := append([]*render.Layer(nil), a.layers...)
	n := a.userN
	sizes := make([]int64, len(srcs))
	var total int64
	big := false
	for i, src := range srcs {
		if st, err := os.Stat(src.Path); err == nil {
			sizes[i] = st.Size()
			total += sizes[i]
			big = big || sizes[i] > bigFileBytes
		}
	}
	lang := uiLang // the worker's messages; uiLang is the UI thread's
	work := func(t *task) (any, error) {
		out := make([]loaded, len(srcs))
		var done int64
		for i, src := range srcs {
			opt := load.Options{Cancel: t.cancel}
			if big && total > 0 {
				text := trIn(lang, "open.reading", map[string]any{"File": filepath.Base(src.String()), "Size": byteSizeIn(lang, sizes[i])})
				before, size := float64(done), float64(sizes[i])
				t.progress(before/float64(total), text)
				opt.Progress = func(f float64) { t.progress((before+f*size)/float64(total), "") }
			}
			ls, notices, err := catalog.LoadUserLayers(src, existing, n, opt)
			if errors.Is(err, load.ErrCancelled) {
				return nil, err
			}
			out[i] = loaded{src, ls, notices, err}
			for _, l := range ls {
				l.Layer.IndexForPicking() // here, off the UI thread: the first hover stays quick
				existing = append(existing, l.Layer)
				n++
			}
			done += sizes[i]
		}
		return out, nil
	}
	title := tr("open.opening", map[string]any{"File": filepath.Base(srcs[0].String())})
	if len(srcs) > 1 {
		title = tn("open.opening_files", len(srcs))
	}
	a.startTask(title, tr("open.to_read", map[string]any{"Size": byteSize(total)}), big, work, func(res any, err error) {
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

// addLoaded adds the layers that loaded and reports the failures; a CSV
// whose columns were not found is asked about instead.
func (a *Atlas) addLoaded(res []loaded) {
	var errs []error
	var notices []string
	var ask []dataset.Source
	added := 0
	for _, r := range res {
		var nc *csvgeo.NoColumnsError
		if errors.As(r.err, &nc) {
			ask = append(ask, r.src)
			continue
		}
		if r.err != nil {
			errs = append(errs, r.err)
			continue
		}
		for _, ul := range r.layers {
			l := ul.Layer
			// The id was made unique against the layers when loading
			// started; check again, as another load may have finished
			// meanwhile.
			for a.layerByID(l.ID) != nil {
				l.ID += "-2"
			}
			a.layers = append(a.layers, l)
			a.opacity[l.ID] = 1
			a.style[l] = l.Style
			src := ul.Source
			if abs, err := filepath.Abs(src.Path); err == nil {
				src.Path = abs
			}
			a.files[l] = src
			a.userN++
			added++
		}
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
		a.showInfo(tr("open.loaded_with_notes"), strings.Join(notices, "\n"))
	}
	a.askColumnsInTurn(ask)
}

// askColumnsInTurn asks for the geometry columns of each CSV in srcs and
// opens it with them.
func (a *Atlas) askColumnsInTurn(srcs []dataset.Source) {
	if len(srcs) == 0 {
		return
	}
	src := srcs[0]
	b, err := load.ReadFile(src.Path, load.MaxDataFile)
	var t *csvgeo.Table
	if err == nil {
		t, err = csvgeo.Inspect(src.Path, b)
	}
	if err != nil {
		a.showError(err)
		return
	}
	a.askColumns(src.Path, t, func(c dataset.Columns) {
		src.Columns = c
		a.openSources([]dataset.Source{src})
		a.askColumnsInTurn(srcs[1:])
	})
}

// isFlowTable tells a flows CSV (data.ParseFlowCSV's header starts with
// flow_id) from a table of places.
func isFlowTable(path string) bool {
	f, _, err := load.OpenRegular(path, load.MaxDataFile)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, _ := f.Read(head)
	line, _, _ := strings.Cut(strings.TrimPrefix(string(head[:n]), "\uFEFF"), "\n")
	for _, field := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ';' || r == '\t' }) {
		if strings.EqualFold(strings.Trim(strings.TrimSpace(field), `"`), "flow_id") {
			return true
		}
	}
	return false
}

// shapefileSets replaces a Shapefile's side files (.dbf, .shx, .prj,
// .cpg) by its .shp, once: dropping the whole set opens one layer.
func shapefileSets(paths []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range paths {
		if hasExt(p, []string{".dbf", ".shx", ".prj", ".cpg"}) {
			if shp := dataset.ShapefileOf(p); shp != "" {
				p = shp
			}
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
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
