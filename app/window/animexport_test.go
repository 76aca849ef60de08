package window

import (
	"bytes"
	"image/gif"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corridor-atlas/corridor-atlas/app/export"
)

func TestAnimatedExportFromTheDialog(t *testing.T) {
	tests := []struct {
		name       string
		kind       exportKind
		out        string // under the test's folder; a trailing / for frames
		fps, dur   string
		cancel     bool
		wantFrames int
		wantErr    string
	}{
		{"GIF", exportGIF, "anim.gif", "4", "1.5", false, 6, ""},
		{"PNG frames", exportFrames, "frames/", "5", "1", false, 5, ""},
		{"cancelled GIF", exportGIF, "anim.gif", "4", "2", true, 0, ""},
		{"cancelled frames", exportFrames, "frames/", "4", "2", true, 0, ""},
		{"fps × duration not whole", exportGIF, "anim.gif", "3", "0.5", false, 0, "whole number of frames"},
		{"too fast for a GIF", exportGIF, "anim.gif", "60", "1", false, 0, "fps 60 is out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, tt.out)
			if strings.HasSuffix(tt.out, "/") {
				out += string(filepath.Separator)
			}
			a := newTestAtlas(t, 800, 500)
			a.exportTo = out
			reports := 0
			a.onTaskProgress = func(tk *task, f float64) {
				reports++
				if tt.cancel && reports == 2 {
					tk.Cancel()
				}
			}
			a.exportDialog()
			ui := a.exportUI
			if ui == nil {
				t.Fatal("no export dialog")
			}
			ui.kind.SetSelectedIndex(int(tt.kind))
			ui.preset.SetSelectedIndex(len(exportPresets) - 1) // custom: a small picture
			ui.width.SetText("320")
			ui.height.SetText("180")
			ui.from.SetText("2021")
			ui.to.SetText("2025")
			ui.fps.SetText(tt.fps)
			ui.duration.SetText(tt.dur)
			ui.d.Submit()
			if tt.wantErr != "" {
				if !strings.Contains(a.lastError, tt.wantErr) {
					t.Errorf("error %q, want %q", a.lastError, tt.wantErr)
				}
				if entries, _ := os.ReadDir(dir); len(entries) != 0 {
					t.Errorf("a refused export wrote %d files", len(entries))
				}
				return
			}
			if a.lastError != "" {
				t.Fatalf("error %q", a.lastError)
			}
			if a.exporting != 0 || a.tasks != 0 {
				t.Errorf("%d exports, %d tasks still running", a.exporting, a.tasks)
			}
			if !a.lastTask.shown {
				t.Error("no progress dialog with Cancel")
			}
			if tt.cancel {
				var left []string
				filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
					if err == nil && !info.IsDir() {
						left = append(left, p)
					}
					return nil
				})
				if len(left) != 0 {
					t.Errorf("a cancelled export left %v", left)
				}
				if a.lastInfo != "" {
					t.Errorf("reported %q", a.lastInfo)
				}
				return
			}
			if reports != tt.wantFrames {
				t.Errorf("%d progress reports, want one a frame (%d)", reports, tt.wantFrames)
			}
			for _, w := range []string{filepath.Clean(out), "frames", "320 × 180", "2021", "2025"} {
				if !strings.Contains(a.lastInfo, w) {
					t.Errorf("report %q lacks %q", a.lastInfo, w)
				}
			}
			if !strings.Contains(a.lastInfo, "kB") && !strings.Contains(a.lastInfo, "MB") && !strings.Contains(a.lastInfo, "bytes") {
				t.Errorf("report %q gives no size", a.lastInfo)
			}
			switch tt.kind {
			case exportGIF:
				b, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				g, err := gif.DecodeAll(bytes.NewReader(b))
				if err != nil {
					t.Fatal(err)
				}
				if len(g.Image) != tt.wantFrames || g.Config.Width != 320 || g.Config.Height != 180 {
					t.Errorf("%d frames of %d×%d", len(g.Image), g.Config.Width, g.Config.Height)
				}
			case exportFrames:
				for i := 0; i < tt.wantFrames; i++ {
					if _, err := os.Stat(filepath.Join(out, export.FrameName(i, tt.wantFrames))); err != nil {
						t.Error(err)
					}
				}
			}
			if a.exportSet.kind != tt.kind || a.exportSet.fps == 0 {
				t.Errorf("the dialog's choices were not kept: %+v", a.exportSet)
			}
		})
	}
}

// TestFramesFolderAsksBeforeReplacing: exporting frames into a folder
// that holds an earlier export's frames asks first; "no" leaves them,
// "yes" replaces the whole sequence (none of a longer earlier one is
// left); a folder with other files is refused.
func TestFramesFolderAsksBeforeReplacing(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "frames") + string(filepath.Separator)
	a := newTestAtlas(t, 800, 500)
	var asked []string
	answer := false
	a.confirm = func(title, msg string, then func(bool)) {
		asked = append(asked, msg)
		then(answer)
	}
	run := func(seconds string) {
		a.lastError, a.lastInfo = "", ""
		set := a.exportSet
		set.kind, set.width, set.height, set.preset = exportFrames, 160, 90, len(exportPresets)-1
		set.from, set.to, set.fps = 2021, 2025, 4
		if err := parseAnimation(&set, "2021", "2025", "4", seconds); err != nil {
			t.Fatal(err)
		}
		a.runAnimation(set, out)
	}
	count := func() int {
		entries, _ := os.ReadDir(out)
		return len(entries)
	}
	run("2")
	if count() != 8 || len(asked) != 0 {
		t.Fatalf("first export: %d frames, asked %v, error %q", count(), asked, a.lastError)
	}
	run("1")
	if count() != 8 || len(asked) != 1 || !strings.Contains(asked[0], "8 frames") {
		t.Errorf("answered no: %d frames, asked %v", count(), asked)
	}
	answer = true
	run("1")
	if count() != 4 || a.lastError != "" {
		t.Errorf("answered yes: %d frames, error %q", count(), a.lastError)
	}
	os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644)
	run("1")
	if !strings.Contains(a.lastError, "other files") || count() != 5 {
		t.Errorf("other files: error %q, %d entries", a.lastError, count())
	}
}
