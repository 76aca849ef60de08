package cli

import (
	"os"
	"testing"
)

// TestMain runs the tests in the C locale, so messages are English
// whatever the machine's locale; the language tests ask for theirs.
func TestMain(m *testing.M) {
	for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		os.Unsetenv(k)
	}
	os.Setenv("LC_ALL", "C")
	os.Exit(m.Run())
}
