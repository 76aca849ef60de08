package window

import (
	"fmt"
	"path/filepath"
	"slices"

	"github.com/corridor-atlas/corridor-atlas/app/catalog"
	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data"
)

// openFlowCSV adds the flows of a CSV file (data.ParseFlowCSV's format)
// with the semantics of `export --flow-data`: the paths are checked
// against the loaded layers and every flow must load, or nothing is
// added. The error names the file and the line. It reads off the UI
// thread, as a path file it names may be big.
func (a *Atlas) openFlowCSV(path string) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	// A catalogue of the window's own: AddFlowCSV appends to it, and the
	// window takes the new flows only when all of them loaded.
	cat := &catalog.Catalogue{Layers: slices.Clone(a.layers), Flows: slices.Clone(a.flows)}
	n := len(cat.Flows)
	work := func(*task) (any, error) { return nil, cat.AddFlowCSV(path) }
	a.startTask(tr("open.opening", map[string]any{"File": filepath.Base(path)}), tr("open.reading_flows"), false, work, func(_ any, err error) {
		if err != nil {
			a.showError(err)
			return
		}
		if err := a.addFlows(path, cat.Flows[n:]); err != nil {
			a.showError(err)
		}
	})
}

// addFlows adds loaded flows to the window: their rows in the panel, the
// band widths and the timeline's span.
func (a *Atlas) addFlows(path string, added []*render.FlowPath) error {
	for _, fp := range added {
		// Another file may have added the id while this one loaded.
		if slices.ContainsFunc(a.flows, func(o *render.FlowPath) bool { return o.Flow.ID == fp.Flow.ID }) {
			return fmt.Errorf("%s: %s", path, tr("open.error.flow_loaded", map[string]any{"ID": fp.Flow.ID}))
		}
	}
	for i, fp := range added {
		fp.Index = len(a.flows) + i
	}
	a.flows = append(a.flows, added...)
	a.flowData = append(a.flowData, path)
	a.flowsChanged()
	a.setDirty()
	return nil
}

// removeFlowData takes out the flows a flow data file added, and the
// file from the project.
func (a *Atlas) removeFlowData(path string) {
	i := slices.Index(a.flowData, path)
	if i < 0 {
		return
	}
	a.flowData = slices.Delete(a.flowData, i, i+1)
	a.flows = slices.DeleteFunc(a.flows, func(fp *render.FlowPath) bool {
		if fp.File != path {
			return false
		}
		delete(a.hiddenFlows, fp.Flow.ID)
		if a.sel.flow == fp {
			a.clearSelection()
		}
		return true
	})
	for i, fp := range a.flows {
		fp.Index = i
	}
	a.flowsChanged()
	a.setDirty()
}

// flowsChanged follows a change of the flow list: the band widths, the
// timeline's span and the panel.
func (a *Atlas) flowsChanged() {
	a.widthScale = render.WidthScales(a.flows)
	a.exportSet.from, a.exportSet.to, a.exportSet.duration = 0, 0, 0 // the new span's
	a.setSpan()
	a.panel.fill()
	a.timeline.sync()
	a.anim.update(a)
	a.redraw()
}

// setSpan sets the timeline's years to the flows' span, keeping the year
// inside it.
func (a *Atlas) setSpan() {
	flows := make([]*data.Flow, len(a.flows))
	for i, fp := range a.flows {
		flows[i] = fp.Flow
	}
	a.first, a.last = data.Span(flows)
	if a.last <= a.first {
		a.last = a.first + 1 // no flows: a year's range, so the slider works
	}
	a.year = a.clampYear(a.year)
	if a.timeline != nil {
		a.timeline.setRange(a.first, a.last)
	}
}
