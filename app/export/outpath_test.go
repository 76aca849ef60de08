package export

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// small is a quick export: a small picture of the corridor only.
func small(out string) Options {
	o := Defaults()
	o.Out = out
	o.Width, o.Height = 64, 48
	o.Layers = []string{"titr"}
	o.Flows = []string{}
	o.NoLegend, o.NoScaleBar, o.Title = true, true, ""
	return o
}

// TestOutputNameMatchesFormat: an export refuses a name that claims
// another format than the one it writes, before anything is drawn or
// written.
func TestOutputNameMatchesFormat(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		format Format
		msg    string
	}{
		{"map.jpg", FormatAuto, "export writes PNG, SVG or PDF, not jpg"},
		{"briefing.catlas", FormatAuto, "not catlas"},
		{"map", FormatAuto, "must end in .png, .svg or .pdf"},
		{"map.svg", FormatPDF, "--format pdf writes a PDF, but the name ends in .svg"},
		{"map.PNG", FormatSVG, "--format svg writes an SVG, but the name ends in .png"},
		{"map.txt", FormatPDF, "export writes a PDF, not txt: the file name must end in .pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.name)
			o := small(p)
			o.Format = tt.format
			_, err := job{Options: o}.run()
			if err == nil || !IsUsage(err) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want a usage error with %q", err, tt.msg)
			}
			if _, err := os.Stat(p); err == nil {
				t.Error("a file was written")
			}
		})
	}
	for _, name := range []string{"MAP.PNG", "map.SVG", "map.Pdf"} {
		if _, err := (job{Options: small(filepath.Join(dir, name))}).run(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestOutputIsNotAnInput: an export never writes over one of its own
// inputs, however the path names it.
func TestOutputIsNotAnInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	route := write("route.geojson", `{"type":"LineString","coordinates":[[44.8,41.7],[42.0,41.2]]}`)
	csv := write("flows.csv", "flow_id,year,value,unit,kind,source,path\nsouth,2023,1,Mt/yr,actual,test,@route.geojson\n")
	// Inputs named .png, as a careless user's might be.
	pngData := write("data.png", `{"type":"LineString","coordinates":[[44.8,41.7],[42.0,41.2]]}`)
	linkToData := filepath.Join(dir, "link.png")
	os.Symlink(pngData, linkToData)
	hard := filepath.Join(dir, "hard.png")
	os.Link(pngData, hard)
	tests := []struct {
		name string
		mod  func(*job)
	}{
		{"--data", func(o *job) { o.Data, o.Out = []string{pngData}, pngData }},
		{"through a symlink", func(o *job) { o.Data, o.Out = []string{pngData}, linkToData }},
		{"a hard link", func(o *job) { o.Data, o.Out = []string{pngData}, hard }},
		{"relative and absolute", func(o *job) {
			rel, _ := filepath.Rel(must(os.Getwd()), pngData)
			o.Data, o.Out = []string{rel}, pngData
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := os.ReadFile(pngData)
			o := job{Options: small("")}
			tt.mod(&o)
			o.Layers = nil
			_, err := o.run()
			if err == nil || !IsUsage(err) || !strings.Contains(err.Error(), "an input of this export") {
				t.Errorf("err = %v", err)
			}
			if after, _ := os.ReadFile(pngData); !bytes.Equal(before, after) {
				t.Error("the input was overwritten")
			}
		})
	}
	t.Run("a flow CSV and its route file", func(t *testing.T) {
		for _, in := range []string{csv, route} {
			// Give the inputs a .png twin name through a symlink.
			link := filepath.Join(dir, filepath.Base(in)+".png")
			os.Symlink(in, link)
			o := job{Options: small(link), FlowData: []string{csv}}
			if _, err := o.run(); err == nil || !strings.Contains(err.Error(), "an input of this export") {
				t.Errorf("%s: err = %v", in, err)
			}
		}
	})
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestFramesFolder: PNG frames replace an earlier sequence only when
// asked, and then exactly; a folder holding anything else, or an input,
// is refused.
func TestFramesFolder(t *testing.T) {
	dir := t.TempDir()
	frames := filepath.Join(dir, "frames") + string(filepath.Separator)
	run := func(seconds float64, overwrite bool, mod func(*job)) error {
		a := Animation{From: 2021, To: 2024, FPS: 4, Duration: seconds, Overwrite: overwrite}
		j := job{Options: small(frames)}
		if mod != nil {
			mod(&j)
		}
		_, err := j.animate(a)
		return err
	}
	list := func() []string {
		entries, _ := os.ReadDir(frames)
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	if err := run(2, false, nil); err != nil || len(list()) != 8 {
		t.Fatalf("first run: %v, %v", err, list())
	}
	if err := run(1, false, nil); err == nil || !IsUsage(err) || !strings.Contains(err.Error(), "--overwrite") || len(list()) != 8 {
		t.Errorf("second run without --overwrite: %v, %v", err, list())
	}
	if err := run(1, true, nil); err != nil {
		t.Fatal(err)
	}
	if got := list(); !slices.Equal(got, []string{"frame-0001.png", "frame-0002.png", "frame-0003.png", "frame-0004.png"}) {
		t.Errorf("after a shorter run: %v", got)
	}
	input := filepath.Join(frames, "route.geojson")
	os.WriteFile(input, []byte(`{"type":"LineString","coordinates":[[44.8,41.7],[42.0,41.2]]}`), 0o644)
	if err := run(1, true, func(o *job) { o.Data = []string{input}; o.Layers = nil }); err == nil || !strings.Contains(err.Error(), "an input of this export") {
		t.Errorf("input inside: %v", err)
	}
	if err := run(1, true, nil); err == nil || !strings.Contains(err.Error(), "other files") {
		t.Errorf("other files: %v", err)
	}
	if _, err := os.Stat(input); err != nil {
		t.Error("the user's file was removed")
	}
}

// TestTinyBBoxClampsTheZoom: a box far smaller than the closest zoom
// shows is drawn at that zoom, with a notice, and the picture is the map
// there (a 1e-10° box asked for 24 GB).
func TestTinyBBoxClampsTheZoom(t *testing.T) {
	dir := t.TempDir()
	for _, side := range []float64{1e-4, 1e-10} {
		o := Defaults()
		o.Out = filepath.Join(dir, "tiny.png")
		o.Width, o.Height = 320, 180
		o.BBox = &orb.Bound{Min: orb.Point{49.8, 40.3}, Max: orb.Point{49.8 + side, 40.3 + side}}
		v, notice := o.Viewport()
		if v.Zoom != geo.MaxZoom || !strings.Contains(notice, "drawn at zoom 13 around its centre") {
			t.Fatalf("side %g: zoom %v, notice %q", side, v.Zoom, notice)
		}
		res, err := job{Options: o}.run()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(res.Notices, notice) {
			t.Errorf("notices %q lack the zoom's", res.Notices)
		}
	}
	// A box the zoom can show is drawn as given, without a notice.
	o := Defaults()
	o.BBox = &orb.Bound{Min: orb.Point{49, 40}, Max: orb.Point{50, 41}}
	if v, notice := o.Viewport(); v.Zoom > geo.MaxZoom || notice != "" {
		t.Errorf("zoom %v, notice %q", v.Zoom, notice)
	}
}
