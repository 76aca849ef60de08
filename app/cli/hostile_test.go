package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestArgumentsOfInfoCommands: --version, --help and --licenses take no
// argument; an extra one is a usage error, not ignored.
func TestArgumentsOfInfoCommands(t *testing.T) {
	for _, args := range [][]string{{"--version", "extra"}, {"--licenses", "x"}, {"help", "export"}} {
		code, out, errs := run(args...)
		if code != ExitUsage || out != "" || !strings.Contains(errs, `unexpected argument "`+args[1]+`"`) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
	if code, out, _ := run("--version"); code != ExitOK || !strings.HasPrefix(out, "corridor-atlas ") {
		t.Errorf("--version: exit %d, %q", code, out)
	}
}

// TestHostileExportArguments: values that once ran away or were
// ignored are usage errors with one line.
func TestHostileExportArguments(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"endless duration", []string{"--animate", "--duration", "Inf", "--out", filepath.Join(dir, "a.gif")}, "duration +Inf is out of range"},
		{"NaN duration", []string{"--animate", "--duration", "NaN", "--out", filepath.Join(dir, "a.gif")}, "duration NaN is out of range"},
		{"overwrite without frames", []string{"--overwrite", "--out", filepath.Join(dir, "a.png")}, "--overwrite is for --animate"},
		{"format against the name", []string{"--format", "pdf", "--out", filepath.Join(dir, "a.svg")}, "--format pdf writes a PDF, but the name ends in .svg"},
		{"unknown format", []string{"--format", "jpeg", "--out", filepath.Join(dir, "a.png")}, `invalid value "jpeg" for --format: want png, svg or pdf`},
		{"svg text", []string{"--svg-text", "glyphs", "--out", filepath.Join(dir, "a.svg")}, "want embed or outline"},
		{"paper", []string{"--size", "A4-sideways", "--out", filepath.Join(dir, "a.pdf")}, "A4-portrait"},
		{"print size", []string{"--size", "-297x210mm", "--out", filepath.Join(dir, "a.pdf")}, "positive width and height"},
		{"too big on paper", []string{"--size", "A3", "--dpi", "600", "--out", filepath.Join(dir, "a.pdf")}, "is out of range"},
		{"terminal escapes in a layer id", []string{"--layers", "\x1b[2Jx", "--out", filepath.Join(dir, "a.png")}, `unknown layer "\x1b[2Jx"`},
		{"terminal escapes in a flow id", []string{"--flows", "\x1b[31m", "--out", filepath.Join(dir, "a.png")}, `unknown flow "\x1b[31m" (flows: "`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := run(append([]string{"export"}, tt.args...)...)
			if code != ExitUsage || !strings.Contains(errs, tt.msg) || strings.Count(errs, "\n") != 1 || strings.Contains(errs, "\x1b") {
				t.Errorf("exit %d, stderr %q", code, errs)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("refused exports wrote %d files", len(entries))
	}
}

// TestRepeatedLayerIDs: 20,000 repeats of a layer id draw it once (they
// drew it 20,000 times, for 81 s), on the command line and in a scene.
func TestRepeatedLayerIDs(t *testing.T) {
	dir := t.TempDir()
	ids := strings.Repeat("titr,", 20000) + "titr"
	out := filepath.Join(dir, "x.png")
	if code, _, errs := run("export", "--layers", ids, "--flows", "none", "--size", "64x48", "--out", out); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	scene := `"` + strings.Repeat(`titr","`, 20000) + `titr"`
	proj := write(t, dir, "p.catlas", `{"format":"corridor-atlas-project","version":1,"scenes":[{"name":"s","layers":[`+scene+`],"flows":[]}]}`)
	if code, _, errs := run("export", "--project", proj, "--scene", "s", "--size", "64x48", "--out", out); code != ExitOK {
		t.Fatalf("scene: exit %d: %s", code, errs)
	}
}

// TestAllScenesCap: a project with more scenes than MaxScenes is refused
// for --all-scenes before anything is drawn.
func TestAllScenesCap(t *testing.T) {
	dir := t.TempDir()
	var scenes []string
	for i := range MaxScenes + 1 {
		scenes = append(scenes, fmt.Sprintf(`{"name":"s%d"}`, i))
	}
	proj := write(t, dir, "many.catlas", `{"format":"corridor-atlas-project","version":1,"scenes":[`+strings.Join(scenes, ",")+`]}`)
	slides := filepath.Join(dir, "slides")
	code, _, errs := run("export", "--project", proj, "--all-scenes", slides)
	if code != ExitUsage || !strings.Contains(errs, fmt.Sprintf("%d scenes; --all-scenes exports at most %d", MaxScenes+1, MaxScenes)) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(slides); err == nil {
		t.Error("the folder was made")
	}
}

// TestProjectNamingASecretFile: a shared project that names a system
// file as a layer or flow data gets it refused without a byte of it in
// the messages, and exports the rest.
func TestProjectNamingASecretFile(t *testing.T) {
	dir := t.TempDir()
	secret := write(t, dir, "shadow", "root:*:19700:0:99999:7:::\nbin:*:19700:0:99999:7:::\n")
	jsonSecret := write(t, dir, "token.json", `{"type":"s3cr3t-t0ken-value"}`)
	proj := write(t, dir, "shared.catlas", fmt.Sprintf(`{"format":"corridor-atlas-project","version":1,
"layers":[{"id":"a","file":%q},{"id":"b","file":%q}],"flowData":[%q]}`, secret, jsonSecret, secret))
	out := filepath.Join(dir, "x.png")
	code, _, errs := run("export", "--project", proj, "--size", "64x48", "--out", out)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, leak := range []string{"root", "19700", "bin:", "s3cr3t", "t0ken"} {
		if strings.Contains(errs, leak) {
			t.Errorf("stderr quotes the file (%q):\n%s", leak, errs)
		}
	}
	if strings.Count(errs, "warning: ") != 3 {
		t.Errorf("want three warnings:\n%s", errs)
	}
}
