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
			text += fmt.Sprintf(" · %d %s", in.Features, kindNoun(in.Type))
		}
		options = append(options, text)
		q.names[text] = in.Name
	}
	q.checks = widget.NewCheckGroup(options, nil)
	q.checks.SetSelected(options)
	intro := widget.NewLabel(fmt.Sprintf("%s holds %d layers. Open which?", filepath.Base(path), len(infos)))
	intro.Wrapping = fyne.TextWrapWord
	q.d = dialog.NewCustomWithoutButtons("Open layers", container.NewBorder(intro, nil, nil, nil, container.NewVScroll(q.checks)), a.win)
	cancel := widget.NewButton("Cancel", func() {
		q.d.Hide()
		a.layerAsk = nil
	})
	q.open = widget.NewButton("Open", func() {
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

// kindNoun names a GeoPackage geometry type's features in the plural.
func kindNoun(declared string) string {
	switch strings.TrimPrefix(strings.ToUpper(declared), "MULTI") {
	case "POINT":
		return "points"
	case "LINESTRING", "CURVE":
		return "lines"
	case "POLYGON", "SURFACE":
		return "polygons"
	}
	return "features"
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

// noColumn is the choice of no WKT column.
const noColumn = "(none)"

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
		case wkt != "" && wkt != noColumn && (lat != "" || lon != ""):
			q.status.SetText("Choose latitude and longitude, or a WKT column, not both.")
			q.open.Disable()
		case wkt != "" && wkt != noColumn:
			q.status.SetText("")
			q.open.Enable()
		case lat != "" && lon != "" && lat != lon:
			q.status.SetText("")
			q.open.Enable()
		case lat != "" && lat == lon:
			q.status.SetText("Latitude and longitude must be different columns.")
			q.open.Disable()
		default:
			q.status.SetText("Choose the latitude and longitude columns (decimal degrees or 41°12'30\"N).")
			q.open.Disable()
		}
	}
	q.lat = widget.NewSelect(options, check)
	q.lon = widget.NewSelect(options, check)
	q.wkt = widget.NewSelect(append([]string{noColumn}, options...), check)
	q.lat.PlaceHolder, q.lon.PlaceHolder, q.wkt.PlaceHolder = "(choose)", "(choose)", noColumn
	intro := widget.NewLabel(fmt.Sprintf("No latitude and longitude columns were found by name in %s. Which columns hold the positions?", filepath.Base(path)))
	intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem("Latitude", q.lat),
		widget.NewFormItem("Longitude", q.lon),
		widget.NewFormItem("or WKT geometry", q.wkt),
	)
	q.d = dialog.NewCustomWithoutButtons("Coordinate columns", container.NewVBox(intro, form, q.status), a.win)
	cancel := widget.NewButton("Cancel", func() {
		q.d.Hide()
		a.columnAsk = nil
	})
	q.open = widget.NewButton("Open", func() {
		q.d.Hide()
		a.columnAsk = nil
		c := dataset.Columns{Lat: q.columns[q.lat.Selected], Lon: q.columns[q.lon.Selected]}
		if w := q.wkt.Selected; w != "" && w != noColumn {
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
