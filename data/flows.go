package data

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// FigureKind says how firm a yearly figure is. The order matters: a value
// between two figures is only as firm as the weaker of them.
type FigureKind int

// Figure kinds, strongest first.
const (
	Actual FigureKind = iota
	Plan
	Forecast
)

var kindNames = []string{"actual", "plan", "forecast"}

func (k FigureKind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("FigureKind(%d)", int(k))
	}
	return kindNames[k]
}

// ParseFigureKind reads "actual", "plan" or "forecast".
func ParseFigureKind(s string) (FigureKind, error) {
	for i, n := range kindNames {
		if n == s {
			return FigureKind(i), nil
		}
	}
	return 0, fmt.Errorf("unknown figure kind %q (want actual, plan or forecast)", s)
}

// MarshalJSON writes the kind by name.
func (k FigureKind) MarshalJSON() ([]byte, error) { return json.Marshal(k.String()) }

// UnmarshalJSON reads the kind by name.
func (k *FigureKind) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseFigureKind(s)
	*k = v
	return err
}

// Figure is one published yearly value of a flow.
type Figure struct {
	Year        geo.Year   `json:"year"`
	Value       float64    `json:"value"`
	Kind        FigureKind `json:"kind"`
	Source      string     `json:"source"`
	Approximate bool       `json:"approximate,omitempty"`
}

// Step is one feature of a flow's path and the direction the flow runs
// along it ("forward" is the feature's coordinate order).
type Step struct {
	Feature string `json:"feature"`
	Dir     string `json:"dir"`
}

// Reverse reports whether the flow runs against the feature's coordinates.
func (s Step) Reverse() bool { return s.Dir == "reverse" }

// Flow is a volume moving along a path of corridor features over the years.
type Flow struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Unit   string   `json:"unit"`
	Path   []Step   `json:"path"`
	Values []Figure `json:"values"` // sorted by year
	Notes  []string `json:"notes,omitempty"`
	// LineFile, for imported flows, names a GeoJSON file whose first
	// LineString is the route, instead of Path.
	LineFile string `json:"-"`
}

// At returns the flow's value at the fractional year t: a figure for year
// Y holds at t = Y and values are linear in between. Outside the first and
// last figure the flow has no value (ok is false). The kind is the weaker
// of the two neighbouring figures.
func (f *Flow) At(t geo.Year) (value float64, kind FigureKind, ok bool) {
	v := f.Values
	if len(v) == 0 || t < v[0].Year || t > v[len(v)-1].Year || math.IsNaN(float64(t)) {
		return 0, 0, false
	}
	i := sort.Search(len(v), func(i int) bool { return v[i].Year >= t })
	if v[i].Year == t {
		return v[i].Value, v[i].Kind, true
	}
	a, b := v[i-1], v[i]
	frac := float64((t - a.Year) / (b.Year - a.Year))
	return a.Value + (b.Value-a.Value)*frac, max(a.Kind, b.Kind), true
}

// Years returns the first and last year with a figure.
func (f *Flow) Years() (first, last geo.Year) {
	if len(f.Values) == 0 {
		return 0, 0
	}
	return f.Values[0].Year, f.Values[len(f.Values)-1].Year
}

// Max is the largest figure of the flow. Figures are the extremes of a
// piecewise-linear series, so this is also the maximum over all t.
func (f *Flow) Max() float64 {
	m := 0.0
	for _, v := range f.Values {
		m = math.Max(m, v.Value)
	}
	return m
}

// MaxByUnit is the largest value of each unit over the whole timeline, so
// every frame draws flows of one unit on one locked width scale.
func MaxByUnit(flows []*Flow) map[string]float64 {
	m := map[string]float64{}
	for _, f := range flows {
		m[f.Unit] = math.Max(m[f.Unit], f.Max())
	}
	return m
}

// Span returns the first and last year of any flow.
func Span(flows []*Flow) (first, last geo.Year) {
	for i, f := range flows {
		a, b := f.Years()
		if i == 0 || a < first {
			first = a
		}
		if i == 0 || b > last {
			last = b
		}
	}
	return first, last
}

type flowsFile struct {
	Version int     `json:"version"`
	Flows   []*Flow `json:"flows"`
}

// Flows returns the embedded flows dataset (corridor/flows.json).
func Flows() ([]*Flow, error) {
	b, err := files.ReadFile("corridor/flows.json")
	if err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	return ParseFlows("corridor/flows.json", b)
}

// ParseFlows reads a flows file in the documented format and checks it:
// known version, unique ids, a path, sorted unique years, known kinds, one
// unit per flow.
func ParseFlows(name string, b []byte) ([]*Flow, error) {
	var ff flowsFile
	if err := json.Unmarshal(b, &ff); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if ff.Version != 1 {
		return nil, fmt.Errorf("%s: unsupported flows version %d (this build reads version 1)", name, ff.Version)
	}
	seen := map[string]bool{}
	for i, f := range ff.Flows {
		if f == nil || f.ID == "" {
			return nil, fmt.Errorf("%s: flow %d has no id", name, i+1)
		}
		if seen[f.ID] {
			return nil, fmt.Errorf("%s: duplicate flow id %q", name, f.ID)
		}
		seen[f.ID] = true
		if len(f.Path) == 0 {
			return nil, fmt.Errorf("%s: flow %q has an empty path", name, f.ID)
		}
		for _, s := range f.Path {
			if s.Dir != "forward" && s.Dir != "reverse" {
				return nil, fmt.Errorf("%s: flow %q: direction %q of %q must be forward or reverse", name, f.ID, s.Dir, s.Feature)
			}
		}
		if len(f.Values) == 0 {
			return nil, fmt.Errorf("%s: flow %q has no values", name, f.ID)
		}
		sort.SliceStable(f.Values, func(a, b int) bool { return f.Values[a].Year < f.Values[b].Year })
		for j := 1; j < len(f.Values); j++ {
			if f.Values[j].Year == f.Values[j-1].Year {
				return nil, fmt.Errorf("%s: flow %q has two figures for %v", name, f.ID, f.Values[j].Year)
			}
		}
		for _, v := range f.Values {
			if math.IsNaN(v.Value) || v.Value < 0 {
				return nil, fmt.Errorf("%s: flow %q: bad value %v for %v", name, f.ID, v.Value, v.Year)
			}
		}
	}
	return ff.Flows, nil
}
