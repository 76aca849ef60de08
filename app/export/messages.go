package export

import (
	"embed"

	"github.com/corridor-atlas/corridor-atlas/data/i18n"
)

//go:embed translations
var messageFiles embed.FS

// messages are the export's own refusals and notices, in the language of
// the export (Options.Lang): the command line and the window show them
// as they are.
var messages = i18n.MustLoad(messageFiles, "translations")
