package window

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// infoWidth is the info panel's width in logical pixels: room for a
// source line to wrap onto three or four lines, not more.
const infoWidth = 320

// infoRow is one line of the info panel: a field and its value.
type infoRow struct{ key, value string }

// infoPanel shows what was clicked: a corridor or user feature with its
// facts and the length measured on the map, or a flow with its values by
// year. It is hidden while nothing is selected.
type infoPanel struct {
	title *widget.Label
	text  *widget.RichText
	box   *fyne.Container

	// heading and rows are what is shown, kept for tests.
	heading string
	rows    []infoRow

	// onChange lets the window show or hide the panel and lay it out.
	onChange func()
}

func newInfoPanel(onClose func()) *infoPanel {
	p := &infoPanel{}
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.Wrapping = fyne.TextWrapWord
	p.text = widget.NewRichText()
	p.text.Wrapping = fyne.TextWrapWord
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), onClose)
	closeBtn.Importance = widget.LowImportance
	strut := canvas.NewRectangle(color.Transparent)
	strut.SetMinSize(fyne.NewSize(infoWidth, 0))
	head := container.NewBorder(nil, nil, nil, closeBtn, p.title)
	p.box = container.NewBorder(head, nil, nil, nil, container.NewStack(strut, container.NewVScroll(p.text)))
	p.box.Hide()
	return p
}

func (p *infoPanel) object() fyne.CanvasObject { return p.box }

func (p *infoPanel) clear() {
	p.heading, p.rows = "", nil
	p.changed()
}

func (p *infoPanel) changed() {
	if p.onChange != nil {
		p.onChange()
	}
}

// Value returns the shown value of a field, for tests.
func (p *infoPanel) Value(key string) string {
	for _, r := range p.rows {
		if r.key == key {
			return r.value
		}
	}
	return ""
}

// featureRows are the facts of a feature, in reading order. Absent facts
// are left out rather than shown empty.
func featureRows(l *render.Layer, f *geojson.Feature) []infoRow {
	var rows []infoRow
	add := func(k, v string) {
		if v != "" {
			rows = append(rows, infoRow{k, v})
		}
	}
	str := func(key string) string { return render.Prop(f, key) }
	add("Also", str("name_ru"))
	add("Kind", strings.ReplaceAll(str("kind"), "-", " "))
	add("Status", strings.ReplaceAll(str("status"), "-", " "))
	add("Precision", str("precision"))
	add("Operator", str("operator"))
	add("Opened", str("opened"))
	if v, ok := f.Properties["length_km"].(float64); ok {
		add("Published length", geo.Km(v).String())
	}
	if km := geo.GeometryLength(f.Geometry); km > 0 {
		add("Length on the map", km.String()+" (geodesic, as drawn)")
	}
	add("Capacity", str("capacity"))
	add("Role", str("role"))
	add("Source", str("source"))
	add("Note", str("note"))
	if l.Group == render.UserGroup {
		rows = append(rows, attributeRows(l, f)...)
	}
	add("Layer", l.Title)
	return rows
}

// flowRows are a flow's values by year, each with its kind.
func flowRows(fp *render.FlowPath) []infoRow {
	f := fp.Flow
	unit := strings.TrimSuffix(f.Unit, "/yr")
	rows := make([]infoRow, 0, len(f.Values))
	for _, v := range f.Values {
		approx := ""
		if v.Approximate {
			approx = "≈"
		}
		rows = append(rows, infoRow{render.YearLabel(v.Year), fmt.Sprintf("%s%.2f %s · %s", approx, v.Value, unit, v.Kind)})
	}
	return rows
}

func (p *infoPanel) showFeature(l *render.Layer, f *geojson.Feature, flows []*render.FlowPath) {
	name, _ := f.Properties["name"].(string)
	if name == "" && l.Group == render.UserGroup && l.Style.LabelField != "" {
		name = render.Prop(f, l.Style.LabelField) // a table's name column
	}
	if name == "" {
		name = render.FeatureID(f)
	}
	p.heading = name
	p.rows = featureRows(l, f)
	segs := rowSegments(p.rows)
	for _, fp := range flows {
		segs = append(segs, &widget.SeparatorSegment{},
			&widget.TextSegment{Text: "Flow: " + fp.Flow.Title + " (" + fp.Flow.Unit + ")", Style: widget.RichTextStyleSubHeading})
		rows := flowRows(fp)
		segs = append(segs, rowSegments(rows)...)
		for _, r := range rows {
			p.rows = append(p.rows, infoRow{"Flow " + fp.Flow.ID + " " + r.key, r.value})
		}
	}
	p.set(segs)
}

func (p *infoPanel) showFlow(fp *render.FlowPath) {
	p.heading = fp.Flow.Title
	p.rows = flowRows(fp)
	segs := rowSegments([]infoRow{{"Unit", fp.Flow.Unit}})
	segs = append(segs, rowSegments(p.rows)...)
	segs = append(segs, &widget.SeparatorSegment{}, &widget.TextSegment{Text: "Sources", Style: widget.RichTextStyleSubHeading})
	for _, v := range fp.Flow.Values {
		if v.Source != "" {
			segs = append(segs, rowSegments([]infoRow{{render.YearLabel(v.Year), v.Source}})...)
		}
	}
	if len(fp.Flow.Notes) > 0 {
		segs = append(segs, &widget.SeparatorSegment{}, &widget.TextSegment{Text: "Notes", Style: widget.RichTextStyleSubHeading})
		for _, n := range fp.Flow.Notes {
			segs = append(segs, &widget.TextSegment{Text: n, Style: widget.RichTextStyleParagraph})
		}
	}
	p.set(segs)
}

func (p *infoPanel) set(segs []widget.RichTextSegment) {
	p.title.SetText(p.heading)
	p.text.Segments = segs
	p.text.Refresh()
	p.changed()
}

// rowSegments writes rows as "Field · value" paragraphs. Segments, not
// markdown: names and sources are shown exactly as they are written.
func rowSegments(rows []infoRow) []widget.RichTextSegment {
	segs := make([]widget.RichTextSegment, 0, 2*len(rows))
	for _, r := range rows {
		segs = append(segs,
			&widget.TextSegment{Text: r.key + " · ", Style: widget.RichTextStyleStrong},
			&widget.TextSegment{Text: r.value, Style: widget.RichTextStyleParagraph})
	}
	return segs
}
