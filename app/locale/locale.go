// Package locale gives Fyne a locale it can parse before any Fyne package
// starts. Under LANG=C or C.UTF-8 (CI, containers, ssh sessions) Fyne logs
// "Error parsing user locale C" at every start, even for the headless
// `corridor-atlas export`, because a Fyne package localises a string while
// it initialises.
//
// The fix must run earlier than that: this package imports nothing but the
// standard library, and Go initialises packages in import-path order once
// their imports are ready, so github.com/corridor-atlas/... runs before the
// github.com/jeandeaual/go-locale and fyne.io/fyne/v2/lang packages that
// read the environment. main imports it for that side effect.
package locale

import "os"

func init() {
	for _, key := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(key)
		switch v {
		case "":
			continue
		case "C", "POSIX", "C.UTF-8", "C.utf8":
			// A C locale says nothing about language: English, as Fyne
			// would fall back to anyway, but without the error.
			os.Setenv(key, "en_US.UTF-8")
			continue
		}
		return // a real locale is set: leave it
	}
	if os.Getenv("LANG") == "" {
		os.Setenv("LANG", "en_US.UTF-8")
	}
}
