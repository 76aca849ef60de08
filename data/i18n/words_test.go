package i18n_test

import (
	"strconv"
	"testing"

	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
	"github.com/corridor-atlas/corridor-atlas/data/i18n/i18ntest"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// wordUsers are the packages that look words up; keys they build at run
// time come from the closed lists added below.
var wordUsers = []string{".", "../../data", "../../app/render", "../../app/window", "../../app/cli", "../../app/export", "../../app/project"}

// TestWordsComplete fails on a word missing in a language, a plural form
// a language needs, and a word no code uses.
func TestWordsComplete(t *testing.T) {
	used := i18ntest.Literals(t, wordUsers...)
	add := func(prefix string, names ...string) {
		for _, n := range names {
			used[prefix+n] = true
		}
	}
	for _, k := range []data.FigureKind{data.Actual, data.Estimate, data.Plan, data.Forecast} {
		add("figure.", k.String())
	}
	add("unit.", "Mt", "kt", "t", "Mt/yr", "km", "m")
	for m := 1; m <= 12; m++ {
		add("month.", strconv.Itoa(m))
	}
	add("feature.kind.", data.FeatureKinds...)
	add("feature.status.", data.Statuses...)
	add("feature.precision.", data.Precisions...)
	add("feature.role.", data.Roles...)
	add("bloc.", "member", "observer")
	for _, s := range data.Sources {
		add("layer.", s.ID)
	}
	for _, v := range geo.Views {
		add("view.", v.Name)
	}
	called := i18ntest.Calls(t, []string{"T", "N", "!messages", "!ui", "!Words"}, wordUsers...)
	for _, p := range i18n.Words.Check(used, called) {
		t.Error(p)
	}
}

// TestLayerTitles holds the English layer titles of the catalogue to the
// ones the data declares, so the two cannot drift apart.
func TestLayerTitles(t *testing.T) {
	for _, s := range data.Sources {
		if got := s.TitleIn(i18n.EN); got != s.Title {
			t.Errorf("layer %s: words say %q, data.Sources %q", s.ID, got, s.Title)
		}
	}
	for _, v := range geo.Views {
		if got := i18n.EN.T("view." + v.Name); got != v.Title {
			t.Errorf("view %s: words say %q, geo.Views %q", v.Name, got, v.Title)
		}
	}
}

// TestPolicyTexts holds the English texts of the catalogue to the
// constants the data declares.
func TestPolicyTexts(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{data.BorderPolicyIn(i18n.EN), data.BorderPolicy},
		{data.BorderNoteIn(i18n.EN), data.BorderNote},
		{data.AttributionIn(i18n.EN), data.Attribution},
		{data.SchematicNoteIn(i18n.EN), data.SchematicNote},
	} {
		if c.got != c.want {
			t.Errorf("words say %q, data %q", c.got, c.want)
		}
	}
}
