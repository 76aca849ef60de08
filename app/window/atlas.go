package window

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/app/catalog"
	"github.com/corridor-atlas/corridor-atlas/app/project"
	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo"
	"github.com/corridor-atlas/corridor-atlas/geo/dataset"
	"github.com/corridor-atlas/corridor-atlas/geo/load/csvgeo"
)

// presentationLabelScale enlarges labels for a room: 1.5× reads from the
// back of a meeting room on a 1080p projector.
const presentationLabelScale = 1.5

// selection is what a click chose: a feature of a layer, or a flow.
type selection struct {
	layer   *render.Layer
	feature *geojson.Feature
	flow    *render.FlowPath
}

func (s selection) id() string {
	if s.feature != nil {
		return s.layer.FeatureID(s.feature)
	}
	return ""
}

// Atlas is the window: the map, its panels and the state they share.
// Every field is read and written on the UI thread only; the painter gets
// a scene for each frame (see job), exports a catalogue. Layers never
// change once loaded, so they are shared with both as they are.
type Atlas struct {
	app fyne.App
	win fyne.Window
	// async is false in widget tests: frames are drawn by Flush and files
	// are loaded inline, so tests are deterministic.
	async bool

	renderer *render.Renderer
	painter  *painter

	layers      []*render.Layer // every layer, drawing order (user layers last)
	flows       []*render.FlowPath
	widthScale  map[string]float64
	hidden      map[string]bool // layer ids
	hiddenFlows map[string]bool // flow ids
	opacity     map[string]float64
	// style is each user layer's look where the window changed it (see
	// styleOf).
	style map[*render.Layer]render.UserStyle
	// files are the user layers' sources (absolute paths, with their
	// GeoPackage table or CSV columns), for the project.
	files map[*render.Layer]dataset.Source
	userN int // user layers loaded so far, for their colours

	// The project: its file ("" until saved), the flow CSVs loaded, the
	// scenes, and the layers of the opened project whose files did not
	// load (kept, so saving does not drop them silently).
	projPath string
	// projLang is the language the project is written in: its scenes'
	// titles are in it, translations beside them ("" until the project
	// has one: the window's language when it gets its first scene or is
	// saved).
	projLang   string
	flowData   []string
	scenes     []project.Scene
	sceneIndex int // the scene last shown, -1 for none
	missing    []project.Layer
	// dirty is set by edits (layers, styles, flows, scenes) and cleared
	// by saving or opening. Moving the map or the timeline is not an
	// edit: it is saved with the project but never asks to be.
	dirty  bool
	flight *flight
	// exit ends the app once unsaved work is dealt with (tests replace it).
	exit func()

	// projKind is the kind of projection the map is drawn in (geo's
	// MercatorKind or ConicKind); each framed place gets its own fitted
	// projection of that kind. graticule draws lines of longitude and
	// latitude on the map.
	projKind  string
	projItems []*fyne.MenuItem
	graticule bool
	gridItem  *fyne.MenuItem

	year, first, last geo.Year
	phase             float64
	sel               selection
	hover             *geojson.Feature
	presenting        bool
	// blank is the blanked screen while presenting (B); presentPlain
	// hides the title and legend while presenting (L); mapKey shows them
	// on the window's map (View → Title and Legend).
	blank        bool
	presentPlain bool
	mapKey       bool
	keyItem      *fyne.MenuItem
	stage        *stage

	anim    *animator
	measure *measureTool

	mapv     *MapView
	panel    *sidePanel
	timeline *timeline
	info     *infoPanel
	status   *statusLine
	toolbar  fyne.CanvasObject
	bottom   fyne.CanvasObject
	side     fyne.CanvasObject
	root     *fyne.Container

	// lastError is the message of the last error shown, for tests; so
	// are lastInfo (the last information dialog), prompt (the open "save
	// changes?" question), scenePrompt, styleEd and lastTask.
	lastError string
	lastInfo  string
	prompt    *unsavedPrompt
	// modals are the dialogs on screen, oldest first (see modal.go).
	modals      []*modal
	scenePrompt *dialog.FormDialog
	exportUI    *exportForm
	styleEd     *styleEditor
	tasks       int // background tasks running
	lastTask    *task
	opening     bool // a project is being opened
	// Test hooks: onTaskStart runs when an inline task starts, before its
	// work; onTaskProgress with every progress report (any goroutine).
	onTaskStart    func(*task)
	onTaskProgress func(*task, float64)
	// pickOpen, pickSave and pickFolder replace the file choosers.
	pickOpen   func(exts []string, then func(path string))
	pickSave   func(name, ext string, then func(path string))
	pickFolder func(then func(path string))
	// confirm replaces the yes/no dialog (dialog.ShowConfirm).
	confirm func(title, msg string, then func(yes bool))
	// pickLayers and pickColumns replace the questions about a file's
	// layers and a CSV's columns.
	pickLayers  func(path string, infos []dataset.Info, then func(names []string))
	pickColumns func(path string, t *csvgeo.Table, then func(dataset.Columns))
	// layerAsk and columnAsk are the open questions, for tests.
	layerAsk *layerQuestion
	// handoutAsk is the open handout dialog, for tests; handoutPaper is
	// the index in handoutPapers of the paper last chosen (a preference).
	handoutAsk   *handoutQuestion
	handoutPaper int
	columnAsk    *columnQuestion

	viewIndex      int // the named view last framed, for PageUp/PageDown
	sideWasVisible bool
	themeChoice    themeChoice
	themeItems     []*fyne.MenuItem
	// langChoice is the language the preferences ask for, "" for the
	// system's (the language itself is uiLang); prefs is the open
	// Preferences dialog.
	langChoice string
	prefs      *prefsForm
	exportSet  exportSettings
	exporting  int    // exports running
	lastExport string // path of the last finished export, for tests

	// exportTo presets the export dialog's file (CORRIDOR_ATLAS_EXPORT_TO),
	// so automation can export without a file dialog.
	exportTo string
}

// newAtlas builds the window's content in win. async starts the painter
// goroutine and the animation clock; widget tests pass false.
func newAtlas(app fyne.App, win fyne.Window, async bool) (*Atlas, error) {
	cat, err := catalog.Load(catalog.Request{})
	if err != nil {
		return nil, err
	}
	if err := useLanguage(uiLang); err != nil {
		return nil, err
	}
	a := &Atlas{app: app, win: win, async: async, renderer: render.New(),
		layers: cat.Layers, flows: cat.Flows, widthScale: render.WidthScales(cat.Flows),
		hidden: map[string]bool{}, hiddenFlows: map[string]bool{}, opacity: map[string]float64{},
		style: map[*render.Layer]render.UserStyle{}, files: map[*render.Layer]dataset.Source{}, sceneIndex: -1,
		themeChoice: themeSystem, exportSet: defaultExportSettings(), projKind: geo.ConicKind, langChoice: string(uiLang)}
	a.exit = app.Quit
	for _, l := range a.layers {
		a.opacity[l.ID] = 1
		if l.Off {
			a.hidden[l.ID] = true
		}
	}
	flows := make([]*data.Flow, len(a.flows))
	for i, fp := range a.flows {
		flows[i] = fp.Flow
	}
	a.first, a.last = data.Span(flows)
	a.year = a.last - 1 // the last full year of actual figures
	if a.year < a.first {
		a.year = a.first
	}
	a.painter = newPainter(a.renderer, func(f frame) { a.mapv.show(f) })
	a.mapv = NewMapView(a.painter, a.job)
	a.anim = newAnimator(a.tick)
	a.anim.async = async
	a.build()
	a.anim.update(a)
	a.updateTitle()
	if async {
		a.painter.Start()
	}
	return a, nil
}

// build lays the window out: toolbar on top, the side panel left, the
// info panel right, the timeline and status line below, the map in the
// middle.
func (a *Atlas) build() {
	a.status = newStatusLine()
	a.measure = newMeasureTool(a)
	a.info = newInfoPanel(a.clearSelection)
	a.info.onChange = a.syncInfo
	a.timeline = newTimeline(a)
	a.panel = newSidePanel(a)
	a.toolbar = a.newToolbar()
	a.side = a.panel.object()
	a.bottom = container.NewVBox(widget.NewSeparator(), a.timeline.object(), a.status.object())
	a.root = container.NewBorder(a.toolbar, a.bottom, a.side, a.info.object(), a.mapv)
	a.stage = newStage()
	a.stage.curtain.lift = func() { a.setBlank(false) }
	a.win.SetContent(container.NewStack(a.root, a.stage.box))

	a.mapv.OnViewChanged = func(v geo.Viewport) {
		a.status.setView(v)
		a.measure.layout()
	}
	a.mapv.OnPointer = a.pointer
	a.mapv.OnUserMove = a.cancelFlight
	a.mapv.OnTap = a.tap
	a.mapv.OnKey = a.key
	a.win.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		// Nothing focused: a dialog's Enter and Esc (see modal.go), else
		// the window's keys, and the map's own keys reach it.
		if !a.modalKey(e) {
			a.mapv.TypedKey(e)
		}
	})
	a.win.Canvas().SetOnTypedRune(func(r rune) {
		if !a.modalOpen() {
			a.mapv.TypedRune(r)
		}
	})
	a.win.SetOnDropped(a.dropped)
	a.win.SetMainMenu(a.mainMenu())
	a.mapv.FitBound(geo.Views[0].Bound, a.projectionFor(geo.Views[0].Bound))
	a.timeline.sync()
}

// scene builds the scene the window shows at viewport v.
func (a *Atlas) scene(v geo.Viewport) *render.Scene {
	s := &render.Scene{View: v, Year: a.year, Phase: a.phase, WidthScale: a.widthScale, ScaleBar: true, Graticule: a.graticule, Lang: uiLang}
	for _, l := range a.layers {
		if !a.hidden[l.ID] {
			s.Layers = append(s.Layers, a.shown(l))
		}
	}
	for _, fp := range a.flows {
		if !a.hiddenFlows[fp.Flow.ID] {
			s.Flows = append(s.Flows, fp)
		}
	}
	s.HighlightFeature = a.hover
	if s.HighlightFeature == nil {
		s.HighlightFeature = a.sel.feature
	}
	s.HighlightFlow = a.sel.flow
	if a.presenting {
		s.LabelScale = presentationLabelScale
	}
	if a.decorated() {
		// The panels are hidden, or the map is wanted as the export shows
		// it: the picture carries its own title, year and legend.
		a.decorate(s)
	}
	return s
}

// job is the painter's work order for viewport v.
func (a *Atlas) job(v geo.Viewport) *job { return &job{scene: a.scene(v)} }

// shown is a layer as the window draws it: with its opacity slider and,
// for a user layer, its style.
func (a *Atlas) shown(l *render.Layer) render.SceneLayer {
	return l.Shown(&render.Look{Opacity: a.opacity[l.ID], Style: a.styleOf(l)})
}

// redraw asks for a frame of the current state.
func (a *Atlas) redraw() { a.mapv.Invalidate() }

// flowsDrawn reports whether any visible flow has a value at the year,
// i.e. whether the direction dashes are on screen at all.
func (a *Atlas) flowsDrawn() bool {
	for _, fp := range a.flows {
		if a.hiddenFlows[fp.Flow.ID] {
			continue
		}
		if _, _, ok := fp.Flow.At(a.year); ok {
			return true
		}
	}
	return false
}

// setLayerVisible shows or hides a layer.
func (a *Atlas) setLayerVisible(id string, on bool) {
	if a.hidden[id] == !on {
		return
	}
	if on {
		delete(a.hidden, id)
	} else {
		a.hidden[id] = true
	}
	if !on && a.sel.layer != nil && a.sel.layer.ID == id {
		a.clearSelection()
	}
	a.setDirty()
	a.redraw()
}

// setFlowVisible shows or hides a flow.
func (a *Atlas) setFlowVisible(id string, on bool) {
	if a.hiddenFlows[id] == !on {
		return
	}
	if on {
		delete(a.hiddenFlows, id)
	} else {
		a.hiddenFlows[id] = true
	}
	a.setDirty()
	a.anim.update(a)
	a.redraw()
}

// setOpacity changes a layer's opacity.
func (a *Atlas) setOpacity(id string, o float64) {
	if a.opacity[id] == o {
		return
	}
	a.opacity[id] = o
	a.setDirty()
	a.redraw()
}

// layerByID finds a loaded layer.
func (a *Atlas) layerByID(id string) *render.Layer {
	i := slices.IndexFunc(a.layers, func(l *render.Layer) bool { return l.ID == id })
	if i < 0 {
		return nil
	}
	return a.layers[i]
}

// removeLayer drops a user layer.
func (a *Atlas) removeLayer(l *render.Layer) {
	i := slices.Index(a.layers, l)
	if i < 0 || l.Group != render.UserGroup {
		return
	}
	a.layers = slices.Delete(a.layers, i, i+1)
	delete(a.hidden, l.ID)
	delete(a.opacity, l.ID)
	delete(a.style, l)
	delete(a.files, l)
	if a.sel.layer == l {
		a.clearSelection()
	}
	a.hover = nil // it may be one of the layer's features: found again at the next move
	go a.renderer.Forget(l)
	a.panel.rebuild()
	a.setDirty()
	a.redraw()
}

// moveLayer moves a user layer up (towards the top of the drawing order,
// dir > 0) or down among the user layers.
func (a *Atlas) moveLayer(l *render.Layer, dir int) {
	i := slices.Index(a.layers, l)
	j := i + dir
	if i < 0 || j < 0 || j >= len(a.layers) || a.layers[j].Group != render.UserGroup {
		return
	}
	a.layers[i], a.layers[j] = a.layers[j], a.layers[i]
	a.panel.rebuild()
	a.setDirty()
	a.redraw()
}

// userLayers lists the user layers, top of the drawing order first (as
// the panel shows them).
func (a *Atlas) userLayers() []*render.Layer {
	var out []*render.Layer
	for i := len(a.layers) - 1; i >= 0; i-- {
		if a.layers[i].Group == render.UserGroup {
			out = append(out, a.layers[i])
		}
	}
	return out
}

// projectionFor is the projection the window draws b in: the kind chosen
// in the View menu (or the project), fitted to b.
func (a *Atlas) projectionFor(b orb.Bound) *geo.Projection {
	p, _ := geo.ProjectionFor(a.projKind, b)
	return p
}

// setProjection draws the map in a kind of projection, fitted to what it
// shows now: the same centre and ground scale, a new zoom of prepared
// geometry (nothing is loaded again).
func (a *Atlas) setProjection(kind string) {
	for i, it := range a.projItems {
		it.Checked = projectionItems[i].kind == kind
	}
	if m := a.win.MainMenu(); m != nil {
		m.Refresh()
	}
	if a.projKind == kind {
		return
	}
	a.projKind = kind
	a.cancelFlight()
	if v := a.mapv.View(); v.Valid() {
		a.mapv.SetView(v.Reproject(a.projectionFor(v.Bound())))
	}
	a.setDirty()
}

// setGraticule shows or hides the lines of longitude and latitude.
func (a *Atlas) setGraticule(on bool) {
	a.graticule = on
	if a.gridItem != nil {
		a.gridItem.Checked = on
		if m := a.win.MainMenu(); m != nil {
			m.Refresh()
		}
	}
	a.redraw()
}

// goToView frames a named view.
func (a *Atlas) goToView(name string) {
	a.cancelFlight()
	for i, v := range geo.Views {
		if v.Name == name {
			a.viewIndex = i
			a.mapv.FitBound(v.Bound, a.projectionFor(v.Bound))
		}
	}
}

// pointer follows the mouse: status line and hover highlight.
func (a *Atlas) pointer(px orb.Point, in bool) {
	if !in {
		a.status.setCursor(orb.Point{}, false)
		a.setHover(nil)
		return
	}
	a.status.setCursor(a.mapv.View().ToLonLat(px), true)
	s := a.scene(a.mapv.View())
	var feat *geojson.Feature
	if _, f, ok := a.renderer.Pick(s, px, pickRadius*s.View.Scale); ok {
		feat = f
	}
	hit := feat != nil
	if !hit {
		_, hit = a.renderer.PickFlow(s, px, pickRadius*s.View.Scale)
	}
	a.mapv.SetHoverHit(hit)
	a.setHover(feat)
}

// pickRadius is how near (logical px) a click must be to a feature: a
// fingertip's width on a trackpad, small enough to tell parallel routes
// apart at the corridor view.
const pickRadius = 6.0

func (a *Atlas) setHover(f *geojson.Feature) {
	if a.hover == f {
		return
	}
	a.hover = f
	a.redraw()
}

// tap selects what was clicked: a feature, else a flow band, else
// nothing. While measuring, it adds a point to the measured line.
func (a *Atlas) tap(px orb.Point) {
	if a.measure.on {
		a.measure.add(a.mapv.View().ToLonLat(px))
		return
	}
	s := a.scene(a.mapv.View())
	r := pickRadius * s.View.Scale
	if l, f, ok := a.renderer.Pick(s, px, r); ok {
		a.selectFeature(l, f)
		return
	}
	if fp, ok := a.renderer.PickFlow(s, px, r); ok {
		a.selectFlow(fp)
		return
	}
	a.clearSelection()
}

func (a *Atlas) selectFeature(l *render.Layer, f *geojson.Feature) {
	a.sel = selection{layer: l, feature: f}
	a.info.showFeature(l, f, a.flowsAlong(l, f))
	a.redraw()
}

func (a *Atlas) selectFlow(fp *render.FlowPath) {
	a.sel = selection{flow: fp}
	a.info.showFlow(fp)
	a.redraw()
}

func (a *Atlas) clearSelection() {
	if a.sel == (selection{}) {
		return
	}
	a.sel = selection{}
	a.info.clear()
	a.redraw()
}

// syncInfo shows the info panel while something is selected, except in
// presentation mode, and lays the window out again.
func (a *Atlas) syncInfo() {
	show := a.info.heading != "" && !a.presenting
	if show == a.info.box.Visible() {
		return
	}
	if show {
		a.info.box.Show()
	} else {
		a.info.box.Hide()
	}
	a.root.Refresh()
}

// flowsAlong lists the flows whose path uses the feature f of layer l.
func (a *Atlas) flowsAlong(l *render.Layer, f *geojson.Feature) []*render.FlowPath {
	id := l.FeatureID(f)
	var out []*render.FlowPath
	for _, fp := range a.flows {
		for _, st := range fp.Flow.Path {
			if st.Feature == id {
				out = append(out, fp)
				break
			}
		}
	}
	return out
}

// showError reports a failure in a dialog (and keeps it for tests).
func (a *Atlas) showError(err error) {
	a.lastError = err.Error()
	d := errorDialog(err, a.win)
	a.showModal(d, d.Hide, d.Hide)
}

// showInfo shows a message in a dialog (and keeps it for tests).
func (a *Atlas) showInfo(title, msg string) {
	a.lastInfo = msg
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	box := container.NewVScroll(text)
	box.SetMinSize(fyne.NewSize(520, min(360, 60+22*float32(strings.Count(msg, "\n")+1))))
	d := dialog.NewCustom(title, "OK", box, a.win)
	a.showModal(d, d.Hide, d.Hide)
}

// catalogue is a snapshot of the window's layers and flows for an export:
// the layers themselves (they never change) and how the window draws
// them.
func (a *Atlas) catalogue() *catalog.Catalogue {
	cat := &catalog.Catalogue{Layers: slices.Clone(a.layers), Flows: slices.Clone(a.flows), Looks: map[string]render.Look{}}
	for _, l := range a.layers {
		sl := a.shown(l)
		cat.Looks[l.ID] = render.Look{Opacity: sl.Opacity, Style: sl.Style}
	}
	// The files the session was read from: an export never writes over
	// one of them.
	for _, f := range a.files {
		cat.Inputs = append(cat.Inputs, f.Path)
	}
	cat.Inputs = append(cat.Inputs, a.flowData...)
	if a.projPath != "" {
		cat.Inputs = append(cat.Inputs, a.projPath)
	}
	return cat
}

// ask asks a yes/no question, then calls then with the answer.
func (a *Atlas) ask(title, msg string, then func(yes bool)) {
	if a.confirm != nil {
		a.confirm(title, msg, then)
		return
	}
	dialog.ShowConfirm(title, msg, then, a.win)
}

// close stops the background work; the window is going away.
func (a *Atlas) close() {
	a.anim.stop()
	a.painter.Stop()
}
