package data

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/data/i18n"
)

// Context is the layer group of the political setting the corridor runs
// through: one layer per bloc, off until asked for.
const Context Group = "Context"

// Membership is a country's standing in a bloc, with its source.
type Membership struct {
	Country string `json:"country"` // as the countries layer names it
	Status  string `json:"status"`  // "member" or "observer"
	Since   string `json:"since"`
	Source  string `json:"source"`
	Note    string `json:"note,omitempty"`
	// Texts is the note in the other languages ("note_de").
	Texts i18n.Texts `json:"-"`
}

// UnmarshalJSON reads a membership with its translated note.
func (m *Membership) UnmarshalJSON(b []byte) error {
	type plain Membership
	tx, err := decodeTranslated(b, (*plain)(m), []string{"note"}, nil)
	m.Texts = tx
	return err
}

// NoteIn is the note in l, or the English.
func (m Membership) NoteIn(l i18n.Lang) string { return m.Texts.Text("note", l, m.Note) }

// StatusIn is "member" or "observer" in l.
func (m Membership) StatusIn(l i18n.Lang) string { return l.T("bloc." + m.Status) }

// Bloc is an alliance or union drawn as a context layer. Colour and Hatch
// (the angle of its hatching, in degrees) are its style: three blocs that
// share members stay apart by angle as well as colour.
type Bloc struct {
	ID      string       `json:"id"`
	Title   string       `json:"title"`
	Short   string       `json:"short"`
	Colour  string       `json:"colour"`
	Hatch   float64      `json:"hatch"`
	Note    string       `json:"note"`
	Members []Membership `json:"members"`
	Notes   []string     `json:"notes,omitempty"`
	// Texts are the title, short name, note and notes in the other
	// languages ("title_de", "notes_ru").
	Texts i18n.Texts `json:"-"`
}

// UnmarshalJSON reads a bloc with its translated fields.
func (b *Bloc) UnmarshalJSON(data []byte) error {
	type plain Bloc
	tx, err := decodeTranslated(data, (*plain)(b), []string{"title", "short", "note"}, []string{"notes"})
	b.Texts = tx
	return err
}

// TitleIn is the bloc's name in l ("Eurasische Wirtschaftsunion (EAWU)").
func (b Bloc) TitleIn(l i18n.Lang) string { return b.Texts.Text("title", l, b.Title) }

// ShortIn is the bloc's abbreviation in l ("ЕАЭС").
func (b Bloc) ShortIn(l i18n.Lang) string { return b.Texts.Text("short", l, b.Short) }

// NoteIn is the note in l, or the English.
func (b Bloc) NoteIn(l i18n.Lang) string { return b.Texts.Text("note", l, b.Note) }

// NotesIn are the notes in l, or the English.
func (b Bloc) NotesIn(l i18n.Lang) []string { return b.Texts.List("notes", l, b.Notes) }

// Event is a dated step in the Kazakhstan–Azerbaijan relationship.
type Event struct {
	Date   string `json:"date"`
	Text   string `json:"text"`
	Source string `json:"source"`
	// Texts is the text in the other languages ("text_de").
	Texts i18n.Texts `json:"-"`
}

// UnmarshalJSON reads an event with its translated text.
func (e *Event) UnmarshalJSON(b []byte) error {
	type plain Event
	tx, err := decodeTranslated(b, (*plain)(e), []string{"text"}, nil)
	e.Texts = tx
	return err
}

// TextIn is the event in l, or the English.
func (e Event) TextIn(l i18n.Lang) string { return e.Texts.Text("text", l, e.Text) }

// Timeline is the Kazakhstan–Azerbaijan timeline shown with the corridor.
type Timeline struct {
	Title  string  `json:"title"`
	Events []Event `json:"events"`
	// Texts is the title in the other languages ("title_de").
	Texts i18n.Texts `json:"-"`
}

// UnmarshalJSON reads the timeline with its translated title.
func (t *Timeline) UnmarshalJSON(b []byte) error {
	type plain Timeline
	tx, err := decodeTranslated(b, (*plain)(t), []string{"title"}, nil)
	t.Texts = tx
	return err
}

// TitleIn is the timeline's title in l.
func (t Timeline) TitleIn(l i18n.Lang) string { return t.Texts.Text("title", l, t.Title) }

type contextFile struct {
	Version  int      `json:"version"`
	Blocs    []Bloc   `json:"blocs"`
	Timeline Timeline `json:"timeline"`
}

var contextData = sync.OnceValues(func() (*contextFile, error) {
	b, err := files.ReadFile("context/blocs.json")
	if err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	var c contextFile
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("data: context/blocs.json: %v", err)
	}
	if c.Version != 1 {
		return nil, fmt.Errorf("data: context/blocs.json: version %d, want 1", c.Version)
	}
	for _, bl := range c.Blocs {
		for _, m := range bl.Members {
			if m.Status != "member" && m.Status != "observer" {
				return nil, fmt.Errorf("data: context/blocs.json: %s: %s has status %q", bl.ID, m.Country, m.Status)
			}
			if m.Source == "" {
				return nil, fmt.Errorf("data: context/blocs.json: %s: %s has no source", bl.ID, m.Country)
			}
		}
	}
	return &c, nil
})

// Blocs returns the blocs the context layers draw.
func Blocs() ([]Bloc, error) {
	c, err := contextData()
	if err != nil {
		return nil, err
	}
	return c.Blocs, nil
}

// BlocByID finds a bloc.
func BlocByID(id string) (Bloc, bool) {
	bs, err := Blocs()
	if err != nil {
		return Bloc{}, false
	}
	i := slices.IndexFunc(bs, func(b Bloc) bool { return b.ID == id })
	if i < 0 {
		return Bloc{}, false
	}
	return bs[i], true
}

// KazakhstanAzerbaijan returns the timeline of the two countries' ties.
func KazakhstanAzerbaijan() (Timeline, error) {
	c, err := contextData()
	if err != nil {
		return Timeline{}, err
	}
	return c.Timeline, nil
}

// CountryMemberships lists a country's standing in every bloc.
func CountryMemberships(country string) []struct {
	Bloc Bloc
	Membership
} {
	bs, _ := Blocs()
	var out []struct {
		Bloc Bloc
		Membership
	}
	for _, b := range bs {
		for _, m := range b.Members {
			if m.Country == country {
				out = append(out, struct {
					Bloc Bloc
					Membership
				}{b, m})
			}
		}
	}
	return out
}

// blocFeatures makes a bloc's layer from the countries' polygons: one
// feature per member or observer, sharing the country's geometry, with
// the membership as properties.
func blocFeatures(bl Bloc, countries []*geojson.Feature) []*geojson.Feature {
	var out []*geojson.Feature
	for _, c := range countries {
		if c == nil || c.Geometry == nil {
			continue
		}
		name, _ := c.Properties["name"].(string)
		i := slices.IndexFunc(bl.Members, func(m Membership) bool { return m.Country == name })
		if i < 0 {
			continue
		}
		m := bl.Members[i]
		f := geojson.NewFeature(c.Geometry)
		f.ID = bl.ID + "-" + name
		f.Properties = geojson.Properties{
			"id": bl.ID + "-" + name, "name": name, "bloc": bl.ID, "bloc_title": bl.Title,
			"status": m.Status, "since": m.Since, "source": m.Source,
		}
		if m.Note != "" {
			f.Properties["note"] = m.Note
		}
		for _, l := range i18n.All[1:] {
			if n, ok := c.Properties[i18n.Key("name", l)]; ok {
				f.Properties[i18n.Key("name", l)] = n
			}
			f.Properties[i18n.Key("bloc_title", l)] = bl.TitleIn(l)
			if m.Note != "" {
				f.Properties[i18n.Key("note", l)] = m.NoteIn(l)
			}
		}
		out = append(out, f)
	}
	return out
}
