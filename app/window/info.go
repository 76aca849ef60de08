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
	"github.com/corridor-atlas/corridor-atlas/data"
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
	str := func(key string) string { return l.Prop(f, key) }
	add("Also", str("name_ru"))
	add("Kind", strings.ReplaceAll(str("kind"), "-", " "))
	add("Status", strings.ReplaceAll(str("status"), "-", " "))
	add("Precision", str("precision"))
	add("Operator", str("operator"))
	add("Opened", str("opened"))
	if v, ok := l.Value(f, "length_km").(float64); ok {
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

// flowRows are a flow's drawn figures by year, each with its kind: the
// short form shown under a feature the flow runs along.
func flowRows(fp *render.FlowPath) []infoRow {
	f := fp.Flow
	rows := make([]infoRow, 0, len(f.Values))
	for _, v := range f.Values {
		rows = append(rows, infoRow{render.YearLabel(v.Year), render.FormatAmount(v.Value, f.Unit, v.Approximate) + " · " + v.Kind.String()})
	}
	return rows
}

// figureText is one published figure as the info panel lists it: value,
// kind, period, source and date, and whether the map draws it.
func figureText(f *data.Flow, fig data.Figure) string {
	var b strings.Builder
	b.WriteString(render.FormatAmount(fig.Value, f.Unit, fig.Approximate))
	if fig.Partial() {
		b.WriteString(" in " + fig.Period)
	}
	b.WriteString(" · " + fig.Kind.String())
	if fig.Drawn {
		b.WriteString(" · drawn")
	}
	b.WriteString(" — " + fig.Source)
	if fig.Date != "" {
		b.WriteString(", " + fig.Date)
	}
	if fig.Note != "" {
		b.WriteString(". " + fig.Note)
	}
	return b.String()
}

// countryRows are a country's standing in every bloc the map knows, each
// with its source: what a context layer's feature shows when clicked.
func countryRows(country string) []infoRow {
	var rows []infoRow
	for _, m := range data.CountryMemberships(country) {
		v := m.Status + " since " + m.Since
		if m.Note != "" {
			v += " (" + m.Note + ")"
		}
		rows = append(rows, infoRow{m.Bloc.Short, v + " — " + m.Source})
	}
	if len(rows) == 0 {
		rows = append(rows, infoRow{"Blocs", "none of EAEU, CSTO and OTS"})
	}
	return rows
}

// timelineSegments are the Kazakhstan–Azerbaijan timeline, dated and
// sourced, shown with every corridor feature.
func timelineSegments() ([]widget.RichTextSegment, []infoRow) {
	tl, err := data.KazakhstanAzerbaijan()
	if err != nil || len(tl.Events) == 0 {
		return nil, nil
	}
	segs := []widget.RichTextSegment{&widget.SeparatorSegment{}, &widget.TextSegment{Text: tl.Title, Style: widget.RichTextStyleSubHeading}}
	var rows []infoRow
	for _, e := range tl.Events {
		rows = append(rows, infoRow{e.Date, e.Text + " (" + e.Source + ")"})
	}
	return append(segs, rowSegments(rows)...), rows
}

func (p *infoPanel) showFeature(l *render.Layer, f *geojson.Feature, flows []*render.FlowPath) {
	name, _ := l.Value(f, "name").(string)
	if name == "" && l.Group == render.UserGroup && l.Style.LabelField != "" {
		name = l.Prop(f, l.Style.LabelField) // a table's name column
	}
	if name == "" {
		name = l.FeatureID(f)
	}
	p.heading = name
	if l.Group == data.Context {
		p.rows = countryRows(name)
		segs := rowSegments(p.rows)
		if bl, ok := data.BlocByID(render.Prop(f, "bloc")); ok {
			segs = append(segs, &widget.SeparatorSegment{}, &widget.TextSegment{Text: bl.Title, Style: widget.RichTextStyleSubHeading},
				&widget.TextSegment{Text: bl.Note, Style: widget.RichTextStyleParagraph})
			for _, n := range bl.Notes {
				segs = append(segs, &widget.TextSegment{Text: n, Style: widget.RichTextStyleParagraph})
			}
		}
		p.set(segs)
		return
	}
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
	if l.Group == data.Corridor {
		tsegs, trows := timelineSegments()
		segs = append(segs, tsegs...)
		for _, r := range trows {
			p.rows = append(p.rows, infoRow{"Timeline " + r.key, r.value})
		}
	}
	p.set(segs)
}

// showFlow lists everything an analyst needs to defend the flow's
// numbers: what it measures, year by year every published figure (the
// drawn one first, then conflicting figures, plans and partial periods,
// each with source, date and what separates it), the scale beside other
// flows of its kind, and the notes.
func (p *infoPanel) showFlow(fp *render.FlowPath) {
	f := fp.Flow
	p.heading = f.Title
	p.rows = flowRows(fp)
	dir := "one way, along the band"
	if f.TwoWay() {
		dir = "both directions together (no arrow)"
	}
	head := []infoRow{{"Unit", f.Unit}, {"Counts", dir}}
	if f.Measures != "" {
		head = append(head, infoRow{"Measures", f.Measures})
	}
	if f.Scale != "" {
		head = append(head, infoRow{"Scale", f.Scale})
	}
	p.rows = append(p.rows, head...)
	segs := rowSegments(head)
	segs = append(segs, &widget.SeparatorSegment{}, &widget.TextSegment{Text: "Figures by year", Style: widget.RichTextStyleSubHeading})
	for _, y := range f.Years() {
		figs := f.YearFigures(y)
		if len(figs) == 0 {
			continue
		}
		segs = append(segs, &widget.TextSegment{Text: render.YearLabel(y), Style: widget.RichTextStyleStrong})
		if !figs[0].Drawn {
			segs = append(segs, &widget.TextSegment{Text: "Not drawn: no whole-year figure was published.", Style: widget.RichTextStyleParagraph})
		}
		for i, fig := range figs {
			text := figureText(f, fig)
			segs = append(segs, &widget.ListSegment{Items: []widget.RichTextSegment{&widget.TextSegment{Text: text, Style: widget.RichTextStyleParagraph}}})
			p.rows = append(p.rows, infoRow{fmt.Sprintf("%s #%d", render.YearLabel(y), i+1), text})
		}
	}
	if len(f.Notes) > 0 {
		segs = append(segs, &widget.SeparatorSegment{}, &widget.TextSegment{Text: "Notes", Style: widget.RichTextStyleSubHeading})
		for _, n := range f.Notes {
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
