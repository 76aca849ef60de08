package shapes

import (
	"math"
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/orb/simplify"
)

// TestDouglasPeuckerMatchesOrb holds the package's Douglas–Peucker to
// orb/simplify's on lines and rings of different character, and checks
// the tolerance on every dropped point.
func TestDouglasPeuckerMatchesOrb(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	walk := func(n int, step float64) []orb.Point {
		pts := make([]orb.Point, n)
		for i := 1; i < n; i++ {
			pts[i] = orb.Point{pts[i-1][0] + step*(rng.Float64()-0.3), pts[i-1][1] + step*(rng.Float64()-0.5)}
		}
		return pts
	}
	ring := func(n int) []orb.Point {
		pts := walk(n, 10)
		return append(pts, pts[0])
	}
	tests := []struct {
		name string
		pts  []orb.Point
		tol  float64
	}{
		{"random walk", walk(5000, 10), 25},
		{"fine tolerance", walk(5000, 10), 0.5},
		{"coarse tolerance", walk(5000, 10), 1e4},
		{"closed ring", ring(3000), 20},
		{"repeated points", []orb.Point{{0, 0}, {0, 0}, {5, 5}, {5, 5}, {10, 0}, {10, 0}}, 1},
		{"zero-length chord", []orb.Point{{0, 0}, {3, 4}, {-2, 1}, {0, 0}}, 1},
		{"back and forth", []orb.Point{{0, 0}, {10, 0}, {-5, 0}, {20, 0}, {5, 0.1}}, 0.5},
		{"two points", []orb.Point{{0, 0}, {1, 1}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := simplify.DouglasPeucker(tt.tol).LineString(append(orb.LineString(nil), tt.pts...))
			got, _ := Simplify(append([]orb.Point(nil), tt.pts...), tt.tol, nil)
			if len(got) != len(want) {
				t.Fatalf("kept %d points, orb keeps %d", len(got), len(want))
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("point %d is %v, orb's is %v", i, got[i], want[i])
				}
			}
			// Every input point lies within tol of the kept line.
			k := 0
			for _, p := range tt.pts {
				if k+1 < len(got) && p == got[k+1] {
					k++
				}
				if k+1 < len(got) && planar.DistanceFromSegment(got[k], got[k+1], p) > tt.tol*(1+1e-9) {
					t.Fatalf("%v is %.3f from the kept line, over %g", p, planar.DistanceFromSegment(got[k], got[k+1], p), tt.tol)
				}
			}
		})
	}
}

// zigzag is n points whose swings grow along the line: every split of
// the plain algorithm falls next to an end, so it measures n²/2
// distances (a 3.6 MB file of one took 46 s to export).
func zigzag(n int) []orb.Point {
	pts := make([]orb.Point, n)
	for i := range pts {
		y := float64(i)
		if i%2 == 1 {
			y = -y
		}
		pts[i] = orb.Point{float64(i), y}
	}
	return pts
}

// TestDouglasPeuckerZigzag: a 200,000-point zigzag costs O(n log n)
// distances and a stack of O(log n) parts, and the result keeps the
// tolerance.
func TestDouglasPeuckerZigzag(t *testing.T) {
	for _, n := range []int{1000, 200000} {
		pts := zigzag(n)
		got, _, cost := douglasPeuckerCost(append([]orb.Point(nil), pts...), 0.5, nil)
		logn := bits.Len(uint(n))
		if limit := n * (dpBudget + 4*logn); cost.distances > limit {
			t.Errorf("n=%d: %d distances measured, over %d", n, cost.distances, limit)
		}
		if cost.depth > logn+2 {
			t.Errorf("n=%d: %d parts on the stack", n, cost.depth)
		}
		// Every point is within the tolerance of the kept line: a zigzag
		// keeps them all at 0.5.
		if len(got) != n {
			t.Errorf("n=%d: kept %d points of a zigzag whose every point is 1 or more off its neighbours' chord", n, len(got))
		}
		t.Logf("n=%d: %d distances (%.1f a point), stack %d", n, cost.distances, float64(cost.distances)/float64(n), cost.depth)
	}
	// A coarse tolerance over a line that folds back: dropped points stay
	// within it, and far fewer points are kept.
	pts := zigzag(200000)
	for i := range pts {
		pts[i][1] = math.Copysign(math.Sqrt(float64(i)), pts[i][1])
	}
	got, _, cost := douglasPeuckerCost(append([]orb.Point(nil), pts...), 100, nil)
	if cost.distances > 200000*(dpBudget+4*18) {
		t.Errorf("%d distances", cost.distances)
	}
	checkTolerance(t, pts, got, 100)
}

// checkTolerance: every point of pts lies within tol of the kept line
// (which keeps pts' order).
func checkTolerance(t *testing.T, pts, kept []orb.Point, tol float64) {
	t.Helper()
	k := 0
	for _, p := range pts {
		if k+1 < len(kept) && p == kept[k+1] {
			k++
		}
		if k+1 < len(kept) && planar.DistanceFromSegment(kept[k], kept[k+1], p) > tol*(1+1e-9) {
			t.Fatalf("%v is %.3f from the kept line, over %g", p, planar.DistanceFromSegment(kept[k], kept[k+1], p), tol)
		}
	}
}

func BenchmarkDouglasPeuckerZigzag200k(b *testing.B) {
	pts := zigzag(200000)
	work := make([]orb.Point, len(pts))
	var stack []int
	for b.Loop() {
		copy(work, pts)
		_, stack = Simplify(work, 0.5, stack)
	}
}
