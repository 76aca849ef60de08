// Command corridor-atlas is the Corridor Atlas desktop map of the
// Trans-Caspian Middle Corridor. With no arguments it opens the window;
// its subcommands (layers, validate, export) work without a display.
package main

import (
	_ "embed"
	"os"
	"regexp"

	"github.com/corridor-atlas/corridor-atlas/app/cli"
	_ "github.com/corridor-atlas/corridor-atlas/app/locale" // before Fyne reads the locale
	"github.com/corridor-atlas/corridor-atlas/app/window"
)

// FyneApp.toml is embedded so a plain `go build` binary knows its version:
// the binary cannot read the source tree at run time.
//
//go:embed FyneApp.toml
var fyneApp string

func main() {
	cli.Window = window.Run
	if m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindStringSubmatch(fyneApp); m != nil {
		cli.Version = m[1]
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
