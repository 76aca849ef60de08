package data

import (
	"fmt"
	"strings"
)

// Attribution is the credit line every export and the About box show.
const Attribution = "Made with Natural Earth (public domain) · world-atlas © Mike Bostock (ISC) · " +
	"corridor routes from bp, KazTransOil, KTZ, ADY, Trend, report.az and others (see Sources) · NGA World Port Index"

// SchematicNote is appended to the attribution when a schematic feature is
// on the map, so nobody mistakes a drawn route for a surveyed one.
const SchematicNote = "routes schematic"

// Licenses returns the texts of the data licences and the source notes,
// for `corridor-atlas --licenses`, Help → About and the release archives.
func Licenses() string {
	var b strings.Builder
	for _, name := range []string{"licenses/SOURCES.txt", "licenses/world-atlas.LICENSE.txt", "corridor/README.md"} {
		text, err := files.ReadFile(name)
		if err != nil {
			continue
		}
		b.WriteString("==> " + name + " <==\n")
		b.Write(text)
		if !strings.HasSuffix(string(text), "\n") {
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// LicensesText is what `corridor-atlas --licenses` prints and Help →
// About shows: the app's version, the credit line, the border policy,
// the data sources and licences, and the licence of the fonts the map is
// set in (the renderer's, given by the caller).
func LicensesText(appVersion, fontLicense string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Corridor Atlas %s\n\nAttribution: %s\n\nBorders: %s\n\n", appVersion, Attribution, BorderPolicy)
	b.WriteString(Licenses())
	b.WriteString("==> fonts: DejaVu Sans Condensed <==\n")
	b.WriteString(fontLicense)
	return b.String()
}

// CorridorVersion dates the corridor layers and flows: the day their facts
// were gathered (see licenses/FACTS.md).
const CorridorVersion = "2026-11-30"
