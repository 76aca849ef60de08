package data

import (
	"fmt"
	"strings"
	"testing"
)

func TestParseFlowCSV(t *testing.T) {
	good := "flow_id,year,value,unit,kind,source,path\n" +
		"grain,2022,0.5,Mt/yr,actual,ministry 2023,titr-kz-trunk titr-ferry-aktau-alat titr-rail-az:reverse\n" +
		"grain,2024,1.25,Mt/yr,plan,ministry 2024,\n" +
		"grain,2023,0.75,Mt/yr,actual,\"ministry, annual report\",\n" +
		"gas,2025,3,bcm/yr,forecast,agency,@pipeline.geojson\n"
	flows, err := ParseFlowCSV("flows.csv", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(flows) != 2 {
		t.Fatalf("%d flows", len(flows))
	}
	g := flows[0]
	if g.ID != "grain" || len(g.Values) != 3 || g.Values[1].Year != 2023 || g.Values[1].Source != "ministry, annual report" {
		t.Errorf("grain = %+v", g)
	}
	if len(g.Path) != 3 || !g.Path[2].Reverse() || g.Path[0].Reverse() {
		t.Errorf("path = %+v", g.Path)
	}
	// 2023's figure, easing towards 2024's over the year.
	if v, k, ok := g.At(2023.5); !ok || v != 1.0 || k != Actual {
		t.Errorf("At(2023.5) = %v %v %v", v, k, ok)
	}
	if flows[1].LineFile != "pipeline.geojson" {
		t.Errorf("gas line file %q", flows[1].LineFile)
	}

	bad := []struct {
		name, in, msg string
	}{
		{"empty", "", "empty file"},
		{"wrong header", "id,year,value\n", "header"},
		{"non-numeric value", "flow_id,year,value,unit,kind,source,path\na,2023,lots,t,actual,s,x\n", `flows.csv:2: value "lots"`},
		{"duplicate year", "flow_id,year,value,unit,kind,source,path\na,2023,1,t,actual,s,x\na,2023,2,t,actual,s,\n", "flows.csv:3: flow \"a\" has a second figure"},
		{"mixed units", "flow_id,year,value,unit,kind,source,path\na,2023,1,t,actual,s,x\na,2024,2,kt,actual,s,\n", "mixes units"},
		{"unknown kind", "flow_id,year,value,unit,kind,source,path\na,2023,1,t,guess,s,x\n", "unknown figure kind"},
		{"no path", "flow_id,year,value,unit,kind,source\na,2023,1,t,actual,s\n", "has no path"},
		{"bad direction", "flow_id,year,value,unit,kind,source,path\na,2023,1,t,actual,s,x:up\n", "direction"},
		{"two paths", "flow_id,year,value,unit,kind,source,path\na,2023,1,t,actual,s,x\na,2024,1,t,actual,s,y\n", "two different paths"},
		{"bad quoting", "flow_id,year,value,unit,kind,source,path\na,2023,1,t,actual,\"s,x\n", "flows.csv:2"},
		{"negative", "flow_id,year,value,unit,kind,source,path\na,2023,-1,t,actual,s,x\n", "non-negative"},
		{"not UTF-8", "flow_id,year,value,unit,kind,source,path\na,2023,1,t,actual,M\xfcnchen,x\n", "UTF-8"},
		{"CR line endings", "flow_id,year,value,unit,kind,source,path\ra,2023,1,t,actual,s,x\ra,2024,1,t,actual,s,\r", "flows.csv: lines end in CR alone"},
		{"long header quoted briefly", strings.Repeat("root:*:19700:0:99999:7:::", 50) + "\n", `header is "root:*:19700:0:9"…, want`},
		{"escape sequences quoted", "flow_id,year,value,unit,kind,source,path\n\x1b[2J,2023,1,t,actual,s,x\n\x1b[2J,2023,1,t,actual,s,\n", `flow "\x1b[2J" has a second figure for "2023"`},
		{"long kind", "flow_id,year,value,unit,kind,source,path\na,2023,1,t," + strings.Repeat("k", 100) + ",s,x\n", `unknown figure kind "kkkkkkkkkkkkkkkk"…`},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFlowCSV("flows.csv", []byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.msg) || !strings.HasPrefix(err.Error(), "flows.csv") {
				t.Errorf("err = %v, want one naming flows.csv with %q", err, tt.msg)
			}
			if err != nil && (strings.ContainsAny(err.Error(), "\n\r\x1b") || len(err.Error()) > 200) {
				t.Errorf("message is not one short line: %q", err)
			}
		})
	}
}

// TestParseFlowCSVManyRows: many figures are read in linear time (the
// duplicate-year check looked at every earlier figure: 200,000 rows took
// 37 s). Years are whole, so the rows are 1,000 flows of 200 years each.
// Time is not asserted; the check must still find a duplicate among them.
func TestParseFlowCSVManyRows(t *testing.T) {
	var b strings.Builder
	b.WriteString("flow_id,year,value,unit,kind,source,path\n")
	const flows, years = 1000, 200
	for f := range flows {
		for y := range years {
			fmt.Fprintf(&b, "f%d,%d,1,t,actual,s,x\n", f, 1900+y)
		}
	}
	got, err := ParseFlowCSV("many.csv", []byte(b.String()))
	if err != nil || len(got) != flows || len(got[0].Values) != years {
		t.Fatalf("%v, %d flows", err, len(got))
	}
	b.WriteString("f500,1950,1,t,actual,s,\n")
	if _, err := ParseFlowCSV("many.csv", []byte(b.String())); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("many.csv:%d: flow \"f500\" has a second figure", flows*years+2)) {
		t.Errorf("err = %v", err)
	}
}

func FuzzParseFlowCSV(f *testing.F) {
	f.Add([]byte("flow_id,year,value,unit,kind,source,path\na,2023,1,t,actual,s,x y:reverse\n"))
	f.Add([]byte("flow_id,year,value,unit,kind,source\n"))
	f.Add([]byte("flow_id,year,value,unit,kind,source,path\n\"a\"\"\",1e3,NaN,t,plan,,@f.geojson\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		flows, err := ParseFlowCSV("fuzz.csv", b)
		if err != nil {
			return
		}
		for _, fl := range flows {
			for i := 1; i < len(fl.Values); i++ {
				if fl.Values[i].Year <= fl.Values[i-1].Year {
					t.Fatalf("years not strictly increasing: %+v", fl.Values)
				}
			}
			if fl.Path == nil && fl.LineFile == "" {
				t.Fatal("flow without a path accepted")
			}
		}
	})
}
