package project

import (
	"strings"
	"testing"

	"github.com/corridor-atlas/corridor-atlas/app/export"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
)

const langProject = `{"format": "corridor-atlas-project", "version": 1, "language": "de",
  "scenes": [{"name": "Überfahrt", "title": "Über das Kaspische Meer", "titles": {"ru": "Через Каспий", "tr": "Hazar'ı geçerken"},
              "note": "Fähren und Tanker", "notes": {"en": "ferries and tankers"}},
             {"name": "Pipeline"}]}`

// TestSceneLanguages: a scene's title in the export's language, else in
// the project's language, else its name; a language this app does not
// speak yet is kept.
func TestSceneLanguages(t *testing.T) {
	p, err := Parse("p.catlas", "/tmp", []byte(langProject))
	if err != nil {
		t.Fatal(err)
	}
	if p.Lang() != i18n.DE {
		t.Fatalf("language %q", p.Language)
	}
	tests := []struct {
		name  string
		scene int
		l     i18n.Lang
		title string
	}{
		{"its own language", 0, i18n.RU, "Через Каспий"},
		{"the project's language", 0, i18n.DE, "Über das Kaspische Meer"},
		{"no English title: the project's", 0, i18n.EN, "Über das Kaspische Meer"},
		{"no title at all: the name", 1, i18n.RU, "Pipeline"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := export.Defaults()
			base.Lang = tt.l
			o := p.ExportOptions(&p.Scenes[tt.scene], base, nil)
			if o.Title != tt.title {
				t.Errorf("title %q, want %q", o.Title, tt.title)
			}
		})
	}
	if got := p.Scenes[0].NoteIn(i18n.EN); got != "ferries and tankers" {
		t.Errorf("English note %q", got)
	}
	if got := p.Scenes[0].NoteIn(i18n.RU); got != "Fähren und Tanker" {
		t.Errorf("Russian note falls back to %q", got)
	}
	b, err := p.Marshal("/tmp")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"language": "de"`, `"tr": "Hazar'ı geçerken"`, `"ru": "Через Каспий"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("saved project lacks %s", want)
		}
	}
}

func TestSetCaption(t *testing.T) {
	s := Scene{Name: "x", Title: "Across"}
	s.SetCaption(i18n.DE, i18n.EN, "Hinüber")
	s.SetCaption(i18n.EN, i18n.EN, "Across the sea")
	if s.Title != "Across the sea" || s.Titles["de"] != "Hinüber" {
		t.Errorf("%+v", s)
	}
	s.SetCaption(i18n.DE, i18n.EN, "")
	if s.Titles != nil || s.CaptionIn(i18n.DE) != "Across the sea" {
		t.Errorf("an empty caption does not fall back: %+v", s)
	}
}

func TestLanguageRefused(t *testing.T) {
	for _, in := range []string{
		`{"format": "corridor-atlas-project", "version": 1, "language": "German"}`,
		`{"format": "corridor-atlas-project", "version": 1, "scenes": [{"name": "a", "titles": {"DE": "x"}}]}`,
		`{"format": "corridor-atlas-project", "version": 1, "scenes": [{"name": "a", "notes": {"1x": "x"}}]}`,
	} {
		if _, err := Parse("p.catlas", "/tmp", []byte(in)); err == nil || !strings.Contains(err.Error(), "not a language code") {
			t.Errorf("%s: %v", in, err)
		}
	}
}
