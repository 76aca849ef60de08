package export

import (
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// sizePresets are the picture sizes every named view is checked and kept
// as a golden at: a small 4:3, two slides, a portrait phone and 4K.
var sizePresets = [][2]int{{800, 600}, {1280, 720}, {1920, 1080}, {1080, 1920}, {3840, 2160}}

// layoutYears are years that draw different sets of flows: BTK and
// uranium (2022), uranium and the crude (2023), the crude alone with the
// cargo (2024), the crude's plan (2026).
var layoutYears = []geo.Year{2022, 2023, 2024, 2026}

// TestLayoutProperties holds every named view at every size preset and in
// years with different flows to what the placer promises: no two labels
// overlap; no label meets a panel or leaves the map's frame; every flow
// whose band shows has its label, a few pixels from its own band; the
// subject (the Caspian crossing, Aktau, Alat, Baku) is under no panel;
// the attribution is at least 8 px.
func TestLayoutProperties(t *testing.T) {
	c := catalogue(t)
	subject := subjectPoints(t, c)
	r := render.New()
	for _, v := range geo.Views {
		for _, sz := range sizePresets {
			for _, year := range layoutYears {
				name := fmt.Sprintf("%s/%dx%d/%v", v.Name, sz[0], sz[1], float64(year))
				t.Run(name, func(t *testing.T) {
					o := opts(func(o *Options) { o.View = v.Name; o.Width, o.Height = sz[0], sz[1]; o.Year = year })
					s, err := o.SceneWith(c, r)
					if err != nil {
						t.Fatal(err)
					}
					lay := r.Layout(s)
					checkLayout(t, s, lay, subject)
				})
			}
		}
	}
}

func checkLayout(t *testing.T, s *render.Scene, lay *render.Layout, subject []orb.Point) {
	t.Helper()
	const eps = 0.5
	inner := func(b render.Box) render.Box {
		return render.Box{X0: b.X0 + eps, Y0: b.Y0 + eps, X1: b.X1 - eps, Y1: b.Y1 - eps}
	}
	for i, a := range lay.Labels {
		for _, b := range lay.Labels[i+1:] {
			if inner(a.Box).Overlaps(inner(b.Box)) {
				t.Errorf("labels %q %v and %q %v overlap", text(a), a.Box, text(b), b.Box)
			}
		}
		for _, p := range lay.Panels {
			if inner(a.Box).Overlaps(p.Box) {
				t.Errorf("label %q %v meets panel %d %v", text(a), a.Box, p.Kind, p.Box)
			}
		}
		f := lay.Frame
		if a.Box.X0 < f.X0-eps || a.Box.Y0 < f.Y0-eps || a.Box.X1 > f.X1+eps || a.Box.Y1 > f.Y1+eps {
			t.Errorf("label %q %v leaves the map frame %v", text(a), a.Box, f)
		}
	}
	// Every band that shows (outside the panels) has its label beside it.
	for _, b := range lay.Bands {
		if !bandShows(b, lay) {
			continue
		}
		var lab *render.Label
		for i := range lay.Labels {
			if lay.Labels[i].Flow == b.Flow {
				lab = &lay.Labels[i]
			}
		}
		if lab == nil {
			t.Errorf("flow %s shows but has no label", b.Flow.Flow.ID)
			continue
		}
		// The label's near side (where it sits at the whole year) to
		// the band's edge.
		box := lab.Box
		d := math.Inf(1)
		for i := 1; i < len(b.Line); i++ {
			d = math.Min(d, boxSegmentDistance(box, b.Line[i-1], b.Line[i]))
		}
		at := bandWidthAt(s, b.Flow)
		edge := at/2 + render.BandOutline(at, lay.Unit)
		if gap := d - edge; gap > 8*lay.Unit+2 || gap < -1 {
			t.Errorf("flow label %q is %.1f px from its band's edge", text(*lab), gap)
		}
	}
	for _, p := range lay.Panels {
		for _, q := range subject {
			px := s.View.ToPixel(q)
			if lay.Frame.Contains(px[0], px[1]) && p.Box.Contains(px[0], px[1]) {
				t.Errorf("panel %d %v covers the subject at %v (%.0f, %.0f)", p.Kind, p.Box, q, px[0], px[1])
				break
			}
		}
		if p.Kind == render.AttributionPanel {
			for _, r := range p.Texts {
				if r.Size < 8 {
					t.Errorf("attribution set at %.1f px", r.Size)
				}
				if r.X < -eps || r.X > lay.Width {
					t.Errorf("attribution line %q starts outside the picture", r.Text)
				}
			}
		}
	}
}

func text(l render.Label) string {
	s := ""
	for _, r := range l.Runs {
		s += r.Text + " "
	}
	return s
}

// bandShows reports whether any of a band lies in the map frame outside
// every panel.
func bandShows(b render.Band, lay *render.Layout) bool {
	for i := 1; i < len(b.Line); i++ {
		p, q := b.Line[i-1], b.Line[i]
		for k := 0; k <= 4; k++ {
			t := float64(k) / 4
			x, y := p[0]+(q[0]-p[0])*t, p[1]+(q[1]-p[1])*t
			if !lay.Frame.Contains(x, y) {
				continue
			}
			hidden := false
			for _, pn := range lay.Panels {
				hidden = hidden || pn.Box.Contains(x, y)
			}
			if !hidden {
				return true
			}
		}
	}
	return false
}

func bandWidthAt(s *render.Scene, fp *render.FlowPath) float64 {
	fig, _ := fp.Flow.FigureAt(s.Year)
	return render.BandWidth(fig.Value, s.WidthScale[fp.Flow.Unit], s.View.Scale)
}

// boxSegmentDistance is the distance between a box and a segment (0 when
// they meet).
func boxSegmentDistance(b render.Box, p, q orb.Point) float64 {
	d := math.Inf(1)
	for k := 0; k <= 64; k++ {
		t := float64(k) / 64
		x, y := p[0]+(q[0]-p[0])*t, p[1]+(q[1]-p[1])*t
		dx := math.Max(0, math.Max(b.X0-x, x-b.X1))
		dy := math.Max(0, math.Max(b.Y0-y, y-b.Y1))
		d = math.Min(d, math.Hypot(dx, dy))
	}
	return d
}

// subjectPoints are the subject's places and the ferry crossing sampled.
func subjectPoints(t *testing.T, c *Catalogue) []orb.Point {
	t.Helper()
	var out []orb.Point
	for _, l := range c.Layers {
		for _, f := range l.Detailed {
			switch render.FeatureID(f) {
			case "port-aktau", "port-alat":
				out = append(out, f.Geometry.(orb.Point))
			case "titr-ferry-aktau-alat":
				out = append(out, f.Geometry.(orb.LineString)...)
			}
			if l.Group == data.Basemap && l.ID == "cities" && render.Prop(f, "NAME") == "Baku" {
				out = append(out, f.Geometry.(orb.Point))
			}
		}
	}
	if len(out) < 5 {
		t.Fatalf("subject not found: %v", out)
	}
	return out
}
