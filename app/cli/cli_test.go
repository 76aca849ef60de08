package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestLayersListsEveryLayer(t *testing.T) {
	code, out, _ := run("layers")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	want := []string{"countries", "borders", "coastline", "lakes", "rivers", "seas", "disputed", "cities", "seaports",
		"eaeu", "csto", "ots", "titr", "ports", "btc", "fibre", "power", "oil-lane"}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(want) {
		t.Errorf("%d lines, want %d:\n%s", len(lines), len(want), out)
	}
	got := map[string][]string{}
	for _, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != 4 {
			t.Fatalf("line %q has %d tab-separated fields, want 4", l, len(f))
		}
		got[f[0]] = f
	}
	for _, id := range want {
		if got[id] == nil {
			t.Errorf("layer %q missing", id)
		}
	}
	if g := got["btc"]; g != nil && (g[1] != "line,point" || g[2] == "0") {
		t.Errorf("btc line = %q", g)
	}
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestValidate(t *testing.T) {
	dir := t.TempDir()
	good := write(t, dir, "good.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[51.2,43.6],[49.4,39.95]]},"properties":{}}]}`)
	tests := []struct {
		name    string
		content string
		fault   string
	}{
		{"not JSON", "this is not json", "invalid JSON"},
		{"truncated", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,`, "truncated"},
		{"wrong types", `{"type":"FeatureCollection","features":"many"}`, "must be an array"},
		{"NaN", `{"type":"Point","coordinates":[NaN,1]}`, "invalid JSON"},
		{"one-point LineString", `{"type":"LineString","coordinates":[[1,2]]}`, "at least 2 positions"},
		{"empty file", "", "empty file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := write(t, dir, strings.ReplaceAll(tt.name, " ", "_")+".geojson", tt.content)
			code, out, _ := run("validate", good, bad)
			if code != ExitData {
				t.Errorf("exit %d, want %d", code, ExitData)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != 2 || !strings.Contains(lines[0], "OK, 1 features") {
				t.Fatalf("output:\n%s", out)
			}
			if !strings.HasPrefix(lines[1], bad) || !strings.Contains(lines[1], tt.fault) {
				t.Errorf("error line %q should name %s and say %q", lines[1], bad, tt.fault)
			}
		})
	}
	t.Run("all good", func(t *testing.T) {
		code, out, _ := run("validate", good)
		if code != 0 || !strings.Contains(out, "bounds 49.4000,39.9500,51.2000,43.6000") {
			t.Errorf("exit %d, output %q", code, out)
		}
	})
	t.Run("missing file", func(t *testing.T) {
		code, out, _ := run("validate", filepath.Join(dir, "nope.geojson"))
		if code != ExitData || !strings.Contains(out, "nope.geojson: cannot read") {
			t.Errorf("exit %d, output %q", code, out)
		}
	})
}

func TestExitStatuses(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "map.png")
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"help", []string{"--help"}, 0, ""},
		{"subcommand help", []string{"export", "--help"}, 0, ""},
		{"validate help", []string{"validate", "-h"}, 0, ""},
		{"layers help", []string{"layers", "--help"}, 0, ""},
		{"version", []string{"--version"}, 0, ""},
		{"unknown command", []string{"fly"}, 2, "unknown command"},
		{"unknown flag", []string{"export", "--out", out, "--colour", "red"}, 2, "unknown option"},
		{"validate without files", []string{"validate"}, 2, "no files"},
		{"bad size", []string{"export", "--out", out, "--size", "big"}, 2, "WxH"},
		{"zero size", []string{"export", "--out", out, "--size", "0x100"}, 2, "out of range"},
		{"unknown layer", []string{"export", "--out", out, "--layers", "countries,atlantis"}, 2, `unknown layer "atlantis"`},
		{"unknown flow", []string{"export", "--out", out, "--flows", "silk"}, 2, `unknown flow "silk"`},
		{"unknown view", []string{"export", "--out", out, "--view", "moon"}, 2, `unknown view "moon"`},
		{"bbox min above max", []string{"export", "--out", out, "--bbox", "50,45,40,40"}, 2, "min must be less"},
		{"bbox outside", []string{"export", "--out", out, "--bbox", "10,-89,20,40"}, 2, "outside"},
		{"bbox and view", []string{"export", "--out", out, "--bbox", "40,40,50,45", "--view", "btc"}, 2, "not both"},
		{"phase out of range", []string{"export", "--out", out, "--phase", "1"}, 2, "phase"},
		{"no out", []string{"export"}, 2, "--out"},
		{"unwritable", []string{"export", "--out", filepath.Join(dir, "missing", "map.png")}, 1, "cannot write"},
		{"unwritable SVG", []string{"export", "--out", filepath.Join(dir, "missing", "map.svg")}, 1, "cannot write"},
		{"unwritable PDF", []string{"export", "--out", filepath.Join(dir, "missing", "map.pdf"), "--size", "A4"}, 1, "cannot write"},
		{"bad format", []string{"export", "--out", out, "--format", "tiff"}, 2, `invalid value "tiff" for --format: want png, svg or pdf`},
		{"format against name", []string{"export", "--out", out, "--format", "svg"}, 2, "--format svg writes an SVG, but the name ends in .png"},
		{"bad svg text", []string{"export", "--out", filepath.Join(dir, "m.svg"), "--svg-text", "paths"}, 2, "want embed or outline"},
		{"bad paper", []string{"export", "--out", filepath.Join(dir, "m.pdf"), "--size", "A7"}, 2, "WxH"},
		{"print size too big for its dpi", []string{"export", "--out", filepath.Join(dir, "m.pdf"), "--size", "A3", "--dpi", "1200"}, 2, "out of range"},
		{"unreadable data", []string{"export", "--out", out, "--data", filepath.Join(dir, "none.geojson")}, 1, "cannot read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if tt.msg != "" && !strings.Contains(stderr, tt.msg) {
				t.Errorf("stderr %q lacks %q", stderr, tt.msg)
			}
			if tt.code != 0 && strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
				t.Errorf("error is not one line: %q", stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was written", out)
			}
		})
	}
}

func TestExportWritesPNG(t *testing.T) {
	dir := t.TempDir()
	data := write(t, dir, "routes.geojson", `{"type":"LineString","coordinates":[[44.8,41.7],[49.9,40.4]]}`)
	out := filepath.Join(dir, "map.png")
	code, stdout, stderr := run("export", "--out", out, "--size", "640x360", "--view", "btc", "--year", "2023.5", "--data", data, "--title", "Test")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "wrote "+out) {
		t.Errorf("stdout %q", stdout)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Fatalf("not a PNG: %v", err)
	}
	// The same file name twice: the second layer id gets a suffix, reported.
	code, _, stderr = run("export", "--out", out, "--size", "320x200", "--data", data, "--data", data, "--layers", "routes,routes-2")
	if code != 0 || !strings.Contains(stderr, `using "routes-2"`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestNoDisplay(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	if !HasDisplay() {
		code, _, stderr := run()
		if code == 0 || !strings.Contains(stderr, "needs a desktop session") || !strings.Contains(stderr, "export") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	}
}

func TestFlowsListsEveryFigureWithItsSource(t *testing.T) {
	code, out, _ := run("flows")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[0] != strings.Join(flowsHeader, "\t") {
		t.Fatalf("header %q", lines[0])
	}
	rows := map[string][]string{}
	for _, l := range lines[1:] {
		f := strings.Split(l, "\t")
		if len(f) != len(flowsHeader) {
			t.Fatalf("row %q has %d fields, want %d", l, len(f), len(flowsHeader))
		}
		if f[6] == "" || f[7] == "" {
			t.Errorf("row %q has no source or date", l)
		}
		if f[9] == "yes" {
			rows[f[0]+" "+f[1]] = f
		}
		if f[8] != "" && (f[9] == "yes" || strings.HasSuffix(f[3], "/yr")) {
			t.Errorf("partial row %q is drawn or given as a yearly rate", l)
		}
	}
	for _, want := range []struct{ key, value, kind, approx string }{
		{"titr-cargo 2021", "0.586", "actual", "no"},
		{"titr-cargo 2024", "4.484", "actual", "no"},
		{"titr-cargo 2025", "4.119", "actual", "no"},
		{"kz-oil-btc 2023", "1.392", "actual", "no"},
		{"kz-oil-btc 2025", "1.5", "actual", "yes"},
		{"kz-oil-btc 2026", "1.5", "plan", "no"},
	} {
		f := rows[want.key]
		if f == nil || f[2] != want.value || f[4] != want.kind || f[5] != want.approx {
			t.Errorf("%s drawn as %v, want %s %s approximate=%s", want.key, f, want.value, want.kind, want.approx)
		}
	}
	if !strings.Contains(out, "1.057") || !strings.Contains(out, "Tengiz") {
		t.Error("the conflicting 2023 Tengiz figure is not listed")
	}
}
