package export

import (
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// langGoldens are the default export (`corridor-atlas export`: the
// Caspian view in 2024 at 1920×1080) in the other languages, kept at
// half size like the English goldens of that size.
var langGoldens = []i18n.Lang{i18n.DE, i18n.RU}

func langOpts(l i18n.Lang) Options {
	return opts(func(o *Options) { o.Lang, o.Title = l, DefaultTitleIn(l) })
}

// TestGoldenLanguages compares the default export in German and Russian
// with its golden picture (-update rewrites them: look at each).
func TestGoldenLanguages(t *testing.T) {
	c := catalogue(t)
	for _, l := range langGoldens {
		t.Run(string(l), func(t *testing.T) {
			img, _ := renderOpts(t, c, langOpts(l))
			small := shrink(img, 2)
			checkGolden(t, small, filepath.Join("testdata", fmt.Sprintf("default-%s.png", l)))
		})
	}
}

// TestOCRReadsTheLanguages reads the default export in German and Russian
// with tesseract's German and Russian models: the title, the legend, the
// year line's numbers and the attribution are in the language, and the
// English words the English map has are not there.
func TestOCRReadsTheLanguages(t *testing.T) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tesseract is not installed (CI needs tesseract-ocr)")
		}
		t.Skip("tesseract is not installed")
	}
	out, _ := exec.Command("tesseract", "--list-langs").CombinedOutput()
	c := catalogue(t)
	tests := []struct {
		l       i18n.Lang
		model   string
		want    []string
		notWant []string
	}{
		{i18n.DE, "deu", []string{"Transkaspischer", "Korridor", "Ölpipeline", "Fährroute", "Hauptstadt", "Erstellt mit Natural Earth", "Mio. t", "Bandbreite"},
			[]string{"Ferry lane", "Capital", "Railway", "Made with", "Band width"}},
		{i18n.RU, "rus", []string{"Транскаспийский", "коридор", "Нефтепровод", "Паромная", "Столица", "Создано", "млн т", "Ширина полосы"},
			[]string{"Ferry lane", "Capital", "Railway", "Made with", "Band width"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.l), func(t *testing.T) {
			if !strings.Contains(string(out), tt.model) {
				if os.Getenv("CI") != "" {
					t.Fatalf("tesseract has no %s model (CI needs tesseract-ocr-%s)", tt.model, tt.model)
				}
				t.Skipf("tesseract has no %s model", tt.model)
			}
			img, sc := renderOpts(t, c, langOpts(tt.l))
			// The whole picture, then each panel on its own: tesseract
			// cuts a page into blocks by its layout, and a word of the
			// legend can be lost to a block cut across the map beside it.
			read := ocr(t, img, img.Rect, 2, tt.model, "3")
			for _, pn := range render.New().Layout(sc).Panels {
				b := pn.Box
				read += " " + ocr(t, img, image.Rect(int(b.X0), int(b.Y0), int(b.X1+1), int(b.Y1+1)), 2, tt.model, "3")
			}
			for _, w := range tt.want {
				if !strings.Contains(read, w) {
					t.Errorf("OCR does not read %q", w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(read, w) {
					t.Errorf("OCR reads English %q", w)
				}
			}
			if t.Failed() {
				t.Logf("OCR:\n%s", read)
			}
		})
	}
}

// TestLayoutPropertiesInLanguages holds the German and Russian pictures,
// whose labels and legend are longer than the English, to the placer's
// promises (see TestLayoutProperties), at a slide's size and a small one.
func TestLayoutPropertiesInLanguages(t *testing.T) {
	c := catalogue(t)
	subject := subjectPoints(t, c)
	r := render.New()
	for _, l := range langGoldens {
		for _, v := range geo.Views {
			for _, sz := range [][2]int{{1920, 1080}, {800, 600}} {
				for _, year := range layoutYears {
					t.Run(fmt.Sprintf("%s/%s/%dx%d/%v", l, v.Name, sz[0], sz[1], float64(year)), func(t *testing.T) {
						o := opts(func(o *Options) {
							o.View, o.Width, o.Height, o.Year, o.Lang, o.Title = v.Name, sz[0], sz[1], year, l, DefaultTitleIn(l)
						})
						s, err := o.SceneWith(c, r)
						if err != nil {
							t.Fatal(err)
						}
						checkLayout(t, s, r.Layout(s), subject)
					})
				}
			}
		}
	}
}
