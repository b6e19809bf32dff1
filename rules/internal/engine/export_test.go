package engine

import (
	"os"
	"path/filepath"
	"testing"

	"sourcescore"
)

// BuiltinHook loads the built-in rule set's engine and boilerplate markers.
// builtin_test.go (package engine_test, which may import package rules,
// as this package's own tests may not) sets it.
var BuiltinHook func() (*Engine, sourcescore.Boilerplate, error)

// builtinSet is the built-in rule set as the engine's tests see it.
type builtinSet struct {
	*Engine
	Boilerplate sourcescore.Boilerplate
}

func builtin(tb testing.TB) *builtinSet {
	tb.Helper()
	if BuiltinHook == nil {
		tb.Fatal("BuiltinHook is not set")
	}
	e, bp, err := BuiltinHook()
	if err != nil {
		tb.Fatal(err)
	}
	return &builtinSet{e, bp}
}

// text prepares body under the set's engine, as the rules do.
func (s *builtinSet) text(body string) *Text {
	t := new(Text)
	t.Reset(s.Engine, body, sourcescore.LowerSameLength(body), nil)
	return t
}

// seedArticles reads the seed texts.
func seedArticles(tb testing.TB) [][]byte {
	tb.Helper()
	files, err := filepath.Glob("../../../seeds/*.txt")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no seeds: %v", err)
	}
	var out [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}
