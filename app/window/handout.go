package window

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/corridor-atlas/corridor-atlas/app/export"
	"github.com/corridor-atlas/corridor-atlas/app/render"
)

// exportHandout asks where to write the briefing handout (every scene
// as a page of one PDF, as `corridor-atlas export --all-scenes
// FILE.pdf` writes it) and writes it.
func (a *Atlas) exportHandout() {
	if len(a.scenes) == 0 {
		a.showError(errors.New("export handout: the project has no scenes yet: add the views to brief with Scenes → Add Scene (Ctrl+D)"))
		return
	}
	name := a.projectName() + "-handout.pdf"
	if a.exportTo != "" {
		a.runHandout(a.exportTo)
		return
	}
	a.pickSaveFile(name, ".pdf", a.runHandout)
}

// runHandout writes the handout to path off the UI thread, with a
// progress dialog, and reports the file or the error.
func (a *Atlas) runHandout(path string) {
	p := a.projectState()
	cat := a.catalogue()
	h := export.Handout{Out: path, Title: a.projectName()}
	for i := range p.Scenes {
		sc := &p.Scenes[i]
		h.Pages = append(h.Pages, export.HandoutPage{Name: sc.Name, Note: sc.Note,
			Options: func(w, ht int, dpi float64) export.Options {
				base := export.Defaults()
				base.Out, base.Format = path, export.FormatPDF
				base.Width, base.Height, base.DPI = w, ht, dpi
				return p.ExportOptions(sc, base, cat)
			}})
	}
	progress := dialog.NewCustomWithoutButtons("Exporting handout…",
		container.NewVBox(widget.NewLabel(fmt.Sprintf("%s · %d scenes", filepath.Base(path), len(h.Pages))), widget.NewProgressBarInfinite()), a.win)
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
		msg := fmt.Sprintf("%s\n%d pages (one a scene), A4 landscape, %s", res.Path, len(h.Pages), byteSize(res.Bytes))
		if len(res.Notices) > 0 {
			msg += "\n\n" + strings.Join(res.Notices, "\n")
		}
		a.showInfo("Handout finished", msg)
	}
	run := func() (*export.Result, error) { return export.WriteHandout(h, cat, render.New()) }
	if !a.async {
		done(run())
		return
	}
	go func() {
		res, err := run()
		fyne.Do(func() { done(res, err) })
	}()
}
