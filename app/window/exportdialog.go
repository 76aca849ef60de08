package window

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/corridor-atlas/corridor-atlas/app/catalog"
	"github.com/corridor-atlas/corridor-atlas/app/export"
	"github.com/corridor-atlas/corridor-atlas/app/outfile"
	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/app/render/vector"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// exportPreset is a picture size offered in the export dialog.
type exportPreset struct {
	label         string
	width, height int
	dpi           float64
	// paper is the page a print preset fills exactly (an SVG's or a
	// PDF's size); nil for a screen.
	paper *export.PrintSize
}

// exportPresets: a slide, a 4K screen and an A4 landscape print at
// 300 dpi; "Custom" takes the typed size. A dpi of 0 is "auto": text and
// lines scale with the picture, so the 4K slide looks like the Full HD one.
var exportPresets = []exportPreset{
	{"1920 × 1080 (slide, Full HD)", 1920, 1080, 0, nil},
	{"3840 × 2160 (4K)", 3840, 2160, 0, nil},
	{"A4 landscape, 300 dpi (3508 × 2480)", 3508, 2480, 300, &export.PrintSize{W: 297, H: 210}},
	{"A3 landscape, 300 dpi (4961 × 3508)", 4961, 3508, 300, &export.PrintSize{W: 420, H: 297}},
	{"Custom", 0, 0, 0, nil},
}

// exportKind is what the export dialog writes.
type exportKind int

const (
	exportPicture exportKind = iota // one PNG
	exportSVG                       // the picture as SVG: real text, named groups
	exportPDF                       // the picture as PDF: real text, layers
	exportGIF                       // an animated GIF of the timeline
	exportFrames                    // the same as numbered PNG frames in a folder
)

// exportKinds label the kinds in the dialog, in exportKind order.
var exportKinds = []string{"Picture (PNG)", "Picture (SVG, for slides and editing)", "Picture (PDF, for print)",
	"Animation (GIF)", "Animation (PNG frames in a folder)"}

// still reports whether the kind is one picture, not an animation.
func (k exportKind) still() bool { return k == exportPicture || k == exportSVG || k == exportPDF }

// format is the file format of a still picture.
func (k exportKind) format() export.Format {
	switch k {
	case exportSVG:
		return export.FormatSVG
	case exportPDF:
		return export.FormatPDF
	}
	return export.FormatPNG
}

// exportForm is the open export dialog's fields, kept for tests.
type exportForm struct {
	d                                      *dialog.FormDialog
	kind, preset                           *widget.Select
	outline                                *widget.Check
	width, height, from, to, fps, duration *formEntry
}

// exportSettings are the dialog's choices; the last ones are kept for the
// next export.
type exportSettings struct {
	kind          exportKind
	preset        int
	width, height int
	dpi           float64
	title         string
	legend        bool
	scaleBar      bool
	// outline writes an SVG's letters as their shapes.
	outline bool
	// The animation: the years of the first and last frames (0: the
	// timeline's span), frames per second and seconds.
	from, to geo.Year
	fps      int
	duration float64
}

func defaultExportSettings() exportSettings {
	return exportSettings{width: 1920, height: 1080, title: export.DefaultTitle, legend: true, scaleBar: true,
		fps: 20}
}

// exportOptions turns the window's state and the dialog's choices into
// the options of `corridor-atlas export`: the same code path as the
// command line, framing what the map shows.
func (a *Atlas) exportOptions(set exportSettings, out string) (export.Options, *catalog.Catalogue) {
	o := export.Defaults()
	o.Out = out
	o.Width, o.Height, o.DPI = set.width, set.height, set.dpi
	if p := exportPresets[set.preset]; p.width > 0 {
		o.Width, o.Height, o.DPI = p.width, p.height, p.dpi
		if p.paper != nil {
			o.SetSize(export.SizeSpec{Print: p.paper})
		}
	}
	if set.outline {
		o.SVGText = vector.SVGOutline
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
	o.Projection, o.Graticule = a.projKind, a.graticule
	return o, a.catalogue()
}

// exportDialog asks for size, title and decorations, then for the file
// (unless CORRIDOR_ATLAS_EXPORT_TO preset it), and exports.
func (a *Atlas) exportDialog() {
	set := a.exportSet
	presetLabels := make([]string, len(exportPresets))
	for i, p := range exportPresets {
		presetLabels[i] = p.label
	}
	width := newFormEntry()
	height := newFormEntry()
	dpi := newFormEntry()
	width.SetText(strconv.Itoa(set.width))
	height.SetText(strconv.Itoa(set.height))
	dpi.SetPlaceHolder("auto")
	dpi.SetText(dpiText(set.dpi))
	preset := widget.NewSelect(presetLabels, nil)
	preset.OnChanged = func(s string) {
		for i, p := range exportPresets {
			if p.label != s {
				continue
			}
			if p.width > 0 {
				width.SetText(strconv.Itoa(p.width))
				height.SetText(strconv.Itoa(p.height))
				dpi.SetText(dpiText(p.dpi))
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
	title := newFormEntry()
	title.SetText(set.title)
	legend := widget.NewCheck("Legend", nil)
	legend.SetChecked(set.legend)
	scaleBar := widget.NewCheck("Scale bar", nil)
	outline := widget.NewCheck("SVG letters as shapes (for programs without the font)", nil)
	outline.SetChecked(set.outline)
	scaleBar.SetChecked(set.scaleBar)
	note := widget.NewLabel("The attribution line is always drawn. The export frames what the map shows, at the timeline's year (a picture) or over the years (an animation).")
	note.Wrapping = fyne.TextWrapWord
	if set.from == 0 || set.to == 0 {
		set.from, set.to = a.first, a.last
	}
	if set.duration <= 0 {
		set.duration = float64(set.to-set.from) / yearsPerSecond // as the timeline plays at 1×
	}
	from, to, fps, dur := newFormEntry(), newFormEntry(), newFormEntry(), newFormEntry()
	from.SetText(strconv.FormatFloat(float64(set.from), 'f', -1, 64))
	to.SetText(strconv.FormatFloat(float64(set.to), 'f', -1, 64))
	fps.SetText(strconv.Itoa(set.fps))
	dur.SetText(strconv.FormatFloat(set.duration, 'f', -1, 64))
	animFields := []*formEntry{from, to, fps, dur}
	kind := widget.NewSelect(exportKinds, nil)
	kind.OnChanged = func(s string) {
		set.kind = exportKind(max(0, slices.Index(exportKinds, s)))
		if set.kind == exportSVG {
			outline.Enable()
		} else {
			outline.Disable()
		}
		for _, e := range animFields {
			if set.kind.still() {
				e.Disable()
			} else {
				e.Enable()
			}
		}
	}
	kind.SetSelectedIndex(int(set.kind))
	years := container.NewGridWithColumns(3, from, widget.NewLabelWithStyle("to", fyne.TextAlignCenter, fyne.TextStyle{}), to)
	timing := container.NewGridWithColumns(3, fps, widget.NewLabelWithStyle("fps for (s)", fyne.TextAlignCenter, fyne.TextStyle{}), dur)
	items := []*widget.FormItem{
		widget.NewFormItem("Export", kind),
		widget.NewFormItem("Size", preset),
		widget.NewFormItem("Width (px)", width),
		widget.NewFormItem("Height (px)", height),
		widget.NewFormItem("DPI", dpi),
		widget.NewFormItem("Title", title),
		widget.NewFormItem("", container.NewHBox(legend, scaleBar)),
		widget.NewFormItem("", outline),
		widget.NewFormItem("Years", years),
		widget.NewFormItem("Frames", timing),
		widget.NewFormItem("", note),
	}
	d := dialog.NewForm("Export", "Export…", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		set.title = title.Text
		set.legend, set.scaleBar, set.outline = legend.Checked, scaleBar.Checked, outline.Checked
		var err error
		if set.width, err = strconv.Atoi(strings.TrimSpace(width.Text)); err != nil {
			a.showError(fmt.Errorf("export: width %q is not a whole number", width.Text))
			return
		}
		if set.height, err = strconv.Atoi(strings.TrimSpace(height.Text)); err != nil {
			a.showError(fmt.Errorf("export: height %q is not a whole number", height.Text))
			return
		}
		if set.dpi, err = parseDPI(dpi.Text); err != nil {
			a.showError(fmt.Errorf("export: dpi %q is not a number (or auto)", dpi.Text))
			return
		}
		if !set.kind.still() {
			if err := parseAnimation(&set, from.Text, to.Text, fps.Text, dur.Text); err != nil {
				a.showError(err)
				return
			}
		}
		a.exportSet = set
		if a.exportTo != "" {
			a.startExport(set, a.exportTo)
			return
		}
		switch set.kind {
		case exportPicture, exportSVG, exportPDF:
			a.saveDialog(set)
		case exportGIF:
			a.pickSaveFile(fmt.Sprintf("corridor-atlas-%s-%s.gif", render.YearLabel(set.from), render.YearLabel(set.to)), ".gif",
				func(path string) { a.runAnimation(set, path) })
		case exportFrames:
			a.pickFolderPath(func(dir string) { a.runAnimation(set, dir+string(filepath.Separator)) })
		}
	}, a.win)
	// Enter in any field exports: with the preset file, Ctrl+E, Enter is
	// a whole export from the keyboard. Esc cancels.
	closeWith(d.Hide, d.Submit, width, height, dpi, title, from, to, fps, dur)
	a.exportUI = &exportForm{d: d, kind: kind, preset: preset, width: width, height: height, outline: outline,
		from: from, to: to, fps: fps, duration: dur}
	d.Resize(fyne.NewSize(560, 0))
	a.showModal(d, d.Submit, d.Hide)
	a.win.Canvas().Focus(title)
}

// parseAnimation reads the dialog's animation fields into set.
func parseAnimation(set *exportSettings, from, to, fps, dur string) error {
	f, err := strconv.ParseFloat(strings.TrimSpace(from), 64)
	if err != nil {
		return fmt.Errorf("export: first year %q is not a number", from)
	}
	t, err := strconv.ParseFloat(strings.TrimSpace(to), 64)
	if err != nil {
		return fmt.Errorf("export: last year %q is not a number", to)
	}
	if set.fps, err = strconv.Atoi(strings.TrimSpace(fps)); err != nil {
		return fmt.Errorf("export: frames per second %q is not a whole number", fps)
	}
	if set.duration, err = strconv.ParseFloat(strings.TrimSpace(dur), 64); err != nil {
		return fmt.Errorf("export: duration %q is not a number of seconds", dur)
	}
	set.from, set.to = geo.Year(f), geo.Year(t)
	return nil
}

// startExport writes the export set asks for to path.
func (a *Atlas) startExport(set exportSettings, path string) {
	if set.kind.still() {
		a.runExport(set, path)
	} else {
		a.runAnimation(set, path)
	}
}

// saveDialog asks where to write the picture. (Fyne's save dialog empties
// the chosen file first; the export writes a temporary file and renames
// it.)
func (a *Atlas) saveDialog(set exportSettings) {
	ext := set.kind.format().Ext()
	a.pickSaveFile(fmt.Sprintf("corridor-atlas-%s%s", render.YearLabel(a.year), ext), ext, func(path string) {
		a.runExport(set, path)
	})
}

// runExport renders and writes the picture through export.RunWith off
// the UI thread, with a progress dialog, and reports the file or the
// error.
func (a *Atlas) runExport(set exportSettings, path string) {
	o, cat := a.exportOptions(set, path)
	o.Format = set.kind.format()
	progress := dialog.NewCustomWithoutButtons("Exporting…",
		container.NewVBox(widget.NewLabel(filepath.Base(path)), widget.NewProgressBarInfinite()), a.win)
	a.showModal(progress, nil, nil) // nothing to cancel: a picture takes a second
	a.exporting++
	done := func(res *export.Result, err error) {
		a.exporting--
		progress.Hide()
		if err != nil {
			a.showError(err)
			return
		}
		a.lastExport = res.Path
		msg := fmt.Sprintf("%s\n%d × %d px at %g dpi, %s", res.Path, o.Width, o.Height, o.ResolutionDPI(), byteSize(res.Bytes))
		if o.Format != export.FormatPNG {
			w, h := o.PageSize()
			msg = fmt.Sprintf("%s\n%s, %.0f × %.0f mm (%d × %d px at %g dpi), %s", res.Path, strings.ToUpper(o.Format.String()),
				w/72*25.4, h/72*25.4, o.Width, o.Height, o.ResolutionDPI(), byteSize(res.Bytes))
		}
		if len(res.Notices) > 0 {
			msg += "\n\n" + strings.Join(res.Notices, "\n")
		}
		a.showInfo("Export finished", msg)
	}
	run := func() (*export.Result, error) {
		// A renderer of its own: the export's size would evict the
		// screen's cached base picture from the shared one. The catalogue
		// is a copy, so no lock is needed while it renders.
		return export.Run(o, cat, render.New())
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

// runAnimation renders the timeline from set.from to set.to through
// export.AnimateWith off the UI thread (inline in tests), with a progress
// bar and Cancel, and reports the file (or folder) and its size. A
// cancelled export leaves nothing behind (AnimateWith removes what it
// wrote).
func (a *Atlas) runAnimation(set exportSettings, path string) {
	a.runAnimationOver(set, path, false)
}

// runAnimationOver is runAnimation, replacing the frames of an earlier
// export in a frames folder when overwrite is set; without it, it asks
// first.
func (a *Atlas) runAnimationOver(set exportSettings, path string, overwrite bool) {
	o, cat := a.exportOptions(set, path)
	an := export.Animation{Options: o, From: set.from, To: set.to, FPS: set.fps, Duration: set.duration, Overwrite: overwrite}
	if err := an.Check(); err != nil {
		a.showError(err)
		return
	}
	if an.ToFolder() && !overwrite {
		f, err := outfile.CheckFolder(filepath.Clean(path), false)
		if errors.Is(err, outfile.ErrFramesThere) {
			a.ask("Replace frames", fmt.Sprintf("%s holds %d frames from an earlier export.\nReplace them with the new animation?", filepath.Clean(path), f.Frames), func(yes bool) {
				if yes {
					a.runAnimationOver(set, path, true)
				}
			})
			return
		}
		if err != nil {
			a.showError(err)
			return
		}
	}
	n := an.Frames()
	a.exporting++
	work := func(t *task) (any, error) {
		an.Cancel = t.cancel
		an.Progress = func(done, total int) {
			t.progress(float64(done)/float64(total), fmt.Sprintf("Frame %d of %d", done, total))
		}
		return export.Animate(an, cat, render.New())
	}
	text := fmt.Sprintf("%s · %d frames, %d × %d px", shorten(filepath.Base(filepath.Clean(path)), 40), n, o.Width, o.Height)
	a.startTask("Exporting animation…", text, true, work, func(res any, err error) {
		a.exporting--
		if errors.Is(err, export.ErrCancelled) {
			return
		}
		if err != nil {
			a.showError(err)
			return
		}
		r := res.(*export.AnimationResult)
		a.lastExport = r.Path
		what := "GIF"
		if an.ToFolder() {
			what = "PNG frames"
		}
		msg := fmt.Sprintf("%s\n%s: %d frames at %d fps (%g s), %d × %d px, %s to %s\n%s",
			r.Path, what, r.Frames, an.FPS, an.Duration, o.Width, o.Height,
			render.YearLabel(an.From), render.YearLabel(an.To), byteSize(r.Bytes))
		if r.Colours > 0 {
			msg += fmt.Sprintf(", %d colours", r.Colours)
		}
		if len(r.Notices) > 0 {
			msg += "\n\n" + strings.Join(r.Notices, "\n")
		}
		a.showInfo("Export finished", msg)
	})
}

// dpiText shows a dpi in the dialog: "auto" (empty) for 0, when text and
// lines scale with the picture.
func dpiText(dpi float64) string {
	if dpi == 0 {
		return ""
	}
	return strconv.FormatFloat(dpi, 'f', -1, 64)
}

// parseDPI reads the dialog's dpi: empty or "auto" is 0.
func parseDPI(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "auto") {
		return 0, nil
	}
	return strconv.ParseFloat(s, 64)
}
