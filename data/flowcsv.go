package data

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/corridor-atlas/corridor-atlas/geo"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// FlowCSVHeader is the header a flows CSV starts with. The optional
// seventh column, path, gives the route on the first row of a flow (or on
// every row, identically): feature ids of any loaded layer in order,
// separated by spaces, each optionally suffixed ":reverse" when the flow
// runs against the feature's coordinates; or "@FILE.geojson", the first
// LineString of that GeoJSON file (relative to the CSV).
var FlowCSVHeader = []string{"flow_id", "year", "value", "unit", "kind", "source"}

// ParseFlowCSV reads flows from CSV. Errors name the file and line:
// unknown columns, non-numeric values, duplicate years, mixed units, an
// unknown kind or a missing path. Feature ids are checked later, against
// the loaded layers (render.BuildFlowPaths). Values from the file are
// quoted in messages, at most load.EchoMax characters of each.
func ParseFlowCSV(name string, b []byte) ([]*Flow, error) {
	if !utf8.Valid(b) {
		return nil, fmt.Errorf("%s: not UTF-8 text", name)
	}
	if bytes.IndexByte(b, '\n') < 0 && bytes.IndexByte(b, '\r') >= 0 {
		// encoding/csv ends lines at LF only: the whole file would be one
		// line, refused with all of it in the message.
		return nil, fmt.Errorf("%s: lines end in CR alone (old Mac line endings): save it with LF or CRLF line endings", name)
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty file: expected the header %s", name, strings.Join(FlowCSVHeader, ","))
	}
	if err != nil {
		return nil, csvErr(name, err)
	}
	for i := range header {
		header[i] = strings.ToLower(strings.TrimSpace(header[i]))
	}
	hasPath := len(header) == 7 && header[6] == "path"
	if !slices.Equal(header[:min(len(header), 6)], FlowCSVHeader) || (len(header) == 7 && !hasPath) || len(header) > 7 {
		return nil, fmt.Errorf("%s:1: header is %s, want %s[,path]", name, load.Quote(strings.Join(header, ",")), strings.Join(FlowCSVHeader, ","))
	}
	var flows []*Flow
	byID := map[string]*Flow{}
	// The years each flow has a figure for: a duplicate is found in one
	// look-up (scanning a flow's figures made 200,000 rows take 37 s).
	type flowYear struct {
		f *Flow
		y geo.Year
	}
	years := map[flowYear]bool{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvErr(name, err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != len(header) {
			return nil, fmt.Errorf("%s:%d: %d fields, want %d", name, line, len(rec), len(header))
		}
		id := strings.TrimSpace(rec[0])
		if id == "" {
			return nil, fmt.Errorf("%s:%d: empty flow_id", name, line)
		}
		year, err := strconv.ParseFloat(strings.TrimSpace(rec[1]), 64)
		if err != nil || math.IsNaN(year) || year < 1900 || year > 2100 || year != math.Round(year) {
			return nil, fmt.Errorf("%s:%d: year %s is not a whole year between 1900 and 2100", name, line, load.Quote(rec[1]))
		}
		value, err := strconv.ParseFloat(strings.TrimSpace(rec[2]), 64)
		if err != nil || math.IsNaN(value) || math.IsInf(value, 0) || value < 0 {
			return nil, fmt.Errorf("%s:%d: value %s is not a non-negative number", name, line, load.Quote(rec[2]))
		}
		kind, err := ParseFigureKind(strings.TrimSpace(rec[4]))
		if err != nil {
			return nil, fmt.Errorf("%s:%d: unknown figure kind %s (want actual, plan or forecast)", name, line, load.Quote(strings.TrimSpace(rec[4])))
		}
		unit := strings.TrimSpace(rec[3])
		if unit == "" {
			return nil, fmt.Errorf("%s:%d: empty unit", name, line)
		}
		f := byID[id]
		if f == nil {
			f = &Flow{ID: id, Title: id, Unit: unit, Direction: OneWay}
			byID[id] = f
			flows = append(flows, f)
		}
		if f.Unit != unit {
			return nil, fmt.Errorf("%s:%d: flow %s mixes units %s and %s", name, line, load.Quote(id), load.Quote(f.Unit), load.Quote(unit))
		}
		k := flowYear{f, geo.Year(year)}
		if years[k] {
			return nil, fmt.Errorf("%s:%d: flow %s has a second figure for %s", name, line, load.Quote(id), load.Quote(strings.TrimSpace(rec[1])))
		}
		years[k] = true
		f.Figures = append(f.Figures, Figure{Year: geo.Year(year), Value: value, Kind: kind, Source: strings.TrimSpace(rec[5]), Drawn: true})
		if hasPath {
			if p := strings.TrimSpace(rec[6]); p != "" {
				steps, file, err := parsePath(p)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: %v", name, line, err)
				}
				if (f.Path != nil || f.LineFile != "") && (!slices.Equal(f.Path, steps) || f.LineFile != file) {
					return nil, fmt.Errorf("%s:%d: flow %s is given two different paths", name, line, load.Quote(id))
				}
				f.Path, f.LineFile = steps, file
			}
		}
	}
	if len(flows) == 0 {
		return nil, fmt.Errorf("%s: no flows after the header", name)
	}
	for _, f := range flows {
		if f.Path == nil && f.LineFile == "" {
			return nil, fmt.Errorf("%s: flow %s has no path (add a path column: feature ids, or @FILE.geojson)", name, load.Quote(f.ID))
		}
		if err := f.collectDrawn(); err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
	}
	return flows, nil
}

func parsePath(p string) ([]Step, string, error) {
	if strings.HasPrefix(p, "@") {
		file := strings.TrimSpace(p[1:])
		if file == "" {
			return nil, "", errors.New("path \"@\" names no file")
		}
		return nil, file, nil
	}
	var steps []Step
	for _, tok := range strings.Fields(p) {
		id, dir, _ := strings.Cut(tok, ":")
		switch dir {
		case "", "forward":
			dir = "forward"
		case "reverse":
		default:
			return nil, "", fmt.Errorf("path step %s: direction must be forward or reverse", load.Quote(tok))
		}
		if id == "" {
			return nil, "", fmt.Errorf("path step %s has no feature id", load.Quote(tok))
		}
		steps = append(steps, Step{Feature: id, Dir: dir})
	}
	if len(steps) == 0 {
		return nil, "", errors.New("empty path")
	}
	return steps, "", nil
}

func csvErr(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d:%d: %v", name, pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("%s: %v", name, err)
}
