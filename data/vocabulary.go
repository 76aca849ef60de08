package data

import (
	"slices"
	"strings"

	"github.com/corridor-atlas/corridor-atlas/data/i18n"
)

// The closed lists of the corridor features' properties (see
// corridor/README.md). Their values are identifiers: the map's styles key
// on them, and each has a word in every language (Word).
var (
	FeatureKinds = []string{"rail", "ferry-lane", "tanker-lane", "pipeline", "fibre-cable", "power-cable",
		"port", "terminal", "border-crossing", "pump-station"}
	Statuses   = []string{"operating", "under-construction", "planned"}
	Precisions = []string{"surveyed", "approximate", "schematic"}
	Roles      = []string{"ferry", "rail-ferry", "container", "oil", "general-cargo"}
)

// closedLists are the lists by property.
var closedLists = map[string][]string{"kind": FeatureKinds, "status": Statuses, "precision": Precisions, "role": Roles}

// Word is value, a value of the closed-list property prop ("kind",
// "status", "precision", "role"), as a word in l: "under-construction" is
// "im Bau" and "строится". A value outside the lists (a user's data) is
// shown as it is, with spaces for hyphens.
func Word(l i18n.Lang, prop, value string) string {
	if slices.Contains(closedLists[prop], value) {
		return l.T("feature." + prop + "." + value)
	}
	return strings.ReplaceAll(value, "-", " ")
}

// In is the kind's word in l ("Ist", "факт").
func (k FigureKind) In(l i18n.Lang) string { return l.Kind(k.String()) }

// TitleIn is the layer's title in l.
func (s Source) TitleIn(l i18n.Lang) string { return l.T("layer." + s.ID) }
