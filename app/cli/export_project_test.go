package cli

import (
	"bytes"
	"image/gif"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const routesJSON = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Kuryk–Alat"},
"geometry":{"type":"LineString","coordinates":[[51.6,43.2],[50.5,41.5],[49.4,39.95]]}}]}`

// briefing writes a project with a user layer, a missing data file and
// two scenes.
func briefing(t *testing.T, dir string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "data"), "routes.geojson", routesJSON)
	return write(t, dir, "briefing.catlas", `{
  "format": "corridor-atlas-project",
  "version": 1,
  "view": {"lon": 49.5, "lat": 41.2, "zoom": 5.3},
  "year": 2023.5,
  "layers": [
    {"id": "routes", "file": "data/routes.geojson", "opacity": 0.8, "style": {"colour": "#c0392b", "width": 4}},
    {"id": "gone", "file": "data/gone.geojson"}
  ],
  "scenes": [
    {"name": "Aktau–Baku", "title": "Across the Caspian", "bbox": [47.5, 39.2, 53.5, 44.8], "year": 2024,
     "layers": ["countries", "coastline", "titr", "ports", "routes", "gone"]},
    {"name": "BTC", "view": {"lon": 38.5, "lat": 39.5, "zoom": 5.6}, "year": 2023, "flows": ["kz-oil-btc"]}
  ]
}`)
}

func TestExportProject(t *testing.T) {
	dir := t.TempDir()
	proj := briefing(t, dir)
	t.Run("all scenes", func(t *testing.T) {
		slides := filepath.Join(dir, "slides")
		code, stdout, stderr := run("export", "--project", proj, "--all-scenes", slides, "--size", "320x180")
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		for _, name := range []string{"01-aktau-baku.png", "02-btc.png"} {
			b, err := os.ReadFile(filepath.Join(slides, name))
			if err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
				t.Errorf("%s: %v", name, err)
			}
			if !strings.Contains(stdout, name) {
				t.Errorf("stdout %q lacks %s", stdout, name)
			}
		}
		// The missing file is named, once, and the rest exported.
		want := `warning: ` + proj + `: layer "gone": ` + filepath.Join(dir, "data", "gone.geojson") + ": cannot read"
		if strings.Count(stderr, want) != 1 {
			t.Errorf("stderr %q lacks the missing file once", stderr)
		}
	})
	t.Run("one scene", func(t *testing.T) {
		out := filepath.Join(dir, "btc.png")
		code, stdout, stderr := run("export", "--project", proj, "--scene", "btc", "--out", out, "--size", "320x180")
		if code != ExitOK || !strings.Contains(stdout, "wrote "+out) {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	})
	t.Run("the project's view", func(t *testing.T) {
		out := filepath.Join(dir, "view.png")
		code, _, stderr := run("export", "--project", proj, "--out", out, "--size", "320x180", "--year", "2022")
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	})
}

func TestExportProjectAndAnimateExitStatuses(t *testing.T) {
	dir := t.TempDir()
	proj := briefing(t, dir)
	corrupt := write(t, dir, "corrupt.catlas", "{\n  \"format\": \"corridor-atlas-project\",\n  \"version\": 1,\n  \"scenes\": [,]\n}")
	newer := write(t, dir, "newer.catlas", `{"format":"corridor-atlas-project","version":7}`)
	out := filepath.Join(dir, "out.png")
	gifOut := filepath.Join(dir, "out.gif")
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"unknown scene", []string{"--project", proj, "--scene", "moon", "--out", out}, 2, `no scene "moon" (scenes: "Aktau–Baku", "BTC")`},
		{"missing project", []string{"--project", filepath.Join(dir, "none.catlas"), "--out", out}, 1, "none.catlas: cannot open"},
		{"corrupt project", []string{"--project", corrupt, "--scene", "a", "--out", out}, 1, "corrupt.catlas:4:14: not a project: invalid JSON"},
		{"newer project", []string{"--project", newer, "--all-scenes", dir}, 1, "newer version of Corridor Atlas"},
		{"scene without project", []string{"--scene", "a", "--out", out}, 2, "need --project"},
		{"scene and all scenes", []string{"--project", proj, "--scene", "btc", "--all-scenes", dir}, 2, "not both"},
		{"all scenes and out", []string{"--project", proj, "--all-scenes", dir, "--out", out}, 2, "leave out --out"},
		{"from without animate", []string{"--from", "2021", "--to", "2022", "--out", out}, 2, "need --animate"},
		{"from without to", []string{"--animate", "--from", "2021", "--out", gifOut}, 2, "both --from and --to"},
		{"animate with year", []string{"--animate", "--year", "2022", "--out", gifOut}, 2, "leave out --year"},
		{"animate fractional frames", []string{"--animate", "--fps", "3", "--duration", "0.5", "--out", gifOut}, 2, "whole number of frames"},
		{"animate to mp4", []string{"--animate", "--out", filepath.Join(dir, "out.mp4")}, 2, "must end in .gif"},
		{"animate fast GIF", []string{"--animate", "--fps", "60", "--out", gifOut}, 2, "1..50 for a GIF"},
		{"animate unknown flow", []string{"--animate", "--flows", "silk", "--out", gifOut}, 2, `unknown flow "silk"`},
		{"animate no flows", []string{"--animate", "--flows", "none", "--out", gifOut}, 2, "give --from and --to"},
		{"handout in another format", []string{"--project", proj, "--all-scenes", filepath.Join(dir, "h.pdf"), "--format", "svg"}, 2, "writes a PDF handout"},
		{"handout unwritable", []string{"--project", proj, "--all-scenes", filepath.Join(dir, "missing", "h.pdf")}, 1, "cannot write"},
		{"scene to a PDF with another format", []string{"--project", proj, "--scene", "btc", "--format", "png", "--out", filepath.Join(dir, "s.pdf")}, 2, "--format png writes a PNG"},
		{"animate unwritable", []string{"--animate", "--fps", "2", "--duration", "1", "--size", "64x64", "--out", filepath.Join(dir, "missing", "a.gif")}, 1, "cannot write"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(append([]string{"export"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.msg) {
				t.Errorf("stderr %q lacks %q", stderr, tt.msg)
			}
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			if last := lines[len(lines)-1]; strings.Contains(last, "warning:") {
				t.Errorf("the error is not the last line: %q", stderr)
			}
			for _, p := range []string{out, gifOut} {
				if _, err := os.Stat(p); err == nil {
					t.Errorf("%s was written", p)
				}
			}
		})
	}
}

func TestExportAnimate(t *testing.T) {
	dir := t.TempDir()
	t.Run("GIF", func(t *testing.T) {
		out := filepath.Join(dir, "a.gif")
		code, stdout, stderr := run("export", "--animate", "--from", "2021", "--to", "2025", "--fps", "5", "--duration", "1.2", "--size", "320x180", "--out", out)
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.Contains(stdout, "wrote "+out+" (6 frames, 320x180, 5 fps, 1.2 s, ") || !strings.Contains(stdout, " MB") {
			t.Errorf("stdout %q", stdout)
		}
		if strings.Contains(stderr, "\r") {
			t.Errorf("progress written to a non-terminal: %q", stderr)
		}
		f, err := os.Open(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		g, err := gif.DecodeAll(f)
		if err != nil {
			t.Fatal(err)
		}
		if len(g.Image) != 6 || g.Delay[0] != 20 || g.Delay[5] != 20 {
			t.Errorf("%d frames, delays %v", len(g.Image), g.Delay)
		}
	})
	t.Run("PNG frames of a scene", func(t *testing.T) {
		proj := briefing(t, dir)
		frames := filepath.Join(dir, "frames") + string(filepath.Separator)
		code, _, stderr := run("export", "--project", proj, "--scene", "Aktau–Baku", "--animate", "--fps", "4", "--duration", "1", "--size", "320x180", "--out", frames)
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		es, _ := os.ReadDir(frames)
		if len(es) != 4 || es[0].Name() != "frame-0001.png" || es[3].Name() != "frame-0004.png" {
			t.Errorf("frames %v", es)
		}
	})
}
