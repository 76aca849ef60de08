package cli

import (
	"fmt"
	"strings"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
)

func dataVersions() string {
	return "data: Natural Earth 4.1.0 (1:10m regional, 1:50m overview; world-atlas 2.0.2); corridor layers " + data.CorridorVersion + "\n"
}

// LicensesText is what `corridor-atlas --licenses` prints: version, credit
// line and border policy in l, then SourcesText.
func LicensesText(l i18n.Lang) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Corridor Atlas %s\n\n%s: %s\n\n%s: %s\n\n", Version,
		msg(l, "licenses.attribution"), data.AttributionIn(l), msg(l, "licenses.borders"), data.BorderPolicyIn(l))
	if l != i18n.EN {
		b.WriteString(msg(l, "licenses.as_published") + "\n\n")
	}
	b.WriteString(SourcesText())
	return b.String()
}

// SourcesText is the data sources and licences and the font licence, as
// they were published (in English).
func SourcesText() string { return data.SourcesText(render.FontLicense()) }
