package window

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/corridor-atlas/corridor-atlas/app/project"
)

// Scenes are the steps of a briefing, kept as project.Scene values in
// the order the project file lists them. The window captures a scene from
// what the map shows (view, year, visible layers and flows), and jumping
// to one flies there and shows what it shows.

// captureScene is the current view as a scene.
func (a *Atlas) captureScene(name, title string) project.Scene {
	v := a.mapv.View()
	s := project.Scene{Name: name, Year: a.year, Layers: []string{}, Flows: []string{}}
	s.SetCaption(uiLang, a.projectLang(), title)
	if v.Valid() {
		s.View = project.NewView(v)
	}
	for _, l := range a.layers {
		if !a.hidden[l.ID] {
			s.Layers = append(s.Layers, l.ID)
		}
	}
	for _, fp := range a.visibleFlows() {
		s.Flows = append(s.Flows, fp.Flow.ID)
	}
	return s
}

// checkSceneName refuses an empty name or one another scene has (names
// are unique ignoring case, as in the project file); skip is the scene
// being renamed, -1 for a new one.
func (a *Atlas) checkSceneName(name string, skip int) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return errors.New(tr("scene.error.no_name"))
	}
	for i, s := range a.scenes {
		if i != skip && strings.EqualFold(s.Name, name) {
			return errors.New(tr("scene.error.taken", map[string]any{"Name": s.Name}))
		}
	}
	return nil
}

// addScene adds the current view as a scene at the end of the list.
func (a *Atlas) addScene(name, title string) error {
	if err := a.checkSceneName(name, -1); err != nil {
		return err
	}
	a.scenes = append(a.scenes, a.captureScene(strings.TrimSpace(name), strings.TrimSpace(title)))
	a.sceneIndex = len(a.scenes) - 1
	a.scenesChanged()
	return nil
}

// renameScene changes a scene's name and caption.
func (a *Atlas) renameScene(i int, name, title string) error {
	if i < 0 || i >= len(a.scenes) {
		return nil
	}
	if err := a.checkSceneName(name, i); err != nil {
		return err
	}
	a.scenes[i].Name = strings.TrimSpace(name)
	a.scenes[i].SetCaption(uiLang, a.projectLang(), strings.TrimSpace(title))
	a.scenesChanged()
	return nil
}

// updateScene replaces scene i's view, year, layers and flows by the
// current ones, keeping its name, caption and note.
func (a *Atlas) updateScene(i int) {
	if i < 0 || i >= len(a.scenes) {
		return
	}
	s := a.captureScene(a.scenes[i].Name, "")
	s.Title, s.Titles, s.Note, s.Notes = a.scenes[i].Title, a.scenes[i].Titles, a.scenes[i].Note, a.scenes[i].Notes
	a.scenes[i] = s
	a.sceneIndex = i
	a.scenesChanged()
}

// moveScene moves scene i one place up (dir < 0) or down the list.
func (a *Atlas) moveScene(i, dir int) {
	j := i + dir
	if i < 0 || j < 0 || i >= len(a.scenes) || j >= len(a.scenes) {
		return
	}
	a.scenes[i], a.scenes[j] = a.scenes[j], a.scenes[i]
	switch a.sceneIndex {
	case i:
		a.sceneIndex = j
	case j:
		a.sceneIndex = i
	}
	a.scenesChanged()
}

// deleteScene removes scene i.
func (a *Atlas) deleteScene(i int) {
	if i < 0 || i >= len(a.scenes) {
		return
	}
	a.scenes = slices.Delete(a.scenes, i, i+1)
	switch {
	case a.sceneIndex == i:
		a.sceneIndex = -1
	case a.sceneIndex > i:
		a.sceneIndex--
	}
	a.scenesChanged()
}

func (a *Atlas) scenesChanged() {
	a.panel.rebuildScenes()
	a.setDirty()
	a.syncCounter()
	if a.presenting {
		a.redraw() // the caption
	}
}

// goToScene shows scene i: its layers and flows at once, then a fly-to
// its view and year. A scene without a view, year, layers or flows keeps
// the window's (the project's, as the file format says).
func (a *Atlas) goToScene(i int) {
	if i < 0 || i >= len(a.scenes) {
		return
	}
	s := a.scenes[i]
	a.sceneIndex = i
	if s.Layers != nil {
		for _, l := range a.layers {
			if slices.Contains(s.Layers, l.ID) {
				delete(a.hidden, l.ID)
			} else {
				a.hidden[l.ID] = true
			}
		}
		if a.sel.layer != nil && a.hidden[a.sel.layer.ID] {
			a.clearSelection()
		}
	}
	if s.Flows != nil {
		for _, fp := range a.flows {
			if slices.Contains(s.Flows, fp.Flow.ID) {
				delete(a.hiddenFlows, fp.Flow.ID)
			} else {
				a.hiddenFlows[fp.Flow.ID] = true
			}
		}
	}
	a.panel.syncChecks()
	a.panel.rebuildScenes()
	cur := a.mapv.View()
	target := cur
	if s.View != nil || s.BBox != nil {
		target = (&project.Project{Projection: a.projKind}).Viewport(&s, max(cur.Width, 1), max(cur.Height, 1), a.mapv.scale)
	}
	y := a.year
	if s.Year != 0 {
		y = a.clampYear(s.Year)
	}
	a.flyToView(target, y, s.Year != 0)
	a.syncCounter()
	a.timeline.sync()
	a.anim.update(a)
	a.redraw()
}

// stepScene goes to the previous or next scene (PageUp/PageDown, a
// presenter's clicker). It stops at the ends: a clicker pressed once too
// often must not jump back to the start in front of the room.
func (a *Atlas) stepScene(dir int) {
	if len(a.scenes) == 0 {
		return
	}
	i := a.sceneIndex + dir
	if a.sceneIndex < 0 {
		i = 0
	}
	i = max(0, min(len(a.scenes)-1, i))
	if i == a.sceneIndex && a.flight == nil {
		return
	}
	a.goToScene(i)
}

// ownCaption is the caption scene s has of its own in the window's
// language, "" when it falls back to the project's language.
func (a *Atlas) ownCaption(s *project.Scene) string {
	if uiLang == a.projectLang() {
		return s.Title
	}
	return s.Titles[string(uiLang)]
}

// captionFallback is what scene s is titled in the window's language
// without a caption of its own there: the project language's, or its
// name.
func (a *Atlas) captionFallback(s *project.Scene) string {
	if uiLang != a.projectLang() && s.Title != "" {
		return s.Title
	}
	return tr("scene.caption.placeholder")
}

// sceneCaption is the caption the map carries in presentation mode: the
// current scene's title, else the atlas's own.
func (a *Atlas) sceneCaption() string {
	if a.sceneIndex >= 0 && a.sceneIndex < len(a.scenes) {
		return a.scenes[a.sceneIndex].CaptionIn(uiLang)
	}
	return ""
}

// sceneForm asks for a scene's name and caption; ok gets them.
// An empty caption falls back to fallback, shown greyed in the field.
func (a *Atlas) sceneForm(title, confirm string, skip int, name, caption, fallback string, ok func(name, caption string)) *dialog.FormDialog {
	nameEntry := newFormEntry()
	nameEntry.SetText(name)
	nameEntry.Validator = func(s string) error { return a.checkSceneName(s, skip) }
	capEntry := newFormEntry()
	capEntry.SetText(caption)
	capEntry.SetPlaceHolder(fallback)
	hint := widget.NewLabel(tr("scene.caption.hint"))
	hint.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem(tr("scene.name"), nameEntry),
		widget.NewFormItem(tr("scene.caption"), capEntry),
		widget.NewFormItem("", hint),
	}
	d := dialog.NewForm(title, confirm, tr("dialog.cancel"), items, func(yes bool) {
		if yes {
			ok(nameEntry.Text, capEntry.Text)
		}
		a.focusMap()
	}, a.win)
	closeWith(d.Hide, d.Submit, nameEntry, capEntry)
	d.Resize(fyne.NewSize(480, 0))
	a.showModal(d, d.Submit, d.Hide)
	a.win.Canvas().Focus(nameEntry)
	return d
}

// addScenePrompt asks for a name and adds the current view as a scene.
func (a *Atlas) addScenePrompt() {
	name := tr("scene.default_name", map[string]any{"N": len(a.scenes) + 1})
	for k := len(a.scenes) + 2; a.checkSceneName(name, -1) != nil; k++ {
		name = tr("scene.default_name", map[string]any{"N": k})
	}
	a.scenePrompt = a.sceneForm(tr("scene.add.title"), tr("scene.add.confirm"), -1, name, "", tr("scene.caption.placeholder"), func(name, caption string) {
		if err := a.addScene(name, caption); err != nil {
			a.showError(err)
		}
	})
}

// renameScenePrompt asks for scene i's new name and caption.
func (a *Atlas) renameScenePrompt(i int) {
	s := a.scenes[i]
	a.scenePrompt = a.sceneForm(tr("scene.rename.title"), tr("scene.rename.confirm"), i, s.Name, a.ownCaption(&s), a.captionFallback(&s), func(name, caption string) {
		if err := a.renameScene(i, name, caption); err != nil {
			a.showError(err)
		}
	})
}

// deleteScenePrompt asks before removing scene i.
func (a *Atlas) deleteScenePrompt(i int) {
	name := a.scenes[i].Name
	d := dialog.NewConfirm(tr("scene.delete.title"), tr("scene.delete.question", map[string]any{"Name": name}), func(ok bool) {
		// The list may have changed meanwhile: find the scene by name.
		if j := slices.IndexFunc(a.scenes, func(s project.Scene) bool { return s.Name == name }); ok && j >= 0 {
			a.deleteScene(j)
		}
		a.focusMap()
	}, a.win)
	a.showModal(d, d.Confirm, d.Hide)
}

// sceneRows fills the panel's Scenes section: one row per scene (click
// to fly there; move up, move down, more), and the add button.
func (p *sidePanel) rebuildScenes() {
	a := p.a
	p.scenes.RemoveAll()
	if len(a.scenes) == 0 {
		hint := widget.NewLabel(tr("scene.hint"))
		hint.Wrapping = fyne.TextWrapWord
		p.scenes.Add(hint)
	}
	p.sceneButtons = p.sceneButtons[:0]
	for i, s := range a.scenes {
		i := i
		label := fmt.Sprintf("%d. %s", i+1, shorten(s.Name, 26))
		jump := widget.NewButtonWithIcon(label, theme.NavigateNextIcon(), func() {
			a.goToScene(i)
			a.focusMap()
		})
		jump.Alignment = widget.ButtonAlignLeading
		if i == a.sceneIndex {
			jump.Importance = widget.HighImportance
		}
		up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { a.moveScene(i, -1); a.focusMap() })
		down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { a.moveScene(i, +1); a.focusMap() })
		if i == 0 {
			up.Disable()
		}
		if i == len(a.scenes)-1 {
			down.Disable()
		}
		var more *widget.Button
		more = widget.NewButtonWithIcon("", theme.MoreVerticalIcon(), func() {
			menu := fyne.NewMenu("",
				fyne.NewMenuItem(tr("scene.menu.rename"), func() { a.renameScenePrompt(i) }),
				fyne.NewMenuItem(tr("scene.menu.update"), func() { a.updateScene(i) }),
				fyne.NewMenuItem(tr("scene.menu.delete"), func() { a.deleteScenePrompt(i) }),
			)
			pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(more).Add(fyne.NewPos(0, more.Size().Height))
			widget.ShowPopUpMenuAtPosition(menu, a.win.Canvas(), pos)
		})
		for _, b := range []*widget.Button{up, down, more} {
			b.Importance = widget.LowImportance
		}
		p.sceneButtons = append(p.sceneButtons, jump)
		p.scenes.Add(container.NewBorder(nil, nil, nil, container.NewHBox(up, down, more), jump))
	}
	add := widget.NewButtonWithIcon(tr("scene.add_current"), theme.ContentAddIcon(), func() { a.addScenePrompt() })
	p.scenes.Add(add)
	p.scenes.Refresh()
}
