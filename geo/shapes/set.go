// Package shapes is a layer's geometry made ready to draw and to pick:
// the lon/lat bounds of its features, the index that finds what lies
// under the pointer, and, per projection, its features projected and
// simplified once per simplification level, then scaled to the pixels of
// each zoom. A renderer asks a Set for "the shapes of this layer in this
// viewport" and draws them.
//
// Everything here belongs to the Set, and the Set to its layer: there are
// no process-wide caches, so a layer that is let go of takes all of it
// along.
package shapes

import (
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// Set is one list of features (a layer at one level of detail) with what
// is derived from it. Its features must not change once it is made. A Set
// is safe for concurrent use: the window's renderer and an export running
// beside it share it.
type Set struct {
	feats  []*geojson.Feature
	bounds []orb.Bound
	once   sync.Once // computes bounds when the loader did not keep them

	mu       sync.Mutex
	prepared []*Prepared // by projection, the last used first

	index pickIndex
}

// maxProjections is how many projections a Set keeps prepared: the one
// on screen, the one before (switching back is then instant) and an
// export's.
const maxProjections = 3

// New makes a Set of features with their lon/lat bounds (nil: computed
// when first needed).
func New(feats []*geojson.Feature, bounds []orb.Bound) *Set {
	s := &Set{feats: feats}
	if len(bounds) == len(feats) {
		s.bounds = bounds
	}
	return s
}

// Features are the Set's features.
func (s *Set) Features() []*geojson.Feature { return s.feats }

// Len is the number of features.
func (s *Set) Len() int { return len(s.feats) }

// Bounds are the lon/lat bounds of each feature (an empty bound for a
// feature without geometry).
func (s *Set) Bounds() []orb.Bound {
	s.once.Do(func() {
		if s.bounds != nil {
			return
		}
		b := make([]orb.Bound, len(s.feats))
		for i, f := range s.feats {
			if f != nil && f.Geometry != nil {
				b[i] = f.Geometry.Bound()
			}
		}
		s.bounds = b
	})
	return s.bounds
}

// Prepared is the Set's geometry prepared for projection p.
func (s *Set) Prepared(p *geo.Projection) *Prepared {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, pr := range s.prepared {
		if pr.proj == p {
			copy(s.prepared[1:i+1], s.prepared[:i])
			s.prepared[0] = pr
			return pr
		}
	}
	pr := &Prepared{set: s, proj: p, levels: map[int]*level{}}
	s.prepared = append([]*Prepared{pr}, s.prepared...)
	if len(s.prepared) > maxProjections {
		s.prepared[maxProjections] = nil
		s.prepared = s.prepared[:maxProjections]
	}
	return pr
}

// Visible returns the shapes that meet the viewport grown by margin
// device pixels, in world pixels of v (see Prepared.Visible).
func (s *Set) Visible(v geo.Viewport, margin float64) []Shape {
	return s.Prepared(v.Proj()).Visible(v, margin)
}
