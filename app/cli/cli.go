// Package cli is the command line of corridor-atlas: with no arguments it
// opens the window; its subcommands (layers, validate, export) work
// headless. Exit status everywhere: 0 success, 1 a failure with data or
// files, 2 a usage error.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// Exit statuses.
const (
	ExitOK    = 0
	ExitData  = 1
	ExitUsage = 2
)

// Window opens the desktop window and blocks until it closes. It is set by
// the window package's caller (main), so this package, and with it every
// headless subcommand, never touches the GUI driver.
var Window func(args []string, stderr io.Writer) int

// Version is the app version, set from FyneApp.toml by main.
var Version = "dev"

const usage = `Corridor Atlas: an offline map of the Trans-Caspian Middle Corridor.

Usage:
  corridor-atlas                 open the window
  corridor-atlas layers          list the embedded layers
  corridor-atlas validate FILE…  check data files
  corridor-atlas flows           list every flow figure with its source
  corridor-atlas export …        render the map to PNG (no display needed)
  corridor-atlas --version       print the app and data versions
  corridor-atlas --licenses      print the data sources and licences

Run "corridor-atlas COMMAND --help" for a command's options.
`

// Main runs the command line and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return openWindow(nil, stderr)
	}
	switch args[0] {
	case "-h", "-help", "--help", "help", "-version", "--version", "version", "-licenses", "--licenses", "licenses":
		if len(args) > 1 {
			fmt.Fprintf(stderr, "corridor-atlas %s: unexpected argument %s (it takes none)\n", strings.TrimLeft(args[0], "-"), load.Quote(args[1]))
			return ExitUsage
		}
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return ExitOK
	case "-version", "--version", "version":
		fmt.Fprintf(stdout, "corridor-atlas %s\n%s", Version, dataVersions())
		return ExitOK
	case "-licenses", "--licenses", "licenses":
		fmt.Fprint(stdout, LicensesText())
		return ExitOK
	case "layers":
		return cmdLayers(args[1:], stdout, stderr)
	case "validate":
		return cmdValidate(args[1:], stdout, stderr)
	case "flows":
		return cmdFlows(args[1:], stdout, stderr)
	case "export":
		return cmdExport(args[1:], stdout, stderr)
	}
	if strings.HasPrefix(args[0], "-") {
		// Window flags such as --measure-startup.
		return openWindow(args, stderr)
	}
	fmt.Fprintf(stderr, "corridor-atlas: unknown command %s (commands: layers, validate, flows, export; see --help)\n", load.Quote(args[0]))
	return ExitUsage
}

func openWindow(args []string, stderr io.Writer) int {
	if !HasDisplay() {
		fmt.Fprintln(stderr, "corridor-atlas: no display found (DISPLAY/WAYLAND_DISPLAY unset): the window needs a desktop session; `corridor-atlas export` renders maps headless")
		return ExitData
	}
	if Window == nil {
		fmt.Fprintln(stderr, "corridor-atlas: this build has no window")
		return ExitData
	}
	return Window(args, stderr)
}

// HasDisplay reports whether a GUI can start. On X11/Wayland systems
// GLFW panics without a display, so check before creating the app.
func HasDisplay() bool {
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios", "js":
		return true
	}
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}

// newFlags makes a subcommand's flag set with a usage text of its own.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: corridor-atlas %s\n", synopsis)
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(fs.Output(), "\nOptions:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parse parses flags; it returns an exit status when the command should
// stop (help asked for, or a usage error).
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) (int, bool) {
	stderr := fs.Output()
	// The flag package prints the whole usage after an error; a usage error
	// should be one line, so parse quietly and report it ourselves.
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		fs.Usage()
		return ExitOK, true
	}
	fs.SetOutput(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "corridor-atlas %s: %v (see --help)\n", fs.Name(), err)
		return ExitUsage, true
	}
	return 0, false
}
