package i18n

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Lang
		ok   bool
	}{
		{"de", DE, true},
		{"DE", DE, true},
		{"ru_RU.UTF-8", RU, true},
		{"de-AT", DE, true},
		{"en_GB", EN, true},
		{"kk", "", false},
		{"", "", false},
		{"deutsch", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			if (err == nil) != tt.ok || got != tt.want {
				t.Errorf("Parse(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
			}
			if err != nil && !strings.Contains(err.Error(), "en, de, ru") {
				t.Errorf("error %q does not list the languages", err)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		name    string
		locales []string
		want    Lang
	}{
		{"german system", []string{"de-DE"}, DE},
		{"first spoken wins", []string{"kk-KZ", "ru-RU", "en-US"}, RU},
		{"nothing spoken", []string{"fr-FR", "kk"}, EN},
		{"no locale", nil, EN},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Match(tt.locales...); got != tt.want {
				t.Errorf("Match(%v) = %q, want %q", tt.locales, got, tt.want)
			}
		})
	}
}

func TestNames(t *testing.T) {
	want := map[Lang]string{EN: "English", DE: "Deutsch", RU: "Русский"}
	for l, n := range want {
		if got := l.Name(); got != n {
			t.Errorf("%s.Name() = %q, want %q", l, got, n)
		}
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantErr string
		check   func(t *testing.T, tx Texts, rest map[string]json.RawMessage)
	}{
		{name: "texts and lists", in: `{"title": "T", "title_de": "T de", "notes": ["a", "b"], "notes_ru": ["а", "б"], "id": "x"}`,
			check: func(t *testing.T, tx Texts, rest map[string]json.RawMessage) {
				if got := tx.Text("title", DE, "T"); got != "T de" {
					t.Errorf("title de = %q", got)
				}
				if got := tx.Text("title", RU, "T"); got != "T" {
					t.Errorf("title ru = %q, want the English fallback", got)
				}
				if got := tx.List("notes", RU, nil); len(got) != 2 || got[1] != "б" {
					t.Errorf("notes ru = %q", got)
				}
				if _, ok := rest["title_de"]; ok {
					t.Error("title_de left among the members")
				}
				if _, ok := rest["id"]; !ok {
					t.Error("id taken out")
				}
			}},
		{name: "a list missing an item", in: `{"notes": ["a", "b"], "notes_de": ["a"]}`, wantErr: "translate every item"},
		{name: "an empty translation", in: `{"title": "T", "title_ru": " "}`, wantErr: "is empty"},
		{name: "not a string", in: `{"title": "T", "title_de": 3}`, wantErr: "want a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var raw map[string]json.RawMessage
			if err := json.Unmarshal([]byte(tt.in), &raw); err != nil {
				t.Fatal(err)
			}
			tx, err := Split(raw, []string{"title"}, []string{"notes"})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, tx, raw)
		})
	}
}

func TestPluralForms(t *testing.T) {
	tests := []struct {
		l    Lang
		n    int
		want string
	}{
		{EN, 1, "one"}, {EN, 2, "other"}, {DE, 0, "other"},
		{RU, 1, "one"}, {RU, 21, "one"}, {RU, 3, "few"}, {RU, 24, "few"}, {RU, 5, "many"}, {RU, 11, "many"}, {RU, 0, "many"},
	}
	for _, tt := range tests {
		if got := PluralForm(tt.l, tt.n); got != tt.want {
			t.Errorf("PluralForm(%s, %d) = %q, want %q", tt.l, tt.n, got, tt.want)
		}
	}
	if got := strings.Join(PluralForms(RU), ","); got != "few,many,one" {
		t.Errorf("PluralForms(ru) = %s", got)
	}
}
