package render

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// TestFlowsSideBySide: where two drawn bands run alongside each other
// (within 18° of parallel), their centre lines are at least half their
// widths apart, edges included: no band hides another, except where
// bands fan into a port they pass through. The TITR total
// and the uranium share the ferry lane; the crude's tanker lane runs a
// few kilometres beside it.
func TestFlowsSideBySide(t *testing.T) {
	for _, tt := range []struct {
		view string
		year geo.Year
		w, h int
	}{
		{"caspian", 2023, 1920, 1080},
		{"aktau-baku", 2023, 1920, 1080},
		{"caspian", 2022, 1280, 720},
		{"corridor", 2023, 1920, 1080},
	} {
		t.Run(tt.view, func(t *testing.T) {
			s := corridorScene(t, tt.view, tt.w, tt.h)
			s.Year = tt.year
			lay := New().Layout(s)
			if len(lay.Bands) < 2 {
				t.Fatalf("%d bands drawn", len(lay.Bands))
			}
			frame := orb.Bound{Max: orb.Point{float64(tt.w), float64(tt.h)}}
			// Bands fan into the ports at their ends and on their way
			// over as far as the bundle is wide, at most two of the
			// widest bands.
			fan := (2*MaxBandWidth + 8) * s.View.Scale / pinSlope
			for i, a := range lay.Bands {
				for _, b := range lay.Bands[i+1:] {
					need := (a.Width+b.Width)/2 + a.Outline + b.Outline - 0.75
					close := 0
					for k := 1; k < len(a.Line); k++ {
						p, q := a.Line[k-1], a.Line[k]
						m := orb.Point{(p[0] + q[0]) / 2, (p[1] + q[1]) / 2}
						if !frame.Contains(m) {
							continue
						}
						ta := unit(p, q)
						for j := 1; j < len(b.Line); j++ {
							c := closestOnSegment(m, b.Line[j-1], b.Line[j])
							d := math.Hypot(c[0]-m[0], c[1]-m[1])
							tb := unit(b.Line[j-1], b.Line[j])
							if d < need && math.Abs(ta[0]*tb[0]+ta[1]*tb[1]) > 0.95 && !nearEnd(c, b.Line, fan) && !nearEnd(m, a.Line, fan) &&
								!nearPort(s, m, []*FlowPath{a.Flow, b.Flow}, fan) {
								close++
							}
						}
					}
					if close > 0 {
						t.Errorf("%s and %s run %d times closer than %.1f px side by side", a.Flow.Flow.ID, b.Flow.Flow.ID, close, need)
					}
				}
			}
		})
	}
}

func unit(p, q orb.Point) orb.Point {
	l := math.Hypot(q[0]-p[0], q[1]-p[1])
	if l == 0 {
		return orb.Point{}
	}
	return orb.Point{(q[0] - p[0]) / l, (q[1] - p[1]) / l}
}

// nearPort reports whether p (image pixels) lies within r of a port one
// of the flows passes through, where its band comes back to its route.
func nearPort(s *Scene, p orb.Point, fps []*FlowPath, r float64) bool {
	for _, fp := range fps {
		for _, j := range fp.Joins {
			q := s.View.ToPixel(fp.Line[j])
			if math.Hypot(p[0]-q[0], p[1]-q[1]) < r {
				return true
			}
		}
	}
	return false
}

// nearEnd reports whether p lies within r of either end of a line, where
// bands that share a port meet it.
func nearEnd(p orb.Point, line []orb.Point, r float64) bool {
	for _, e := range []orb.Point{line[0], line[len(line)-1]} {
		if math.Hypot(p[0]-e[0], p[1]-e[1]) < r {
			return true
		}
	}
	return false
}
