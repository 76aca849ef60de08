package cli

import (
	"embed"

	"github.com/corridor-atlas/corridor-atlas/data/i18n"
)

//go:embed translations
var messageFiles embed.FS

// messages are the command line's own words: usage, its errors and
// reports, in every language the app speaks. The loaders' one-line
// errors (file:line:column: fault) stay English: each parser writes its
// own, and they are what a user searches for or pastes into a report.
var messages = i18n.MustLoad(messageFiles, "translations")

// msg is the message key in l, filled from data.
func msg(l i18n.Lang, key string, data ...any) string { return messages.T(l, key, data...) }
