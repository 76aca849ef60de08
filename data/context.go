package data

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"github.com/paulmach/orb/geojson"
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
}

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
}

// Event is a dated step in the Kazakhstan–Azerbaijan relationship.
type Event struct {
	Date   string `json:"date"`
	Text   string `json:"text"`
	Source string `json:"source"`
}

// Timeline is the Kazakhstan–Azerbaijan timeline shown with the corridor.
type Timeline struct {
	Title  string  `json:"title"`
	Events []Event `json:"events"`
}

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
		out = append(out, f)
	}
	return out
}
