package export

import (
	"github.com/corridor-atlas/corridor-atlas/app/catalog"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	xdraw "golang.org/x/image/draw"

	"github.com/corridor-atlas/corridor-atlas/app/render"
)

// An OCR engine reads the words issue #12 found misprinted in a
// 1920×1080 export of the BTC view ("Tabzon", "KazTansOil", "Tend", "NGA
// Wrld", letters lost from "Tanker" and "Fibre"). Tesseract reads small
// text best at two or three times the size, as it was trained on 300 dpi
// scans: the picture is enlarged smoothly before it is read. The town
// label is read from a crop around Trabzon, as map lines around it
// confuse the page layout analysis of the whole picture.
//
// The test needs tesseract (tesseract-ocr); it skips without it unless CI
// is set.
func TestOCRReadsTheExport(t *testing.T) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tesseract is not installed (CI needs tesseract-ocr)")
		}
		t.Skip("tesseract is not installed")
	}
	c := catalogue(t)
	o := opts(func(o *Options) { o.View = "btc" })
	if o.Width != 1920 || o.Height != 1080 {
		t.Fatalf("the default export is %d×%d", o.Width, o.Height)
	}
	img, s := renderOpts(t, c, o)
	whole := ocr(t, img, img.Rect, 2, "", "3")
	for _, w := range []string{"KazTransOil", "Trend", "NGA World", "Tanker", "Fibre"} {
		if !strings.Contains(whole, w) {
			t.Errorf("OCR of the export does not read %q", w)
		}
	}
	town, ok := placeOf(c, "Trabzon")
	if !ok {
		t.Fatal("no Trabzon in the cities layer")
	}
	px := s.View.ToPixel(town)
	crop := image.Rect(int(px[0])-160, int(px[1])-40, int(px[0])+160, int(px[1])+40)
	if got := ocr(t, img, crop, 4, "", "11"); !strings.Contains(got, "Trabzon") {
		t.Errorf("OCR around Trabzon reads %q", got)
	}
	if t.Failed() {
		t.Logf("OCR of the whole picture:\n%s", whole)
	}
}

// placeOf finds a named point in the embedded cities layer.
func placeOf(c *catalog.Catalogue, name string) (orb.Point, bool) {
	for _, l := range c.Layers {
		if l.ID != "cities" {
			continue
		}
		for _, f := range l.Detailed {
			if p, ok := f.Geometry.(orb.Point); ok && render.Prop(f, "NAME") == name {
				return p, true
			}
		}
	}
	return orb.Point{}, false
}

// ocr reads r of img, scaled k times, with tesseract's language model
// ("" for its default) and page segmentation mode psm, as one line of
// words.
func ocr(t *testing.T, img *image.RGBA, r image.Rectangle, k int, model, psm string) string {
	t.Helper()
	r = r.Intersect(img.Rect)
	big := image.NewRGBA(image.Rect(0, 0, r.Dx()*k, r.Dy()*k))
	xdraw.CatmullRom.Scale(big, big.Rect, img, r, xdraw.Src, nil)
	p := filepath.Join(t.TempDir(), "ocr.png")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, big); err != nil {
		t.Fatal(err)
	}
	f.Close()
	args := []string{p, "stdout", "--psm", psm}
	if model != "" {
		args = append(args, "-l", model)
	}
	cmd := exec.Command("tesseract", args...)
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("tesseract: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
