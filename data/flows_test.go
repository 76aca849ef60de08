package data

import (
	"math"
	"strings"
	"testing"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

func testFlow() *Flow {
	f := &Flow{ID: "t", Direction: OneWay, Figures: []Figure{
		{Year: 2021, Value: 0.6, Kind: Actual, Drawn: true},
		{Year: 2022, Value: 1.5, Kind: Actual, Drawn: true},
		{Year: 2022, Value: 1.7, Kind: Actual, Note: "another count"},
		{Year: 2024, Value: 4.5, Kind: Actual, Drawn: true},
		{Year: 2024, Value: 4.1, Kind: Actual, Period: "Jan–Nov", Note: "eleven months"},
		{Year: 2025, Value: 5.2, Kind: Forecast, Drawn: true},
	}}
	if err := f.collectDrawn(); err != nil {
		panic(err)
	}
	return f
}

func TestFlowAt(t *testing.T) {
	f := testFlow()
	tests := []struct {
		name  string
		t     geo.Year
		value float64
		kind  FigureKind
		ok    bool
	}{
		{"at the first year", 2021, 0.6, Actual, true},
		{"easing towards the next year", 2021.5, 1.05, Actual, true},
		{"at a whole year, exactly the figure", 2022, 1.5, Actual, true},
		{"a year without a figure after it holds", 2022.5, 1.5, Actual, true},
		{"a year without a figure has no band", 2023, 0, 0, false},
		{"not even late in it", 2023.99, 0, 0, false},
		{"the next figure", 2024, 4.5, Actual, true},
		{"the year's kind while easing into a forecast", 2024.25, 4.675, Actual, true},
		{"at the last year", 2025, 5.2, Forecast, true},
		{"before the first", 2020.99, 0, 0, false},
		{"not a number", geo.Year(math.NaN()), 0, 0, false},
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

func TestFigureAtNamesOnlyPublishedFigures(t *testing.T) {
	f := testFlow()
	for _, tt := range []struct {
		t    geo.Year
		want float64
		ok   bool
	}{{2021.7, 0.6, true}, {2022, 1.5, true}, {2023.4, 0, false}, {2024.999, 4.5, true}} {
		fig, ok := f.FigureAt(tt.t)
		if ok != tt.ok || fig.Value != tt.want || (ok && !fig.Drawn) {
			t.Errorf("FigureAt(%v) = %+v %v, want the drawn %v", tt.t, fig, ok, tt.want)
		}
	}
	// Every value At gives at a whole year is a drawn figure.
	for y := geo.Year(2019); y <= 2027; y++ {
		v, _, ok := f.At(y)
		if !ok {
			continue
		}
		if fig, _ := f.FigureAt(y); fig.Value != v {
			t.Errorf("At(%v) = %v is not the published %v", y, v, fig.Value)
		}
	}
}

func TestYearFiguresListDrawnFirst(t *testing.T) {
	f := testFlow()
	got := f.YearFigures(2024)
	if len(got) != 2 || !got[0].Drawn || got[1].Period != "Jan–Nov" {
		t.Errorf("YearFigures(2024) = %+v", got)
	}
	if ys := f.Years(); len(ys) != 4 || ys[0] != 2021 || ys[3] != 2025 {
		t.Errorf("Years = %v", ys)
	}
}

func TestParseFlowsRefuses(t *testing.T) {
	const head = `{"version":2,"flows":[{"id":"a","unit":"Mt/yr","direction":"one-way","path":[{"feature":"x","dir":"forward"}],"figures":[`
	const tail = `]}]}`
	fig := `{"year":2023,"value":1,"kind":"actual","source":"s","date":"2024","drawn":true}`
	tests := map[string]struct{ in, msg string }{
		"not JSON":            {`nope`, "invalid"},
		"old version":         {`{"version":1,"flows":[]}`, "version 1"},
		"unknown member":      {`{"version":2,"flows":[],"extra":1}`, "unknown field"},
		"two drawn in a year": {head + fig + "," + fig + tail, "two figures for 2023"},
		"bad kind":            {head + `{"year":2023,"value":1,"kind":"guess","source":"s","date":"2024","drawn":true}` + tail, "unknown figure kind"},
		"no source":           {head + `{"year":2023,"value":1,"kind":"actual","date":"2024","drawn":true}` + tail, "without a source"},
		"no date":             {head + `{"year":2023,"value":1,"kind":"actual","source":"s","drawn":true}` + tail, "no publication date"},
		"partial drawn":       {head + `{"year":2023,"period":"H1","value":1,"kind":"actual","source":"s","date":"2024","drawn":true}` + tail, "partial"},
		"silent alternative":  {head + fig + `,{"year":2023,"value":2,"kind":"actual","source":"t","date":"2024"}` + tail, "no note"},
		"fractional year":     {head + `{"year":2023.5,"value":1,"kind":"actual","source":"s","date":"2024","drawn":true}` + tail, "whole calendar year"},
		"nothing drawn":       {head + `{"year":2023,"value":1,"kind":"actual","source":"s","date":"2024","note":"n"}` + tail, "no drawn figure"},
		"bad direction":       {strings.Replace(head, "one-way", "west", 1) + fig + tail, "direction"},
		"bad step direction":  {strings.Replace(head, `"dir":"forward"`, `"dir":"up"`, 1) + fig + tail, "forward or reverse"},
		"empty path":          {strings.Replace(head, `{"feature":"x","dir":"forward"}`, "", 1) + fig + tail, "empty path"},
		"negative value":      {head + `{"year":2023,"value":-1,"kind":"actual","source":"s","date":"2024","drawn":true}` + tail, "bad value"},
		"includes a stranger": {strings.Replace(head, `"path"`, `"includes":["nope"],"path"`, 1) + fig + tail, "not a flow of the file"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := ParseFlows("f.json", []byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want one mentioning %q", err, tt.msg)
			}
		})
	}
	if _, err := ParseFlows("f.json", []byte(head+fig+tail)); err != nil {
		t.Errorf("a good file: %v", err)
	}
}
