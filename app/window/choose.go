package window

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/corridor-atlas/corridor-atlas/geo/dataset"
	"github.com/corridor-atlas/corridor-atlas/geo/load/csvgeo"
)

// The two questions opening a file may need: which layers of a file that
// holds several (a GeoPackage's tables, a zip of Shapefiles), and which
// columns of a CSV hold its positions when their names do not say.

// layerQuestion is the open "which tables?" dialog.
type layerQuestion struct {
	d      *dialog.CustomDialog
	checks *widget.CheckGroup
	open   *widget.Button
	// names maps each option's text to its layer.
	names map[string]string
}

// askLayers asks which layers of path to open, all ticked to begin with,
// and calls then with the ticked ones; nothing happens on Cancel.
func (a *Atlas) askLayers(path string, infos []dataset.Info, then func(names []string)) {
	if a.pickLayers != nil {
		a.pickLayers(path, infos, then)
		return
	}
	q := &layerQuestion{names: map[string]string{}}
	var options []string
	for _, in := range infos {
		text := in.Name
		if in.Title != "" {
			text += " — " + in.Title
		}
		if in.Features >= 0 {
			text += " · " + kindCount(in.Features, in.Type)
		}
		options = append(options, text)
		q.names[text] = in.Name
	}
	q.checks = widget.NewCheckGroup(options, nil)
	q.checks.SetSelected(options)
	intro := widget.NewLabel(tn("choose.layers.intro", len(infos), map[string]any{"File": filepath.Base(path)}))
	intro.Wrapping = fyne.TextWrapWord
	q.d = dialog.NewCustomWithoutButtons(tr("choose.layers.title"), container.NewBorder(intro, nil, nil, nil, container.NewVScroll(q.checks)), a.win)
	cancel := widget.NewButton(tr("dialog.cancel"), func() {
		q.d.Hide()
		a.layerAsk = nil
	})
	q.open = widget.NewButton(tr("dialog.open"), func() {
		q.d.Hide()
		a.layerAsk = nil
		var names []string
		for _, o := range options { // in the file's order
			for _, s := range q.checks.Selected {
				if s == o {
					names = append(names, q.names[o])
				}
			}
		}
		if len(names) > 0 {
			then(names)
		}
	})
	q.open.Importance = widget.HighImportance
	q.checks.OnChanged = func(sel []string) {
		if len(sel) == 0 {
			q.open.Disable()
		} else {
			q.open.Enable()
		}
	}
	q.d.SetButtons([]fyne.CanvasObject{cancel, q.open})
	q.d.Resize(fyne.NewSize(460, min(190+40*float32(len(options)), 560)))
	a.layerAsk = q
	q.d.Show()
}

// kindCount counts a layer's features by its declared geometry type:
// "12 points", "3 lines", "40 polygons" or "7 features".
func kindCount(n int, declared string) string {
	switch strings.TrimPrefix(strings.ToUpper(declared), "MULTI") {
	case "POINT":
		return tn("choose.count.points", n)
	case "LINESTRING", "CURVE":
		return tn("choose.count.lines", n)
	case "POLYGON", "SURFACE":
		return tn("choose.count.polygons", n)
	}
	return tn("choose.count.features", n)
}

// columnQuestion is the open "which columns?" dialog.
type columnQuestion struct {
	d             *dialog.CustomDialog
	lat, lon, wkt *widget.Select
	open          *widget.Button
	status        *widget.Label
	// columns maps each option's text to its column.
	columns map[string]string
}

// noColumn is the choice of no WKT column, in the window's language.
func noColumn() string { return tr("choose.columns.none") }

// askColumns asks which columns of a CSV hold latitude and longitude, or
// WKT geometry, showing each column with its first value, and calls then
// with the choice; nothing happens on Cancel.
func (a *Atlas) askColumns(path string, t *csvgeo.Table, then func(dataset.Columns)) {
	if a.pickColumns != nil {
		a.pickColumns(path, t, then)
		return
	}
	q := &columnQuestion{columns: map[string]string{}}
	var options []string
	for i, h := range t.Header {
		text := h
		if len(t.Sample) > 0 && i < len(t.Sample[0]) && strings.TrimSpace(t.Sample[0][i]) != "" {
			text += " — " + shorten(strings.TrimSpace(t.Sample[0][i]), 24)
		}
		if _, dup := q.columns[text]; dup {
			text = fmt.Sprintf("%s (%d)", text, i+1)
		}
		options = append(options, text)
		q.columns[text] = h
	}
	q.status = widget.NewLabel("")
	q.status.Wrapping = fyne.TextWrapWord
	check := func(string) {
		lat, lon, wkt := q.lat.Selected, q.lon.Selected, q.wkt.Selected
		switch {
		case wkt != "" && wkt != noColumn() && (lat != "" || lon != ""):
			q.status.SetText(tr("choose.columns.not_both"))
			q.open.Disable()
		case wkt != "" && wkt != noColumn():
			q.status.SetText("")
			q.open.Enable()
		case lat != "" && lon != "" && lat != lon:
			q.status.SetText("")
			q.open.Enable()
		case lat != "" && lat == lon:
			q.status.SetText(tr("choose.columns.different"))
			q.open.Disable()
		default:
			q.status.SetText(tr("choose.columns.choose"))
			q.open.Disable()
		}
	}
	q.lat = widget.NewSelect(options, check)
	q.lon = widget.NewSelect(options, check)
	q.wkt = widget.NewSelect(append([]string{noColumn()}, options...), check)
	q.lat.PlaceHolder, q.lon.PlaceHolder, q.wkt.PlaceHolder = tr("choose.columns.placeholder"), tr("choose.columns.placeholder"), noColumn()
	intro := widget.NewLabel(tr("choose.columns.intro", map[string]any{"File": filepath.Base(path)}))
	intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(tr("choose.columns.lat"), q.lat),
		widget.NewFormItem(tr("choose.columns.lon"), q.lon),
		widget.NewFormItem(tr("choose.columns.wkt"), q.wkt),
	)
	q.d = dialog.NewCustomWithoutButtons(tr("choose.columns.title"), container.NewVBox(intro, form, q.status), a.win)
	cancel := widget.NewButton(tr("dialog.cancel"), func() {
		q.d.Hide()
		a.columnAsk = nil
	})
	q.open = widget.NewButton(tr("dialog.open"), func() {
		q.d.Hide()
		a.columnAsk = nil
		c := dataset.Columns{Lat: q.columns[q.lat.Selected], Lon: q.columns[q.lon.Selected]}
		if w := q.wkt.Selected; w != "" && w != noColumn() {
			c = dataset.Columns{WKT: q.columns[w]}
		}
		then(c)
	})
	q.open.Importance = widget.HighImportance
	q.d.SetButtons([]fyne.CanvasObject{cancel, q.open})
	check("")
	q.d.Resize(fyne.NewSize(520, 0))
	a.columnAsk = q
	q.d.Show()
}
