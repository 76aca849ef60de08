package window

import (
	"errors"
	"fmt"
	"image/color"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/corridor-atlas/corridor-atlas/app/catalog"
	"github.com/corridor-atlas/corridor-atlas/app/project"
	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
	"github.com/corridor-atlas/corridor-atlas/geo"
	"github.com/corridor-atlas/corridor-atlas/geo/dataset"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// The window's side of project files (app/project): File → New Project,
// Open Project…, Save and Save As…, the title with the project's name and
// an unsaved-changes marker, and the "save changes?" question before
// unsaved work would be lost (Quit, closing the window, New, Open).

// dirtyMark follows the project's name in the title while it has
// unsaved changes.
const dirtyMark = " •"

// projectName is the open project's name: its file name without the
// extension.
func (a *Atlas) projectName() string {
	if a.projPath == "" {
		return tr("project.untitled")
	}
	return strings.TrimSuffix(filepath.Base(a.projPath), filepath.Ext(a.projPath))
}

// windowTitle is "Corridor Atlas — briefing", with the marker while there
// are unsaved changes; a fresh, untouched session is plain "Corridor Atlas".
func (a *Atlas) windowTitle() string {
	if a.projPath == "" && !a.dirty {
		return Title
	}
	t := Title + " — " + a.projectName()
	if a.dirty {
		t += dirtyMark
	}
	return t
}

func (a *Atlas) updateTitle() { a.win.SetTitle(a.windowTitle()) }

// setDirty records an unsaved edit.
func (a *Atlas) setDirty() {
	if a.dirty {
		return
	}
	a.dirty = true
	a.updateTitle()
}

// hexColour writes a colour as the project file does: "#rrggbb".
func hexColour(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// projectState is the session as a project: the view, the year, every
// layer with its visibility, opacity and (user layers) file and style,
// the visible flows, the flow CSVs and the scenes.
func (a *Atlas) projectState() *project.Project {
	p := &project.Project{Path: a.projPath, Year: a.year, Flows: []string{}, Projection: a.projKind}
	if v := a.mapv.View(); v.Valid() {
		p.View = project.NewView(v)
	}
	for _, l := range a.layers {
		pl := project.Layer{ID: l.ID, Visible: !a.hidden[l.ID], Opacity: a.opacity[l.ID]}
		if l.Group == render.UserGroup {
			pl.File, pl.Table, pl.Columns = project.LayerSource(a.files[l])
			if pl.File == "" {
				continue // not from a file: nothing a project could reopen
			}
			st := a.styleOf(l)
			pl.Style = &project.Style{Colour: hexColour(st.Colour), Width: st.Width, LabelField: st.LabelField}
		}
		p.Layers = append(p.Layers, pl)
	}
	p.Layers = append(p.Layers, a.missing...)
	for _, fp := range a.visibleFlows() {
		p.Flows = append(p.Flows, fp.Flow.ID)
	}
	p.FlowData = slices.Clone(a.flowData)
	p.Scenes = cloneScenes(a.scenes)
	p.Language = string(a.projectLang())
	return p
}

// projectLang is the language the project is written in, fixed as the
// window's language the first time it is needed.
func (a *Atlas) projectLang() i18n.Lang {
	if a.projLang == "" {
		a.projLang = string(uiLang)
	}
	return i18n.Lang(a.projLang)
}

// cloneScenes copies scenes deeply: the window edits its own.
func cloneScenes(in []project.Scene) []project.Scene {
	if in == nil {
		return nil
	}
	out := make([]project.Scene, len(in))
	for i, s := range in {
		if s.View != nil {
			v := *s.View
			s.View = &v
		}
		if s.BBox != nil {
			b := *s.BBox
			s.BBox = &b
		}
		if s.Layers != nil {
			s.Layers = slices.Clone(s.Layers)
		}
		if s.Flows != nil {
			s.Flows = slices.Clone(s.Flows)
		}
		s.Titles, s.Notes = maps.Clone(s.Titles), maps.Clone(s.Notes)
		out[i] = s
	}
	return out
}

// styleOf is a user layer's current style.
func (a *Atlas) styleOf(l *render.Layer) render.UserStyle {
	if st, ok := a.style[l]; ok {
		return st
	}
	return l.Style
}

// saveProjectTo writes the session to path with project.Save: a temporary
// file renamed over the target, so a failed save never leaves a half
// file (and the file Fyne's dialog emptied is replaced whole). On success
// the project is that file and has no unsaved changes.
func (a *Atlas) saveProjectTo(path string) error {
	p := a.projectState()
	if err := p.Save(path); err != nil {
		return err
	}
	a.projPath = path
	a.dirty = false
	a.updateTitle()
	return nil
}

// saveProject saves to the project's file, or asks for one; then runs
// after a successful save (nil: nothing). A failed save reports the error
// and does not run then.
func (a *Atlas) saveProject(then func()) {
	if a.projPath == "" {
		a.saveProjectAs(then)
		return
	}
	if err := a.saveProjectTo(a.projPath); err != nil {
		a.showError(err)
		return
	}
	if then != nil {
		then()
	}
}

// saveProjectAs asks for a file and saves the project there.
func (a *Atlas) saveProjectAs(then func()) {
	name := a.projectName()
	if a.projPath == "" {
		name = tr("project.default_file")
	}
	a.pickSaveFile(name+project.Ext, project.Ext, func(path string) {
		if err := a.saveProjectTo(path); err != nil {
			a.showError(err)
			return
		}
		if then != nil {
			then()
		}
	})
}

// unsavedPrompt is the open "save changes?" question.
type unsavedPrompt struct {
	d                     *dialog.CustomDialog
	save, discard, cancel *widget.Button
}

// confirmUnsaved runs then at once when nothing is unsaved; otherwise it
// asks first: Save (then runs after a successful save), Don't Save (then
// runs) or Cancel (nothing happens). question is the key of the whole
// question ("unsaved.quit"), which names the project.
func (a *Atlas) confirmUnsaved(question string, then func()) {
	if !a.dirty {
		then()
		return
	}
	if a.prompt != nil {
		return // already asking
	}
	msg := widget.NewLabel(tr(question, map[string]any{"Name": a.projectName()}) + "\n\n" + tr("unsaved.lost"))
	msg.Wrapping = fyne.TextWrapWord
	pr := &unsavedPrompt{}
	pr.d = dialog.NewCustomWithoutButtons(tr("unsaved.title"), msg, a.win)
	answer := func(f func()) func() {
		return func() {
			pr.d.Hide()
			a.prompt = nil
			if f != nil {
				f()
			}
		}
	}
	pr.save = widget.NewButtonWithIcon(tr("unsaved.save"), theme.DocumentSaveIcon(), answer(func() { a.saveProject(then) }))
	pr.save.Importance = widget.HighImportance
	pr.discard = widget.NewButton(tr("unsaved.discard"), answer(then))
	pr.cancel = widget.NewButtonWithIcon(tr("dialog.cancel"), theme.CancelIcon(), answer(nil))
	pr.d.SetButtons([]fyne.CanvasObject{pr.cancel, pr.discard, pr.save})
	pr.d.Resize(fyne.NewSize(440, 0))
	a.prompt = pr
	a.showModal(pr.d, pr.save.OnTapped, pr.cancel.OnTapped)
}

// newProject starts an empty session: the embedded layers and flows, the
// default view, no scenes.
func (a *Atlas) newProject() {
	a.confirmUnsaved("unsaved.new", func() {
		cat, err := catalog.Load(catalog.Request{})
		if err != nil {
			a.showError(err)
			return
		}
		a.applyProject(&project.Project{}, cat)
	})
}

// openProjectDialog asks about unsaved changes, then for a project file.
func (a *Atlas) openProjectDialog() {
	a.confirmUnsaved("unsaved.open", func() {
		a.pickOpenFile([]string{project.Ext}, a.openProject)
	})
}

// openProjectAsking opens path after the unsaved-changes question (a
// project dropped on the window).
func (a *Atlas) openProjectAsking(path string) {
	a.confirmUnsaved("unsaved.open", func() { a.openProject(path) })
}

// openedProject is what opening a project produced off the UI thread.
type openedProject struct {
	p        *project.Project
	cat      *catalog.Catalogue
	problems []project.Problem
}

// openProject reads a project and its data off the UI thread (inline in
// tests), with a progress bar and Cancel when its files are big. A
// corrupt or newer-version project shows its error and leaves the session
// as it was; missing or broken data files are listed in one dialog, and
// the rest opens.
func (a *Atlas) openProject(path string) {
	if a.opening {
		a.showError(errors.New(tr("project.already_opening")))
		return
	}
	a.opening = true
	lang := uiLang // the worker's messages; uiLang is the UI thread's
	work := func(t *task) (any, error) {
		p, err := project.Load(path)
		if err != nil {
			return nil, err
		}
		big := false
		for _, l := range p.Layers {
			if l.File != "" && fileSize(l.File) > bigFileBytes {
				big = true
			}
		}
		if big {
			t.requestDialog()
		}
		var names []string
		for _, l := range p.Layers {
			if l.File != "" {
				names = append(names, l.File)
			}
		}
		opt := project.OpenOptions{Cancel: t.cancel, Progress: func(file string) func(float64) {
			i := slices.Index(names, file)
			t.progress(float64(max(i, 0))/float64(max(len(names), 1)), trIn(lang, "task.reading", map[string]any{"File": filepath.Base(file)}))
			return func(f float64) {
				t.progress((float64(max(i, 0))+f)/float64(max(len(names), 1)), "")
			}
		}}
		cat, problems, err := p.Open(opt)
		if err != nil {
			return nil, err
		}
		return openedProject{p, cat, problems}, nil
	}
	a.startTask(tr("project.opening"), shorten(filepath.Base(path), 50), false, work, func(res any, err error) {
		a.opening = false
		if errors.Is(err, load.ErrCancelled) {
			return // the session is as it was
		}
		if err != nil {
			a.showError(err)
			return
		}
		op := res.(openedProject)
		a.applyProject(op.p, op.cat)
		if len(op.problems) > 0 {
			msgs := make([]string, len(op.problems))
			for i, pr := range op.problems {
				msgs[i] = "• " + pr.Msg
			}
			a.showInfo(tr("project.opened_with_problems"), tr("project.opened_without", map[string]any{"File": filepath.Base(path)})+"\n\n"+strings.Join(msgs, "\n"))
		} else if len(op.cat.Notices) > 0 {
			a.showInfo(tr("project.opened_with_notes"), strings.Join(op.cat.Notices, "\n"))
		}
	})
}

// applyProject replaces the session by an opened project: layers, flows,
// visibility, opacity, styles, year, view and scenes.
func (a *Atlas) applyProject(p *project.Project, cat *catalog.Catalogue) {
	old := a.layers
	a.cancelFlight()
	if a.timeline.playing {
		a.timeline.setPlaying(false)
	}
	if a.measure.on {
		a.measure.toggle()
	}
	a.sel, a.hover = selection{}, nil
	a.info.clear()

	a.layers, a.flows = cat.Layers, cat.Flows
	a.hidden, a.hiddenFlows, a.opacity = map[string]bool{}, map[string]bool{}, map[string]float64{}
	a.style, a.files = map[*render.Layer]render.UserStyle{}, map[*render.Layer]dataset.Source{}
	a.missing = nil
	files := map[string]dataset.Source{}
	for _, pl := range p.Layers {
		if !pl.Visible {
			a.hidden[pl.ID] = true
		}
		if pl.File != "" {
			files[pl.ID] = pl.Source()
		}
	}
	a.userN = 0
	for _, l := range a.layers {
		if l.Off && !slices.ContainsFunc(p.Layers, func(pl project.Layer) bool { return pl.ID == l.ID }) {
			a.hidden[l.ID] = true // left out unless the project asks for it
		}
		a.opacity[l.ID] = cat.Shown(l).Opacity
		if l.Group == render.UserGroup {
			a.style[l] = cat.Shown(l).Style
			a.files[l] = files[l.ID]
			a.userN++
		}
	}
	for _, pl := range p.Layers {
		if pl.File != "" && a.layerByID(pl.ID) == nil {
			a.missing = append(a.missing, pl)
		}
	}
	if p.Flows != nil {
		for _, fp := range a.flows {
			if !slices.Contains(p.Flows, fp.Flow.ID) {
				a.hiddenFlows[fp.Flow.ID] = true
			}
		}
	}
	a.flowData = slices.Clone(p.FlowData)
	a.exportSet.from, a.exportSet.to, a.exportSet.duration = 0, 0, 0 // the new span's
	a.scenes = cloneScenes(p.Scenes)
	a.sceneIndex = -1
	a.widthScale = render.WidthScales(a.flows)
	a.year = 0
	a.setSpan()
	switch {
	case p.Year != 0:
		a.year = a.clampYear(p.Year)
	default:
		a.year = max(a.first, a.last-1) // as a new window starts
	}
	a.setProjection(p.Kind())
	switch {
	case p.BBox != nil:
		a.mapv.FitBound(p.BBox.Bound(), a.projectionFor(p.BBox.Bound()))
	case p.View != nil:
		cur := a.mapv.View()
		a.mapv.SetView(p.Viewport(nil, max(cur.Width, 1), max(cur.Height, 1), a.mapv.scale))
	default:
		v, _ := geo.ViewByName(geo.DefaultView)
		a.mapv.FitBound(v.Bound, a.projectionFor(v.Bound))
	}
	a.projPath = p.Path
	a.projLang = p.Language
	a.dirty = false
	a.panel.fill()
	a.timeline.sync()
	a.anim.update(a)
	a.updateTitle()
	a.redraw()
	for _, l := range old {
		if !slices.Contains(a.layers, l) {
			go a.renderer.Forget(l) // off the UI thread: it waits for a frame being drawn
		}
	}
}

// fileSize is a file's size, 0 when it cannot be read.
func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}
