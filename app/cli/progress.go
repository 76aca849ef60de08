package cli

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/corridor-atlas/corridor-atlas/data/i18n"
)

// bigFile is the size from which loading reports its progress.
const bigFile = 10 << 20

// progressFor returns a progress reporter that rewrites one line of w with
// the percentage read, or nil when w is not a terminal (scripts and logs
// get no carriage-return noise) or the file is small.
func progressFor(w io.Writer, path string, l i18n.Lang) func(float64) {
	f := terminal(w)
	if f == nil {
		return nil
	}
	if st, err := os.Stat(path); err != nil || st.Size() < bigFile {
		return nil
	}
	var last time.Time
	return func(frac float64) {
		if frac < 1 && time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		fmt.Fprintf(f, "\r%s %s: %3.0f%%", msg(l, "progress.loading"), path, frac*100)
		if frac >= 1 {
			fmt.Fprint(f, "\n")
		}
	}
}
