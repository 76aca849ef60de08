package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/corridor-atlas/corridor-atlas/data/i18n"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// FigureKind says how firm a published figure is.
type FigureKind int

// Figure kinds, firmest first.
const (
	Actual   FigureKind = iota // reported as what happened
	Estimate                   // what happened, but estimated by the source ("about", "more than")
	Plan                       // a company's or government's target
	Forecast                   // an expectation
)

var kindNames = []string{"actual", "estimate", "plan", "forecast"}

func (k FigureKind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("FigureKind(%d)", int(k))
	}
	return kindNames[k]
}

// ParseFigureKind reads "actual", "estimate", "plan" or "forecast".
func ParseFigureKind(s string) (FigureKind, error) {
	for i, n := range kindNames {
		if n == s {
			return FigureKind(i), nil
		}
	}
	return 0, fmt.Errorf("unknown figure kind %q (want actual, estimate, plan or forecast)", s)
}

// MarshalJSON writes the kind by name.
func (k FigureKind) MarshalJSON() ([]byte, error) { return json.Marshal(k.String()) }

// UnmarshalJSON reads the kind by name.
func (k *FigureKind) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseFigureKind(s)
	*k = v
	return err
}

// Figure is one published value of a flow: what an analyst needs to
// defend it or to see why it is not the one drawn.
type Figure struct {
	Year geo.Year `json:"year"`
	// Period is empty for the whole calendar year. A partial period
	// ("Jan–Oct", "H1") is listed with the year's figures but never drawn
	// as the year: ten months are not a year.
	Period      string     `json:"period,omitempty"`
	Value       float64    `json:"value"`
	Kind        FigureKind `json:"kind"`
	Approximate bool       `json:"approximate,omitempty"` // "about", "almost", "more than", or a rounded figure
	Source      string     `json:"source"`
	// Date is when the source published the figure (ISO 8601, as precise
	// as known: "2024-01-15", "2025-10", "2025").
	Date string `json:"date,omitempty"`
	// Drawn marks the one figure per year the map draws; the others are
	// conflicting figures, partial periods and plans that an actual has
	// replaced, each with a Note on what separates it from the drawn one.
	Drawn bool   `json:"drawn,omitempty"`
	Note  string `json:"note,omitempty"`
	// Texts are the note and period in the other languages ("note_de",
	// "period_ru" in the file); the source stays as it was published.
	Texts i18n.Texts `json:"-"`
}

// Partial reports whether the figure covers less than its calendar year.
func (f Figure) Partial() bool { return f.Period != "" }

// NoteIn is the note in l, or the English where l has none.
func (f Figure) NoteIn(l i18n.Lang) string { return f.Texts.Text("note", l, f.Note) }

// PeriodIn is the period in l ("Jan.–Okt."), or the English.
func (f Figure) PeriodIn(l i18n.Lang) string { return f.Texts.Text("period", l, f.Period) }

// UnmarshalJSON reads a figure with its translated fields.
func (f *Figure) UnmarshalJSON(b []byte) error {
	type plain Figure
	tx, err := decodeTranslated(b, (*plain)(f), []string{"note", "period"}, nil)
	f.Texts = tx
	return err
}

// decodeTranslated decodes a JSON object into v after taking out the
// translations of its text and list fields, refusing members v does not
// have as ParseFlows's decoder refuses them everywhere else.
func decodeTranslated(b []byte, v any, text, lists []string) (i18n.Texts, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil || raw == nil {
		return i18n.Texts{}, json.Unmarshal(b, v) // the decoder's own error for what is not an object
	}
	tx, err := i18n.Split(raw, text, lists)
	if err != nil {
		return i18n.Texts{}, err
	}
	rest, err := json.Marshal(raw)
	if err != nil {
		return i18n.Texts{}, err
	}
	dec := json.NewDecoder(bytes.NewReader(rest))
	dec.DisallowUnknownFields()
	return tx, dec.Decode(v)
}

// Step is one feature of a flow's path and the direction the flow runs
// along it ("forward" is the feature's coordinate order).
type Step struct {
	Feature string `json:"feature"`
	Dir     string `json:"dir"`
}

// Reverse reports whether the flow runs against the feature's coordinates.
func (s Step) Reverse() bool { return s.Dir == "reverse" }

// Directions a flow's figures count.
const (
	OneWay   = "one-way" // the figures count one direction, the path's
	BothWays = "both"    // the figures add both directions: never drawn as a one-way arrow
)

// Flow is a measured quantity moving along the stretch of route its
// figures measure, over the years.
type Flow struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Short names the flow on its band label ("Kazakh crude").
	Short string `json:"short,omitempty"`
	Unit  string `json:"unit"`
	Path  []Step `json:"path"`
	// Direction is OneWay or BothWays.
	Direction string `json:"direction,omitempty"`
	// Measures says what the figures count and why the band starts and
	// ends where it does (for the legend and the info panel).
	Measures string `json:"measures,omitempty"`
	// Scale puts the flow beside the bigger ones of its kind, so nobody
	// mistakes a small flow for a big one.
	Scale string `json:"scale,omitempty"`
	// Includes names flows this one's figures already count (the TITR
	// total counts the Kazakh crude the tankers carry), so a map that
	// draws both says so and nobody adds the bands.
	Includes []string `json:"includes,omitempty"`
	// IncludedAs is how a flow that includes this one names it in a
	// sentence ("the Kazakh crude"), in the case and with the article the
	// sentence needs in each language ("das kasachische Rohöl",
	// "казахстанскую нефть").
	IncludedAs string   `json:"included_as,omitempty"`
	Figures    []Figure `json:"figures"`
	Notes      []string `json:"notes,omitempty"`
	// Values are the drawn figures, one per year, sorted: what the bands
	// are made of. ParseFlows and ParseFlowCSV fill it from Figures.
	Values []Figure `json:"-"`
	// LineFile, for imported flows, names a GeoJSON file whose first
	// LineString is the route, instead of Path.
	LineFile string `json:"-"`
	// Texts are the title, short name, measures, scale and notes in the
	// other languages ("title_de", "notes_ru" in the file).
	Texts i18n.Texts `json:"-"`
}

// UnmarshalJSON reads a flow with its translated fields.
func (f *Flow) UnmarshalJSON(b []byte) error {
	type plain Flow
	tx, err := decodeTranslated(b, (*plain)(f), []string{"title", "short", "measures", "scale", "included_as"}, []string{"notes"})
	f.Texts = tx
	return err
}

// Label is the flow's short name, for band labels.
func (f *Flow) Label() string { return f.LabelIn(i18n.EN) }

// LabelIn is the flow's short name in l, for band labels: the short name,
// else the title, in l where it has one and in English otherwise.
func (f *Flow) LabelIn(l i18n.Lang) string {
	if f.Short != "" {
		return f.Texts.Text("short", l, f.Short)
	}
	return f.TitleIn(l)
}

// TitleIn is the title in l, or the English.
func (f *Flow) TitleIn(l i18n.Lang) string { return f.Texts.Text("title", l, f.Title) }

// MeasuresIn says what the figures count, in l or in English.
func (f *Flow) MeasuresIn(l i18n.Lang) string { return f.Texts.Text("measures", l, f.Measures) }

// ScaleIn is the scale note in l, or the English.
func (f *Flow) ScaleIn(l i18n.Lang) string { return f.Texts.Text("scale", l, f.Scale) }

// IncludedAsIn is how a total that includes this flow names it in l: its
// included_as, else its label in quotes.
func (f *Flow) IncludedAsIn(l i18n.Lang) string {
	if f.IncludedAs != "" {
		return f.Texts.Text("included_as", l, f.IncludedAs)
	}
	return l.T("flow.quoted", map[string]string{"Name": f.LabelIn(l)})
}

// NotesIn are the notes in l, or the English.
func (f *Flow) NotesIn(l i18n.Lang) []string { return f.Texts.List("notes", l, f.Notes) }

// TwoWay reports whether the flow's figures count both directions.
func (f *Flow) TwoWay() bool { return f.Direction == BothWays }

// FigureAt returns the drawn figure of the calendar year t falls in. A
// year's figure stands for the whole year, so between whole years the map
// still names a figure somebody published, with its year.
func (f *Flow) FigureAt(t geo.Year) (Figure, bool) {
	if math.IsNaN(float64(t)) {
		return Figure{}, false
	}
	y := geo.Year(math.Floor(float64(t) + 1e-9))
	i, ok := slices.BinarySearchFunc(f.Values, y, func(fig Figure, y geo.Year) int {
		switch {
		case fig.Year < y:
			return -1
		case fig.Year > y:
			return 1
		}
		return 0
	})
	if !ok {
		return Figure{}, false
	}
	return f.Values[i], true
}

// At returns the band's value at the fractional year t and the kind of
// the figure it shows. A year's figure holds from t = Y and, when the next
// year has one too, eases linearly towards it over the year, so an
// animated band grows smoothly; at every whole year it is exactly the
// published figure. A year without a drawn figure has no band (ok is
// false): the map never bridges a gap with a value nobody published.
func (f *Flow) At(t geo.Year) (value float64, kind FigureKind, ok bool) {
	fig, ok := f.FigureAt(t)
	if !ok {
		return 0, 0, false
	}
	frac := float64(t - fig.Year)
	if frac > 1e-9 {
		if next, ok := f.FigureAt(fig.Year + 1); ok {
			return fig.Value + (next.Value-fig.Value)*frac, fig.Kind, true
		}
	}
	return fig.Value, fig.Kind, true
}

// YearFigures returns every figure published for a year, the drawn one
// first, then the others in the order the data lists them.
func (f *Flow) YearFigures(y geo.Year) []Figure {
	var out []Figure
	for _, fig := range f.Figures {
		if fig.Year == y {
			if fig.Drawn {
				out = append([]Figure{fig}, out...)
			} else {
				out = append(out, fig)
			}
		}
	}
	return out
}

// Years returns the years that have any published figure, sorted.
func (f *Flow) Years() []geo.Year {
	var ys []geo.Year
	for _, fig := range f.Figures {
		if !slices.Contains(ys, fig.Year) {
			ys = append(ys, fig.Year)
		}
	}
	slices.Sort(ys)
	return ys
}

// Span returns the first and last year with a drawn figure.
func (f *Flow) Span() (first, last geo.Year) {
	if len(f.Values) == 0 {
		return 0, 0
	}
	return f.Values[0].Year, f.Values[len(f.Values)-1].Year
}

// Max is the largest drawn figure of the flow. Bands are held or eased
// between drawn figures, so this is also the widest the band ever gets.
func (f *Flow) Max() float64 {
	m := 0.0
	for _, v := range f.Values {
		m = math.Max(m, v.Value)
	}
	return m
}

// MaxByUnit is the largest value of each unit over the whole timeline, so
// every frame draws flows of one unit on one locked width scale.
func MaxByUnit(flows []*Flow) map[string]float64 {
	m := map[string]float64{}
	for _, f := range flows {
		m[f.Unit] = math.Max(m[f.Unit], f.Max())
	}
	return m
}

// Span returns the first and last year any flow draws.
func Span(flows []*Flow) (first, last geo.Year) {
	seen := false
	for _, f := range flows {
		if len(f.Values) == 0 {
			continue
		}
		a, b := f.Span()
		if !seen || a < first {
			first = a
		}
		if !seen || b > last {
			last = b
		}
		seen = true
	}
	return first, last
}

// Years returns every year any of the flows draws a figure for, sorted:
// where the timeline snaps and puts its ticks.
func Years(flows []*Flow) []geo.Year {
	var ys []geo.Year
	for _, f := range flows {
		for _, v := range f.Values {
			if !slices.Contains(ys, v.Year) {
				ys = append(ys, v.Year)
			}
		}
	}
	slices.Sort(ys)
	return ys
}

type flowsFile struct {
	Version int     `json:"version"`
	Flows   []*Flow `json:"flows"`
}

// flowsVersion is the flows.json format this build reads: version 2 has
// every published figure with its date, period and whether it is drawn.
const flowsVersion = 2

// Flows returns the embedded flows dataset (corridor/flows.json).
func Flows() ([]*Flow, error) {
	b, err := files.ReadFile("corridor/flows.json")
	if err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	return ParseFlows("corridor/flows.json", b)
}

// ParseFlows reads a flows file in the documented format and checks what
// makes a figure defensible: known version, unique ids, a path and a
// direction; every figure with a source and a date; one drawn figure at
// most per year, never a partial period; one unit per flow.
func ParseFlows(name string, b []byte) ([]*Flow, error) {
	var ff flowsFile
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ff); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if ff.Version != flowsVersion {
		return nil, fmt.Errorf("%s: unsupported flows version %d (this build reads version %d)", name, ff.Version, flowsVersion)
	}
	seen := map[string]bool{}
	for i, f := range ff.Flows {
		if f == nil || f.ID == "" {
			return nil, fmt.Errorf("%s: flow %d has no id", name, i+1)
		}
		if seen[f.ID] {
			return nil, fmt.Errorf("%s: duplicate flow id %q", name, f.ID)
		}
		seen[f.ID] = true
		if len(f.Path) == 0 {
			return nil, fmt.Errorf("%s: flow %q has an empty path", name, f.ID)
		}
		for _, s := range f.Path {
			if s.Dir != "forward" && s.Dir != "reverse" {
				return nil, fmt.Errorf("%s: flow %q: direction %q of %q must be forward or reverse", name, f.ID, s.Dir, s.Feature)
			}
		}
		if f.Direction != OneWay && f.Direction != BothWays {
			return nil, fmt.Errorf("%s: flow %q: direction %q must be %q or %q", name, f.ID, f.Direction, OneWay, BothWays)
		}
		for _, fig := range f.Figures {
			where := fmt.Sprintf("%s: flow %q, %v", name, f.ID, fig.Year)
			switch {
			case fig.Year != geo.Year(math.Round(float64(fig.Year))) || fig.Year < 1900 || fig.Year > 2100:
				return nil, fmt.Errorf("%s: the year must be a whole calendar year (a part of one goes in period)", where)
			case math.IsNaN(fig.Value) || math.IsInf(fig.Value, 0) || fig.Value < 0:
				return nil, fmt.Errorf("%s: bad value %v", where, fig.Value)
			case strings.TrimSpace(fig.Source) == "":
				return nil, fmt.Errorf("%s: a figure without a source", where)
			case strings.TrimSpace(fig.Date) == "":
				return nil, fmt.Errorf("%s: %v from %q has no publication date", where, fig.Value, fig.Source)
			case fig.Drawn && fig.Partial():
				return nil, fmt.Errorf("%s: the %s figure is partial and cannot be drawn as the year", where, fig.Period)
			case !fig.Drawn && fig.Note == "":
				return nil, fmt.Errorf("%s: %v from %q is not drawn and has no note saying why", where, fig.Value, fig.Source)
			}
		}
		if err := f.collectDrawn(); err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		for _, in := range f.Includes {
			if !slices.ContainsFunc(ff.Flows, func(o *Flow) bool { return o != nil && o.ID == in && o != f }) {
				return nil, fmt.Errorf("%s: flow %q includes %q, which is not a flow of the file", name, f.ID, in)
			}
		}
		if len(f.Values) == 0 {
			return nil, fmt.Errorf("%s: flow %q has no drawn figure", name, f.ID)
		}
	}
	return ff.Flows, nil
}

// collectDrawn fills Values from the drawn figures, checking there is at
// most one a year.
func (f *Flow) collectDrawn() error {
	f.Values = f.Values[:0]
	for _, fig := range f.Figures {
		if fig.Drawn {
			f.Values = append(f.Values, fig)
		}
	}
	slices.SortStableFunc(f.Values, func(a, b Figure) int {
		switch {
		case a.Year < b.Year:
			return -1
		case a.Year > b.Year:
			return 1
		}
		return 0
	})
	for j := 1; j < len(f.Values); j++ {
		if f.Values[j].Year == f.Values[j-1].Year {
			return fmt.Errorf("flow %q draws two figures for %v", f.ID, f.Values[j].Year)
		}
	}
	return nil
}
