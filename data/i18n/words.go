package i18n

import "embed"

//go:embed words
var wordFiles embed.FS

// Words is the vocabulary below the window, shared by the map, the info
// panel and the command line: figure kinds, units, the closed lists of the
// corridor data, layer and view titles, month names and the attribution.
var Words = MustLoad(wordFiles, "words")

// T is the word key in l (see Catalogue.T).
func (l Lang) T(key string, data ...any) string { return Words.T(l, key, data...) }

// N is the counted word key in l (see Catalogue.N).
func (l Lang) N(key string, count int, data ...any) string { return Words.N(l, key, count, data...) }
