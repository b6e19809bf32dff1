package reports

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImports keeps the house standing: reports imports the root package,
// the standard library, gocsv and excelize, and its tests add only go-cmp
// and golang.org/x/net/html (to read report.html back as a browser parses it).
func TestImports(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			first, _, _ := strings.Cut(path, "/")
			switch {
			case !strings.Contains(first, ".") && first != "sourcescore": // standard library
			case path == "sourcescore", path == "github.com/gocarina/gocsv", path == "github.com/xuri/excelize/v2":
			case (path == "github.com/google/go-cmp/cmp" || path == "golang.org/x/net/html") && strings.HasSuffix(name, "_test.go"):
			default:
				t.Errorf("%s imports %s", name, path)
			}
		}
	}
}
