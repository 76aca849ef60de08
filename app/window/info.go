package window

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
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

// featureRows are the facts of a feature, in reading order, in the
// window's language: words for the closed lists, dates and lengths
// written its way, texts in it where the data has them. Absent facts are
// left out rather than shown empty; sources stay as published.
func featureRows(l *render.Layer, f *geojson.Feature) []infoRow {
	var rows []infoRow
	add := func(k, v string) {
		if v != "" {
			rows = append(rows, infoRow{k, v})
		}
	}
	str := func(key string) string { return l.Prop(f, key) }
	text := func(key string) string { return propIn(l, f, key, uiLang) }
	add(tr("info.also"), otherNames(l, f))
	for _, c := range []struct{ key, label string }{
		{"kind", tr("info.kind")}, {"status", tr("info.status")}, {"precision", tr("info.precision")},
	} {
		if v := str(c.key); v != "" {
			add(c.label, data.Word(uiLang, c.key, v))
		}
	}
	add(tr("info.operator"), text("operator"))
	if v := str("opened"); v != "" {
		add(tr("info.opened"), uiLang.Date(v))
	}
	if v, ok := l.Value(f, "length_km").(float64); ok {
		add(tr("info.published_length"), uiLang.Km(v))
	}
	if km := geo.GeometryLength(f.Geometry); km > 0 {
		add(tr("info.map_length"), tr("info.map_length.value", map[string]any{"Length": uiLang.Km(float64(km))}))
	}
	add(tr("info.capacity"), text("capacity"))
	if v := str("role"); v != "" {
		add(tr("info.role"), data.Word(uiLang, "role", v))
	}
	add(tr("info.source"), str("source"))
	add(tr("info.note"), text("note"))
	if l.Group == render.UserGroup {
		rows = append(rows, attributeRows(l, f)...)
	}
	add(tr("info.layer"), layerTitle(l))
	return rows
}

// propIn is a text property in language lang ("note_de"), else as the
// data has it.
func propIn(l *render.Layer, f *geojson.Feature, key string, lang i18n.Lang) string {
	if lang != i18n.EN {
		if s, ok := l.Value(f, i18n.Key(key, lang)).(string); ok && s != "" {
			return s
		}
	}
	return l.Prop(f, key)
}

// nameIn is a feature's name in lang: name_de, name_ru… where the data
// has it, else its name.
func nameIn(l *render.Layer, f *geojson.Feature, lang i18n.Lang) string {
	if n := propIn(l, f, "name", lang); n != "" {
		return n
	}
	n, _ := l.Value(f, "NAME").(string)
	return n
}

// otherNames are the feature's names in the app's other languages, where
// they differ from the one shown: "Баку" beside Baku.
func otherNames(l *render.Layer, f *geojson.Feature) string {
	shown := nameIn(l, f, uiLang)
	var out []string
	for _, lang := range i18n.All {
		if lang == uiLang {
			continue
		}
		n := nameIn(l, f, lang)
		if n != "" && n != shown && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return strings.Join(out, " · ")
}

// layerTitle is a layer's title in the window's language: the embedded
// layers' from the words, a user layer's as the user's file named it.
func layerTitle(l *render.Layer) string {
	if l.Group != render.UserGroup {
		if src, ok := data.SourceByID(l.ID); ok {
			return src.TitleIn(uiLang)
		}
	}
	return l.Title
}

// flowRows are a flow's drawn figures by year, each with its kind: the
// short form shown under a feature the flow runs along.
func flowRows(fp *render.FlowPath) []infoRow {
	f := fp.Flow
	rows := make([]infoRow, 0, len(f.Values))
	for _, v := range f.Values {
		rows = append(rows, infoRow{uiLang.Year(float64(v.Year)), uiLang.Amount(v.Value, f.Unit, v.Approximate) + " · " + v.Kind.In(uiLang)})
	}
	return rows
}

// figureText is one published figure as the info panel lists it: value,
// period, kind, whether the map draws it, source and date, and the note.
func figureText(f *data.Flow, fig data.Figure) string {
	var b strings.Builder
	b.WriteString(uiLang.Amount(fig.Value, f.Unit, fig.Approximate))
	if fig.Partial() {
		b.WriteString(" · " + fig.PeriodIn(uiLang))
	}
	b.WriteString(" · " + fig.Kind.In(uiLang))
	if fig.Drawn {
		b.WriteString(" · " + tr("info.drawn"))
	}
	b.WriteString(" — " + fig.Source)
	if fig.Date != "" {
		b.WriteString(", " + uiLang.Date(fig.Date))
	}
	if n := fig.NoteIn(uiLang); n != "" {
		b.WriteString(". " + n)
	}
	return b.String()
}

// countryRows are a country's standing in every bloc the map knows, each
// with its source: what a context layer's feature shows when clicked.
// country is the English name the blocs file uses.
func countryRows(country string) []infoRow {
	var rows []infoRow
	for _, m := range data.CountryMemberships(country) {
		v := tr("info.member_since", map[string]any{"Status": m.StatusIn(uiLang), "Since": m.Since})
		if n := m.NoteIn(uiLang); n != "" {
			v += " (" + n + ")"
		}
		rows = append(rows, infoRow{m.Bloc.ShortIn(uiLang), v + " — " + m.Source})
	}
	if len(rows) == 0 {
		var shorts []string
		if bs, err := data.Blocs(); err == nil {
			for _, b := range bs {
				shorts = append(shorts, b.ShortIn(uiLang))
			}
		}
		rows = append(rows, infoRow{tr("info.blocs"), tr("info.blocs.none", map[string]any{"Blocs": strings.Join(shorts, ", ")})})
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
	segs := []widget.RichTextSegment{&widget.SeparatorSegment{}, &widget.TextSegment{Text: tl.TitleIn(uiLang), Style: widget.RichTextStyleSubHeading}}
	var rows []infoRow
	for _, e := range tl.Events {
		rows = append(rows, infoRow{uiLang.Date(e.Date), e.TextIn(uiLang) + " (" + e.Source + ")"})
	}
	return append(segs, rowSegments(rows)...), rows
}

func (p *infoPanel) showFeature(l *render.Layer, f *geojson.Feature, flows []*render.FlowPath) {
	name := nameIn(l, f, uiLang)
	if name == "" && l.Group == render.UserGroup && l.Style.LabelField != "" {
		name = l.Prop(f, l.Style.LabelField) // a table's name column
	}
	if name == "" {
		name = l.FeatureID(f)
	}
	p.heading = name
	if l.Group == data.Context {
		p.rows = countryRows(l.Prop(f, "name"))
		segs := rowSegments(p.rows)
		if bl, ok := data.BlocByID(render.Prop(f, "bloc")); ok {
			segs = append(segs, &widget.SeparatorSegment{}, &widget.TextSegment{Text: bl.TitleIn(uiLang), Style: widget.RichTextStyleSubHeading},
				&widget.TextSegment{Text: bl.NoteIn(uiLang), Style: widget.RichTextStyleParagraph})
			for _, n := range bl.NotesIn(uiLang) {
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
			&widget.TextSegment{Text: tr("info.flow_heading", map[string]any{"Title": fp.Flow.TitleIn(uiLang), "Unit": uiLang.Unit(fp.Flow.Unit)}), Style: widget.RichTextStyleSubHeading})
		rows := flowRows(fp)
		segs = append(segs, rowSegments(rows)...)
		for _, r := range rows {
			p.rows = append(p.rows, infoRow{"Flow " + fp.Flow.ID + " " + r.key, r.value}) // for tests
		}
	}
	if l.Group == data.Corridor {
		tsegs, trows := timelineSegments()
		segs = append(segs, tsegs...)
		for _, r := range trows {
			p.rows = append(p.rows, infoRow{"Timeline " + r.key, r.value}) // for tests
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
	p.heading = f.TitleIn(uiLang)
	p.rows = flowRows(fp)
	dir := tr("info.counts.one_way")
	if f.TwoWay() {
		dir = tr("info.counts.both")
	}
	head := []infoRow{{tr("info.unit"), uiLang.Unit(f.Unit)}, {tr("info.counts"), dir}}
	if m := f.MeasuresIn(uiLang); m != "" {
		head = append(head, infoRow{tr("info.measures"), m})
	}
	if sc := f.ScaleIn(uiLang); sc != "" {
		head = append(head, infoRow{tr("info.scale"), sc})
	}
	p.rows = append(p.rows, head...)
	segs := rowSegments(head)
	segs = append(segs, &widget.SeparatorSegment{}, &widget.TextSegment{Text: tr("info.figures_by_year"), Style: widget.RichTextStyleSubHeading})
	for _, y := range f.Years() {
		figs := f.YearFigures(y)
		if len(figs) == 0 {
			continue
		}
		year := uiLang.Year(float64(y))
		segs = append(segs, &widget.TextSegment{Text: year, Style: widget.RichTextStyleStrong})
		if !figs[0].Drawn {
			segs = append(segs, &widget.TextSegment{Text: tr("info.not_drawn"), Style: widget.RichTextStyleParagraph})
		}
		for i, fig := range figs {
			text := figureText(f, fig)
			segs = append(segs, &widget.ListSegment{Items: []widget.RichTextSegment{&widget.TextSegment{Text: text, Style: widget.RichTextStyleParagraph}}})
			p.rows = append(p.rows, infoRow{fmt.Sprintf("%s #%d", year, i+1), text})
		}
	}
	if notes := f.NotesIn(uiLang); len(notes) > 0 {
		segs = append(segs, &widget.SeparatorSegment{}, &widget.TextSegment{Text: tr("info.notes"), Style: widget.RichTextStyleSubHeading})
		for _, n := range notes {
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
