package export

import (
	"strings"
	"testing"

	"github.com/corridor-atlas/corridor-atlas/data/i18n"
	"github.com/corridor-atlas/corridor-atlas/data/i18n/i18ntest"
)

// TestMessagesComplete fails on a message missing in a language, one no
// code uses and one the code asks for that the catalogue lacks.
func TestMessagesComplete(t *testing.T) {
	i18ntest.Complete(t, messages.Check, "usage", "messages.T", "messages.N")
}

// TestRefusalsInTheLanguage: an export refuses in its own language, with
// the values as given and "export:" naming the source.
func TestRefusalsInTheLanguage(t *testing.T) {
	tests := []struct {
		l    i18n.Lang
		mod  func(*Options)
		want string
	}{
		{i18n.EN, func(o *Options) { o.View = "nope" }, `export: unknown view "nope" (views:`},
		{i18n.DE, func(o *Options) { o.View = "nope" }, `export: unbekannte Ansicht "nope" (Ansichten:`},
		{i18n.RU, func(o *Options) { o.Width = 5 }, "export: размер 5x1080 вне допустимого"},
		{i18n.DE, func(o *Options) { o.Out = "map.jpg" }, "der Export schreibt PNG, SVG oder PDF, nicht jpg"},
		{i18n.RU, func(o *Options) { o.Out, o.Format = "map.jpg", FormatPDF }, "экспорт пишет PDF, а не jpg"},
		{i18n.DE, func(o *Options) { o.Out, o.Format = "map.png", FormatSVG }, "--format svg schreibt ein SVG, aber der Name endet auf .png"},
	}
	for _, tt := range tests {
		t.Run(string(tt.l)+"/"+tt.want, func(t *testing.T) {
			o := opts(tt.mod)
			o.Lang = tt.l
			err := o.Check()
			if err == nil || !IsUsage(err) || !strings.HasPrefix(err.Error(), tt.want) && !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}
