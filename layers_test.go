package sourcescore_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLayers keeps the house standing: data flows cmd → job → analysis →
// {ingest, rules, scoring, store, reports} → root → standard library, and
// the five middle packages never import each other. analysis (the models
// the views render) is where job and cmd read stored runs from; it never
// imports job or cmd, and no middle package imports it.
func TestLayers(t *testing.T) {
	middle := []string{"ingest", "rules", "scoring", "store", "reports"}
	never := map[string][]string{
		"sourcescore": append([]string{"job", "analysis", "cmd/sourcescore"}, middle...),
		"job":         {"cmd/sourcescore"},
		"analysis":    {"job", "cmd/sourcescore"},
	}
	for _, m := range middle {
		for _, other := range middle {
			if other != m {
				never[m] = append(never[m], other)
			}
		}
		never[m] = append(never[m], "job", "analysis", "cmd/sourcescore")
	}
	for pkg, forbidden := range never {
		path := "sourcescore"
		if pkg != "sourcescore" {
			path += "/" + pkg
		}
		out, err := exec.Command("go", "list", "-deps", path).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", path, err)
		}
		deps := map[string]bool{}
		for _, d := range strings.Fields(string(out)) {
			deps[d] = true
		}
		for _, f := range forbidden {
			if deps["sourcescore/"+f] {
				t.Errorf("%s imports sourcescore/%s", path, f)
			}
		}
		if pkg == "sourcescore" {
			for d := range deps {
				if strings.Contains(strings.SplitN(d, "/", 2)[0], ".") {
					t.Errorf("the root package depends on third-party %s", d)
				}
			}
		}
	}
	// Each mandated library has one importer.
	owners := map[string]string{"github.com/mattn/go-sqlite3": "sourcescore/store", "github.com/robfig/cron/v3": "sourcescore/cmd/sourcescore",
		"github.com/xuri/excelize/v2": "sourcescore/reports"}
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, "./...").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		for _, imp := range f[1:] {
			if owner, ok := owners[imp]; ok && f[0] != owner {
				t.Errorf("%s imports %s; only %s may", f[0], imp, owner)
			}
		}
	}
}
