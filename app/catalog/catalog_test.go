package catalog

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/corridor-atlas/corridor-atlas/app/render"
)

// TestLoad: the embedded layers asked for (with the corridor's, which
// flows run along), the request's files as user layers with unique ids
// and recorded as inputs, and its flow CSVs; a bad file fails the load.
func TestLoad(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	route := write("countries.geojson", `{"type":"LineString","coordinates":[[44.8,41.7],[42.0,41.2]]}`)
	csv := write("flows.csv", "flow_id,year,value,unit,kind,source,path\nsouth,2023,1,Mt/yr,actual,test,@countries.geojson\n")
	var progressed []string
	c, err := Load(Request{Layers: []string{"countries"}, Files: []string{route}, FlowData: []string{csv},
		Progress: func(path string) func(float64) { progressed = append(progressed, path); return nil }})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, l := range c.Layers {
		ids = append(ids, l.ID)
	}
	if !slices.Contains(ids, "countries") || slices.Contains(ids, "rivers") || !slices.Contains(ids, "titr") {
		t.Errorf("layers %v: want the basemap asked for and the corridor", ids)
	}
	// The file's name is a built-in layer's: it gets another id.
	user := c.Layers[len(c.Layers)-1]
	if user.Group != render.UserGroup || user.ID != "countries-2" || len(c.Notices) == 0 || !strings.Contains(c.Notices[0], "is taken") {
		t.Errorf("user layer %q, notices %q", user.ID, c.Notices)
	}
	if !slices.Contains(c.Inputs, route) || !slices.Contains(c.Inputs, csv) || !slices.Equal(progressed, []string{route}) {
		t.Errorf("inputs %v, progress for %v", c.Inputs, progressed)
	}
	if !slices.ContainsFunc(c.Flows, func(fp *render.FlowPath) bool { return fp.Flow.ID == "south" }) {
		t.Error("the CSV's flow is missing")
	}
	if _, err := Load(Request{Files: []string{filepath.Join(dir, "none.geojson")}}); err == nil || !strings.Contains(err.Error(), "none.geojson") {
		t.Errorf("a missing file: %v", err)
	}
}
