// Package window is the Corridor Atlas desktop window: the interactive
// map, its side panel, timeline, info panel, menus and dialogs. It is the
// only package that uses Fyne; everything on the map is drawn by
// app/render, and exports go through app/export exactly as on the
// command line.
//
// Threading: Fyne calls the widgets on its UI goroutine, and all window
// state lives there. Frames are drawn on the painter's goroutine from
// scene snapshots and handed back with fyne.Do; exports and file loads run
// on goroutines of their own and report back the same way.
package window

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/theme"

	"github.com/corridor-atlas/corridor-atlas/app/render"
)

// AppID identifies the app to the desktop and names its preferences.
const AppID = "io.github.corridoratlas.CorridorAtlas"

// Title is the window's title. Once there are projects, the open
// project's name follows it.
const Title = "Corridor Atlas"

// exportToEnv presets the export dialog's output file, so automated runs
// (the Xvfb test) can export with Ctrl+E without a file chooser.
const exportToEnv = "CORRIDOR_ATLAS_EXPORT_TO"

// Run opens the window and blocks until it closes. It returns the exit
// status. With --measure-startup it prints the time from process start to
// the first map frame painted in the window, and exits.
func Run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("corridor-atlas", flag.ContinueOnError)
	fs.SetOutput(stderr)
	measure := fs.Bool("measure-startup", false, "print the time from process start to the first map frame in the window, then exit")
	projectFile := fs.String("project", "", "open this project (.catlas) file")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "corridor-atlas: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	start := processStart()

	withoutEmoji()
	a := app.NewWithID(AppID)
	deferTruncation()
	// The language first: the window is built in it.
	choice := a.Preferences().String(prefLanguage)
	if err := useLanguage(languageFor(choice)); err != nil {
		fmt.Fprintf(stderr, "corridor-atlas: %v\n", err)
		return 1
	}
	win := a.NewWindow(Title)
	atlas, err := newAtlas(a, win, true)
	if err != nil {
		fmt.Fprintf(stderr, "corridor-atlas: %v\n", err)
		return 1
	}
	atlas.langChoice = choice
	atlas.exportTo = os.Getenv(exportToEnv)
	atlas.loadPrefs()
	if *projectFile != "" {
		atlas.openProject(*projectFile)
	}
	// What starting up left behind (the parsed data's garbage, the
	// first frame's scratch) goes back to the system once the map is up.
	atlas.mapv.OnFirstPaint = func() { go debug.FreeOSMemory() }
	if *measure {
		atlas.mapv.OnFirstPaint = func() {
			fmt.Fprintf(os.Stdout, "startup: %d ms from process start to the first map frame in the window\n",
				time.Since(start).Milliseconds())
			atlas.close()
			a.Quit()
		}
	}
	win.SetCloseIntercept(func() {
		if *measure {
			atlas.close()
			win.Close()
			return
		}
		// Asks about unsaved changes, then saves the preferences and quits.
		atlas.quit()
	})
	win.SetMaster()
	win.ShowAndRun()
	atlas.close()
	return 0
}

// withoutEmoji puts the map's label face where Fyne keeps its emoji
// font, the last face a character is looked up in. The window shows no
// emoji, and Fyne 2.7 parses its 4.2 MB colour emoji font again for every
// text style a window uses: 16 MB of the window's memory at start,
// measured under Xvfb. Fyne offers only the no_emoji build tag to leave it
// out, which `go run .` cannot pass. The face put there must have a space:
// Fyne sets the space after a character found only in that face (the
// arrow of "Aktau → Sangachal") in the same face, and Fyne's small symbol
// font, which was put there first, has none: it showed a missing-glyph box.
func withoutEmoji() {
	if r, ok := theme.DefaultEmojiFont().(*fyne.StaticResource); ok {
		r.StaticContent = render.FallbackFont()
	}
}
