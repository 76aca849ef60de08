// Package i18ntest helps the catalogue tests: it finds the message keys
// a package's code names, so a test can fail on a key no code uses.
package i18ntest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Literals returns every string literal in the Go files (tests excluded)
// of the given folders, relative to the calling test's package folder. A
// catalogue key is used when one of them is the key or a plural key's
// stem; keys made up at run time ("figure." + kind) are added by the test
// from the closed list they come from.
func Literals(t testing.TB, dirs ...string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	inspect(t, dirs, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if s, err := strconv.Unquote(lit.Value); err == nil {
				out[s] = true
			}
		}
		return true
	})
	return out
}

// inspect walks the syntax of every Go file (tests excluded) in dirs.
func inspect(t testing.TB, dirs []string, visit func(ast.Node) bool) {
	t.Helper()
	fset := token.NewFileSet()
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, visit)
		}
	}
}

// Calls returns the first string literal passed to a function or method
// called by one of names in the Go files of dirs: the keys the code looks
// up, which the catalogue must have. A name is a function or method
// ("tr", "T": any receiver), a method on a named receiver ("messages.T"),
// or a receiver to leave out ("!messages": its T is another catalogue's).
func Calls(t testing.TB, names []string, dirs ...string) map[string]bool {
	t.Helper()
	want := map[string]bool{}
	skip := map[string]bool{}
	for _, n := range names {
		if r, ok := strings.CutPrefix(n, "!"); ok {
			skip[r] = true
		} else {
			want[n] = true
		}
	}
	out := map[string]bool{}
	inspect(t, dirs, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		match := false
		switch f := call.Fun.(type) {
		case *ast.Ident:
			match = want[f.Name]
		case *ast.SelectorExpr:
			recv := ""
			if id, ok := f.X.(*ast.Ident); ok {
				recv = id.Name
			}
			match = want[recv+"."+f.Sel.Name] || want[f.Sel.Name] && !skip[recv]
		}
		if !match {
			return true
		}
		// The key is the first string literal among the arguments:
		// tr("key"), msg(l, "key"), messages.T(l, "key", data).
		for _, arg := range call.Args {
			if lit, ok := arg.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					out[s] = true
				}
				break
			}
		}
		return true
	})
	return out
}

// Complete fails t on every problem check reports (a catalogue's Check)
// for the package in the test's folder: its string literals, and the
// keys its calls to names look up (as for Calls).
func Complete(t testing.TB, check func(used, called map[string]bool) []string, names ...string) {
	t.Helper()
	for _, p := range check(Literals(t, "."), Calls(t, names, ".")) {
		t.Error(p)
	}
}
