// Command corridor-atlas is the Corridor Atlas desktop map of the
// Trans-Caspian Middle Corridor. With no arguments it opens the window;
// its subcommands (layers, validate, export) work without a display.
package main

import (
	"os"

	"github.com/corridor-atlas/corridor-atlas/app/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
