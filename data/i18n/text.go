package i18n

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Key is the name of a property or member in language l: "name_de" for
// ("name", DE), and "name" itself for English, which the data writes
// without a suffix.
func Key(key string, l Lang) string {
	if l == EN || l == "" {
		return key
	}
	return key + "_" + string(l)
}

// Texts are the translated text fields of one object: for each field, its
// text in each language but English, which stays in the object's own
// field. The zero value has no translations.
type Texts struct {
	text map[string]map[Lang]string
	list map[string]map[Lang][]string
}

// Text returns field in l, or en, the English, where l has none.
func (t Texts) Text(field string, l Lang, en string) string {
	if s := t.text[field][l]; s != "" {
		return s
	}
	return en
}

// List returns the list field in l, or en where l has none.
func (t Texts) List(field string, l Lang, en []string) []string {
	if s, ok := t.list[field][l]; ok {
		return s
	}
	return en
}

// Set gives field a text in l (for data made in code and tests).
func (t *Texts) Set(field string, l Lang, s string) {
	if t.text == nil {
		t.text = map[string]map[Lang]string{}
	}
	if t.text[field] == nil {
		t.text[field] = map[Lang]string{}
	}
	t.text[field][l] = s
}

// Has reports whether field has a text of its own in l.
func (t Texts) Has(field string, l Lang) bool {
	if _, ok := t.text[field][l]; ok {
		return true
	}
	_, ok := t.list[field][l]
	return ok
}

// Split takes the translations of fields out of an object's members:
// "title_de" and "title_ru" for "title", and the same for every field
// named, for every language but English. A list field ("notes") must
// translate every item, so no note goes missing in one language: its
// translation has as many items as the English. What is left in raw is
// the object's own members, for the caller to decode and check.
func Split(raw map[string]json.RawMessage, textFields, listFields []string) (Texts, error) {
	var t Texts
	for _, l := range All[1:] {
		for _, f := range textFields {
			k := Key(f, l)
			v, ok := raw[k]
			if !ok {
				continue
			}
			delete(raw, k)
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return Texts{}, fmt.Errorf("%q: want a string", k)
			}
			if strings.TrimSpace(s) == "" {
				return Texts{}, fmt.Errorf("%q is empty (leave it out to fall back to English)", k)
			}
			t.Set(f, l, s)
		}
		for _, f := range listFields {
			k := Key(f, l)
			v, ok := raw[k]
			if !ok {
				continue
			}
			delete(raw, k)
			var s []string
			if err := json.Unmarshal(v, &s); err != nil {
				return Texts{}, fmt.Errorf("%q: want a list of strings", k)
			}
			var en []string
			if e, ok := raw[f]; ok {
				if err := json.Unmarshal(e, &en); err != nil {
					return Texts{}, fmt.Errorf("%q: want a list of strings", f)
				}
			}
			if len(s) != len(en) {
				return Texts{}, fmt.Errorf("%q has %d items, %q %d: translate every item", k, len(s), f, len(en))
			}
			if t.list == nil {
				t.list = map[string]map[Lang][]string{}
			}
			if t.list[f] == nil {
				t.list[f] = map[Lang][]string{}
			}
			t.list[f][l] = s
		}
	}
	return t, nil
}

// Append writes the translations back as members beside the English ones,
// for encoding an object that carries them.
func (t Texts) Append(raw map[string]any) {
	for f, m := range t.text {
		for l, s := range m {
			raw[Key(f, l)] = s
		}
	}
	for f, m := range t.list {
		for l, s := range m {
			raw[Key(f, l)] = s
		}
	}
}
