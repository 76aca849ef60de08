package window

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	golocale "github.com/jeandeaual/go-locale"

	"github.com/corridor-atlas/corridor-atlas/data/i18n"
)

// The window speaks English, German and Russian through Fyne's own lang
// package: every text it shows is a key looked up with lang.X, in the
// catalogue embedded from translations/app/<lang>.json, so Fyne's
// dialogs (their OK, Cancel, Save and the file chooser, from
// translations/fyne/<lang>.json) and ours always agree.
//
// Fyne 2.7.1 picks its language from the system locale alone and offers
// no call to choose another (fyne-io/fyne#5333, open). The window's
// language, chosen in Preferences, therefore goes in under every locale
// Fyne's localizer can settle on: the languages Fyne ships translations
// for, English (its fallback) and the system's own locales. Whichever of
// them the localizer picks then holds the chosen language's messages, and
// a switch while the window is open re-registers them and lays the
// window's texts out again (Atlas.setLanguage). Plural forms are chosen
// by CLDR's rules for the window's language (tn), not by the localizer's
// locale, which may be another.

//go:embed translations
var translationFiles embed.FS

// ui is the window's catalogue, for the English fallback and the tests.
var ui = i18n.MustLoad(translationFiles, "translations/app")

// uiLang is the language the window shows (UI thread; the painter reads
// it through the scene).
var uiLang = i18n.EN

// fyneLocales are the languages Fyne 2.7.1 ships translations for (its
// lang/translations folder): its localizer settles on one of them, or on
// English, for the system locale. TestLanguageOverridesEveryLocale holds
// the window's language to winning over each of them.
var fyneLocales = []string{"cs", "de", "el", "en", "es", "fr", "pl", "pt", "pt-BR", "ru", "sv", "ta", "uk", "zh-Hans"}

// tr is the window's text for key in its language, filled from data (a
// map: tr("open.reading", map[string]any{"File": name})).
func tr(key string, data ...any) string {
	return lang.X(key, ui.Messages(i18n.EN)[key], data...)
}

// trIn is the text for key in language l from the window's own catalogue,
// without Fyne: for the workers of background tasks, which must not read
// the window's language or Fyne's localizer while the UI thread may be
// switching them. The caller takes l from uiLang on the UI thread.
func trIn(l i18n.Lang, key string, data ...any) string { return ui.T(l, key, data...) }

// tn is tr of the plural form of key that n takes in the window's
// language ("key.one", "key.few"…); data gets N set to n.
func tn(key string, n int, data ...map[string]any) string {
	d := map[string]any{}
	if len(data) > 0 {
		for k, v := range data[0] {
			d[k] = v
		}
	}
	d["N"] = n
	k := key + "." + i18n.PluralForm(uiLang, n)
	if !ui.Has(uiLang, k) {
		k = key + "." + i18n.PluralForm(i18n.EN, n)
	}
	return tr(k, d)
}

// systemLanguage is the language the system's locales ask for, of those
// the app speaks (English when none).
func systemLanguage() i18n.Lang {
	locales, err := golocale.GetLocales()
	if err != nil {
		return i18n.EN
	}
	return i18n.Match(locales...)
}

// useLanguage makes l the window's language: its messages, and Fyne's
// own words in it, under every locale Fyne may look them up in. It does
// not touch the widgets (see Atlas.setLanguage).
func useLanguage(l i18n.Lang) error {
	if !l.Valid() {
		return fmt.Errorf("unknown language %q", l)
	}
	msgs := map[string]any{}
	fb, err := translationFiles.ReadFile("translations/fyne/" + string(l) + ".json")
	if err != nil {
		return err
	}
	if err := json.Unmarshal(fb, &msgs); err != nil {
		return fmt.Errorf("translations/fyne/%s.json: %v", l, err)
	}
	for k, v := range ui.Messages(i18n.EN) {
		msgs[k] = v // a key the language lacked (the tests allow none)
	}
	for k, v := range ui.Messages(l) {
		msgs[k] = v
	}
	b, err := json.Marshal(msgs)
	if err != nil {
		return err
	}
	locales := append([]string{}, fyneLocales...)
	if sys, err := golocale.GetLocales(); err == nil {
		for _, s := range sys {
			locales = append(locales, s, strings.SplitN(s, "-", 2)[0])
		}
	}
	seen := map[string]bool{}
	for _, loc := range locales {
		if loc == "" || seen[loc] {
			continue
		}
		seen[loc] = true
		if err := lang.AddTranslationsForLocale(b, fyne.Locale(loc)); err != nil {
			return fmt.Errorf("translations for %s: %v", loc, err)
		}
	}
	uiLang = l
	return nil
}
