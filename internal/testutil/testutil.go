// Package testutil holds helpers shared by the tests of several packages:
// copies of the seeds, the built-in rules without machine-dependent word
// lists, and CSV reading.
package testutil

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sourcescore/rules"
)

// CopyDir copies a folder to a new temporary one and returns it.
func CopyDir(tb testing.TB, dir string) string {
	tb.Helper()
	out := tb.TempDir()
	if err := os.CopyFS(out, os.DirFS(dir)); err != nil {
		tb.Fatal(err)
	}
	return out
}

var wordlist = regexp.MustCompile(`(?m)^(\s*wordlist:).*$`)

// HermeticRulesDir writes the built-in rules to a temporary folder with
// their word lists blanked, so that results do not depend on whether the
// machine has wngerman installed, and returns the folder.
func HermeticRulesDir(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := os.CopyFS(dir, rules.BuiltinFS()); err != nil {
		tb.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(f, wordlist.ReplaceAll(data, []byte("$1 \"\"")), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// HermeticRules loads the rules of HermeticRulesDir.
func HermeticRules(tb testing.TB) *rules.Set {
	tb.Helper()
	set, err := rules.LoadDir(HermeticRulesDir(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return set
}

// ReadCSV reads a comma-separated report into rows of column → value.
func ReadCSV(tb testing.TB, path string) []map[string]string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	var rows []map[string]string
	for _, r := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = r[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// SetManifestStory writes story into the story column (the last) of every
// row of the manifest of input.
func SetManifestStory(tb testing.TB, input, story string) {
	tb.Helper()
	path := filepath.Join(input, "manifest.csv")
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	for i := 1; i < len(lines); i++ {
		lines[i] = lines[i][:strings.LastIndexByte(lines[i], ',')+1] + story
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		tb.Fatal(err)
	}
}
