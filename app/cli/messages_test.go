package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corridor-atlas/corridor-atlas/data/i18n"
	"github.com/corridor-atlas/corridor-atlas/data/i18n/i18ntest"
)

// TestMessagesComplete fails on a message missing in a language, a plural
// form a language needs, a message no code uses and one the code asks for
// that the catalogue lacks.
func TestMessagesComplete(t *testing.T) {
	i18ntest.Complete(t, messages.Check, "msg", "usage", "messages.N")
}

func TestLanguage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want i18n.Lang
	}{
		{"flag", []string{"export", "--lang", "de", "--out", "x.png"}, nil, i18n.DE},
		{"flag with =", []string{"export", "--lang=ru"}, map[string]string{"LANG": "de_DE.UTF-8"}, i18n.RU},
		{"locale", []string{"export"}, map[string]string{"LANG": "ru_RU.UTF-8"}, i18n.RU},
		{"LC_ALL wins", []string{"layers"}, map[string]string{"LC_ALL": "de_AT.UTF-8", "LANG": "ru_RU.UTF-8"}, i18n.DE},
		{"LANGUAGE list", []string{"layers"}, map[string]string{"LANG": "kk_KZ.UTF-8", "LANGUAGE": "kk:ru"}, i18n.RU},
		{"C is English", []string{"layers"}, map[string]string{"LC_ALL": "C", "LANGUAGE": "de"}, i18n.EN},
		{"unspoken", []string{"layers"}, map[string]string{"LANG": "fr_FR.UTF-8"}, i18n.EN},
		{"a bad flag value falls back", []string{"export", "--lang", "xx"}, map[string]string{"LANG": "de_DE.UTF-8"}, i18n.DE},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
				t.Setenv(k, tt.env[k])
			}
			if got := Language(tt.args); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// TestMessagesInLanguage runs usage errors, a data error and a finished
// export with --lang and under a German locale.
func TestMessagesInLanguage(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "x.png")
	tests := []struct {
		name   string
		args   []string
		env    string
		code   int
		stdout string
		stderr string
	}{
		{"usage error de", []string{"export", "--lang", "de", "--out", out, "--bbox", "1,2,3,4", "--view", "btc"}, "", 2, "", "--bbox oder --view angeben, nicht beides"},
		{"usage error ru", []string{"export", "--lang", "ru", "--out", out, "--from", "2021"}, "", 2, "", "требуют --animate"},
		{"unknown flag de", []string{"export", "--lang=de", "--colour", "red"}, "", 2, "", "unbekannte Option -colour"},
		{"bad value ru", []string{"export", "--lang", "ru", "--size", "big"}, "", 2, "", "ожидается ШxВ"},
		{"unknown language", []string{"export", "--lang", "tr", "--out", out}, "", 2, "", "want one of en, de, ru"},
		{"unknown command in the locale", []string{"frobnicate"}, "de_DE.UTF-8", 2, "", "unbekannter Befehl"},
		{"no scenes ru", []string{"export", "--lang", "ru", "--project", writeProject(t, dir), "--all-scenes", dir}, "", 1, "", "в проекте нет сцен"},
		{"wrote de", []string{"export", "--lang", "de", "--out", out, "--size", "320x200"}, "", 0, "geschrieben (320x200, 18 dpi, 0,", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("LC_ALL", "")
			t.Setenv("LANG", tt.env)
			var so, se bytes.Buffer
			code := Main(tt.args, &so, &se)
			if code != tt.code || !strings.Contains(so.String(), tt.stdout) || !strings.Contains(se.String(), tt.stderr) {
				t.Errorf("exit %d (want %d)\nstdout %q (want %q)\nstderr %q (want %q)", code, tt.code, so.String(), tt.stdout, se.String(), tt.stderr)
			}
		})
	}
}

func writeProject(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "empty.catlas")
	if err := os.WriteFile(p, []byte(`{"format": "corridor-atlas-project", "version": 1, "language": "de"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
