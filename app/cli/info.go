package cli

import (
	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data"
)

func dataVersions() string {
	return "data: Natural Earth 4.1.0 (1:10m regional, 1:50m overview; world-atlas 2.0.2); corridor layers " + data.CorridorVersion + "\n"
}

// LicensesText is what `corridor-atlas --licenses` prints.
func LicensesText() string { return data.LicensesText(Version, render.FontLicense()) }
