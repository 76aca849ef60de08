package window

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestVectorExportFromTheDialog: the dialog's SVG and PDF kinds write
// the map as the command line does, and report it.
func TestVectorExportFromTheDialog(t *testing.T) {
	tests := []struct {
		name    string
		kind    exportKind
		outline bool
		file    string
		head    string // what the file starts with
	}{
		{"SVG", exportSVG, false, "map.svg", "<?xml"},
		{"SVG", exportSVG, true, "outlined.svg", "<?xml"},
		{"PDF", exportPDF, false, "map.pdf", "%PDF-"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), tt.file)
			a := newTestAtlas(t, 800, 500)
			a.exportTo = out
			a.exportDialog()
			ui := a.exportUI
			ui.kind.SetSelected(exportKinds()[tt.kind])
			if !ui.fps.Disabled() {
				t.Error("the animation's fields are open for a picture")
			}
			if ui.outline.Disabled() != (tt.kind != exportSVG) {
				t.Errorf("outline choice enabled %v for %s", !ui.outline.Disabled(), tt.name)
			}
			ui.outline.SetChecked(tt.outline)
			ui.preset.SetSelectedIndex(len(exportPresets) - 1)
			ui.width.SetText("640")
			ui.height.SetText("360")
			ui.d.Submit()
			if a.lastError != "" {
				t.Fatalf("error %q", a.lastError)
			}
			b, err := os.ReadFile(out)
			if err != nil || !bytes.HasPrefix(b, []byte(tt.head)) {
				t.Fatalf("%s: %v, starts %q", out, err, b[:min(len(b), 8)])
			}
			if tt.kind == exportSVG && bytes.Contains(b, []byte("<text")) == tt.outline {
				t.Errorf("outlined %v, yet <text> present %v", tt.outline, bytes.Contains(b, []byte("<text")))
			}
			for _, w := range []string{out, tt.name, "640 × 360 px"} {
				if !strings.Contains(a.lastInfo, w) {
					t.Errorf("report %q lacks %q", a.lastInfo, w)
				}
			}
		})
	}
}

// TestHandoutFromTheWindow: File → Export Handout asks on which paper,
// then writes the scenes as the pages of one PDF of that size; without
// scenes it says how to add them.
func TestHandoutFromTheWindow(t *testing.T) {
	a := newTestAtlas(t, 800, 500)
	a.exportTo = filepath.Join(t.TempDir(), "handout.pdf")
	a.exportHandout()
	if !strings.Contains(a.lastError, "no scenes") || a.handoutAsk != nil {
		t.Errorf("without scenes: error %q, dialog %v", a.lastError, a.handoutAsk != nil)
	}
	a.lastError = ""
	for _, v := range []string{"caspian", "btc"} {
		a.goToView(v)
		flush(t, a)
		if err := a.addScene(v, "Scene "+v); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		paper int
		name  string
		box   string // the pages' MediaBox in points
	}{
		{-1, "A4 landscape", "[0 0 841.89 595.28]"},
		{3, "A3 portrait", "[0 0 841.89 1190.55]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "handout.pdf")
			a.exportTo, a.lastInfo = out, ""
			a.exportHandout()
			q := a.handoutAsk
			if q == nil {
				t.Fatal("no paper asked for")
			}
			if c.paper >= 0 {
				q.paper.SetSelectedIndex(c.paper)
			}
			if q.paper.Selected != c.name {
				t.Errorf("paper %q, want %q", q.paper.Selected, c.name)
			}
			test.Tap(q.save)
			if a.lastError != "" {
				t.Fatalf("error %q", a.lastError)
			}
			b, err := os.ReadFile(out)
			if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
				t.Fatalf("%s: %v", out, err)
			}
			if n := bytes.Count(b, []byte("/Type /Page\n")) + bytes.Count(b, []byte("/Type /Page ")); n != 2 {
				t.Errorf("%d pages, want 2", n)
			}
			if n := bytes.Count(b, []byte("/MediaBox "+c.box)); n != 2 {
				t.Errorf("%d pages with MediaBox %s, want 2", n, c.box)
			}
			if !strings.Contains(a.lastInfo, "2 pages") || !strings.Contains(a.lastInfo, c.name) {
				t.Errorf("report %q", a.lastInfo)
			}
		})
	}
	if a.handoutPaper != 3 {
		t.Errorf("the paper chosen last is not kept: %d", a.handoutPaper)
	}
}
