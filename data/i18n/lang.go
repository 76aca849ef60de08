package i18n

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Lang is a language the app speaks, as its ISO 639-1 code.
type Lang string

// The languages, English first: English is what every text falls back to.
const (
	EN Lang = "en"
	DE Lang = "de"
	RU Lang = "ru"
)

// All lists the languages in the order menus offer them.
var All = []Lang{EN, DE, RU}

// Valid reports whether l is one of All.
func (l Lang) Valid() bool {
	for _, k := range All {
		if k == l {
			return true
		}
	}
	return false
}

// Tag is the language's BCP 47 tag.
func (l Lang) Tag() language.Tag { return language.Make(string(l)) }

// Name is the language's name in itself, as a language menu lists it
// ("Deutsch", "Русский"): CLDR's, with a capital as a menu entry has.
func (l Lang) Name() string {
	n := display.Self.Name(l.Tag())
	if n == "" {
		return string(l)
	}
	r, size := utf8.DecodeRuneInString(n)
	return string(unicode.ToUpper(r)) + n[size:]
}

// Codes lists the codes of All, for messages: "en, de, ru".
func Codes() string {
	s := make([]string, len(All))
	for i, l := range All {
		s[i] = string(l)
	}
	return strings.Join(s, ", ")
}

// Parse reads a language the app speaks from a code or a locale ("de",
// "DE", "de-AT", "de_DE.UTF-8", "ru_RU"). Anything else is an error that
// lists the languages.
func Parse(s string) (Lang, error) {
	t := strings.TrimSpace(s)
	if i := strings.IndexAny(t, ".@"); i >= 0 {
		t = t[:i] // the encoding and modifier of a POSIX locale
	}
	tag, err := language.Parse(strings.ReplaceAll(t, "_", "-"))
	if err == nil {
		base, _ := tag.Base()
		if l := Lang(base.String()); l.Valid() {
			return l, nil
		}
	}
	return "", fmt.Errorf("unknown language %q (want %s)", s, Codes())
}

// Match picks the language for a user's locales, most preferred first (as
// the system lists them: "de-DE", "ru_RU.UTF-8"): the first one the app
// speaks, else English. A Kazakh or Ukrainian locale gets English, not
// Russian, until the app speaks Kazakh: guessing someone's second
// language is not ours to do.
func Match(locales ...string) Lang {
	for _, loc := range locales {
		if l, err := Parse(loc); err == nil {
			return l
		}
	}
	return EN
}
