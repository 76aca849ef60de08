package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// shortcut is Ctrl+key (Cmd+key on macOS). Main-menu shortcuts are
// triggered by Fyne itself, wherever the focus is.
func shortcut(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

// shiftShortcut is Ctrl+Shift+key (Cmd+Shift+key on macOS).
func shiftShortcut(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

// projectionItems are the View menu's projections and the keys of
// their names.
var projectionItems = []struct{ kind, label string }{{geo.ConicKind, "menu.view.projection.conic"}, {geo.MercatorKind, "menu.view.projection.mercator"}}

// mainMenu is File, View and Help. The keys shown without a modifier
// (F11, Esc) are handled by the map, as Fyne shortcuts need a modifier.
func (a *Atlas) mainMenu() *fyne.MainMenu {
	newProj := fyne.NewMenuItem(tr("menu.file.new_project"), a.newProject)
	newProj.Shortcut = shortcut(fyne.KeyN)
	newProj.Icon = theme.DocumentCreateIcon()
	openProj := fyne.NewMenuItem(tr("menu.file.open_project"), a.openProjectDialog)
	openProj.Shortcut = shiftShortcut(fyne.KeyO)
	openProj.Icon = theme.FolderOpenIcon()
	save := fyne.NewMenuItem(tr("menu.file.save_project"), func() { a.saveProject(nil) })
	save.Shortcut = shortcut(fyne.KeyS)
	save.Icon = theme.DocumentSaveIcon()
	saveAs := fyne.NewMenuItem(tr("menu.file.save_project_as"), func() { a.saveProjectAs(nil) })
	saveAs.Shortcut = shiftShortcut(fyne.KeyS)
	open := fyne.NewMenuItem(tr("menu.file.open_data"), a.openDialog)
	open.Shortcut = shortcut(fyne.KeyO)
	open.Icon = theme.FileIcon()
	openFlows := fyne.NewMenuItem(tr("menu.file.open_flows"), a.openFlowsDialog)
	openFlows.Shortcut = shiftShortcut(fyne.KeyF)
	exp := fyne.NewMenuItem(tr("menu.file.export"), a.exportDialog)
	exp.Shortcut = shortcut(fyne.KeyE)
	exp.Icon = theme.UploadIcon()
	handout := fyne.NewMenuItem(tr("menu.file.export_handout"), a.exportHandout)
	// Our own Quit: Fyne's automatic one would skip the close intercept,
	// where unsaved changes are asked about and the preferences saved.
	quit := fyne.NewMenuItem(tr("menu.file.quit"), a.quit)
	quit.Shortcut = shortcut(fyne.KeyQ)
	quit.IsQuit = true
	prefs := fyne.NewMenuItem(tr("menu.file.preferences"), a.prefsDialog)
	prefs.Shortcut = shortcut(fyne.KeyComma)
	prefs.Icon = theme.SettingsIcon()
	file := fyne.NewMenu(tr("menu.file"), newProj, openProj, save, saveAs, fyne.NewMenuItemSeparator(),
		open, openFlows, exp, handout, fyne.NewMenuItemSeparator(), prefs, fyne.NewMenuItemSeparator(), quit)

	var items []*fyne.MenuItem
	for i, v := range geo.Views {
		name := v.Name
		it := fyne.NewMenuItem(uiLang.T("view."+name), func() { a.goToView(name) })
		if i < 9 {
			it.Shortcut = shortcut(fyne.KeyName(rune('1' + i)))
		}
		items = append(items, it)
	}
	addScene := fyne.NewMenuItem(tr("menu.view.add_scene"), a.addScenePrompt)
	addScene.Shortcut = shortcut(fyne.KeyD)
	nextScene := fyne.NewMenuItem(tr("menu.view.next_scene"), func() { a.stepScene(1) })
	nextScene.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyPageDown}
	prevScene := fyne.NewMenuItem(tr("menu.view.prev_scene"), func() { a.stepScene(-1) })
	prevScene.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyPageUp}
	present := fyne.NewMenuItem(tr("menu.view.presentation"), func() { a.setPresenting(!a.presenting) })
	present.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF11}
	present.Icon = theme.ViewFullScreenIcon()
	panel := fyne.NewMenuItem(tr("menu.view.side_panel"), a.togglePanel)
	panel.Shortcut = shortcut(fyne.KeyB)
	a.keyItem = fyne.NewMenuItem(tr("menu.view.title_legend"), func() { a.setMapKey(!a.mapKey) })
	a.keyItem.Shortcut = shortcut(fyne.KeyL)
	a.keyItem.Checked = a.mapKey
	a.themeItems = nil
	var themes []*fyne.MenuItem
	for _, t := range themeChoices {
		choice := t
		it := fyne.NewMenuItem(choice.label(), func() { a.setTheme(choice) })
		it.Checked = a.themeChoice == choice
		a.themeItems = append(a.themeItems, it)
		themes = append(themes, it)
	}
	themeMenu := fyne.NewMenuItem(tr("menu.view.theme"), nil)
	themeMenu.ChildMenu = fyne.NewMenu("", themes...)
	a.projItems = nil
	for _, k := range projectionItems {
		it := fyne.NewMenuItem(tr(k.label), func() { a.setProjection(k.kind) })
		it.Checked = a.projKind == k.kind
		a.projItems = append(a.projItems, it)
	}
	projMenu := fyne.NewMenuItem(tr("menu.view.projection"), nil)
	projMenu.ChildMenu = fyne.NewMenu("", a.projItems...)
	a.gridItem = fyne.NewMenuItem(tr("menu.view.graticule"), func() { a.setGraticule(!a.graticule) })
	a.gridItem.Checked = a.graticule
	items = append(items, fyne.NewMenuItemSeparator(), addScene, nextScene, prevScene,
		fyne.NewMenuItemSeparator(), present, panel, a.keyItem, projMenu, a.gridItem, themeMenu)
	view := fyne.NewMenu(tr("menu.view"), items...)

	about := fyne.NewMenuItem(tr("menu.help.about"), a.aboutDialog)
	about.Icon = theme.InfoIcon()
	help := fyne.NewMenu(tr("menu.help"), about)
	for _, m := range []*fyne.Menu{file, view, help} {
		a.guardMenu(m)
	}
	return fyne.NewMainMenu(file, view, help)
}

// guardMenu makes every action of m and its submenus do nothing while a
// dialog is open: Fyne runs a menu item's shortcut whatever is on top.
func (a *Atlas) guardMenu(m *fyne.Menu) {
	for _, it := range m.Items {
		if it.Action != nil {
			it.Action = a.guard(it.Action)
		}
		if it.ChildMenu != nil {
			a.guardMenu(it.ChildMenu)
		}
	}
}

// newToolbar is the row above the map: the panel toggle, open, export
// and presentation.
func (a *Atlas) newToolbar() fyne.CanvasObject {
	return widget.NewToolbar(
		widget.NewToolbarAction(theme.MenuIcon(), a.togglePanel),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.FolderOpenIcon(), a.openDialog),
		widget.NewToolbarAction(theme.DocumentSaveIcon(), a.exportDialog),
		widget.NewToolbarSeparator(),
		toolbarObject{a.measure.button},
		widget.NewToolbarSpacer(),
		widget.NewToolbarAction(theme.ViewFullScreenIcon(), func() { a.setPresenting(true) }),
	)
}

// toolbarObject puts any widget in the toolbar.
type toolbarObject struct{ o fyne.CanvasObject }

// ToolbarObject is part of widget.ToolbarItem.
func (t toolbarObject) ToolbarObject() fyne.CanvasObject { return t.o }

// togglePanel collapses or opens the side panel.
func (a *Atlas) togglePanel() {
	if a.side.Visible() {
		a.side.Hide()
	} else {
		a.side.Show()
	}
	a.root.Refresh()
	a.focusMap()
}

// quit ends the app (File → Quit, Ctrl+Q, closing the window): after
// asking about unsaved changes, it saves the preferences and quits.
func (a *Atlas) quit() {
	a.confirmUnsaved("unsaved.quit", func() {
		a.savePrefs()
		a.close()
		a.exit()
	})
}
