package geo

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/geo/crs"
)

// Projection is how the map flattens the earth: a plane from geo/crs (so
// the maths is in one place, held to PROJ) with the central meridian the
// map is cut opposite to and the scale its zoom numbers are counted in.
// A Projection is immutable and shared; two of the same kind and
// parameters are the same pointer, so it can be compared and used as a
// key.
//
// Web Mercator is what web maps use; at 35–47° N it stretches scale by a
// fifth across the Caspian view and by a third across the corridor's, so
// the named regional views are drawn in a Lambert conformal conic with
// standard parallels fitted to their latitudes (ConicFor): true to within
// about 1 % across each of them.
type Projection struct {
	kind  string
	plane crs.Plane
	cone  *crs.ConicPlane // nil for Mercator
	// lon0 is the central meridian: the map is cut at lon0 ± 180°.
	lon0       float64
	lat1, lat2 float64 // standard parallels (conic)
	// world is the width, in plane metres, of the TileSize pixels zoom 0
	// draws the world in. For the conic it is chosen so that a zoom shows
	// the ground at the conic's middle latitude at the scale Web Mercator
	// shows it there: zoom numbers, the zoom limits and the detail levels
	// mean the same in both.
	world float64
	// table holds the plane coordinate that depends on latitude alone
	// (Mercator y, the conic's radius) every 1/128° of latitude, for
	// projecting the many vertices of a coarse simplification level.
	table []float64
	once  sync.Once
}

// Projection kinds, as the command line and project files name them.
const (
	MercatorKind = "mercator"
	ConicKind    = "conic"
)

// ProjectionKinds lists the kinds, for usage messages.
func ProjectionKinds() []string { return []string{ConicKind, MercatorKind} }

// MercatorWorld is the width of the Web Mercator world in metres.
const MercatorWorld = 2 * math.Pi * orb.EarthRadius

// WebMercator is the spherical Mercator of web maps (EPSG:3857).
var WebMercator = &Projection{kind: MercatorKind, plane: crs.PseudoMercator(), world: MercatorWorld}

// Kind is MercatorKind or ConicKind.
func (p *Projection) Kind() string { return p.kind }

// CentralMeridian is the meridian the map is drawn north-up along; its
// antimeridian is where the map is cut.
func (p *Projection) CentralMeridian() float64 { return p.lon0 }

// Parallels are the conic's standard parallels (zero for Mercator).
func (p *Projection) Parallels() (lat1, lat2 float64) { return p.lat1, p.lat2 }

// World is the plane metres across TileSize pixels at zoom 0.
func (p *Projection) World() float64 { return p.world }

// String names the projection as the window and the scale bar state it.
func (p *Projection) String() string {
	if p.cone == nil {
		return "Web Mercator"
	}
	return fmt.Sprintf("Lambert conformal conic, standard parallels %s and %s", latText(p.lat1), latText(p.lat2))
}

// ID names the projection and its parameters in a few characters, for
// cache keys and project files: "mercator", "conic 37/45/45.5".
func (p *Projection) ID() string {
	if p.cone == nil {
		return p.kind
	}
	return fmt.Sprintf("%s %g/%g/%g", p.kind, p.lat1, p.lat2, p.lon0)
}

// latText writes a latitude as the map labels it: 37.5° N.
func latText(lat float64) string {
	h := "N"
	if lat < 0 {
		h = "S"
	}
	return strings.TrimSuffix(fmt.Sprintf("%.2f", math.Abs(lat)), ".00") + "° " + h
}

const deg = math.Pi / 180

// Relative is the longitude east of the central meridian, in [−180, 180]
// (±180 kept as given: data at the cut stays on its side).
func (p *Projection) Relative(lon float64) float64 {
	return math.Remainder(lon-p.lon0, 360)
}

// Forward projects lon/lat to plane metres (y north), latitude held
// within ±MaxLat.
func (p *Projection) Forward(ll orb.Point) orb.Point {
	return p.ForwardRelative(p.Relative(ll[0]), ll[1])
}

// ForwardRelative projects a point given by its longitude east of the
// central meridian, taken as it is: beyond ±180° it lies past the map's
// cut.
func (p *Projection) ForwardRelative(dlon, lat float64) orb.Point {
	x, y := p.plane.Forward(dlon*deg, clampLat(lat)*deg)
	return orb.Point{x, y}
}

// Inverse is Forward's inverse.
func (p *Projection) Inverse(q orb.Point) orb.Point {
	dlam, phi := p.plane.Inverse(q[0], q[1])
	lon := math.Remainder(p.lon0+dlam/deg, 360)
	if lon == -180 && dlam > 0 {
		lon = 180
	}
	return orb.Point{lon, phi / deg}
}

// Scale is the point scale factor at a latitude: plane metres per metre
// on the ground.
func (p *Projection) Scale(lat float64) float64 { return p.plane.Scale(clampLat(lat) * deg) }

func clampLat(lat float64) float64 { return math.Max(-MaxLat, math.Min(MaxLat, lat)) }

// coarseTol is the simplification tolerance, in metres, from which
// ForwardFast may interpolate in the projection's latitude table: its
// error, under 2 m even at 85° of latitude, is then below a hundredth of
// the tolerance.
const coarseTol = 256

const (
	tableStep = 128  // entries per degree
	tableEdge = 85.1 // the table covers ±this latitude
)

// ForwardFast projects a point given by its longitude east of the central
// meridian (as ForwardRelative) on the path every kept vertex of a
// simplification level takes, and returns with it the plane metres per
// degree of longitude (kx) and of latitude (ky) there, for the radial
// pass before Douglas–Peucker. With tol at least coarseTol the
// latitude-dependent part is interpolated in a table 1/128° apart: the
// exact forms' logarithm, power and sine were half of building a coarse
// level of a world layer, where every kept vertex is projected and then
// mostly simplified away. TestForwardFast bounds the difference.
func (p *Projection) ForwardFast(dlon, lat, tol float64) (q orb.Point, kx, ky float64) {
	const m = deg * orb.EarthRadius // metres per degree at the equator
	lat = math.Max(-MaxLat, math.Min(MaxLat, lat))
	var v, dv float64 // Mercator y or the conic's radius, and its change per degree
	// A conic's radius curves too fast for the table past 70° on the far
	// side of the equator (the Antarctic of a northern cone).
	if tol >= coarseTol && (p.cone == nil || lat*p.cone.N() > -70*math.Abs(p.cone.N())) {
		t := p.latTable()
		f := (lat + tableEdge) * tableStep
		i := min(int(f), len(t)-2)
		frac := f - float64(i)
		v = t[i] + (t[i+1]-t[i])*frac
		dv = (t[i+1] - t[i]) * tableStep
	} else if p.cone == nil {
		// One sine gives y and its scale: the textbook log(tan(π/4+φ/2))
		// and a separate cosine cost half as much again.
		s := math.Sin(lat * deg)
		v, dv = 0.5*orb.EarthRadius*math.Log((1+s)/(1-s)), m/math.Sqrt(1-s*s)
	} else {
		v = p.cone.Rho(lat * deg)
		dv = -v * p.cone.N() * m / (orb.EarthRadius * math.Cos(lat*deg))
	}
	if p.cone == nil {
		return orb.Point{dlon * m, v}, m, math.Abs(dv)
	}
	n := p.cone.N()
	s, c := math.Sincos(n * dlon * deg)
	return orb.Point{v * s, p.cone.Rho0() - v*c}, v * n * deg, math.Abs(dv)
}

// latTable is the projection's coordinate that depends on latitude alone,
// from −85.1° in steps of 1/128°.
func (p *Projection) latTable() []float64 {
	p.once.Do(func() {
		n := int(math.Ceil(2*tableEdge*tableStep)) + 2
		t := make([]float64, n)
		for i := range t {
			lat := float64(i)/tableStep - tableEdge
			if p.cone == nil {
				s := math.Sin(lat * deg)
				t[i] = 0.5 * orb.EarthRadius * math.Log((1+s)/(1-s))
			} else {
				t[i] = p.cone.Rho(lat * deg)
			}
		}
		p.table = t
	})
	return p.table
}

// conics are the conics made so far, by their rounded parameters, so a
// view framed twice gets the same one (and the geometry prepared for it).
var conics = struct {
	sync.Mutex
	m map[[3]float64]*Projection
}{m: map[[3]float64]*Projection{}}

// Conic is the Lambert conformal conic on WGS84 with standard parallels
// lat1 and lat2 and central meridian lon0 (degrees), rounded to a
// quarter degree. Parallels on opposite sides of the equator, or too near
// it to make a cone (under 5° on average), give Web Mercator and false.
func Conic(lat1, lat2, lon0 float64) (*Projection, bool) {
	q := func(v float64) float64 { return math.Round(v*4) / 4 }
	lat1, lat2, lon0 = q(lat1), q(lat2), q(math.Remainder(lon0, 360))
	if lat1 > lat2 {
		lat1, lat2 = lat2, lat1
	}
	if lat1*lat2 < 0 || math.Abs(lat1+lat2)/2 < 5 || math.Abs(lat1) > 80 || math.Abs(lat2) > 80 ||
		math.IsNaN(lat1+lat2+lon0) {
		return WebMercator, false
	}
	k := [3]float64{lat1, lat2, lon0}
	conics.Lock()
	defer conics.Unlock()
	if p, ok := conics.m[k]; ok {
		return p, true
	}
	if len(conics.m) >= 256 {
		clear(conics.m) // never in use: a session frames a few dozen places
	}
	mid := (lat1 + lat2) / 2
	cone := crs.Conic(mid*deg, lat1*deg, lat2*deg)
	p := &Projection{kind: ConicKind, plane: cone, cone: cone, lon0: lon0, lat1: lat1, lat2: lat2}
	p.world = MercatorWorld * math.Cos(mid*deg) * cone.Scale(mid*deg)
	conics.m[k] = p
	return p, true
}

// ConicFor is the conic fitted to a box: standard parallels a sixth of
// its latitude range inside its southern and northern edges (Kavrayskiy's
// rule, which keeps the scale error at the edges and in the middle about
// equal) and the central meridian through its middle. A box a conic
// cannot show well — across the equator, or more than 180° wide — gives
// Web Mercator and false.
func ConicFor(b orb.Bound) (*Projection, bool) {
	if b.Max[0]-b.Min[0] > 180 {
		return WebMercator, false
	}
	r := b.Max[1] - b.Min[1]
	return Conic(b.Min[1]+r/6, b.Max[1]-r/6, (b.Min[0]+b.Max[0])/2)
}

// ProjectionFor is the projection of the kind for showing b: Web Mercator,
// or the conic fitted to b. ok is false when a conic was asked for and b
// cannot have one (Web Mercator is returned then).
func ProjectionFor(kind string, b orb.Bound) (*Projection, bool) {
	if kind == MercatorKind {
		return WebMercator, true
	}
	return ConicFor(b)
}
