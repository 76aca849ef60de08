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
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// exportPreset is a picture size offered in the export dialog; key names
// its label.
type exportPreset struct {
	key           string
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
	{"export.preset.slide", 1920, 1080, 0, nil},
	{"export.preset.4k", 3840, 2160, 0, nil},
	{"export.preset.a4", 3508, 2480, 300, &export.PrintSize{W: 297, H: 210}},
	{"export.preset.a3", 4961, 3508, 300, &export.PrintSize{W: 420, H: 297}},
	{"export.preset.custom", 0, 0, 0, nil},
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

// exportKindKeys label the kinds in the dialog, in exportKind order.
var exportKindKeys = []string{"export.kind.png", "export.kind.svg", "export.kind.pdf", "export.kind.gif", "export.kind.frames"}

// exportKinds are the kinds' labels in the window's language.
func exportKinds() []string {
	out := make([]string, len(exportKindKeys))
	for i, k := range exportKindKeys {
		out[i] = tr(k)
	}
	return out
}

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
	return exportSettings{width: 1920, height: 1080, title: export.DefaultTitleIn(uiLang), legend: true, scaleBar: true,
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
	o.Lang = uiLang // the window's export speaks the window's language
	return o, a.catalogue()
}

// exportDialog asks for size, title and decorations, then for the file
// (unless CORRIDOR_ATLAS_EXPORT_TO preset it), and exports.
func (a *Atlas) exportDialog() {
	set := a.exportSet
	presetLabels := make([]string, len(exportPresets))
	for i, p := range exportPresets {
		presetLabels[i] = tr(p.key)
	}
	width := newFormEntry()
	height := newFormEntry()
	dpi := newFormEntry()
	width.SetText(strconv.Itoa(set.width))
	height.SetText(strconv.Itoa(set.height))
	dpi.SetPlaceHolder(tr("export.dpi_auto"))
	dpi.SetText(dpiText(set.dpi))
	preset := widget.NewSelect(presetLabels, nil)
	preset.OnChanged = func(s string) {
		for i, p := range exportPresets {
			if tr(p.key) != s {
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
	legend := widget.NewCheck(tr("export.legend"), nil)
	legend.SetChecked(set.legend)
	scaleBar := widget.NewCheck(tr("export.scale_bar"), nil)
	outline := widget.NewCheck(tr("export.svg_outline"), nil)
	outline.SetChecked(set.outline)
	scaleBar.SetChecked(set.scaleBar)
	note := widget.NewLabel(tr("export.note"))
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
	kinds := exportKinds()
	kind := widget.NewSelect(kinds, nil)
	kind.OnChanged = func(s string) {
		set.kind = exportKind(max(0, slices.Index(kinds, s)))
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
	years := container.NewGridWithColumns(3, from, widget.NewLabelWithStyle(tr("export.years_to"), fyne.TextAlignCenter, fyne.TextStyle{}), to)
	timing := container.NewGridWithColumns(3, fps, widget.NewLabelWithStyle(tr("export.fps_for"), fyne.TextAlignCenter, fyne.TextStyle{}), dur)
	items := []*widget.FormItem{
		widget.NewFormItem(tr("export.kind"), kind),
		widget.NewFormItem(tr("export.size"), preset),
		widget.NewFormItem(tr("export.width"), width),
		widget.NewFormItem(tr("export.height"), height),
		widget.NewFormItem(tr("export.dpi"), dpi),
		widget.NewFormItem(tr("export.title"), title),
		widget.NewFormItem("", container.NewHBox(legend, scaleBar)),
		widget.NewFormItem("", outline),
		widget.NewFormItem(tr("export.years"), years),
		widget.NewFormItem(tr("export.frames"), timing),
		widget.NewFormItem("", note),
	}
	d := dialog.NewForm(tr("export.dialog_title"), tr("export.confirm"), tr("dialog.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		set.title = title.Text
		set.legend, set.scaleBar, set.outline = legend.Checked, scaleBar.Checked, outline.Checked
		var err error
		if set.width, err = strconv.Atoi(strings.TrimSpace(width.Text)); err != nil {
			a.showError(errors.New(tr("export.error.width", map[string]any{"Value": width.Text})))
			return
		}
		if set.height, err = strconv.Atoi(strings.TrimSpace(height.Text)); err != nil {
			a.showError(errors.New(tr("export.error.height", map[string]any{"Value": height.Text})))
			return
		}
		if set.dpi, err = parseDPI(dpi.Text); err != nil {
			a.showError(errors.New(tr("export.error.dpi", map[string]any{"Value": dpi.Text})))
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
			a.pickSaveFile(fmt.Sprintf("corridor-atlas-%s-%s.gif", fileYear(set.from), fileYear(set.to)), ".gif",
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
		return errors.New(tr("export.error.from", map[string]any{"Value": from}))
	}
	t, err := strconv.ParseFloat(strings.TrimSpace(to), 64)
	if err != nil {
		return errors.New(tr("export.error.to", map[string]any{"Value": to}))
	}
	if set.fps, err = strconv.Atoi(strings.TrimSpace(fps)); err != nil {
		return errors.New(tr("export.error.fps", map[string]any{"Value": fps}))
	}
	if set.duration, err = strconv.ParseFloat(strings.TrimSpace(dur), 64); err != nil {
		return errors.New(tr("export.error.duration", map[string]any{"Value": dur}))
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
	a.pickSaveFile(fmt.Sprintf("corridor-atlas-%s%s", fileYear(a.year), ext), ext, func(path string) {
		a.runExport(set, path)
	})
}

// runExport renders and writes the picture (PNG, SVG or PDF) through
// export.Run, the command line's code.
func (a *Atlas) runExport(set exportSettings, path string) {
	o, cat := a.exportOptions(set, path)
	o.Format = set.kind.format()
	a.writeInBackground(tr("export.exporting"), filepath.Base(path), tr("export.finished"), func() (*export.Result, error) {
		// A renderer of its own: the export's size would evict the
		// screen's cached base picture from the shared one. The catalogue
		// is a copy, so no lock is needed while it renders.
		return export.Run(o, cat, render.New())
	}, func(res *export.Result) string {
		if o.Format == export.FormatPNG {
			return tr("export.done.picture", map[string]any{"Width": o.Width, "Height": o.Height, "DPI": uiLang.Number(o.ResolutionDPI(), 2), "Size": byteSize(res.Bytes)})
		}
		w, h := o.PageSize()
		return tr("export.done.vector", map[string]any{"Format": strings.ToUpper(o.Format.String()),
			"WidthMM": uiLang.Number(math.Round(w/72*25.4), 0), "HeightMM": uiLang.Number(math.Round(h/72*25.4), 0),
			"Width": o.Width, "Height": o.Height, "DPI": uiLang.Number(o.ResolutionDPI(), 2), "Size": byteSize(res.Bytes)})
	})
}

// writeInBackground runs write off the UI thread (on it in tests that
// drive the window synchronously) behind a progress dialog titled title
// that names what, then reports the file, report's line about it and any
// notices under heading, or the error. There is nothing to cancel: a
// picture or a handout takes seconds.
func (a *Atlas) writeInBackground(title, what, heading string, write func() (*export.Result, error), report func(*export.Result) string) {
	progress := dialog.NewCustomWithoutButtons(title,
		container.NewVBox(widget.NewLabel(what), widget.NewProgressBarInfinite()), a.win)
	a.showModal(progress, nil, nil)
	a.exporting++
	done := func(res *export.Result, err error) {
		a.exporting--
		progress.Hide()
		if err != nil {
			a.showError(err)
			return
		}
		a.lastExport = res.Path
		msg := res.Path + "\n" + report(res)
		if len(res.Notices) > 0 {
			msg += "\n\n" + strings.Join(res.Notices, "\n")
		}
		a.showInfo(heading, msg)
	}
	if !a.async {
		done(write())
		return
	}
	go func() {
		res, err := write()
		fyne.Do(func() { done(res, err) })
	}()
}

// byteSize formats a file size in the window's language: "1.4 MB",
// "1,4 MB", "1,4 МБ".
func byteSize(n int64) string { return byteSizeIn(uiLang, n) }

// byteSizeIn is byteSize in l, for any goroutine.
func byteSizeIn(l i18n.Lang, n int64) string {
	switch {
	case n >= 1<<20:
		return trIn(l, "size.mb", map[string]any{"N": l.Decimal(float64(n)/(1<<20), 1)})
	case n >= 1<<10:
		return trIn(l, "size.kb", map[string]any{"N": l.Number(math.Round(float64(n)/(1<<10)), 0)})
	}
	return ui.N(l, "size.bytes", int(n), map[string]any{"N": n})
}

// fileYear is a year in a file name: the same in every language, with a
// point, as the command line writes it.
func fileYear(y geo.Year) string { return i18n.EN.Year(float64(y)) }

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
			a.ask(tr("export.replace.title"), tn("export.replace.question", f.Frames, map[string]any{"Folder": filepath.Clean(path)}), func(yes bool) {
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
	lang := uiLang // the worker's messages; uiLang is the UI thread's
	work := func(t *task) (any, error) {
		an.Cancel = t.cancel
		an.Progress = func(done, total int) {
			t.progress(float64(done)/float64(total), trIn(lang, "export.frame_of", map[string]any{"N": done, "Total": total}))
		}
		return export.Animate(an, cat, render.New())
	}
	text := shorten(filepath.Base(filepath.Clean(path)), 40) + " · " + tn("export.frames_count", n, map[string]any{"Width": o.Width, "Height": o.Height})
	a.startTask(tr("export.exporting_animation"), text, true, work, func(res any, err error) {
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
		what := tr("export.what.gif")
		if an.ToFolder() {
			what = tr("export.what.frames")
		}
		msg := r.Path + "\n" + tn("export.done.animation", r.Frames, map[string]any{"What": what, "FPS": an.FPS,
			"Seconds": uiLang.Number(an.Duration, 2), "Width": o.Width, "Height": o.Height,
			"From": uiLang.Year(float64(an.From)), "To": uiLang.Year(float64(an.To))}) + "\n" + byteSize(r.Bytes)
		if r.Colours > 0 {
			msg += ", " + tn("export.colours", r.Colours)
		}
		if len(r.Notices) > 0 {
			msg += "\n\n" + strings.Join(r.Notices, "\n")
		}
		a.showInfo(tr("export.finished"), msg)
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
	if s == "" || strings.EqualFold(s, "auto") || strings.EqualFold(s, tr("export.dpi_auto")) {
		return 0, nil
	}
	return strconv.ParseFloat(s, 64)
}
