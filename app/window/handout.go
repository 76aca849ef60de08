package window

import (
	"errors"
	"path/filepath"
	"strings"

	"github.com/corridor-atlas/corridor-atlas/app/export"
	"github.com/corridor-atlas/corridor-atlas/app/render"
)

// exportHandout asks where to write the briefing handout (every scene
// as a page of one PDF, as `corridor-atlas export --all-scenes
// FILE.pdf` writes it) and writes it.
func (a *Atlas) exportHandout() {
	if len(a.scenes) == 0 {
		a.showError(errors.New(tr("handout.no_scenes", map[string]any{"Menu": tr("menu.view"), "Item": strings.TrimSuffix(tr("menu.view.add_scene"), "…")})))
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
	l := uiLang // the handout speaks the window's language, as its exports do
	h := export.Handout{Out: path, Title: a.projectName(), Lang: l}
	for i := range p.Scenes {
		sc := &p.Scenes[i]
		h.Pages = append(h.Pages, export.HandoutPage{Name: sc.CaptionIn(l), Note: sc.NoteIn(l),
			Options: func(w, ht int, dpi float64) export.Options {
				base := export.Defaults()
				base.Out, base.Format, base.Lang = path, export.FormatPDF, l
				base.Title = export.DefaultTitleIn(l)
				base.Width, base.Height, base.DPI = w, ht, dpi
				return p.ExportOptions(sc, base, cat)
			}})
	}
	a.writeInBackground(tr("handout.exporting"), filepath.Base(path)+" · "+tn("handout.scenes", len(h.Pages)), tr("handout.finished"),
		func() (*export.Result, error) { return export.WriteHandout(h, cat, render.New()) },
		func(res *export.Result) string {
			return tn("handout.done", len(h.Pages), map[string]any{"Size": byteSize(res.Bytes)})
		})
}
