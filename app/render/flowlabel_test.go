package render

import (
	"fmt"
	"testing"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// TestFlowLabelsKeepOffCorridorLines: in the Caspian and BTC views, at a
// slide's size and a small one and in each year with figures, every flow
// label sits clear of the corridor's drawn lines (a railway through a
// figure makes it misread); without the rule the crude's label sat on the
// railways in Georgia. Those views have room beside every band. Where a
// band has none (the TITR band between the crude and the uranium in the
// Aktau–Baku view of 2023, free only at Aktau, where the railway leaves),
// the label still goes across a line: the layout properties ask for it.
func TestFlowLabelsKeepOffCorridorLines(t *testing.T) {
	r := New()
	for _, name := range []string{"caspian", "btc"} {
		v, ok := geo.ViewByName(name)
		if !ok {
			t.Fatalf("no view %q", name)
		}
		for _, sz := range [][2]int{{1920, 1080}, {800, 600}} {
			for _, year := range []geo.Year{2021, 2023, 2024, 2025} {
				t.Run(fmt.Sprintf("%s/%dx%d/%v", v.Name, sz[0], sz[1], float64(year)), func(t *testing.T) {
					s := corridorScene(t, v.Name, sz[0], sz[1])
					s.Year = year
					lay := r.Layout(s)
					f := r.layoutFrame(s)
					occ := newOccupancy(lay.Frame, 48*f.px)
					f.addCorridorLines(occ)
					if len(occ.lines.bands) == 0 {
						t.Fatal("no corridor lines in the view")
					}
					for _, l := range lay.Labels {
						if l.Kind == FlowLabel && !occ.clearOfLines(l.Box) {
							t.Errorf("the label of %s at %v crosses a corridor line", l.Flow.Flow.ID, l.Box)
						}
					}
				})
			}
		}
	}
}
