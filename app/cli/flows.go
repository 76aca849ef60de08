package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// flowsHeader names the columns of `corridor-atlas flows`. The first seven
// are what an analyst cites; the rest say whether the map draws the figure
// and, when it does not, why.
var flowsHeader = []string{"flow", "year", "value", "unit", "kind", "approximate", "source", "date", "period", "drawn", "note"}

func cmdFlows(args []string, stdout, stderr io.Writer, l i18n.Lang) int {
	fs := newFlags("flows", "flows [--flow-data FILE.csv]...\n\n"+msg(l, "flows.synopsis"), stderr, l)
	var files []string
	fs.Func("flow-data", msg(l, "flows.flag.flow_data"), func(s string) error {
		files = append(files, s)
		return nil
	})
	if code, stop := parse(fs, args, stdout, l); stop {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, "corridor-atlas flows: "+msg(l, "usage.unexpected_argument", map[string]any{"Arg": load.Quote(fs.Arg(0))}))
		return ExitUsage
	}
	flows, err := data.Flows()
	if err != nil {
		fmt.Fprintln(stderr, "corridor-atlas flows:", err)
		return ExitData
	}
	for _, path := range files {
		b, err := load.ReadFile(path, load.MaxSideFile)
		if err != nil {
			fmt.Fprintf(stderr, "corridor-atlas flows: %s: %s\n", path, msg(l, "error.cannot_read", map[string]any{"Reason": load.Reason(err)}))
			return ExitData
		}
		more, err := data.ParseFlowCSV(path, b)
		if err != nil {
			fmt.Fprintln(stderr, "corridor-atlas flows:", err)
			return ExitData
		}
		flows = append(flows, more...)
	}
	WriteFlowsTSV(stdout, flows)
	return ExitOK
}

// WriteFlowsTSV writes every figure of the flows as the `flows` command
// prints them: by flow, then year, the drawn figure of a year first.
func WriteFlowsTSV(w io.Writer, flows []*data.Flow) {
	fmt.Fprintln(w, strings.Join(flowsHeader, "\t"))
	for _, f := range flows {
		for _, y := range f.Years() {
			for _, fig := range f.YearFigures(y) {
				unit := f.Unit
				if fig.Partial() {
					// An amount over part of a year, not a yearly rate.
					unit = strings.TrimSuffix(unit, "/yr")
				}
				fmt.Fprintln(w, strings.Join(tsvFields(
					f.ID,
					strconv.Itoa(int(y)),
					strconv.FormatFloat(fig.Value, 'f', -1, 64),
					unit,
					fig.Kind.String(),
					yesNo(fig.Approximate),
					fig.Source,
					fig.Date,
					fig.Period,
					yesNo(fig.Drawn),
					fig.Note,
				), "\t"))
			}
		}
	}
}

// tsvFields keeps each field on its column: a tab or line break inside a
// value (possible in a user's CSV) becomes a space.
func tsvFields(fields ...string) []string {
	for i, f := range fields {
		fields[i] = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return ' '
			}
			return r
		}, f)
	}
	return fields
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
