package cli

import (
	"fmt"
	"strings"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data"
)

func dataVersions() string {
	return "data: Natural Earth 4.1.0 (1:10m regional, 1:50m overview; world-atlas 2.0.2); corridor layers " + data.CorridorVersion + "\n"
}

// LicensesText is what `corridor-atlas --licenses` prints and Help → About
// shows: version, credit line, data sources and licences, font licence.
func LicensesText() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Corridor Atlas %s\n\nAttribution: %s\n\n", Version, data.Attribution)
	b.WriteString(data.Licenses())
	b.WriteString("==> fonts: DejaVu Sans Condensed <==\n")
	b.WriteString(render.FontLicense())
	return b.String()
}
