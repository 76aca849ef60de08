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

	"github.com/corridor-atlas/corridor-atlas/data/i18n"
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

// Main runs the command line and returns the exit status. Its messages
// are in the language of --lang (export takes it) or else the system
// locale's (LC_ALL, LC_MESSAGES, LANG, LANGUAGE), English when the app does
// not speak it.
func Main(args []string, stdout, stderr io.Writer) int {
	l := Language(args)
	if len(args) == 0 {
		return openWindow(nil, stderr, l)
	}
	switch args[0] {
	case "-h", "-help", "--help", "help", "-version", "--version", "version", "-licenses", "--licenses", "licenses":
		if len(args) > 1 {
			fmt.Fprintln(stderr, "corridor-atlas "+strings.TrimLeft(args[0], "-")+": "+msg(l, "usage.no_arguments", map[string]any{"Arg": load.Quote(args[1])}))
			return ExitUsage
		}
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, msg(l, "usage"))
		return ExitOK
	case "-version", "--version", "version":
		fmt.Fprintf(stdout, "corridor-atlas %s\n%s", Version, dataVersions())
		return ExitOK
	case "-licenses", "--licenses", "licenses":
		fmt.Fprint(stdout, LicensesText(l))
		return ExitOK
	case "layers":
		return cmdLayers(args[1:], stdout, stderr, l)
	case "validate":
		return cmdValidate(args[1:], stdout, stderr, l)
	case "flows":
		return cmdFlows(args[1:], stdout, stderr, l)
	case "export":
		return cmdExport(args[1:], stdout, stderr, l)
	}
	if strings.HasPrefix(args[0], "-") {
		// Window flags such as --measure-startup.
		return openWindow(args, stderr, l)
	}
	fmt.Fprintln(stderr, "corridor-atlas: "+msg(l, "usage.unknown_command", map[string]any{"Command": load.Quote(args[0])}))
	return ExitUsage
}

func openWindow(args []string, stderr io.Writer, l i18n.Lang) int {
	if !HasDisplay() {
		fmt.Fprintln(stderr, "corridor-atlas: "+msg(l, "window.no_display"))
		return ExitData
	}
	if Window == nil {
		fmt.Fprintln(stderr, "corridor-atlas: "+msg(l, "window.none"))
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

// newFlags makes a subcommand's flag set with a usage text of its own,
// in language l.
func newFlags(name, synopsis string, stderr io.Writer, l i18n.Lang) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "%s corridor-atlas %s\n", msg(l, "usage.usage"), synopsis)
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(fs.Output(), "\n"+msg(l, "usage.options"))
			fs.PrintDefaults()
		}
	}
	return fs
}

// parse parses flags; it returns an exit status when the command should
// stop (help asked for, or a usage error).
func parse(fs *flag.FlagSet, args []string, stdout io.Writer, l i18n.Lang) (int, bool) {
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
		fmt.Fprintf(stderr, "corridor-atlas %s: %s\n", fs.Name(), flagError(err, l))
		return ExitUsage, true
	}
	return 0, false
}

// flagError is a flag package error in language l. The package writes its
// errors in English in three fixed forms; each is said again in l, with
// the value and the reason (which our own flag functions give in l).
func flagError(err error, l i18n.Lang) string {
	s := err.Error()
	if f, ok := strings.CutPrefix(s, "flag provided but not defined: "); ok {
		return msg(l, "usage.unknown_flag", map[string]any{"Flag": f})
	}
	if f, ok := strings.CutPrefix(s, "flag needs an argument: "); ok {
		return msg(l, "usage.flag_needs_value", map[string]any{"Flag": f})
	}
	if rest, ok := strings.CutPrefix(s, "invalid value "); ok {
		// invalid value "x" for flag -f: reason
		if i := strings.Index(rest, " for flag "); i > 0 {
			value, tail := rest[:i], rest[i+len(" for flag "):]
			flagName, reason, _ := strings.Cut(tail, ": ")
			if strings.HasPrefix(reason, "parse error") {
				reason = msg(l, "usage.not_a_number")
			}
			return msg(l, "usage.invalid_value", map[string]any{"Value": value, "Flag": flagName, "Reason": reason})
		}
	}
	return s + " " + msg(l, "usage.see_help")
}

// Language is the language of the command line's messages and of its
// exports: --lang's (or -lang's) when args give it and it names a language
// the app speaks, else the system locale's.
func Language(args []string) i18n.Lang {
	for i, a := range args {
		if a == "--" {
			break
		}
		for _, p := range []string{"--lang=", "-lang="} {
			if v, ok := strings.CutPrefix(a, p); ok {
				if l, err := i18n.Parse(v); err == nil {
					return l
				}
			}
		}
		if (a == "--lang" || a == "-lang") && i+1 < len(args) {
			if l, err := i18n.Parse(args[i+1]); err == nil {
				return l
			}
		}
	}
	return EnvLanguage()
}

// EnvLanguage is the language the locale variables ask for, in the
// order gettext reads them: LANGUAGE (a list) unless the locale is C,
// then LC_ALL, LC_MESSAGES and LANG. C, POSIX and unset are English.
func EnvLanguage() i18n.Lang {
	locale := ""
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" {
			locale = v
			break
		}
	}
	if locale == "C" || locale == "POSIX" || strings.HasPrefix(locale, "C.") {
		return i18n.EN
	}
	var list []string
	if v := os.Getenv("LANGUAGE"); v != "" {
		list = strings.Split(v, ":")
	}
	return i18n.Match(append(list, locale)...)
}
