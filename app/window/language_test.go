package window

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/data/i18n"
	"github.com/corridor-atlas/corridor-atlas/data/i18n/i18ntest"
)

// inEnglish puts the window's language back when a test is done: it is
// Fyne's, and so the whole test binary's.
func inEnglish(t *testing.T) {
	t.Cleanup(func() {
		if err := useLanguage(i18n.EN); err != nil {
			t.Error(err)
		}
	})
}

// TestUICatalogueComplete fails on a key missing in a language, a plural
// form a language needs, a key no code uses and a key the code looks up
// that the catalogue lacks.
func TestUICatalogueComplete(t *testing.T) {
	i18ntest.Complete(t, ui.Check, "tr", "tn", "trIn", "ui.N")
}

// TestFyneWordsComplete holds translations/fyne to the keys Fyne 2.7.1
// itself looks up (its base.en.json): every one in every language, no
// other.
func TestFyneWordsComplete(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "fyne.io/fyne/v2").Output()
	if err != nil {
		t.Skipf("cannot find Fyne's module: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "lang", "translations", "base.en.json"))
	if err != nil {
		t.Fatal(err)
	}
	var base map[string]any
	if err := json.Unmarshal(b, &base); err != nil {
		t.Fatal(err)
	}
	want := keysOf(base)
	for _, l := range i18n.All {
		b, err := translationFiles.ReadFile("translations/fyne/" + string(l) + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		if got := keysOf(m); !reflect.DeepEqual(got, want) {
			t.Errorf("translations/fyne/%s.json has keys %v, Fyne looks up %v", l, got, want)
		}
	}
}

func keysOf(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestLanguageOverridesEveryLocale chooses the window's language on
// systems set to each language Fyne speaks, and to some it does not: the
// choice wins over the locale for our texts and for Fyne's own.
func TestLanguageOverridesEveryLocale(t *testing.T) {
	inEnglish(t)
	locales := append(slices.Clone(fyneLocales), "ja", "kk", "az", "en-GB", "de-AT")
	for _, loc := range locales {
		t.Run(loc, func(t *testing.T) {
			posix := strings.ReplaceAll(loc, "-", "_") + ".UTF-8"
			t.Setenv("LC_ALL", "")
			t.Setenv("LC_MESSAGES", "")
			t.Setenv("LANG", posix)
			t.Setenv("LANGUAGE", loc)
			for _, c := range []struct {
				l            i18n.Lang
				file, cancel string
			}{{i18n.DE, "Datei", "Abbrechen"}, {i18n.RU, "Файл", "Отмена"}, {i18n.EN, "File", "Cancel"}} {
				if err := useLanguage(c.l); err != nil {
					t.Fatal(err)
				}
				if got := tr("menu.file"); got != c.file {
					t.Errorf("%s: menu.file = %q, want %q", c.l, got, c.file)
				}
				if got := lang.L("Cancel"); got != c.cancel {
					t.Errorf("%s: Fyne's Cancel = %q, want %q", c.l, got, c.cancel)
				}
			}
		})
	}
}

func TestPluralForms(t *testing.T) {
	inEnglish(t)
	tests := []struct {
		l    i18n.Lang
		n    int
		want string
	}{
		{i18n.EN, 1, "Opening 1 file"}, {i18n.EN, 3, "Opening 3 files"},
		{i18n.DE, 1, "1 Datei wird geöffnet"}, {i18n.DE, 5, "5 Dateien werden geöffnet"},
		{i18n.RU, 1, "Открытие 1 файла"}, {i18n.RU, 3, "Открытие 3 файлов"}, {i18n.RU, 21, "Открытие 21 файла"},
	}
	for _, tt := range tests {
		if err := useLanguage(tt.l); err != nil {
			t.Fatal(err)
		}
		if got := tn("open.opening_files", tt.n); got != tt.want {
			t.Errorf("%s, %d: %q, want %q", tt.l, tt.n, got, tt.want)
		}
	}
}

func TestFollowsTheSystemLanguage(t *testing.T) {
	tests := []struct {
		lang, language string
		want           i18n.Lang
	}{
		{"de_DE.UTF-8", "", i18n.DE},
		{"ru_KZ.UTF-8", "", i18n.RU},
		{"kk_KZ.UTF-8", "kk:ru", i18n.RU},
		{"fr_FR.UTF-8", "", i18n.EN},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			t.Setenv("LC_ALL", "")
			t.Setenv("LC_MESSAGES", "")
			t.Setenv("LANG", tt.lang)
			t.Setenv("LANGUAGE", tt.language)
			if got := languageFor(""); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			if got := languageFor("de"); got != i18n.DE {
				t.Errorf("a chosen language gives way to the system's: %s", got)
			}
		})
	}
}

// visibleTexts are the texts the window's canvas shows: labels, buttons,
// check boxes, entries' placeholders, the main menu.
func visibleTexts(a *Atlas) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch o := o.(type) {
		case *canvas.Text:
			if strings.TrimSpace(o.Text) != "" {
				out = append(out, o.Text)
			}
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
			return
		case *widget.Entry:
			out = append(out, o.PlaceHolder)
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(a.win.Content())
	if m := a.win.MainMenu(); m != nil {
		for _, menu := range m.Items {
			out = append(out, menu.Label)
			for _, it := range menu.Items {
				out = append(out, it.Label)
			}
		}
	}
	return out
}

// TestSwitchLanguageInPlace chooses German, then Russian, in Preferences
// with a feature selected, a measurement under way, a layer hidden and
// the map moved: every visible text changes, nothing open is lost.
func TestSwitchLanguageInPlace(t *testing.T) {
	inEnglish(t)
	a := newTestAtlas(t, 1200, 800)
	a.goToView("btc")
	flush(t, a)
	px := btcPixel(t, a)
	a.tap(px)
	if a.sel.id() != "btc-pipeline" {
		t.Fatalf("selected %q", a.sel.id())
	}
	a.setLayerVisible("rivers", false)
	a.setYear(2023)
	a.measure.toggle()
	a.measure.add(orb.Point{49.8, 40.4})
	a.measure.add(orb.Point{44.8, 41.7})
	a.panel.search.entry.SetText("Kars")
	// Where the user moved the map: kept at any size the map is given.
	a.mapv.SetCenterZoom(orb.Point{44.5, 40.9}, 5.7)
	flush(t, a)
	view := a.mapv.View()
	english := visibleTexts(a)
	for _, want := range []string{"File", "Views", "Loop", "Moving dashes", "Measure", "Also"} {
		if !containsText(english, want) {
			t.Fatalf("English window lacks %q: %q", want, english)
		}
	}

	tests := []struct {
		choice  string
		l       i18n.Lang
		want    []string // shown
		heading string
		kind    string // the info panel's Kind row
	}{
		{"de", i18n.DE, []string{"Datei", "Ansicht", "Hilfe", "Ansichten", "Szenen", "Ströme", "Schleife", "Bewegte Striche", "Messen", "Auch", "Orte und Routen suchen (jede Sprache)…", "Kaspisches Meer"},
			"Ölpipeline Baku–Tiflis–Ceyhan", "Pipeline"},
		{"ru", i18n.RU, []string{"Файл", "Вид", "Справка", "Виды", "Сцены", "Потоки", "Повтор", "Бегущие штрихи", "Измерить", "Также", "Каспий"},
			"Нефтепровод Баку — Тбилиси — Джейхан", "трубопровод"},
	}
	for _, tt := range tests {
		t.Run(tt.choice, func(t *testing.T) {
			a.prefsDialog()
			if a.prefs == nil {
				t.Fatal("no Preferences dialog")
			}
			a.prefs.language.SetSelectedIndex(slices.Index(append([]string{""}, codes()...), tt.choice))
			if uiLang != tt.l || a.langChoice != tt.choice || a.app.Preferences().String(prefLanguage) != tt.choice {
				t.Fatalf("language %s, choice %q, stored %q", uiLang, a.langChoice, a.app.Preferences().String(prefLanguage))
			}
			// The dialog is shown again in the new language.
			if a.prefs == nil || a.prefs.title != tr("prefs.title") {
				t.Errorf("Preferences not shown again in %s", tt.l)
			}
			a.prefs.d.Hide()
			texts := visibleTexts(a)
			for _, w := range tt.want {
				if !containsText(texts, w) {
					t.Errorf("%s window lacks %q", tt.l, w)
				}
			}
			for _, w := range []string{"File", "Views", "Loop", "Moving dashes"} {
				if containsText(texts, w) {
					t.Errorf("%s window still shows %q", tt.l, w)
				}
			}
			if a.info.heading != tt.heading || a.info.Value(tr("info.kind")) != tt.kind {
				t.Errorf("info %q, kind %q", a.info.heading, a.info.Value(tr("info.kind")))
			}
			// Nothing open was lost.
			if a.sel.id() != "btc-pipeline" || !a.hidden["rivers"] || a.year != 2023 || moved(a.mapv.View().Center, view.Center) || a.mapv.View().Zoom != view.Zoom ||
				!a.measure.on || len(a.measure.pts) != 2 || a.panel.search.entry.Text != "Kars" || len(a.panel.search.hits) == 0 {
				t.Errorf("state lost: selection %q, rivers hidden %v, year %v, view moved %v, measuring %v %d, search %q %d",
					a.sel.id(), a.hidden["rivers"], a.year, moved(a.mapv.View().Center, view.Center), a.measure.on, len(a.measure.pts),
					a.panel.search.entry.Text, len(a.panel.search.hits))
			}
			if !strings.Contains(a.status.label.Text, tn("measure.points", 2, map[string]any{"Length": uiLang.Km(float64(a.measure.length()))})) {
				t.Errorf("status line %q not in %s", a.status.label.Text, tt.l)
			}
		})
	}
}

// moved reports whether the map's centre moved (the map may be resized
// as the panels take their new texts' widths; its centre and zoom stay).
func moved(a, b orb.Point) bool { return math.Abs(a[0]-b[0]) > 1e-9 || math.Abs(a[1]-b[1]) > 1e-9 }

func containsText(texts []string, want string) bool {
	for _, s := range texts {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}
