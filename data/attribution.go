package data

import (
	"strings"

	"github.com/corridor-atlas/corridor-atlas/data/i18n"
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

// SourcesText is the data sources and licences and the licence of the
// fonts the map is set in (the renderer's, given by the caller), as they
// were published (in English): for `corridor-atlas --licenses` and Help →
// About.
func SourcesText(fontLicense string) string {
	var b strings.Builder
	b.WriteString(Licenses())
	b.WriteString("==> fonts: DejaVu Sans Condensed <==\n")
	b.WriteString(fontLicense)
	return b.String()
}

// CorridorVersion dates the corridor layers and flows: the day their facts
// were gathered (see licenses/FACTS.md).
const CorridorVersion = "2026-11-30"

// AttributionIn is Attribution in l: the sources' names stay as they are.
func AttributionIn(l i18n.Lang) string { return l.T("attribution") }

// SchematicNoteIn is SchematicNote in l.
func SchematicNoteIn(l i18n.Lang) string { return l.T("note.schematic") }
