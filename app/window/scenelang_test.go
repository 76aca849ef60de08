package window

import (
	"path/filepath"
	"testing"

	"github.com/corridor-atlas/corridor-atlas/app/project"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
)

// TestSceneCaptionsPerLanguage writes a scene's caption in English, then
// in German and Russian with the window in those languages: each
// language shows its own, one without falls back to the project's
// language, and the project file keeps them all with its language.
func TestSceneCaptionsPerLanguage(t *testing.T) {
	inEnglish(t)
	a := newTestAtlas(t, 900, 600)
	if err := a.addScene("crossing", "Across the Caspian"); err != nil {
		t.Fatal(err)
	}
	if err := a.addScene("pipeline", "The pipeline"); err != nil {
		t.Fatal(err)
	}
	if err := a.setLanguage("de"); err != nil {
		t.Fatal(err)
	}
	if got := a.scenes[0].CaptionIn(uiLang); got != "Across the Caspian" {
		t.Errorf("German without its own caption shows %q, want the project's English", got)
	}
	if err := a.renameScene(0, "crossing", "Über das Kaspische Meer"); err != nil {
		t.Fatal(err)
	}
	if err := a.setLanguage("ru"); err != nil {
		t.Fatal(err)
	}
	if err := a.renameScene(0, "crossing", "Через Каспий"); err != nil {
		t.Fatal(err)
	}
	a.sceneIndex = 0
	for _, c := range []struct {
		choice, want string
	}{{"ru", "Через Каспий"}, {"de", "Über das Kaspische Meer"}, {"en", "Across the Caspian"}} {
		if err := a.setLanguage(c.choice); err != nil {
			t.Fatal(err)
		}
		if got := a.sceneCaption(); got != c.want {
			t.Errorf("%s: caption %q, want %q", c.choice, got, c.want)
		}
		if s := a.scene(a.mapv.View()); a.decorated() && s.Title != c.want {
			t.Errorf("%s: the map is titled %q", c.choice, s.Title)
		}
	}
	s := a.scenes[0]
	if s.Title != "Across the Caspian" || s.Titles["de"] != "Über das Kaspische Meer" || s.Titles["ru"] != "Через Каспий" {
		t.Errorf("scene %+v", s)
	}
	path := filepath.Join(t.TempDir(), "briefing.catlas")
	if err := a.saveProjectTo(path); err != nil {
		t.Fatal(err)
	}
	p, err := project.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if p.Lang() != i18n.EN || p.Scenes[0].CaptionIn(i18n.RU) != "Через Каспий" || p.Scenes[1].CaptionIn(i18n.DE) != "The pipeline" {
		t.Errorf("saved language %q, scenes %+v", p.Language, p.Scenes)
	}
	// Opened in a window in Russian, the project stays English at heart.
	if err := useLanguage(i18n.RU); err != nil {
		t.Fatal(err)
	}
	b := newTestAtlas(t, 900, 600)
	b.openProject(path)
	if b.projLang != "en" || b.scenes[0].CaptionIn(uiLang) != "Через Каспий" {
		t.Errorf("opened: project language %q, caption %q", b.projLang, b.scenes[0].CaptionIn(uiLang))
	}
	if got := b.ownCaption(&b.scenes[1]); got != "" {
		t.Errorf("the Russian form offers %q for a scene with no Russian caption", got)
	}
	if got := b.captionFallback(&b.scenes[1]); got != "The pipeline" {
		t.Errorf("the Russian form's fallback is %q", got)
	}
}
