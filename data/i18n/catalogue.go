package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"text/template"

	"golang.org/x/text/feature/plural"
)

// Catalogue is a set of messages by key, one JSON file per language
// (en.json, de.json…): {"key": "text"}. Texts are Go templates over the
// data a call passes ("Opening {{.File}}"), the format Fyne's lang
// package and go-i18n read too, so the window's catalogue loads into Fyne
// unchanged. A message that depends on a count has one key per plural
// form of each language, "key.one", "key.few", "key.many", "key.other",
// chosen by CLDR's rules (N), not by the catalogue's host: Fyne would
// apply its active locale's rules to every language.
type Catalogue struct {
	name string
	msgs map[Lang]map[string]string
	tmpl sync.Map // Lang + "\x00" + key → *template.Template
}

// LoadCatalogue reads dir/<lang>.json for every language in All. A
// language without a file is an error: a catalogue speaks them all.
func LoadCatalogue(fsys fs.FS, dir string) (*Catalogue, error) {
	c := &Catalogue{name: dir, msgs: map[Lang]map[string]string{}}
	for _, l := range All {
		name := path.Join(dir, string(l)+".json")
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("i18n: %w", err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("i18n: %s: %v", name, err)
		}
		for k, v := range m {
			if strings.Contains(v, "{{") {
				if _, err := template.New(k).Option("missingkey=error").Parse(v); err != nil {
					return nil, fmt.Errorf("i18n: %s: %q: %v", name, k, err)
				}
			}
		}
		c.msgs[l] = m
	}
	return c, nil
}

// MustLoad is LoadCatalogue for catalogues embedded in the binary, which
// the tests have read: failing to load one is a build fault.
func MustLoad(fsys fs.FS, dir string) *Catalogue {
	c, err := LoadCatalogue(fsys, dir)
	if err != nil {
		panic(err)
	}
	return c
}

// Messages returns the raw messages of l (to hand to Fyne, and for tests).
func (c *Catalogue) Messages(l Lang) map[string]string { return c.msgs[l] }

// Has reports whether l has its own text for key.
func (c *Catalogue) Has(l Lang, key string) bool {
	_, ok := c.msgs[l][key]
	return ok
}

// T is the message key in l, filled from data (a map or struct; the
// first one counts). A key l lacks falls back to English, and a key
// nobody has to the key itself, so a mistake shows rather than a blank;
// the catalogue tests make both impossible in a build.
func (c *Catalogue) T(l Lang, key string, data ...any) string {
	src, ok := c.msgs[l][key]
	if !ok {
		l = EN
		if src, ok = c.msgs[EN][key]; !ok {
			return key
		}
	}
	if !strings.Contains(src, "{{") {
		return src
	}
	var d any
	if len(data) > 0 {
		d = data[0]
	}
	return execute(&c.tmpl, l, key, src, d)
}

// N is T of the plural form of key that count takes in l ("key.few").
func (c *Catalogue) N(l Lang, key string, count int, data ...any) string {
	k := key + "." + PluralForm(l, count)
	if _, ok := c.msgs[l][k]; !ok {
		l = EN
		k = key + "." + PluralForm(EN, count)
	}
	return c.T(l, k, data...)
}

func execute(cache *sync.Map, l Lang, key, src string, data any) string {
	ck := string(l) + "\x00" + key
	t, ok := cache.Load(ck)
	if !ok {
		parsed, err := template.New(key).Option("missingkey=error").Parse(src)
		if err != nil {
			return src
		}
		t, _ = cache.LoadOrStore(ck, parsed)
	}
	var b strings.Builder
	if err := t.(*template.Template).Execute(&b, data); err != nil {
		return src
	}
	return b.String()
}

// Fill runs a message template src over data, as T does: for messages
// that come from elsewhere (Fyne's lang package returns them filled, this
// is for tests and fallbacks).
func Fill(src string, data any) string {
	if !strings.Contains(src, "{{") {
		return src
	}
	t, err := template.New("").Option("missingkey=error").Parse(src)
	if err != nil {
		return src
	}
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		return src
	}
	return b.String()
}

// PluralForm names the CLDR plural category of the whole number n in l:
// "one", "few", "many" or "other" (and "zero", "two" in languages that
// have them).
func PluralForm(l Lang, n int) string {
	if n < 0 {
		n = -n
	}
	return formName(plural.Cardinal.MatchPlural(l.Tag(), n, 0, 0, 0, 0))
}

// PluralForms lists the categories whole numbers take in l, from CLDR:
// the keys a counted message needs in that language ("one", "other" in
// English and German; "one", "few", "many" in Russian).
func PluralForms(l Lang) []string {
	var out []string
	for n := 0; n < 1000; n++ {
		if f := PluralForm(l, n); !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}

func formName(f plural.Form) string {
	switch f {
	case plural.Zero:
		return "zero"
	case plural.One:
		return "one"
	case plural.Two:
		return "two"
	case plural.Few:
		return "few"
	case plural.Many:
		return "many"
	}
	return "other"
}

// Check lists what is wrong with a catalogue, given the strings the code
// holds (used: its literals and the keys it builds) and the keys it looks
// up by name (called): a key missing in a language, a counted key
// missing a plural form a language needs or having one it cannot take, a
// key in one language only, a key no code uses, and a key the code looks
// up that the catalogue lacks. A counted key is used under its stem
// ("key" for "key.one"). Catalogue tests fail on any of it.
func (c *Catalogue) Check(used, called map[string]bool) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	stems := map[string]bool{}
	for _, l := range All {
		for k := range c.msgs[l] {
			if stem, _, ok := cutForm(k); ok {
				stems[stem] = true
			}
		}
	}
	for _, l := range All {
		file := c.name + "/" + string(l) + ".json"
		for k := range c.msgs[EN] {
			if stem, _, ok := cutForm(k); ok && stems[stem] {
				continue
			}
			if _, ok := c.msgs[l][k]; !ok {
				bad("%s: %q is missing", file, k)
			}
		}
		for stem := range stems {
			for _, form := range PluralForms(l) {
				if _, ok := c.msgs[l][stem+"."+form]; !ok {
					bad("%s: %q is missing (a form %s needs)", file, stem+"."+form, l)
				}
			}
		}
		for k := range c.msgs[l] {
			if stem, form, ok := cutForm(k); ok && stems[stem] {
				if !slices.Contains(PluralForms(l), form) {
					bad("%s: %q: %s has no %q form", file, k, l, form)
				}
				continue
			}
			if _, ok := c.msgs[EN][k]; !ok {
				bad("%s: %q is not in %s/en.json", file, k, c.name)
			}
		}
	}
	for k := range c.msgs[EN] {
		if stem, _, ok := cutForm(k); ok && stems[stem] {
			k = stem
		}
		if !used[k] {
			bad("%s: %q is not used in the code", c.name, k)
		}
	}
	for k := range called {
		if _, ok := c.msgs[EN][k]; !ok && !stems[k] {
			bad("%s/en.json: %q is looked up in the code but missing", c.name, k)
		}
	}
	slices.Sort(problems)
	return slices.Compact(problems)
}

func cutForm(k string) (stem, form string, ok bool) {
	i := strings.LastIndexByte(k, '.')
	if i < 0 {
		return "", "", false
	}
	switch f := k[i+1:]; f {
	case "zero", "one", "two", "few", "many", "other":
		return k[:i], f, true
	}
	return "", "", false
}
