package window

import (
	"errors"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/corridor-atlas/corridor-atlas/app/export"
	"github.com/corridor-atlas/corridor-atlas/app/render"
)

// handoutPapers are the pages the window prints a handout on, as the
// command line's --size takes them; the first is the default. The
// preferences keep the key of the one chosen last.
var handoutPapers = []struct {
	key   string
	paper export.PrintSize
}{
	{"handout.paper.a4", export.PrintSize{W: 297, H: 210}},
	{"handout.paper.a4_portrait", export.PrintSize{W: 210, H: 297}},
	{"handout.paper.a3", export.PrintSize{W: 420, H: 297}},
	{"handout.paper.a3_portrait", export.PrintSize{W: 297, H: 420}},
}

// handoutQuestion is the open handout dialog: the paper, then where.
type handoutQuestion struct {
	d     *dialog.CustomDialog
	paper *widget.Select
	save  *widget.Button
}

// exportHandout asks on which paper and where to write the briefing
// handout (every scene as a page of one PDF, as `corridor-atlas export
// --all-scenes FILE.pdf` writes it) and writes it.
func (a *Atlas) exportHandout() {
	if len(a.scenes) == 0 {
		a.showError(errors.New(tr("handout.no_scenes", map[string]any{"Menu": tr("menu.view"), "Item": strings.TrimSuffix(tr("menu.view.add_scene"), "…")})))
		return
	}
	labels := make([]string, len(handoutPapers))
	for i, p := range handoutPapers {
		labels[i] = tr(p.key)
	}
	q := &handoutQuestion{paper: widget.NewSelect(labels, nil)}
	q.paper.SetSelectedIndex(a.handoutPaper)
	intro := widget.NewLabel(tr("handout.intro"))
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(intro, widget.NewForm(widget.NewFormItem(tr("handout.paper"), q.paper)))
	q.d = dialog.NewCustomWithoutButtons(tr("handout.title"), body, a.win)
	cancel := widget.NewButton(tr("dialog.cancel"), func() {
		q.d.Hide()
		a.handoutAsk = nil
	})
	q.save = widget.NewButton(tr("handout.save"), func() {
		q.d.Hide()
		a.handoutAsk = nil
		a.handoutPaper = max(q.paper.SelectedIndex(), 0)
		if a.exportTo != "" {
			a.runHandout(a.exportTo)
			return
		}
		a.pickSaveFile(a.projectName()+"-handout.pdf", ".pdf", a.runHandout)
	})
	q.save.Importance = widget.HighImportance
	q.d.SetButtons([]fyne.CanvasObject{cancel, q.save})
	q.d.Resize(fyne.NewSize(460, 0))
	a.handoutAsk = q
	q.d.Show()
}

// runHandout writes the handout to path off the UI thread, with a
// progress dialog, and reports the file or the error.
func (a *Atlas) runHandout(path string) {
	p := a.projectState()
	cat := a.catalogue()
	l := uiLang // the handout speaks the window's language, as its exports do
	paper := handoutPapers[a.handoutPaper]
	h := export.Handout{Out: path, Title: a.projectName(), Lang: l, Paper: &paper.paper}
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
			return tn("handout.done", len(h.Pages), map[string]any{"Paper": tr(paper.key), "Size": byteSize(res.Bytes)})
		})
}
