package data

import (
	"math"
	"testing"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

func TestFlowAt(t *testing.T) {
	f := &Flow{Values: []Figure{
		{Year: 2021, Value: 0.8, Kind: Actual},
		{Year: 2022, Value: 1.5, Kind: Actual},
		{Year: 2024, Value: 4.5, Kind: Actual},
		{Year: 2025, Value: 5.2, Kind: Forecast},
	}}
	tests := []struct {
		name  string
		t     geo.Year
		value float64
		kind  FigureKind
		ok    bool
	}{
		{"at first year", 2021, 0.8, Actual, true},
		{"between actuals", 2021.5, 1.15, Actual, true},
		{"across a gap", 2023, 3.0, Actual, true},
		{"at a year", 2024, 4.5, Actual, true},
		{"towards a forecast", 2024.25, 4.675, Forecast, true},
		{"at last year", 2025, 5.2, Forecast, true},
		{"before", 2020.99, 0, 0, false},
		{"after", 2025.01, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, k, ok := f.At(tt.t)
			if ok != tt.ok || (ok && (math.Abs(v-tt.value) > 1e-9 || k != tt.kind)) {
				t.Errorf("At(%v) = %v %v %v, want %v %v %v", tt.t, v, k, ok, tt.value, tt.kind, tt.ok)
			}
		})
	}
}

func TestPlanIsWeakerThanActual(t *testing.T) {
	f := &Flow{Values: []Figure{{Year: 2023, Value: 1.057, Kind: Actual}, {Year: 2024, Value: 1.5, Kind: Plan}}}
	if _, k, _ := f.At(2023.5); k != Plan {
		t.Errorf("kind between actual and plan = %v, want plan", k)
	}
}

func TestParseFlowsRefuses(t *testing.T) {
	tests := map[string]string{
		"not JSON":       `nope`,
		"wrong version":  `{"version":2,"flows":[]}`,
		"duplicate year": `{"version":1,"flows":[{"id":"a","unit":"Mt/yr","path":[{"feature":"x","dir":"forward"}],"values":[{"year":2023,"value":1,"kind":"actual"},{"year":2023,"value":2,"kind":"actual"}]}]}`,
		"bad kind":       `{"version":1,"flows":[{"id":"a","unit":"Mt/yr","path":[{"feature":"x","dir":"forward"}],"values":[{"year":2023,"value":1,"kind":"guess"}]}]}`,
		"bad direction":  `{"version":1,"flows":[{"id":"a","unit":"Mt/yr","path":[{"feature":"x","dir":"up"}],"values":[{"year":2023,"value":1,"kind":"actual"}]}]}`,
		"empty path":     `{"version":1,"flows":[{"id":"a","unit":"Mt/yr","path":[],"values":[{"year":2023,"value":1,"kind":"actual"}]}]}`,
		"duplicate id":   `{"version":1,"flows":[{"id":"a","unit":"t","path":[{"feature":"x","dir":"forward"}],"values":[{"year":1,"value":1,"kind":"actual"}]},{"id":"a","unit":"t","path":[{"feature":"x","dir":"forward"}],"values":[{"year":1,"value":1,"kind":"actual"}]}]}`,
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseFlows("f.json", []byte(in)); err == nil {
				t.Error("accepted")
			}
		})
	}
}
