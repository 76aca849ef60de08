package window

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/corridor-atlas/corridor-atlas/app/export"
	"github.com/corridor-atlas/corridor-atlas/app/render"
)

// exportPreset is a picture size offered in the export dialog.
type exportPreset struct {
	label         string
	width, height int
	dpi           float64
}

// exportPresets: a slide, a 4K screen and an A4 landscape print at
// 300 dpi; "Custom" takes the typed size.
var exportPresets = []exportPreset{
	{"1920 × 1080 (slide, Full HD)", 1920, 1080, 96},
	{"3840 × 2160 (4K)", 3840, 2160, 96},
	{"A4 landscape, 300 dpi (3508 × 2480)", 3508, 2480, 300},
	{"Custom", 0, 0, 0},
}

// exportSettings are the dialog's choices; the last ones are kept for the
// next export.
type exportSettings struct {
	preset        int
	width, height int
	dpi           float64
	title         string
	legend        bool
	scaleBar      bool
}

func defaultExportSettings() exportSettings {
	return exportSettings{width: 1920, height: 1080, dpi: 96, title: export.DefaultTitle, legend: true, scaleBar: true}
}

// exportOptions turns the window's state and the dialog's choices into
// the options of `corridor-atlas export`: the same code path as the
// command line, framing what the map shows.
func (a *Atlas) exportOptions(set exportSettings, out string) (export.Options, *export.Catalogue) {
	o := export.Defaults()
	o.Out = out
	o.Width, o.Height, o.DPI = set.width, set.height, set.dpi
	if p := exportPresets[set.preset]; p.width > 0 {
		o.Width, o.Height, o.DPI = p.width, p.height, p.dpi
	}
	b := a.mapv.View().Bound()
	b.Min[0], b.Max[0] = math.Max(-180, b.Min[0]), math.Min(180, b.Max[0])
	b.Min[1], b.Max[1] = math.Max(-85, b.Min[1]), math.Min(85, b.Max[1])
	o.BBox = &b
	o.Year, o.Phase = a.year, a.phase
	o.Layers = []string{}
	for _, l := range a.layers {
		if !a.hidden[l.ID] {
			o.Layers = append(o.Layers, l.ID)
		}
	}
	o.Flows = []string{}
	for _, fp := range a.visibleFlows() {
		o.Flows = append(o.Flows, fp.Flow.ID)
	}
	o.Title = set.title
	o.NoLegend, o.NoScaleBar = !set.legend, !set.scaleBar
	cat := &export.Catalogue{Layers: append([]*render.Layer(nil), a.layers...), Flows: a.flows}
	return o, cat
}

// exportDialog asks for size, title and decorations, then for the file
// (unless CORRIDOR_ATLAS_EXPORT_TO preset it), and exports.
func (a *Atlas) exportDialog() {
	set := a.exportSet
	presetLabels := make([]string, len(exportPresets))
	for i, p := range exportPresets {
		presetLabels[i] = p.label
	}
	width := widget.NewEntry()
	height := widget.NewEntry()
	dpi := widget.NewEntry()
	width.SetText(strconv.Itoa(set.width))
	height.SetText(strconv.Itoa(set.height))
	dpi.SetText(strconv.FormatFloat(set.dpi, 'f', -1, 64))
	preset := widget.NewSelect(presetLabels, nil)
	preset.OnChanged = func(s string) {
		for i, p := range exportPresets {
			if p.label != s {
				continue
			}
			if p.width > 0 {
				width.SetText(strconv.Itoa(p.width))
				height.SetText(strconv.Itoa(p.height))
				dpi.SetText(strconv.FormatFloat(p.dpi, 'f', -1, 64))
				width.Disable()
				height.Disable()
				dpi.Disable()
			} else {
				width.Enable()
				height.Enable()
				dpi.Enable()
			}
			set.preset = i
		}
	}
	preset.SetSelectedIndex(set.preset)
	title := widget.NewEntry()
	title.SetText(set.title)
	legend := widget.NewCheck("Legend", nil)
	legend.SetChecked(set.legend)
	scaleBar := widget.NewCheck("Scale bar", nil)
	scaleBar.SetChecked(set.scaleBar)
	note := widget.NewLabel("The attribution line is always drawn. The export frames what the map shows, at the timeline's year.")
	note.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem("Size", preset),
		widget.NewFormItem("Width (px)", width),
		widget.NewFormItem("Height (px)", height),
		widget.NewFormItem("DPI", dpi),
		widget.NewFormItem("Title", title),
		widget.NewFormItem("", container.NewHBox(legend, scaleBar)),
		widget.NewFormItem("", note),
	}
	d := dialog.NewForm("Export PNG", "Export…", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		set.title = title.Text
		set.legend, set.scaleBar = legend.Checked, scaleBar.Checked
		var err error
		if set.width, err = strconv.Atoi(strings.TrimSpace(width.Text)); err != nil {
			a.showError(fmt.Errorf("export: width %q is not a whole number", width.Text))
			return
		}
		if set.height, err = strconv.Atoi(strings.TrimSpace(height.Text)); err != nil {
			a.showError(fmt.Errorf("export: height %q is not a whole number", height.Text))
			return
		}
		if set.dpi, err = strconv.ParseFloat(strings.TrimSpace(dpi.Text), 64); err != nil {
			a.showError(fmt.Errorf("export: dpi %q is not a number", dpi.Text))
			return
		}
		a.exportSet = set
		if a.exportTo != "" {
			a.runExport(set, a.exportTo)
			return
		}
		a.saveDialog(set)
	}, a.win)
	// Enter in the title exports: with the preset file, Ctrl+E, Enter is
	// a whole export from the keyboard.
	title.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
	a.win.Canvas().Focus(title)
}

// saveDialog asks where to write the PNG.
func (a *Atlas) saveDialog(set exportSettings) {
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
		if !strings.EqualFold(filepath.Ext(path), ".png") {
			// Fyne created (empty) the name as typed; write NAME.png instead.
			if st, err := os.Stat(path); err == nil && st.Size() == 0 {
				os.Remove(path)
			}
			path += ".png"
		}
		a.runExport(set, path)
	}, a.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png"}))
	d.SetFileName(fmt.Sprintf("corridor-atlas-%s.png", render.YearLabel(a.year)))
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// runExport renders and writes the PNG through export.RunWith off the UI
// thread, with a progress dialog, and reports the file or the error.
func (a *Atlas) runExport(set exportSettings, path string) {
	o, cat := a.exportOptions(set, path)
	progress := dialog.NewCustomWithoutButtons("Exporting…",
		container.NewVBox(widget.NewLabel(filepath.Base(path)), widget.NewProgressBarInfinite()), a.win)
	progress.Show()
	a.exporting++
	done := func(res *export.Result, err error) {
		a.exporting--
		progress.Hide()
		if err != nil {
			a.showError(err)
			return
		}
		a.lastExport = res.Path
		msg := fmt.Sprintf("%s\n%d × %d px at %g dpi, %s", res.Path, o.Width, o.Height, o.DPI, byteSize(res.Bytes))
		if len(res.Notices) > 0 {
			msg += "\n\n" + strings.Join(res.Notices, "\n")
		}
		dialog.ShowInformation("Export finished", msg, a.win)
	}
	run := func() (*export.Result, error) {
		a.layersMu.RLock()
		defer a.layersMu.RUnlock()
		// A renderer of its own: the export's size would evict the
		// screen's cached base picture from the shared one.
		return export.RunWith(o, cat, render.New())
	}
	if !a.async {
		done(run())
		return
	}
	go func() {
		res, err := run()
		fyne.Do(func() { done(res, err) })
	}()
}

// byteSize formats a file size: "1.4 MB".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
